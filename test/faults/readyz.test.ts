import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { build, json } from '../helpers/app.js'
import { adminQuery, testDb } from '../helpers/databases.js'
import { makeMember } from '../helpers/factories.js'
import { databaseName, terminateBackends } from './cut.js'

t.test('/readyz follows the database; requests get 503 while it is away', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  const ready = await a.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(json(ready), { status: 'ready' })
  if (testDb !== 'postgres') {
    // The embedded database lives in this process: it cannot go away while the process runs.
    t.pass('taking the database away runs on PostgreSQL only')
    return
  }
  const name = databaseName(a.url!)
  t.teardown(() => adminQuery(`alter database ${name} allow_connections true`))

  await adminQuery(`alter database ${name} allow_connections false`)
  await terminateBackends(name)

  const started = Date.now()
  const away = await a.inject({ method: 'GET', url: '/readyz' })
  t.equal(away.statusCode, 503, away.body)
  t.same(json(away), { status: 'database_unavailable' })
  t.ok(Date.now() - started < 2_500, `answered quickly (${Date.now() - started} ms)`)

  // Reads and writes that need the database say so with a retryable 503, never a 500.
  const read = await a.inject({ method: 'GET', url: '/api/me', headers: m.auth })
  assertRefused(t, read, 503, 'database_unavailable', 'a read')
  t.equal(read.headers['retry-after'], '2', 'clients are told when to retry')
  const write = await a.inject({ method: 'PATCH', url: '/api/me', headers: m.auth, payload: { bio: 'away' } })
  assertRefused(t, write, 503, 'database_unavailable', 'a write')
  const login = await a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: m.handle, password: 'correct horse battery' },
  })
  assertRefused(t, login, 503, 'database_unavailable', 'a login')
  t.equal((await a.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process itself is alive')

  await adminQuery(`alter database ${name} allow_connections true`)
  const back = await a.inject({ method: 'GET', url: '/readyz' })
  t.equal(back.statusCode, 200, 'ready again once the database is back')
  const after = await a.inject({ method: 'PATCH', url: '/api/me', headers: m.auth, payload: { bio: 'back' } })
  t.equal(after.statusCode, 200, after.body)
  const row = await a.db.selectFrom('users').select('bio').where('id', '=', m.id).executeTakeFirstOrThrow()
  t.equal(row.bio, 'back', 'the refused write did not land; the later one did')
})

t.test('losing idle connections does not crash the process', async (t) => {
  if (testDb !== 'postgres') {
    t.pass('pool errors exist on PostgreSQL only (the embedded database has no connections)')
    return
  }
  const a = await build(t)
  const name = databaseName(a.url!)
  // Fill the pool with idle connections, then cut them all: each emits 'error' on the pool.
  await Promise.all(Array.from({ length: 5 }, () => a.inject({ method: 'GET', url: '/readyz' })))
  const cut = await terminateBackends(name)
  t.ok(cut > 0, `cut ${cut} idle connections`)
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (let i = 0; i < 3; i++) {
    const res = await a.inject({ method: 'GET', url: '/readyz' })
    t.equal(res.statusCode, 200, 'still answering')
  }
  const m = await makeMember(a)
  t.equal((await a.inject({ method: 'GET', url: '/api/me', headers: m.auth })).statusCode, 200)
})
