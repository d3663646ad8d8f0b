import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses } from '../http/schemas.js'
import { SearchHit, SearchQuery, SearchResponse } from './schema.js'
import { search } from './service.js'

export default async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(SearchHit)

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
    async (req) => search({ db: app.db, categories: app.categories }, req.viewer, req.query),
  )
}
