import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses } from '../http/schemas.js'
import { SearchAnswerCache } from './answer-cache.js'
import { SearchHit, SearchQuery, SearchResponse } from './schema.js'
import { type SearchAnswer, search } from './service.js'

export default async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(SearchHit)

  const answers = new SearchAnswerCache<SearchAnswer>()
  // Every write to a thread records a live event on its topic; reactions leave search as it was.
  const stopLive = app.live.on((event) => {
    if (event.channel.startsWith('topic:') && event.type !== 'reactions.changed') answers.invalidate()
  })
  // A member's name shows in answers (a logout, also on this channel, changes none).
  const stopAuth = app.bus.subscribe('auth', (message) => {
    if ((JSON.parse(message) as { userId?: number }).userId !== undefined) answers.invalidate()
  })
  const stops = [
    stopLive,
    stopAuth,
    app.bus.subscribe('categories', () => answers.invalidate()),
    app.bus.onReconnect(() => answers.invalidate()),
  ]
  app.addHook('onClose', async () => {
    for (const stop of stops) stop()
  })

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search over the posts and topic titles the reader may see',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses(400, 401, 503) },
      },
    },
    async (req) => search({ db: app.db, categories: app.categories, answers }, req.viewer, req.query),
  )
}
