import type { FastifyInstance } from 'fastify'
import { errors as joseErrors, jwtVerify } from 'jose'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { HttpError } from '../http/errors.js'
import { assertNotLockedOut } from './locks.js'
import { presentUser, publicUserColumns } from './present.js'
import { createSession } from './sessions.js'

/** A brand site may not mint tokens that live longer than this (shared/API.md). */
const maxLifetimeSeconds = 600
const clockToleranceSeconds = 30

const refused = (message: string) => new HttpError(401, 'invalid_sso_token', message)

interface SsoClaims {
  sub: string
  email: string
  name: string
  avatar?: string | undefined
  jti: string
  exp: number
  iat: number
}

/** The secret in force: the one an admin set, else SSO_SECRET from the environment. */
export async function ssoSecret(app: FastifyInstance): Promise<string | undefined> {
  const row = await app.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'sso_secret')
    .executeTakeFirst()
  return typeof row?.value === 'string' ? row.value : app.config.ssoSecret
}

async function verify(app: FastifyInstance, token: string): Promise<SsoClaims> {
  const secret = await ssoSecret(app)
  if (!secret)
    throw new HttpError(422, 'sso_not_configured', 'Single sign-on is not configured for this community.')
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      clockTolerance: clockToleranceSeconds,
    }))
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw refused('This sign-in token has expired.')
    throw refused('This sign-in token is not valid.')
  }
  const { sub, email, name, avatar, jti, exp, iat } = payload
  if (typeof sub !== 'string' || !sub || sub.length > 200)
    throw refused('The token must name the user (sub).')
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
    throw refused('The token must carry a valid email.')
  if (typeof name !== 'string' || !name.trim() || name.length > 200)
    throw refused('The token must carry a name.')
  if (typeof jti !== 'string' || !jti || jti.length > 200) throw refused('The token must carry a unique jti.')
  if (typeof exp !== 'number' || typeof iat !== 'number') throw refused('The token must carry iat and exp.')
  if (exp - iat > maxLifetimeSeconds) throw refused('Sign-in tokens may live 10 minutes at most.')
  if (iat > Date.now() / 1000 + clockToleranceSeconds)
    throw refused('This sign-in token was issued in the future.')
  const safeAvatar =
    typeof avatar === 'string' && /^https?:\/\//i.test(avatar) && avatar.length < 2000 ? avatar : undefined
  return { sub, email, name: name.trim(), avatar: safeAvatar, jti, exp, iat }
}

/**
 * Exchanges a brand site's signed token for a Tribune session, creating the member on first
 * visit or linking an existing account with the same email. Each token works once.
 */
export async function signInWithSso(
  app: FastifyInstance,
  token: string,
  meta: { ip?: string; userAgent?: string | undefined },
) {
  const claims = await verify(app, token)
  const user = await app.db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('ssoTokenUses')
      .values({ jti: claims.jti, expiresAt: new Date((claims.exp + clockToleranceSeconds) * 1000) })
      .onConflict((oc) => oc.column('jti').doNothing())
      .returning('jti')
      .executeTakeFirst()
    if (!fresh) throw refused('This sign-in token was already used.')
    await trx.deleteFrom('ssoTokenUses').where('expiresAt', '<', sql<Date>`now()`).execute()
    return findOrCreate(trx as unknown as Db, claims)
  })
  await assertNotLockedOut(app.db, user.id)
  const session = await createSession(app.db, user.id, meta)
  return { user: presentUser(user), ...session }
}

async function findOrCreate(db: Db, c: SsoClaims) {
  const linked = await db
    .selectFrom('ssoIdentities')
    .select('userId')
    .where('externalId', '=', c.sub)
    .executeTakeFirst()
  let userId = linked?.userId
  if (userId === undefined) {
    const byEmail = await db
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', c.email.toLowerCase())
      .executeTakeFirst()
    userId = byEmail?.id ?? (await createMember(db, c))
    await db.insertInto('ssoIdentities').values({ externalId: c.sub, userId }).execute()
  }
  // The brand site is the source of truth for its members' names and pictures.
  return db
    .updateTable('users')
    .set({ displayName: c.name.slice(0, 60), ...(c.avatar ? { avatarUrl: c.avatar } : {}) })
    .where('id', '=', userId)
    .returning(publicUserColumns)
    .executeTakeFirstOrThrow()
}

async function createMember(db: Db, c: SsoClaims): Promise<number> {
  const base =
    (c.name || c.email.split('@')[0]!)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 24) || 'member'
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle =
      attempt === 0 && base.length >= 2 ? base : `${base.slice(0, 20)}_${Math.floor(Math.random() * 10_000)}`
    const row = await db
      .insertInto('users')
      .values({
        email: c.email,
        handle,
        displayName: c.name.slice(0, 60),
        passwordHash: null,
        charterVersion: null,
      })
      .onConflict((oc) => oc.expression(sql`lower(handle)`).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (row) return row.id
  }
  throw new HttpError(409, 'handle_unavailable', 'Could not find a free handle for this member.')
}
