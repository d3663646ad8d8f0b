import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/guard.js'
import { PostResponse } from '../../forum/posts/schema.js'
import { Author, Post } from '../../forum/schema.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { Decision, Reason } from '../schema.js'
import { approvePost, hidePost, rejectPost, unhidePost } from './service.js'

export default async function moderatePostRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Author)
  app.addSchema(Post)
  const errors = errorResponses(400, 401, 403, 404, 409, 422)

  app.post(
    '/api/posts/:id/hide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Hide a post under a charter rule (moderators); readers and live readers lose its text',
        params: IdParams,
        body: Decision,
        response: { 200: PostResponse, ...errors },
      },
    },
    async (req) => ({ post: await hidePost(app, requireRole(req, 'moderator'), req.params.id, req.body) }),
  )

  app.post(
    '/api/posts/:id/unhide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Show a hidden post again (moderators)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: PostResponse, ...errors },
      },
    },
    async (req) => ({ post: await unhidePost(app, requireRole(req, 'moderator'), req.params.id, req.body) }),
  )

  app.post(
    '/api/posts/:id/approve',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Approve a post held for review (moderators): it appears in its thread',
        params: IdParams,
        response: { 200: PostResponse, ...errors },
      },
    },
    async (req) => ({ post: await approvePost(app, requireRole(req, 'moderator'), req.params.id) }),
  )

  app.post(
    '/api/posts/:id/reject',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Refuse a post held for review under a charter rule (moderators)',
        params: IdParams,
        body: Decision,
        response: { 200: PostResponse, ...errors },
      },
    },
    async (req) => ({ post: await rejectPost(app, requireRole(req, 'moderator'), req.params.id, req.body) }),
  )
}
