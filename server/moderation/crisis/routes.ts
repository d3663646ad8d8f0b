import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses } from '../../http/schemas.js'
import { CrisisBody, CrisisResponse } from './schema.js'
import { crisisChannel, presentCrisis, setCrisis } from './service.js'

/**
 * Crisis mode: its state for every page (the pinned statement banner), the admin's switch, and
 * the public `crisis` live channel that brings a switch to open pages at once.
 */
export default async function crisisRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  // Public like the statement itself: visitors and embeds read it too.
  app.liveChannels.register(crisisChannel, {
    open: async (_viewer, arg) => (arg === '' ? { key: crisisChannel } : 'not_found'),
    gate: async () => () => 'ok',
  })

  app.get(
    '/api/crisis',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Whether crisis mode is on, where, and the statement every page pins while it is',
        response: { 200: CrisisResponse },
      },
    },
    async () => presentCrisis(await app.moderationPolicy.crisis()),
  )

  app.put(
    '/api/admin/crisis',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'Switch crisis mode on (hold new posts in some categories or everywhere, slow mode, a pinned statement), change it, or off (admins)',
        body: CrisisBody,
        response: { 200: CrisisResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => presentCrisis(await setCrisis(app, requireRole(req, 'admin'), req.body)),
  )
}
