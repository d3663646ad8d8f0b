import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses } from '../../http/schemas.js'
import { SettingsBody, SettingsResponse } from './settings.js'
import { updateModerationSettings } from './update.js'

/** The moderation settings: read by moderators (they apply them), changed by admins. */
export default async function policyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get(
    '/api/moderation/settings',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'The moderation settings: thresholds, new-member limits, off-hours policy, urgent alerts (moderators)',
        response: { 200: SettingsResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return app.moderationPolicy.settings()
    },
  )

  app.put(
    '/api/moderation/settings',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Change moderation settings; fields left out keep their value (admins)',
        body: SettingsBody,
        response: { 200: SettingsResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => updateModerationSettings(app, requireRole(req, 'admin'), req.body),
  )
}
