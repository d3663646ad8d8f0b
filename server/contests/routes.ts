import multipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../accounts/guard.js'
import { errorResponses, PageQuery } from '../http/schemas.js'
import { loadImage } from './entries.js'
import entryRoutes from './entry-routes.js'
import { maxUploadBytes } from './images.js'
import moderationRoutes from './moderation-routes.js'
import { getResults } from './results.js'
import {
  Contest,
  ContestCreate,
  ContestList,
  ContestParams,
  ContestPatch,
  ContestResponse,
  Entry,
  ImageParams,
  ResultList,
} from './schema.js'
import { createContest, getContest, listContests, updateContest } from './service.js'

/**
 * The contests' routes, in a scope of their own: multipart bodies (entry images) are parsed
 * here and nowhere else, within tight limits.
 */
export default async function contestRoutes(fastify: FastifyInstance) {
  await fastify.register(multipart, {
    limits: {
      fileSize: maxUploadBytes,
      files: 1,
      fields: 4,
      parts: 5,
      fieldSize: 64 * 1024,
      headerPairs: 100,
    },
    throwFileSizeLimit: true,
  })
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Contest)
  app.addSchema(Entry)

  app.get(
    '/api/contests',
    {
      schema: {
        tags: ['contests'],
        summary: 'Contests, newest first',
        querystring: PageQuery,
        response: { 200: ContestList, ...errorResponses(400) },
      },
    },
    async (req) => listContests(app, req.viewer, req.query),
  )

  app.post(
    '/api/contests',
    {
      schema: {
        tags: ['contests'],
        summary: 'Create a contest with its discussion topic (moderators)',
        body: ContestCreate,
        response: { 201: ContestResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const contest = await createContest(app, requireRole(req, 'moderator'), req.body)
      return reply.status(201).send({ contest })
    },
  )

  app.get(
    '/api/contests/:id',
    {
      schema: {
        tags: ['contests'],
        summary: 'A contest, with its phase now and the reader’s standing',
        params: ContestParams,
        response: { 200: ContestResponse, ...errorResponses(400, 404) },
      },
    },
    async (req) => ({ contest: await getContest(app, req.viewer, req.params.id) }),
  )

  app.patch(
    '/api/contests/:id',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Move a contest’s dates (past ones included, in order) or edit its title and rules (moderators)',
        params: ContestParams,
        body: ContestPatch,
        response: { 200: ContestResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => ({
      contest: await updateContest(app, requireRole(req, 'moderator'), req.params.id, req.body),
    }),
  )

  app.get(
    '/api/contests/:id/results',
    {
      schema: {
        tags: ['contests'],
        summary: 'The ranked results, once they are out (409 results_not_out before)',
        params: ContestParams,
        response: { 200: ResultList, ...errorResponses(400, 404, 409) },
      },
    },
    async (req) => ({ items: await getResults(app, req.viewer, req.params.id) }),
  )

  app.get(
    '/api/contest-images/:id',
    {
      schema: {
        tags: ['contests'],
        summary: 'An entry’s image, re-encoded on upload (WebP)',
        params: ImageParams,
        response: {
          200: Type.Unsafe<Buffer>({
            type: 'string',
            format: 'binary',
            description: 'The image (image/webp).',
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply) => {
      const image = await loadImage(app, req.viewer, req.params.id)
      return reply
        .header('content-type', image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(image.bytes)
    },
  )

  await entryRoutes(app)
  await moderationRoutes(app)
}
