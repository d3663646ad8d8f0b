import type { FastifyInstance } from 'fastify'

export default async function forumRoutes(_app: FastifyInstance) {}
