import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { publicUserColumns } from './present.js'

export function findByLogin(db: Db, login: string) {
  const key = login.trim().toLowerCase()
  return db
    .selectFrom('users')
    .select([...publicUserColumns, 'passwordHash'])
    .where((eb) => eb.or([eb(sql`lower(email)`, '=', key), eb(sql`lower(handle)`, '=', key)]))
    .executeTakeFirst()
}

export function findPublicById(db: Db, id: number) {
  return db.selectFrom('users').select(publicUserColumns).where('id', '=', id).executeTakeFirst()
}

export function findPublicByHandle(db: Db, handle: string) {
  return db
    .selectFrom('users')
    .select(publicUserColumns)
    .where(sql`lower(handle)`, '=', handle.toLowerCase())
    .executeTakeFirst()
}

export function findPrivateById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select([...publicUserColumns, 'email', 'locale', 'timeZone', 'charterVersion', 'bio'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export function groupsOf(db: Db, userId: number) {
  return db
    .selectFrom('groupMembers as gm')
    .innerJoin('groups as g', 'g.id', 'gm.groupId')
    .select(['g.id', 'g.slug', 'g.name'])
    .where('gm.userId', '=', userId)
    .orderBy('g.name')
    .execute()
}

export async function emailOrHandleTaken(db: Db, email: string, handle: string) {
  const row = await db
    .selectFrom('users')
    .select([
      sql<boolean>`bool_or(lower(email) = ${email.toLowerCase()})`.as('email'),
      sql<boolean>`bool_or(lower(handle) = ${handle.toLowerCase()})`.as('handle'),
    ])
    .where((eb) =>
      eb.or([
        eb(sql`lower(email)`, '=', email.toLowerCase()),
        eb(sql`lower(handle)`, '=', handle.toLowerCase()),
      ]),
    )
    .executeTakeFirst()
  return { email: row?.email === true, handle: row?.handle === true }
}
