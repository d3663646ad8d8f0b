import { sql } from 'kysely'
import { hashPassword } from '../../server/accounts/passwords.js'
import type { Role } from '../../server/accounts/roles.js'
import { createSession } from '../../server/accounts/sessions.js'
import type { TestApp } from './app.js'

let seq = 0
let passwordHash: Promise<string> | undefined
export const defaultPassword = 'correct horse battery'

export interface Member {
  id: number
  handle: string
  email: string
  role: Role
  token: string
  /** Bearer headers to pass to inject(). */
  auth: { authorization: string }
}

/** A member signed in with a bearer token, written straight to the database (fast: no argon2 per member). */
export async function makeMember(
  t: TestApp,
  opts: {
    role?: Role
    handle?: string
    groups?: number[]
    silenced?: boolean
    charterVersion?: number | null
  } = {},
): Promise<Member> {
  passwordHash ??= hashPassword(defaultPassword)
  const n = ++seq
  const handle = opts.handle ?? `member${process.pid % 10000}_${n}`
  const email = `${handle.toLowerCase()}@example.test`
  const user = await t.db
    .insertInto('users')
    .values({
      email,
      handle,
      displayName: `Member ${n}`,
      role: opts.role ?? 'member',
      passwordHash: await passwordHash,
      charterVersion: opts.charterVersion === undefined ? 1 : opts.charterVersion,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
  for (const groupId of opts.groups ?? []) {
    await t.db.insertInto('groupMembers').values({ groupId, userId: user.id }).execute()
  }
  if (opts.silenced) {
    await t.db
      .insertInto('sanctions')
      .values({
        userId: user.id,
        kind: 'silence',
        ruleId: 'respect',
        reason: 'test',
        endsAt: sql`now() + interval '1 day'`,
      })
      .execute()
  }
  const { token } = await createSession(t.db, user.id, {})
  return {
    id: user.id,
    handle,
    email,
    role: opts.role ?? 'member',
    token,
    auth: { authorization: `Bearer ${token}` },
  }
}

export async function makeGroup(t: TestApp, slug = `group${++seq}`): Promise<number> {
  const row = await t.db
    .insertInto('groups')
    .values({ slug, name: slug })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
