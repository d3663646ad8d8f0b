import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import notificationRoutes from './routes.js'

/**
 * A member's notifications: the history of their `user:<id>` live channel (replies, mentions,
 * moderation notices), their read marker and their preferences. The events themselves are
 * recorded by the domains they come from, in the same transaction as what they announce.
 */
export default fp(
  async function notifications(app: FastifyInstance) {
    await app.register(notificationRoutes)
  },
  { name: 'tribune-notifications', dependencies: ['tribune-infra', 'tribune-guard', 'tribune-forum'] },
)
