import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole, requireWriter } from '../../accounts/guard.js'
import { errorResponses, IdParams, Nullable } from '../../http/schemas.js'
import { Id } from '../schema.js'
import { askQuestion, listQuestions, moderateQuestion, voteQuestion } from './service.js'

const Question = Type.Object(
  {
    id: Type.Integer(),
    eventId: Type.Integer(),
    author: Nullable(Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() })),
    body: Type.String({ description: 'The Markdown as written.' }),
    html: Type.String({ description: 'Rendered and sanitised.' }),
    votes: Type.Integer({ minimum: 0 }),
    answered: Type.Boolean(),
    answeredAt: Nullable(Type.String({ format: 'date-time' })),
    hidden: Type.Boolean({ description: 'Only moderators ever see a hidden question.' }),
    createdAt: Type.String({ format: 'date-time' }),
    voted: Type.Boolean({ description: 'Whether the reader upvoted it.' }),
    can: Type.Object({ vote: Type.Boolean(), moderate: Type.Boolean() }),
  },
  { $id: 'EventQuestion', description: 'A question asked in an event’s live Q&A.' },
)
const QuestionResponse = Type.Object({ question: Type.Ref('EventQuestion') })
const QuestionParams = Type.Object({ id: Id, qid: Id }, { additionalProperties: false })

export default async function questionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Question)

  app.get(
    '/api/events/:id/questions',
    {
      schema: {
        tags: ['events'],
        summary: 'The event’s Q&A: most upvoted first, then oldest (follow event:<id> for changes)',
        params: IdParams,
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('EventQuestion')),
            nextCursor: Nullable(Type.String()),
          }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (req) => listQuestions(app, req.viewer, req.params.id, req.query),
  )

  app.post(
    '/api/events/:id/questions',
    {
      schema: {
        tags: ['events'],
        summary: 'Ask a question while the event’s Q&A is open',
        params: IdParams,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: 1000, description: 'Markdown.' }) },
          { additionalProperties: false },
        ),
        response: { 201: QuestionResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      const question = await askQuestion(app, viewer, req.params.id, req.body.body)
      return reply.status(201).send({ question })
    },
  )

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/events/:id/questions/:qid/vote',
      schema: {
        tags: ['events'],
        summary:
          method === 'PUT'
            ? 'Upvote a question (once; again changes nothing)'
            : 'Take back your upvote (without one, nothing changes)',
        params: QuestionParams,
        response: { 200: QuestionResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (req) => {
        const viewer = requireWriter(req, await app.charter.currentVersion())
        return {
          question: await voteQuestion(app, viewer, req.params.id, req.params.qid, method === 'PUT'),
        }
      },
    })
  }

  app.patch(
    '/api/events/:id/questions/:qid',
    {
      schema: {
        tags: ['events'],
        summary: 'Mark a question answered, or hide it (moderators)',
        params: QuestionParams,
        body: Type.Object(
          {
            answered: Type.Optional(Type.Boolean()),
            hidden: Type.Optional(Type.Boolean({ description: 'Hidden questions leave members’ lists.' })),
            reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Kept in the audit log.' })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: QuestionResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      question: await moderateQuestion(
        app,
        requireRole(req, 'moderator'),
        req.params.id,
        req.params.qid,
        req.body,
      ),
    }),
  )
}
