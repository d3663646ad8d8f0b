import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireWriter } from '../../accounts/guard.js'
import { idempotencyClaim, sendCreated } from '../../http/idempotency.js'
import { errorResponses, IdParams, PageQuery } from '../../http/schemas.js'
import { SlugParams } from '../categories/schema.js'
import { IdempotencyHeaders } from '../schema.js'
import { categoryTopics, latestTopics } from './lists.js'
import { type PageData, topicPage } from './page.js'
import { TopicPageCache } from './page-cache.js'
import {
  TopicCreate,
  TopicCreated,
  TopicList,
  TopicPageQuery,
  TopicPageResponse,
  TopicPatch,
  TopicResponse,
} from './schema.js'
import { createTopic, updateTopic } from './service.js'

export default async function topicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  const pages = new TopicPageCache<PageData>(app.config.pageCacheBytes)
  const stopLive = app.live.on((event) => {
    if (event.channel.startsWith('topic:')) pages.invalidateTopic(Number(event.channel.slice(6)))
  })
  const stopCategories = app.bus.subscribe('categories', () => pages.clear())
  // Whatever was missed while the bus was away (a profile changed on another instance): start afresh.
  const stopReconnect = app.bus.onReconnect(() => pages.clear())
  // Profile and role changes reach every instance on the auth channel; pages show names and roles.
  const stopAuth = app.bus.subscribe('auth', (message) => {
    const { userId } = JSON.parse(message) as { userId?: number }
    if (userId !== undefined) pages.invalidateAuthor(userId)
  })
  app.addHook('onClose', async () => {
    stopLive()
    stopCategories()
    stopReconnect()
    stopAuth()
  })

  app.post(
    '/api/topics',
    {
      schema: {
        tags: ['forum'],
        summary: 'Start a topic with its opening post',
        headers: IdempotencyHeaders,
        body: TopicCreate,
        response: { 201: TopicCreated, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      const outcome = await createTopic(app, viewer, req.body, idempotencyClaim(req, viewer.id))
      return sendCreated(reply, outcome)
    },
  )

  app.get(
    '/api/topics',
    {
      schema: {
        tags: ['forum'],
        summary: 'The latest topics across the categories the reader may see',
        querystring: PageQuery,
        response: { 200: TopicList, ...errorResponses(400, 401) },
      },
    },
    async (req) => latestTopics(app, req.viewer, req.query),
  )

  app.get(
    '/api/categories/:slug/topics',
    {
      schema: {
        tags: ['forum'],
        summary: 'A category’s topics: pinned first, then by last activity',
        params: SlugParams,
        querystring: PageQuery,
        response: { 200: TopicList, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => categoryTopics(app, req.viewer, req.params.slug, req.query),
  )

  app.get(
    '/api/topics/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'A topic and a page of its posts, in order',
        params: IdParams,
        querystring: TopicPageQuery,
        response: { 200: TopicPageResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const page = await topicPage(app, pages, req.viewer, req.params.id, req.query)
      // Pages mostly come as JSON text built from the cache's serialized parts: sent as they are.
      if (typeof page === 'string') return reply.type('application/json; charset=utf-8').send(page as never)
      return page
    },
  )

  app.patch(
    '/api/topics/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'Retitle (author or moderator), pin, lock or move (moderators) a topic',
        params: IdParams,
        body: TopicPatch,
        response: { 200: TopicResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      return { topic: await updateTopic(app, viewer, req.params.id, req.body) }
    },
  )
}
