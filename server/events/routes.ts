import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../accounts/guard.js'
import { IdempotencyHeaders } from '../forum/schema.js'
import { idempotencyClaim, sendCreated } from '../http/idempotency.js'
import { errorResponses, IdParams } from '../http/schemas.js'
import { cancelEvent, updateEvent } from './edit.js'
import { CancelBody, EventCreate, EventList, EventListQuery, EventPatch, EventResponse } from './schema.js'
import { createEvent, getEvent, listEvents } from './service.js'

export default async function eventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events the reader may see that have not ended by `from` (default: now), by start',
        querystring: EventListQuery,
        response: { 200: EventList, ...errorResponses(400, 401) },
      },
    },
    async (req) => listEvents(app, req.viewer, req.query),
  )

  app.post(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Create an event and its discussion topic (moderators)',
        headers: IdempotencyHeaders,
        body: EventCreate,
        response: { 201: EventResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'moderator')
      return sendCreated(reply, await createEvent(app, actor, req.body, idempotencyClaim(req, actor.id)))
    },
  )

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'An event, with the reader’s own RSVP',
        params: IdParams,
        response: { 200: EventResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => ({ event: await getEvent(app, req.viewer, req.params.id) }),
  )

  app.patch(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary:
          'Edit an event (moderators): raising its capacity promotes from the waitlist; switch its Q&A with qaOpen',
        params: IdParams,
        body: EventPatch,
        response: { 200: EventResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => ({
      event: await updateEvent(app, requireRole(req, 'moderator'), req.params.id, req.body),
    }),
  )

  app.post(
    '/api/events/:id/cancel',
    {
      schema: {
        tags: ['events'],
        summary: 'Cancel an event (moderators): attendees are told, reminders dropped, calendars updated',
        params: IdParams,
        body: CancelBody,
        response: { 200: EventResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
      // The body is optional: a bare POST cancels without a reason.
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req) => ({
      event: await cancelEvent(app, requireRole(req, 'moderator'), req.params.id, req.body?.reason ?? ''),
    }),
  )
}
