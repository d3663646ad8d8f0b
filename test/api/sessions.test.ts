import { sql } from 'kysely'
import t from 'tap'
import { hashToken } from '../../server/accounts/sessions.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { assertRefused } from './refused.js'

const me = (a: Awaited<ReturnType<typeof build>>, headers: Record<string, string>) =>
  a.inject({ method: 'GET', url: '/api/me', headers })

t.test('a session past its expiry is refused', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  await a.db
    .updateTable('sessions')
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where('tokenHash', '=', hashToken(m.token))
    .execute()
  assertRefused(t, await me(a, m.auth), 401, 'invalid_token')
  const row = await a.db
    .selectFrom('sessions')
    .select(['expiresAt', 'lastUsedAt'])
    .where('tokenHash', '=', hashToken(m.token))
    .executeTakeFirstOrThrow()
  t.ok(row.expiresAt.getTime() < Date.now(), 'an expired session is not extended by trying it')
})

t.test('logout revokes at once, even when the session is cached', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  const other = await makeMember(a)
  t.equal((await me(a, m.auth)).statusCode, 200, 'the cache is warm')
  t.equal((await me(a, m.auth)).statusCode, 200)
  const out = await a.inject({ method: 'POST', url: '/api/auth/logout', headers: m.auth })
  t.equal(out.statusCode, 204)
  assertRefused(t, await me(a, m.auth), 401, 'invalid_token', 'the revoked token')
  assertRefused(
    t,
    await a.inject({ method: 'PATCH', url: '/api/me', headers: m.auth, payload: { bio: 'after logout' } }),
    401,
    'invalid_token',
    'a write with the revoked token',
  )
  const row = await a.db
    .selectFrom('sessions')
    .select('revokedAt')
    .where('tokenHash', '=', hashToken(m.token))
    .executeTakeFirstOrThrow()
  t.ok(row.revokedAt, 'the session row is marked revoked')
  const bio = await a.db.selectFrom('users').select('bio').where('id', '=', m.id).executeTakeFirstOrThrow()
  t.equal(bio.bio, '', 'the write after logout did not land')
  t.equal((await me(a, other.auth)).statusCode, 200, 'other members stay signed in')
})

t.test('a revoked token answers 401 invalid_token; a malformed header too', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  await a.db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('tokenHash', '=', hashToken(m.token))
    .execute()
  assertRefused(t, await me(a, m.auth), 401, 'invalid_token')
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/charter', headers: m.auth }),
    401,
    'invalid_token',
  )
  assertRefused(t, await me(a, { authorization: 'Bearer short' }), 401, 'invalid_token', 'malformed')
  assertRefused(t, await me(a, { authorization: `Basic ${m.token}` }), 401, 'invalid_token', 'wrong scheme')
  assertRefused(
    t,
    await me(a, { authorization: `Bearer ${'x'.repeat(43)}` }),
    401,
    'invalid_token',
    'unknown',
  )
})

t.test('a role change takes effect on the next request', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const m = await makeMember(a)
  const target = await makeMember(a)
  const setRole = (who: { auth: Record<string, string> }, id: number, role: string) =>
    a.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: who.auth, payload: { role } })

  assertRefused(t, await setRole(m, target.id, 'moderator'), 403, 'forbidden', 'a member cannot grant roles')
  t.equal(json(await me(a, m.auth)).user.role, 'member', 'the viewer is cached as a member')

  const promoted = await setRole(admin, m.id, 'admin')
  t.equal(promoted.statusCode, 200, promoted.body)
  t.equal(json(promoted).user.role, 'admin')
  t.equal(json(await me(a, m.auth)).user.role, 'admin', 'seen at once')
  const granted = await setRole(m, target.id, 'moderator')
  t.equal(granted.statusCode, 200, 'the new admin acts at once')

  t.equal((await setRole(admin, m.id, 'member')).statusCode, 200)
  assertRefused(t, await setRole(m, target.id, 'member'), 403, 'forbidden', 'the demotion bites at once')
  const row = await a.db
    .selectFrom('users')
    .select('role')
    .where('id', '=', target.id)
    .executeTakeFirstOrThrow()
  t.equal(row.role, 'moderator', 'the refused change was not written')
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['actorId', 'action', 'targetId', 'data'])
    .where('action', '=', 'user.role_changed')
    .orderBy('id')
    .execute()
  t.match(audit, [
    { actorId: admin.id, targetId: String(m.id), data: { from: 'member', to: 'admin' } },
    { actorId: m.id, targetId: String(target.id), data: { from: 'member', to: 'moderator' } },
    { actorId: admin.id, targetId: String(m.id), data: { from: 'admin', to: 'member' } },
  ])
  t.equal(audit.length, 3, 'refused changes leave no audit row')
})

t.test('an admin cannot demote themselves', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  for (const role of ['moderator', 'member']) {
    assertRefused(
      t,
      await a.inject({
        method: 'PATCH',
        url: `/api/users/${admin.id}`,
        headers: admin.auth,
        payload: { role },
      }),
      422,
      'cannot_demote_self',
    )
  }
  const row = await a.db
    .selectFrom('users')
    .select('role')
    .where('id', '=', admin.id)
    .executeTakeFirstOrThrow()
  t.equal(row.role, 'admin')
  t.equal((await a.db.selectFrom('auditLog').selectAll().execute()).length, 0)
  assertRefused(
    t,
    await a.inject({
      method: 'PATCH',
      url: '/api/users/999999',
      headers: admin.auth,
      payload: { role: 'admin' },
    }),
    404,
    'not_found',
  )
})

t.test('a stale cookie reads anonymously and is cleared', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  await a.db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('tokenHash', '=', hashToken(m.token))
    .execute()
  const read = await a.inject({ method: 'GET', url: '/api/charter', cookies: { tribune_session: m.token } })
  t.equal(read.statusCode, 200, 'the visitor still reads')
  const cleared = read.cookies.find((c) => c.name === 'tribune_session')
  t.ok(cleared, 'the cookie is reset')
  t.equal(cleared?.value, '')
  t.ok(cleared?.expires && cleared.expires.getTime() <= Date.now(), 'and expired')
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/me', cookies: { tribune_session: m.token } }),
    401,
    'unauthenticated',
    'as a visitor, not as an invalid token',
  )
  const garbage = await a.inject({
    method: 'GET',
    url: '/api/charter',
    cookies: { tribune_session: 'garbage' },
  })
  t.equal(garbage.statusCode, 200)
})
