import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses, IdParams, NoContent, Nullable } from '../../http/schemas.js'
import { Person, Reason } from '../schema.js'
import { claim, dismiss, queue, queueItem, release } from './service.js'

const Loose = Type.Record(Type.String(), Type.Unknown())
const QueueItem = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Union([Type.Literal('flagged'), Type.Literal('held'), Type.Literal('watched')]),
    targetType: Type.Union([Type.Literal('post'), Type.Literal('topic'), Type.Literal('user')]),
    targetId: Type.Integer(),
    urgent: Type.Boolean({ description: 'Cites an urgent rule (threats, personal data): listed first.' }),
    flagCount: Type.Integer(),
    flagWeight: Type.Integer({
      description: 'Flags weighted by the flaggers’ trust; past the threshold the item is hidden.',
    }),
    detail: Type.String({
      description: 'Why it is here besides flags: the hold reason, the watched words found.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    claimedBy: Nullable(Type.Ref('ModerationPerson')),
    claimedAt: Nullable(Type.String({ format: 'date-time' })),
    resolvedAt: Nullable(Type.String({ format: 'date-time' })),
    resolution: Nullable(Type.String()),
    /** The post as written (moderators read hidden text), with its topic. */
    post: Nullable(Loose),
    /** The member concerned and their standing. */
    member: Nullable(Loose),
    flags: Type.Array(Loose, {
      description: 'Open flags, newest first (the latest five in the list; all on the item).',
    }),
    context: Type.Optional(Type.Array(Loose, { description: 'The posts around it in its thread.' })),
    history: Type.Optional(Type.Array(Loose, { description: 'The member’s past sanctions.' })),
  },
  { $id: 'QueueItem' },
)
const ItemResponse = Type.Object({ item: Type.Ref('QueueItem') })

export default async function queueRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Person)
  app.addSchema(QueueItem)
  const errors = errorResponses(400, 401, 403, 404, 409)

  app.get(
    '/api/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'The review queue: flagged items, held posts and watched-word hits, urgent first then oldest (moderators)',
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
            kind: Type.Optional(
              Type.Union([Type.Literal('flagged'), Type.Literal('held'), Type.Literal('watched')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('QueueItem')), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req) => queue(app, requireRole(req, 'moderator'), req.query),
  )

  app.get(
    '/api/moderation/queue/:id',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'One queue item with its context: every flag, the thread around it, the member’s history (moderators)',
        params: IdParams,
        response: { 200: ItemResponse, ...errors },
      },
    },
    async (req) => ({ item: await queueItem(app, requireRole(req, 'moderator'), req.params.id) }),
  )

  app.post(
    '/api/moderation/queue/:id/claim',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Claim an item so no other moderator handles it meanwhile (409 when someone else has)',
        params: IdParams,
        response: { 200: ItemResponse, ...errors },
      },
    },
    async (req) => ({ item: await claim(app, requireRole(req, 'moderator'), req.params.id) }),
  )

  app.delete(
    '/api/moderation/queue/:id/claim',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Release your claim on an item',
        params: IdParams,
        response: { 204: NoContent, ...errors },
      },
    },
    async (req, reply) => {
      await release(app, requireRole(req, 'moderator'), req.params.id)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/moderation/queue/:id/dismiss',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'Dismiss flags or a watched-word hit: the content stays (shown again if the flags had hidden it)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: ItemResponse, ...errors },
      },
    },
    async (req) => ({
      item: await dismiss(app, requireRole(req, 'moderator'), req.params.id, req.body.reason),
    }),
  )
}
