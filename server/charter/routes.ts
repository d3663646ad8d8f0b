import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole, requireViewer } from '../accounts/guard.js'
import { acceptCharter } from '../accounts/service.js'
import { notFound, unprocessable } from '../http/errors.js'
import { errorResponses } from '../http/schemas.js'
import { publishCharter } from './publish.js'
import { AcceptBody, CharterResponse, PublishBody, Rule, VersionParams } from './schema.js'

export default async function charterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Rule)

  const present = (c: NonNullable<Awaited<ReturnType<typeof app.charter.current>>>) => ({
    version: c.version,
    publishedAt: c.publishedAt.toISOString(),
    summary: c.summary,
    rules: c.rules,
  })

  app.get(
    '/api/charter',
    {
      schema: {
        tags: ['charter'],
        summary: 'The usage charter in force',
        response: { 200: CharterResponse, ...errorResponses(404) },
      },
    },
    async () => {
      const charter = await app.charter.current()
      if (!charter) throw notFound('The charter')
      return present(charter)
    },
  )

  app.get(
    '/api/charter/versions/:version',
    {
      schema: {
        tags: ['charter'],
        summary: 'An earlier version of the charter, kept readable',
        params: VersionParams,
        response: { 200: CharterResponse, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const charter = await app.charter.at(req.params.version)
      if (!charter) throw notFound(`Charter version ${req.params.version}`)
      return present(charter)
    },
  )

  app.post(
    '/api/charter/accept',
    {
      schema: {
        tags: ['charter'],
        summary: 'Accept the charter in force (needed again after each new version)',
        body: AcceptBody,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req)
      const current = await app.charter.currentVersion()
      if (req.body.version !== current) {
        throw unprocessable(
          'charter_outdated',
          `Version ${req.body.version} is not the charter in force (version ${current}).`,
        )
      }
      await acceptCharter(app, viewer.id, current)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/admin/charter',
    {
      schema: {
        tags: ['charter'],
        summary: 'Publish a new version of the charter (admins); members accept it again before posting',
        body: PublishBody,
        response: { 201: CharterResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const charter = await publishCharter(app, requireRole(req, 'admin'), req.body)
      return reply.status(201).send(present(charter))
    },
  )
}
