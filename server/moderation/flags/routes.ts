import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, preHandlerHookHandler } from 'fastify'
import { Type } from 'typebox'
import { requireViewer } from '../../accounts/guard.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import type { TargetType } from '../queue/queries.js'
import { RuleId } from '../schema.js'
import { flag } from './service.js'

const FlagBody = Type.Object(
  {
    ruleId: RuleId,
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'What moderators should know.' })),
  },
  { additionalProperties: false },
)
const FlagResponse = Type.Object({
  flag: Type.Object({
    id: Type.Integer(),
    targetType: Type.String(),
    targetId: Type.Integer(),
    ruleId: Type.String(),
    note: Type.String(),
    weight: Type.Integer({ description: 'Flags from trusted members weigh more.' }),
    urgent: Type.Boolean({ description: 'Cites a rule the moderator on call is alerted about at once.' }),
    createdAt: Type.String({ format: 'date-time' }),
    itemHidden: Type.Boolean({
      description: 'True when this flag took the item past the threshold: it is hidden pending review.',
    }),
  }),
})

const targets: [TargetType, string, string][] = [
  ['post', '/api/posts/:id/flags', 'Flag a post under a charter rule (one flag per member per post)'],
  ['topic', '/api/topics/:id/flags', 'Flag a topic under a charter rule'],
  ['user', '/api/users/:id/flags', 'Flag a member under a charter rule'],
]

export default async function flagRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  // Flagging is cheap to do and costly to review: a member gets a fair number, not a flood.
  const perMember: preHandlerHookHandler[] = app.config.rateLimits
    ? [
        app.rateLimit({
          max: 30,
          timeWindow: 10 * 60_000,
          keyGenerator: (req) => `flags:${req.viewer?.id ?? req.ip}`,
        }),
      ]
    : []
  for (const [type, url, summary] of targets)
    app.post(
      url,
      {
        schema: {
          tags: ['moderation'],
          summary,
          params: IdParams,
          body: FlagBody,
          response: { 201: FlagResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
        preHandler: perMember,
      },
      async (req, reply) => {
        const result = await flag(app, requireViewer(req), type, req.params.id, req.body)
        return reply.status(201).send({ flag: result })
      },
    )
}
