import type { FastifyInstance } from 'fastify'

export default async function webRoutes(_app: FastifyInstance) {}
