import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { openDatabase } from '../../server/db/database.js'
import { freshDatabase } from '../helpers/databases.js'

type Test = { teardown(fn: () => unknown): void }

/**
 * Builds the app as main.ts does, on a fresh test database opened with the configured statement
 * timeout (test/helpers' build() opens its pool with a fixed 30 s timeout, whatever the env says),
 * plus throwaway routes that misbehave on purpose.
 */
export async function buildWithTimeout(t: Test, env: Record<string, string>): Promise<FastifyInstance> {
  const fresh = await freshDatabase()
  const config = loadConfig({ RATE_LIMITS: 'off', TRIBUNE_DEMO: 'off', ...env })
  await fresh.handle.close()
  const dbHandle = await openDatabase({
    databaseUrl: fresh.url,
    statementTimeoutMs: config.statementTimeoutMs,
    poolSize: 5,
  })
  const app = await buildApp({ config, dbHandle, logger: false })
  app.get('/test/sleep', async () => {
    await sql`select pg_sleep(5)`.execute(app.db)
    return { slept: true }
  })
  app.get('/test/idle-in-transaction', async () => {
    await app.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx)
      // Longer than idle_in_transaction_session_timeout: the server ends the session.
      await new Promise((resolve) => setTimeout(resolve, config.statementTimeoutMs * 4))
      await sql`select 1`.execute(trx)
    })
    return { done: true }
  })
  app.get('/test/fails-with/:code', async (req) => {
    throw Object.assign(new Error('simulated database error'), {
      code: (req.params as { code: string }).code,
    })
  })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await dbHandle.close()
    await fresh.drop()
  })
  return app
}
