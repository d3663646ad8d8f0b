import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { testDb } from '../helpers/databases.js'
import { buildWithTimeout } from './timeout-app.js'

// A connection can die while the app holds it between two statements of a transaction (idle
// transaction timeout, a terminated backend, a failover). pg reports that on the client itself,
// where the pool's 'error' listener is not attached while the client is checked out: unhandled,
// it would crash the process and every request in flight with it.
t.test('a transaction left idle is ended by the server and answered with 503', async (t) => {
  if (testDb !== 'postgres') {
    t.pass('idle transaction timeouts run on PostgreSQL only')
    return
  }
  const app = await buildWithTimeout(t, { TRIBUNE_STATEMENT_TIMEOUT_MS: '200' })
  const res = await app.inject({ method: 'GET', url: '/test/idle-in-transaction' })
  assertRefused(t, res, 503, 'database_unavailable')
  for (let i = 0; i < 3; i++) {
    t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200, 'still serving')
  }
})
