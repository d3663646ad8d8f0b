import type { Db } from '../db/database.js'

export async function latestVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('charterVersions')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirstOrThrow()
  return row.version ?? 1
}

export async function charterAt(db: Db, version: number) {
  const head = await db
    .selectFrom('charterVersions')
    .select(['version', 'publishedAt', 'summary'])
    .where('version', '=', version)
    .executeTakeFirst()
  if (!head) return null
  const rules = await db
    .selectFrom('charterRules')
    .select(['ruleId as id', 'title', 'body'])
    .where('version', '=', version)
    .orderBy('position')
    .execute()
  return { ...head, rules }
}
