import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole, requireViewer } from '../../accounts/guard.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { Appeal, Person, Reason, RuleId, Sanction, sanctionKinds } from '../schema.js'
import { liftSanction, sanction, sanctionsOf } from './service.js'

const SanctionBody = Type.Object(
  {
    kind: Type.Union(sanctionKinds.map((k) => Type.Literal(k))),
    ruleId: RuleId,
    reason: Reason,
    endsAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When a silence or suspension ends; none for warnings.',
      }),
    ),
  },
  { additionalProperties: false },
)
const SanctionResponse = Type.Object({ sanction: Type.Ref('Sanction') })

export default async function sanctionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Person)
  app.addSchema(Appeal)
  app.addSchema(Sanction)

  app.post(
    '/api/users/:id/sanctions',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Warn, silence, suspend or ban a member under a charter rule (moderators)',
        params: IdParams,
        body: SanctionBody,
        response: { 201: SanctionResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const result = await sanction(app, requireRole(req, 'moderator'), req.params.id, req.body)
      return reply.status(201).send({ sanction: result })
    },
  )

  app.get(
    '/api/users/:id/sanctions',
    {
      schema: {
        tags: ['moderation'],
        summary: 'A member’s sanctions, newest first (moderators, or the member)',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('Sanction')) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    // Suspended and banned members may still read their own, to appeal: only a session is needed.
    async (req) => ({ items: await sanctionsOf(app, sessionHolder(req), req.params.id) }),
  )

  app.post(
    '/api/sanctions/:id/lift',
    {
      schema: {
        tags: ['moderation'],
        summary: 'End a silence, suspension or ban early (moderators)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: SanctionResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      sanction: await liftSanction(app, requireRole(req, 'moderator'), req.params.id, req.body.reason),
    }),
  )
}

/** The signed-in member even when suspended or banned: what they may still do is read their sanctions and appeal. */
export function sessionHolder(req: Parameters<typeof requireViewer>[0]) {
  if (req.viewer) return req.viewer
  return requireViewer(req)
}
