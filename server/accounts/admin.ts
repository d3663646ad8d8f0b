import type { FastifyBaseLogger } from 'fastify'
import { latestVersion } from '../charter/queries.js'
import type { Db } from '../db/database.js'
import { hashPassword } from './passwords.js'

/**
 * Creates the admin named by TRIBUNE_ADMIN_EMAIL / TRIBUNE_ADMIN_PASSWORD (handle `admin`) when no
 * account has that email. An existing account is left as it is: the environment seeds, it does not reset.
 */
export async function ensureAdmin(
  db: Db,
  email: string,
  password: string,
  log: FastifyBaseLogger,
): Promise<void> {
  const existing = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
  if (existing) return
  const handleTaken = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['handle']), '=', 'admin'))
    .executeTakeFirst()
  const handle = handleTaken ? `admin-${Date.now().toString(36)}` : 'admin'
  await db
    .insertInto('users')
    .values({
      email,
      handle,
      displayName: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(password),
      charterVersion: await latestVersion(db),
    })
    .execute()
  log.info({ email, handle }, 'created the admin account from TRIBUNE_ADMIN_EMAIL')
}
