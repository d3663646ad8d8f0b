import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Charter } from './charter/service.js'
import type { Config } from './config.js'
import type { Db, DbHandle } from './db/database.js'
import type { Bus } from './live/bus.js'
import { LiveHub } from './live/hub.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    db: Db
    dbHandle: DbHandle
    bus: Bus
    live: LiveHub
    charter: Charter
    /** The time now. Tests inject their own to cross schedule boundaries (duty hours, phases). */
    clock: () => Date
  }
}

export interface InfraOptions {
  config: Config
  dbHandle: DbHandle
  bus: Bus
  clock?: () => Date
}

/** Shared infrastructure every domain imports: configuration, the database, the bus and live hub. */
export default fp(
  async function infra(app: FastifyInstance, opts: InfraOptions) {
    app.decorate('config', opts.config)
    app.decorate('dbHandle', opts.dbHandle)
    app.decorate('db', opts.dbHandle.db)
    app.decorate('bus', opts.bus)
    app.decorate(
      'live',
      new LiveHub(opts.bus, opts.dbHandle.db, { onError: (err) => app.log.warn({ err }, 'live hub') }),
    )
    app.decorate('charter', new Charter(opts.dbHandle.db, opts.bus))
    app.decorate('clock', opts.clock ?? (() => new Date()))
    app.addHook('onClose', async () => {
      app.charter.close()
      app.live.close()
    })
  },
  { name: 'tribune-infra' },
)
