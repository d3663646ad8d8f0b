import type { Db } from '../db/database.js'
import { forbidden, type HttpError } from '../http/errors.js'

/** The 403 a suspended or banned member gets, wherever they meet it (login, SSO, any request). */
export function lockedOut(lock: { kind: string; endsAt: Date | null }, whose = 'This account'): HttpError {
  const what = lock.kind === 'ban' ? 'banned' : 'suspended'
  const until = lock.endsAt ? ` until ${lock.endsAt.toISOString()}` : ''
  return forbidden(what, `${whose} is ${what}${until}.`)
}

/** Refuses a sign-in while a suspension or ban is in force (a ban first, when both are). */
export async function assertNotLockedOut(db: Db, userId: number): Promise<void> {
  const lock = await db
    .selectFrom('sanctions')
    .select(['kind', 'endsAt'])
    .where('userId', '=', userId)
    .where('liftedAt', 'is', null)
    .where('kind', 'in', ['suspension', 'ban'])
    .where((eb) => eb.or([eb('endsAt', 'is', null), eb('endsAt', '>', new Date())]))
    .orderBy('kind')
    .executeTakeFirst()
  if (lock) throw lockedOut(lock)
}
