import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { json } from '../helpers/app.js'
import { testDb } from '../helpers/databases.js'
import { buildWithTimeout } from './timeout-app.js'

t.test('database errors map to the right status, never a 500 with details', async (t) => {
  if (testDb !== 'postgres') {
    t.pass('the error mapping is checked on PostgreSQL; it does not depend on the database')
    return
  }
  const app = await buildWithTimeout(t, {})
  const cases: [string, number, string][] = [
    ['57014', 503, 'timeout'],
    ['57P01', 503, 'database_unavailable'],
    ['08006', 503, 'database_unavailable'],
    ['ECONNREFUSED', 503, 'database_unavailable'],
    ['23505', 409, 'conflict'],
    ['22021', 400, 'invalid_text'],
    ['42P01', 500, 'internal_error'],
  ]
  for (const [code, status, expected] of cases) {
    const res = await app.inject({ method: 'GET', url: `/test/fails-with/${code}` })
    assertRefused(t, res, status, expected, code)
    t.notMatch(res.body, /simulated/, 'internal messages stay in the log')
  }
})

t.test('a long statement is cancelled and answered with 503 timeout', async (t) => {
  if (testDb !== 'postgres') {
    t.pass('statement timeouts run on PostgreSQL only (PGlite runs in-process, one statement at a time)')
    return
  }
  const app = await buildWithTimeout(t, { TRIBUNE_STATEMENT_TIMEOUT_MS: '300' })
  t.equal(app.config.statementTimeoutMs, 300)
  const started = Date.now()
  const res = await app.inject({ method: 'GET', url: '/test/sleep' })
  const took = Date.now() - started
  assertRefused(t, res, 503, 'timeout')
  t.equal(res.headers['retry-after'], '2')
  t.ok(took < 3_000, `cancelled after ${took} ms, not after pg_sleep(5)`)
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200, 'the pool is healthy afterwards')
  t.same(json(ready), { status: 'ready' })
})
