import type { FastifyInstance } from 'fastify'
import { recordAudit } from '../audit/record.js'
import type { Db } from '../db/database.js'
import { conflict, HttpError, notFound, unprocessable } from '../http/errors.js'
import { assertNotLockedOut } from './locks.js'
import { hashPassword, needsRehash, verifyPassword } from './passwords.js'
import { presentUser, publicUserColumns } from './present.js'
import { emailOrHandleTaken, findByLogin, findPrivateById, findPublicById, groupsOf } from './queries.js'
import type { Role } from './roles.js'
import { createSession, revokeSession } from './sessions.js'
import type { Viewer } from './viewer.js'

/** Handles that belong to the community itself: no member may register them. */
const reservedHandles = new Set([
  'admin',
  'administrator',
  'moderator',
  'system',
  'tribune',
  'support',
  'staff',
  'me',
])

export interface RegisterInput {
  email: string
  handle: string
  password: string
  charterVersion: number
  displayName?: string | undefined
  locale?: string | undefined
}

type Meta = { ip?: string; userAgent?: string | undefined }

/**
 * Creates a member who has accepted the charter in force, and signs them in.
 * @example await register(app, { email: 'ana@example.com', handle: 'ana', password: '…', charterVersion: 1 }, meta)
 */
export async function register(app: FastifyInstance, input: RegisterInput, meta: Meta) {
  const current = await app.charter.currentVersion()
  if (input.charterVersion !== current) {
    throw unprocessable('charter_outdated', `Accept the charter in force (version ${current}) to join.`)
  }
  if (reservedHandles.has(input.handle.toLowerCase())) {
    throw conflict('handle_unavailable', 'This handle is reserved; choose another.')
  }
  const taken = await emailOrHandleTaken(app.db, input.email, input.handle)
  if (taken.handle) throw conflict('handle_unavailable', 'This handle is already taken; choose another.')
  if (taken.email) throw conflict('email_unavailable', 'An account cannot be created with this email.')
  const passwordHash = await hashPassword(input.password)
  let user: Awaited<ReturnType<typeof insertMember>>
  try {
    user = await insertMember(app.db, { ...input, passwordHash, charterVersion: current })
  } catch (err) {
    // Two registrations racing for the same handle or email: the unique index decides.
    if ((err as { code?: string }).code === '23505')
      throw conflict('handle_unavailable', 'This handle or email was just taken.')
    throw err
  }
  const session = await createSession(app.db, user.id, meta)
  return { user: presentUser(user), ...session }
}

function insertMember(db: Db, input: RegisterInput & { passwordHash: string }) {
  return db
    .insertInto('users')
    .values({
      email: input.email.trim(),
      handle: input.handle,
      displayName: input.displayName?.trim() || input.handle,
      passwordHash: input.passwordHash,
      charterVersion: input.charterVersion,
      locale: input.locale ?? null,
    })
    .returning(publicUserColumns)
    .executeTakeFirstOrThrow()
}

const badLogin = () =>
  new HttpError(401, 'invalid_credentials', 'That login and password do not match an account.')

/** Signs in by email or handle. The same answer, after the same work, whether or not the account exists. */
export async function login(app: FastifyInstance, input: { login: string; password: string }, meta: Meta) {
  const row = await findByLogin(app.db, input.login)
  const ok = await verifyPassword(row?.passwordHash ?? null, input.password)
  if (!row || !ok) throw badLogin()
  await assertNotLockedOut(app.db, row.id)
  if (row.passwordHash && needsRehash(row.passwordHash)) {
    await app.db
      .updateTable('users')
      .set({ passwordHash: await hashPassword(input.password) })
      .where('id', '=', row.id)
      .execute()
  }
  const { passwordHash: _, ...user } = row
  const session = await createSession(app.db, row.id, meta)
  return { user: presentUser(user), ...session }
}

export async function logout(app: FastifyInstance, tokenHash: string): Promise<void> {
  await revokeSession(app.db, tokenHash)
  await app.viewers.invalidateSession(tokenHash)
}

export async function me(app: FastifyInstance, viewer: Viewer) {
  const [row, groups, current] = await Promise.all([
    findPrivateById(app.db, viewer.id),
    groupsOf(app.db, viewer.id),
    app.charter.currentVersion(),
  ])
  if (!row) throw notFound('Your account')
  return {
    ...presentUser(row),
    email: row.email,
    locale: row.locale,
    timeZone: row.timeZone,
    charterVersion: row.charterVersion,
    mustAcceptCharter: row.charterVersion !== current,
    groups,
    restriction: viewer.restriction
      ? { kind: viewer.restriction.kind, endsAt: viewer.restriction.endsAt?.toISOString() ?? null }
      : null,
  }
}

export async function updateProfile(
  app: FastifyInstance,
  viewer: Viewer,
  patch: {
    displayName?: string | undefined
    locale?: string | null | undefined
    timeZone?: string | null | undefined
    bio?: string | undefined
  },
) {
  if (patch.timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: patch.timeZone })
    } catch {
      throw unprocessable('invalid_time_zone', `"${patch.timeZone}" is not a time zone (try "Europe/Paris").`)
    }
  }
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  if (Object.keys(values).length > 0) {
    await app.db.updateTable('users').set(values).where('id', '=', viewer.id).execute()
    await app.viewers.invalidateUser(viewer.id)
  }
  return me(app, viewer)
}

/** Admins grant and withdraw roles; an admin cannot demote themselves (someone must stay in charge). */
export async function changeRole(app: FastifyInstance, actor: Viewer, userId: number, role: Role) {
  const target = await findPublicById(app.db, userId)
  if (!target) throw notFound(`User ${userId}`)
  if (target.id === actor.id && role !== 'admin') {
    throw unprocessable('cannot_demote_self', 'You cannot remove your own admin role; ask another admin.')
  }
  const updated = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ role })
      .where('id', '=', userId)
      .returning(publicUserColumns)
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.role_changed',
      targetType: 'user',
      targetId: userId,
      data: { from: target.role, to: role },
    })
    return row
  })
  await app.viewers.invalidateUser(userId)
  return presentUser(updated)
}

export async function acceptCharter(app: FastifyInstance, userId: number, version: number): Promise<void> {
  await app.db.updateTable('users').set({ charterVersion: version }).where('id', '=', userId).execute()
  await app.viewers.invalidateUser(userId)
}

export async function publicProfile(app: FastifyInstance, userId: number) {
  const row = await findPublicById(app.db, userId)
  if (!row) throw notFound(`User ${userId}`)
  return presentUser(row)
}
