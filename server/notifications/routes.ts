import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireViewer } from '../accounts/guard.js'
import { errorResponses, NoContent } from '../http/schemas.js'
import { Notification, NotificationPage, NotificationsQuery, Preferences, ReadBody } from './schema.js'
import { getPrefs, listNotifications, markRead, setPrefs } from './service.js'

// Every route acts on the signed-in member's own notifications only: there is no id to ask for
// someone else's. Silenced members keep theirs (silence stops posting, not reading).
export default async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Notification)
  const deps = { db: app.db, categories: app.categories }

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The member’s notifications, newest first, with the unread count',
        querystring: NotificationsQuery,
        response: { 200: NotificationPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listNotifications(deps, requireViewer(req), req.query),
  )

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read up to an id (the marker never moves back)',
        body: ReadBody,
        response: { 204: NoContent, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await markRead(deps, requireViewer(req), req.body.upTo)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which notifications the member wants',
        response: { 200: Preferences, ...errorResponses(401, 403) },
      },
    },
    async (req) => getPrefs(deps, requireViewer(req)),
  )

  app.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose which notifications are recorded (email is stored only: none is sent yet)',
        body: Preferences,
        response: { 200: Preferences, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => setPrefs(deps, requireViewer(req), req.body),
  )
}
