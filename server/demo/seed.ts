import type { Db } from '../db/database.js'

/** Placeholder until the demo community lands: seeds nothing. */
export async function seedDemoIfEmpty(
  _db: Db,
  _opts: { progress: boolean },
): Promise<{ login: string; password: string } | null> {
  return null
}

export async function seedDemo(
  _db: Db,
  _opts: { progress: boolean },
): Promise<{ login: string; password: string }> {
  throw new Error('not yet')
}
