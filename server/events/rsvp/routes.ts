import { Readable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { stringify } from 'csv-stringify'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole, requireViewer } from '../../accounts/guard.js'
import { decodeKeys, encodeCursor } from '../../http/cursor.js'
import { notFound } from '../../http/errors.js'
import { errorResponses, IdParams, NoContent, Nullable } from '../../http/schemas.js'
import { findEvent } from '../queries.js'
import { RsvpBody, RsvpResponse, RsvpStatusSchema } from '../schema.js'
import { type AttendeeKeys, allAttendees, attendeePage, presentAttendee } from './attendees.js'
import { setRsvp, withdrawRsvp } from './service.js'

const AttendeeQuery = Type.Object(
  {
    status: Type.Optional(RsvpStatusSchema),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'csv: every attendee (matching status) as a spreadsheet, cursor and limit ignored.',
      }),
    ),
  },
  { additionalProperties: false },
)

const Attendee = Type.Object({
  user: Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
  status: RsvpStatusSchema,
  position: Type.Optional(Type.Integer({ minimum: 1, description: 'Place in the waitlist.' })),
  since: Type.String({ format: 'date-time', description: 'When the current status began.' }),
  respondedAt: Type.String({ format: 'date-time', description: 'When the member first answered.' }),
})

const csvColumns = ['status', 'position', 'userId', 'handle', 'displayName', 'since', 'respondedAt']

/** Text a member wrote, made inert for spreadsheets: a cell starting with = + - @ would run as a formula. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export default async function rsvpRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.put(
    '/api/events/:id/rsvp',
    {
      schema: {
        tags: ['events'],
        summary: 'Answer an event: going (waitlisted past capacity), maybe or not going',
        params: IdParams,
        body: RsvpBody,
        response: { 200: RsvpResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => ({ rsvp: await setRsvp(app, requireViewer(req), req.params.id, req.body.status) }),
  )

  app.delete(
    '/api/events/:id/rsvp',
    {
      schema: {
        tags: ['events'],
        summary: 'Withdraw your answer; a freed place goes to the first waitlisted member',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await withdrawRsvp(app, requireViewer(req), req.params.id)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/events/:id/attendees',
    {
      schema: {
        tags: ['events'],
        summary:
          'Who answered (moderators): going, then the waitlist in order, maybe and not going; `format=csv` exports them',
        params: IdParams,
        querystring: AttendeeQuery,
        response: {
          200: Type.Object({ items: Type.Array(Attendee), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      requireRole(req, 'moderator')
      const event = await findEvent(app.db, req.params.id)
      if (!event) throw notFound(`Event ${req.params.id}`)
      const { status, cursor, limit = 100, format } = req.query
      if (format === 'csv') {
        const name = `tribune-event-${event.id}-attendees.csv`
        const rows = async function* () {
          for await (const r of allAttendees(app.db, event.id, status)) {
            const a = presentAttendee(r)
            yield {
              status: a.status,
              position: a.position ?? '',
              userId: a.user.id,
              handle: inert(a.user.handle),
              displayName: inert(a.user.displayName),
              since: a.since,
              respondedAt: a.respondedAt,
            }
          }
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(
            Readable.from(rows()).pipe(stringify({ header: true, columns: csvColumns, bom: true })) as never,
          )
      }
      const after = decodeKeys<AttendeeKeys>(cursor, 'nnn')
      const rows = await attendeePage(app.db, event.id, { status, after, limit: limit + 1 })
      const shown = rows.slice(0, limit)
      const last = shown.at(-1)
      return {
        items: shown.map(presentAttendee),
        nextCursor:
          rows.length > limit && last ? encodeCursor([last.rank, Number(last.sortKey), last.userId]) : null,
      }
    },
  )
}
