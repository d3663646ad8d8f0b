import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { CategoryCreate, CategoryList, CategoryPatch, CategoryResponse } from './schema.js'
import { createCategory, listCategories, updateCategory } from './service.js'

export default async function categoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['forum'],
        summary: 'The categories the reader may see, in display order',
        response: { 200: CategoryList, ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await listCategories(app, req.viewer) }),
  )

  app.post(
    '/api/categories',
    {
      schema: {
        tags: ['forum'],
        summary: 'Create a category (admins)',
        body: CategoryCreate,
        response: { 201: CategoryResponse, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const category = await createCategory(app, requireRole(req, 'admin'), req.body)
      return reply.status(201).send({ category })
    },
  )

  app.patch(
    '/api/categories/:id',
    {
      schema: {
        tags: ['forum'],
        summary: 'Rename, reorder or restrict a category (admins)',
        params: IdParams,
        body: CategoryPatch,
        response: { 200: CategoryResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => ({
      category: await updateCategory(app, requireRole(req, 'admin'), req.params.id, req.body),
    }),
  )
}
