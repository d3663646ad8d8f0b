import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireWriter } from '../../accounts/guard.js'
import { errorResponses } from '../../http/schemas.js'
import { ReactionKindSchema } from '../schema.js'
import { react } from './service.js'

const Params = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), kind: ReactionKindSchema },
  { additionalProperties: false },
)
const Response = Type.Object({
  reactions: Type.Record(Type.String(), Type.Integer(), { description: 'Counts per kind.' }),
  myReactions: Type.Array(ReactionKindSchema),
})

export default async function reactionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const schema = (summary: string) => ({
    tags: ['forum'],
    summary,
    params: Params,
    response: { 200: Response, ...errorResponses(400, 401, 403, 404, 422) },
  })

  app.put(
    '/api/posts/:id/reactions/:kind',
    { schema: schema('React to a post (once per kind)') },
    async (req) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      return react(app, viewer, req.params.id, req.params.kind, true)
    },
  )

  app.delete('/api/posts/:id/reactions/:kind', { schema: schema('Withdraw a reaction') }, async (req) => {
    const viewer = requireWriter(req, await app.charter.currentVersion())
    return react(app, viewer, req.params.id, req.params.kind, false)
  })
}
