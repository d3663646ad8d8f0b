import type { FastifyInstance } from 'fastify'

/** Placeholder: the bench helper writes the baseline route here. */
export default async function baseline(_app: FastifyInstance) {}
