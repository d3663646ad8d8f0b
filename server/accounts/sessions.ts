import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { Role } from './roles.js'
import type { Viewer } from './viewer.js'

export const sessionLifetimeMs = 30 * 24 * 3600 * 1000
/** A session is extended (and its last use noted) at most this often. */
const touchEveryMs = 3600 * 1000

/** 256 random bits, URL-safe. Only its hash is ever stored. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const { token, tokenHash } = newSessionToken()
  const expiresAt = new Date(Date.now() + sessionLifetimeMs)
  await db
    .insertInto('sessions')
    .values({
      userId,
      tokenHash,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return { token, tokenHash, expiresAt }
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .execute()
}

type ViewerRow = Omit<Viewer, 'via' | 'restriction'> & {
  lastUsedAt: Date
  restrictions: { kind: 'silence' | 'suspension' | 'ban'; endsAt: string | null }[] | null
}

/** One round trip: the live session, its member, their groups and active restrictions. */
export async function loadViewer(
  db: Db,
  tokenHash: string,
): Promise<(Omit<Viewer, 'via'> & { lastUsedAt: Date }) | null> {
  const row = (await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.id as sessionId',
      's.lastUsedAt',
      'u.id',
      'u.handle',
      'u.displayName',
      'u.role',
      'u.trustLevel',
      'u.charterVersion',
      sql<
        number[]
      >`coalesce((select array_agg(gm.group_id order by gm.group_id) from group_members gm where gm.user_id = u.id), '{}')`.as(
        'groupIds',
      ),
      sql<
        ViewerRow['restrictions']
      >`(select json_agg(json_build_object('kind', x.kind, 'endsAt', x.ends_at)) from sanctions x
        where x.user_id = u.id and x.lifted_at is null and x.kind <> 'warning' and (x.ends_at is null or x.ends_at > now()))`.as(
        'restrictions',
      ),
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst()) as ViewerRow | undefined
  if (!row) return null
  const { restrictions, ...rest } = row
  return {
    ...rest,
    role: rest.role as Role,
    groupIds: rest.groupIds.map(Number),
    restriction: strongest(restrictions),
  }
}

const severity = { silence: 1, suspension: 2, ban: 3 } as const

function strongest(list: ViewerRow['restrictions']): Viewer['restriction'] {
  if (!list || list.length === 0) return null
  const top = [...list].sort((a, b) => severity[b.kind] - severity[a.kind])[0]!
  return { kind: top.kind, endsAt: top.endsAt ? new Date(top.endsAt) : null }
}

/** Slides the expiry forward, at most once an hour per session so reads stay reads. */
export async function touchSession(db: Db, sessionId: number, lastUsedAt: Date): Promise<void> {
  if (Date.now() - lastUsedAt.getTime() < touchEveryMs) return
  await db
    .updateTable('sessions')
    .set({ lastUsedAt: sql`now()`, expiresAt: new Date(Date.now() + sessionLifetimeMs) })
    .where('id', '=', sessionId)
    .execute()
}
