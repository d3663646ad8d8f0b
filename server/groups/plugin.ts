import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import groupRoutes from './routes.js'

/** Groups of members (VIPs, ambassadors) that categories are restricted to; admins manage them. */
export default fp(
  async function groups(app: FastifyInstance) {
    await app.register(groupRoutes)
  },
  { name: 'tribune-groups', dependencies: ['tribune-infra', 'tribune-guard'] },
)
