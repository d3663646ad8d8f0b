import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import appealRoutes from './appeals/routes.js'
import auditRoutes from './audit/routes.js'
import crisisRoutes from './crisis/routes.js'
import dutyRoutes from './duty/routes.js'
import flagRoutes from './flags/routes.js'
import { registerModerationChannel } from './live.js'
import moderationPolicy from './policy/plugin.js'
import moderatePostRoutes from './posts/routes.js'
import queueRoutes from './queue/routes.js'
import sanctionRoutes from './sanctions/routes.js'
import moderateTopicRoutes from './topics/routes.js'
import watchedWords from './watched-words/plugin.js'

/**
 * Moderation under the charter: each part registers its own routes (flags, the review queue,
 * actions and sanctions, appeals, the audit log, watched words, duty hours, crisis mode).
 */
export default fp(
  async function moderation(app: FastifyInstance) {
    // First: the policy service the write path and flags call (app.moderationPolicy).
    await app.register(moderationPolicy)
    registerModerationChannel(app)
    await app.register(moderatePostRoutes)
    await app.register(moderateTopicRoutes)
    await app.register(flagRoutes)
    await app.register(queueRoutes)
    await app.register(sanctionRoutes)
    await app.register(appealRoutes)
    await app.register(auditRoutes)
    await app.register(watchedWords)
    await app.register(dutyRoutes)
    await app.register(crisisRoutes)
  },
  { name: 'tribune-moderation', dependencies: ['tribune-infra', 'tribune-guard', 'tribune-live'] },
)
