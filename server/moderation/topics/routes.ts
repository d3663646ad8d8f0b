import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/guard.js'
import { presentTopic } from '../../forum/present.js'
import { Topic } from '../../forum/schema.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { Reason, RuleId } from '../schema.js'
import { mergeTopic, splitTopic } from './service.js'

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
const TopicResponse = Type.Object({ topic: Type.Ref('Topic') })

export default async function moderateTopicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Topic)
  const errors = errorResponses(400, 401, 403, 404, 422)

  app.post(
    '/api/topics/:id/merge',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'Merge a topic into another under a charter rule (moderators): its posts follow the target’s',
        params: IdParams,
        body: Type.Object(
          { intoTopicId: Id, ruleId: RuleId, reason: Reason },
          { additionalProperties: false },
        ),
        response: { 200: TopicResponse, ...errors },
      },
    },
    async (req) => {
      const viewer = requireRole(req, 'moderator')
      const { topic, category } = await mergeTopic(app, viewer, req.params.id, req.body)
      return { topic: presentTopic(topic, viewer, category) }
    },
  )

  app.post(
    '/api/topics/:id/split',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Split replies off into a new topic under a charter rule (moderators)',
        params: IdParams,
        body: Type.Object(
          {
            postIds: Type.Array(Id, { minItems: 1, maxItems: 500 }),
            title: Type.String({ minLength: 3, maxLength: 200 }),
            categoryId: Type.Optional(Id),
            ruleId: RuleId,
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 201: TopicResponse, ...errors },
      },
    },
    async (req, reply) => {
      const viewer = requireRole(req, 'moderator')
      const { topic, category } = await splitTopic(app, viewer, req.params.id, req.body)
      return reply.status(201).send({ topic: presentTopic(topic, viewer, category) })
    },
  )
}
