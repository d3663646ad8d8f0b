import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import type { Bus } from '../../server/live/bus.js'
import { freshDatabase } from './databases.js'

type Test = { teardown(fn: () => unknown): void }

export interface TestApp {
  app: FastifyInstance
  /** The test's own database, for asserting on rows. */
  db: FastifyInstance['db']
  url: string | undefined
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>
}

/**
 * Builds the app exactly as production does, on a database of its own that is dropped after the
 * test. Rate limits are off unless the test turns them on.
 */
export async function build(
  t: Test,
  opts: { env?: Record<string, string>; bus?: Bus; clock?: () => Date } = {},
): Promise<TestApp> {
  const config = loadConfig({
    RATE_LIMITS: 'off',
    TRIBUNE_DEMO: 'off',
    TRIBUNE_JOBS_POLL_MS: '0',
    ...opts.env,
  })
  const { handle, url, drop } = await freshDatabase({
    statementTimeoutMs: opts.env?.TRIBUNE_STATEMENT_TIMEOUT_MS ? config.statementTimeoutMs : undefined,
  })
  const app = await buildApp({
    config,
    dbHandle: handle,
    logger: false,
    lazySchemas: true,
    ...(opts.bus ? { bus: opts.bus } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await handle.close()
    await drop()
  })
  return { app, db: app.db, url, inject: (o) => app.inject(o) }
}

/** Parses a JSON response body. */
export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T
}
