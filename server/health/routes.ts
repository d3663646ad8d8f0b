import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const Status = Type.Object({ status: Type.String() })

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is running', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers (503 while it is away)',
        response: { 200: Status, 503: Status },
      },
    },
    async (_req, reply) => {
      const ok = await app.dbHandle.ping(2_000)
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database_unavailable' })
    },
  )
}
