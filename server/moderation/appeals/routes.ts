import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { sessionHolder } from '../sanctions/routes.js'
import { Appeal, Person, Reason, Sanction } from '../schema.js'
import { decideAppeal, fileAppeal, pendingAppeals } from './service.js'

const AppealResponse = Type.Object({ appeal: Type.Ref('Appeal') })

export default async function appealRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Person)
  app.addSchema(Appeal)
  app.addSchema(Sanction)

  app.post(
    '/api/sanctions/:id/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Appeal a sanction (the sanctioned member, once per decision)',
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 5000 }) },
          { additionalProperties: false },
        ),
        response: { 201: AppealResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      // Suspended and banned members keep the right to appeal.
      const appeal = await fileAppeal(app, sessionHolder(req), req.params.id, req.body.text)
      return reply.status(201).send({ appeal })
    },
  )

  app.post(
    '/api/appeals/:id/decision',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Decide an appeal (a moderator other than the one who sanctioned)',
        params: IdParams,
        body: Type.Object(
          { outcome: Type.Union([Type.Literal('upheld'), Type.Literal('overturned')]), reason: Reason },
          { additionalProperties: false },
        ),
        response: { 200: AppealResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      appeal: await decideAppeal(app, requireRole(req, 'moderator'), req.params.id, req.body),
    }),
  )

  app.get(
    '/api/moderation/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Appeals waiting for a decision, oldest first (moderators)',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ appeal: Type.Ref('Appeal'), sanction: Type.Ref('Sanction') })),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return { items: await pendingAppeals(app) }
    },
  )
}
