import type { FastifyInstance } from 'fastify'

/** `user:me`: a member's own notifications (replies, mentions), stored on `user:<id>`. */
export function registerUserChannel(app: FastifyInstance): void {
  app.liveChannels.register('user', {
    open: async (viewer, arg) =>
      arg !== 'me' ? 'not_found' : viewer ? { key: `user:${viewer.id}` } : 'unauthenticated',
    gate: async (key) => (viewer) => (viewer && key === `user:${viewer.id}` ? 'ok' : 'forbidden'),
  })
}
