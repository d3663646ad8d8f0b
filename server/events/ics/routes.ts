import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { notFound } from '../../http/errors.js'
import { errorResponses, IdParams } from '../../http/schemas.js'
import { canSee, visibleTo } from '../policy.js'
import { findEvent, selectEvents } from '../queries.js'
import { eventCalendar } from './calendar.js'

const Calendar = {
  description: 'An iCalendar document (RFC 5545)',
  content: { 'text/calendar': { schema: Type.String() } },
}

/** The feed keeps events that ended this recently, so a calendar still shows last week's. */
const recentMs = 30 * 86_400_000
const feedLimit = 500

export default async function icsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const calendarType = 'text/calendar; charset=utf-8'

  app.get(
    '/api/events/:id/ics',
    {
      schema: {
        tags: ['events'],
        summary: 'An event as an .ics file to add to a calendar',
        params: IdParams,
        response: { 200: Calendar, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const event = await findEvent(app.db, req.params.id)
      if (!event || !canSee(req.viewer, event)) throw notFound(`Event ${req.params.id}`)
      return reply
        .header('content-type', calendarType)
        .header('content-disposition', `attachment; filename="event-${event.id}.ics"`)
        .header('cache-control', 'private, no-cache')
        .send(eventCalendar({ name: event.title, publicUrl: app.config.publicUrl, events: [event] }))
    },
  )

  app.get(
    '/api/calendar.ics',
    {
      schema: {
        tags: ['events'],
        summary:
          'The community’s calendar feed to subscribe to: the events the reader may see, upcoming and of the last 30 days (public ones for visitors)',
        response: { 200: Calendar, ...errorResponses(401) },
      },
    },
    async (req, reply) => {
      const now = app.clock()
      const events = await selectEvents(app.db)
        .where(visibleTo(req.viewer))
        .where('e.endsAt', '>', new Date(now.getTime() - recentMs))
        .orderBy('e.startsAt')
        .orderBy('e.id')
        .limit(feedLimit)
        .execute()
      const community = new URL(app.config.publicUrl).hostname
      return reply
        .header('content-type', calendarType)
        .header('cache-control', req.viewer ? 'private, max-age=300' : 'public, max-age=300')
        .send(
          eventCalendar({
            name: `${community} events`,
            publicUrl: app.config.publicUrl,
            events,
            ttlSeconds: 3600,
          }),
        )
    },
  )
}
