import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses } from '../../http/schemas.js'
import { DutyBody, DutyResponse } from './schema.js'
import { loadShifts, presentDuty, replaceSchedule } from './service.js'

/** The duty schedule: read by moderators (who is on call), replaced whole by admins. */
export default async function dutyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get(
    '/api/moderation/duty',
    {
      schema: {
        tags: ['moderation'],
        summary: 'The duty schedule, who is on duty now and when that next changes (moderators)',
        response: { 200: DutyResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return presentDuty(await loadShifts(app.db), app.clock())
    },
  )

  app.put(
    '/api/moderation/duty',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Replace the whole duty schedule (admins)',
        body: DutyBody,
        response: { 200: DutyResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const admin = requireRole(req, 'admin')
      return presentDuty(await replaceSchedule(app, admin, req.body), app.clock())
    },
  )
}
