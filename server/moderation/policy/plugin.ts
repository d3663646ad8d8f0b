import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Mailer } from '../../mail/mailer.js'
import policyRoutes from './routes.js'
import { ModerationPolicy } from './service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** What the write path and flags apply: holds, thresholds, limits, slow mode, urgent alerts. */
    moderationPolicy: ModerationPolicy
  }
}

/** The moderation policy service and its settings routes. */
export default fp(
  async function moderationPolicy(app: FastifyInstance) {
    const policy = new ModerationPolicy({
      db: app.db,
      bus: app.bus,
      charter: app.charter,
      clock: () => app.clock(),
      mailer: new Mailer(app.config, app.log),
      log: app.log,
      publicUrl: app.config.publicUrl,
    })
    app.decorate('moderationPolicy', policy)
    app.addHook('onClose', async () => policy.close())
    await app.register(policyRoutes)
  },
  { name: 'tribune-moderation-policy', dependencies: ['tribune-infra', 'tribune-guard'] },
)
