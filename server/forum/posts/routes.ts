import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireWriter } from '../../accounts/guard.js'
import { idempotencyClaim, sendCreated } from '../../http/idempotency.js'
import { errorResponses, IdParams, NoContent } from '../../http/schemas.js'
import { IdempotencyHeaders } from '../schema.js'
import { editPost, revisions } from './edit.js'
import { EditBody, PostResponse, ReplyBody, RevisionList } from './schema.js'
import { deletePost, getPost, reply as replyTo } from './service.js'

export default async function postRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const writer = async (req: Parameters<typeof requireWriter>[0]) =>
    requireWriter(req, await app.charter.currentVersion())

  app.post(
    '/api/topics/:id/posts',
    {
      schema: {
        tags: ['forum'],
        summary: 'Reply to a topic',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReplyBody,
        response: { 201: PostResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const viewer = await writer(req)
      const outcome = await replyTo(app, viewer, req.params.id, req.body, idempotencyClaim(req, viewer.id))
      return sendCreated(reply, outcome)
    },
  )

  app.get(
    '/api/posts/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'One post',
        params: IdParams,
        response: { 200: PostResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => ({ post: await getPost(app, req.viewer, req.params.id) }),
  )

  app.patch(
    '/api/posts/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'Edit a post (its author or a moderator); the earlier version is kept',
        params: IdParams,
        body: EditBody,
        response: { 200: PostResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => ({ post: await editPost(app, await writer(req), req.params.id, req.body) }),
  )

  app.get(
    '/api/posts/:id/revisions',
    {
      schema: {
        tags: ['forum'],
        summary: 'Every version of a post, oldest first',
        params: IdParams,
        response: { 200: RevisionList, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => ({ items: await revisions(app, req.viewer, req.params.id) }),
  )

  app.delete(
    '/api/posts/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'Delete a post (its author or a moderator); deleting the first post deletes the topic',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deletePost(app, await writer(req), req.params.id)
      return reply.status(204).send(null)
    },
  )
}
