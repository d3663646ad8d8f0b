import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

// The events domain's shapes. `Event` is registered once (plugin scope) and referenced by $id.

export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
const Timestamp = Type.String({ format: 'date-time' })

export const visibilities = ['public', 'members', 'group'] as const
export type Visibility = (typeof visibilities)[number]
export const rsvpStatuses = ['going', 'waitlisted', 'maybe', 'not_going'] as const
export type RsvpStatus = (typeof rsvpStatuses)[number]
/** What a member may ask for: a waitlisted place is what `going` becomes when the event is full. */
export type RsvpChoice = Exclude<RsvpStatus, 'waitlisted'>

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200, description: '3 to 200 characters once trimmed.' }),
  description: Type.String({ maxLength: 20_000, description: 'Markdown, rendered to sanitised HTML.' }),
  startsAt: { ...Timestamp, description: 'ISO 8601, UTC.' },
  endsAt: { ...Timestamp, description: 'ISO 8601, UTC; after startsAt.' },
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'The IANA zone the event happens in (e.g. Europe/Paris): local times are shown in it.',
  }),
  location: Nullable(Type.String({ maxLength: 300, description: 'A place, as members should read it.' })),
  onlineUrl: Nullable(
    Type.String({ maxLength: 2000, description: 'The link to join online: http or https only.' }),
  ),
  capacity: Nullable(
    Type.Integer({
      maximum: 1_000_000,
      description: 'Places (at least 1); null or absent: unlimited. Past it, `going` is waitlisted.',
    }),
  ),
  rsvpDeadline: Nullable({ ...Timestamp, description: 'No new RSVPs after it; at or before startsAt.' }),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('members'), Type.Literal('group')], {
    description:
      'public (default: everyone, visitors included), members (signed-in members), or group (members of groupId).',
  }),
  groupId: Nullable({ ...Id, description: 'Restricts the event to this group (implies visibility group).' }),
  qaOpen: Type.Boolean({ description: 'Whether members may ask and upvote questions now.' }),
}

export const EventCreate = Type.Object(
  {
    title: fields.title,
    description: fields.description,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    timeZone: fields.timeZone,
    location: Type.Optional(fields.location),
    onlineUrl: Type.Optional(fields.onlineUrl),
    capacity: Type.Optional(fields.capacity),
    rsvpDeadline: Type.Optional(fields.rsvpDeadline),
    visibility: Type.Optional(fields.visibility),
    groupId: Type.Optional(fields.groupId),
    categoryId: Type.Optional({
      ...Id,
      description:
        'Where its discussion topic goes; by default the first category open to everyone (for a group event, the first restricted to exactly that group).',
    }),
    qaOpen: Type.Optional(fields.qaOpen),
  },
  { additionalProperties: false },
)

export const EventPatch = Type.Object(
  {
    title: Type.Optional(fields.title),
    description: Type.Optional(fields.description),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
    timeZone: Type.Optional(fields.timeZone),
    location: Type.Optional(fields.location),
    onlineUrl: Type.Optional(fields.onlineUrl),
    capacity: Type.Optional(fields.capacity),
    rsvpDeadline: Type.Optional(fields.rsvpDeadline),
    visibility: Type.Optional(fields.visibility),
    groupId: Type.Optional(fields.groupId),
    qaOpen: Type.Optional(fields.qaOpen),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Told to the attendees.' })) },
  { additionalProperties: false },
)

// Spelt out rather than mapped from the arrays above: TypeBox types a union built from an array as never.
export const RsvpStatusSchema = Type.Union([
  Type.Literal('going'),
  Type.Literal('waitlisted'),
  Type.Literal('maybe'),
  Type.Literal('not_going'),
])

export const Rsvp = Type.Object(
  {
    status: RsvpStatusSchema,
    position: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Place in the waitlist (1 is next), when waitlisted.' }),
    ),
  },
  { $id: 'EventRsvp' },
)

export const RsvpBody = Type.Object(
  {
    status: Type.Union([Type.Literal('going'), Type.Literal('maybe'), Type.Literal('not_going')], {
      description: '`going` past capacity puts the member on the waitlist.',
    }),
  },
  { additionalProperties: false },
)

export const Event = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String(),
    description: Type.String({ description: 'The Markdown as written.' }),
    html: Type.String({ description: 'The description rendered and sanitised.' }),
    startsAt: Timestamp,
    endsAt: Timestamp,
    timeZone: Type.String(),
    location: Nullable(Type.String()),
    onlineUrl: Nullable(Type.String()),
    capacity: Nullable(Type.Integer({ description: 'null: unlimited.' })),
    rsvpDeadline: Nullable(Timestamp),
    visibility: fields.visibility,
    groupId: Nullable(Type.Integer()),
    categoryId: Nullable(Type.Integer()),
    topicId: Nullable(Type.Integer({ description: 'Its discussion topic.' })),
    topicUrl: Nullable(
      Type.String({ description: 'Its discussion topic’s page on the community site (a path).' }),
    ),
    url: Type.String({ description: 'Its page on the community site (a path).' }),
    icsUrl: Type.String({ description: 'Its iCalendar file (a path).' }),
    goingCount: Type.Integer(),
    waitlistCount: Type.Integer(),
    maybeCount: Type.Integer(),
    placesLeft: Nullable(Type.Integer({ description: 'null: unlimited.' })),
    status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
    cancelledAt: Nullable(Timestamp),
    cancelReason: Type.String(),
    rsvpOpen: Type.Boolean({ description: 'Whether a member may still RSVP going or maybe now.' }),
    qaOpen: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    myRsvp: Nullable(Type.Ref('EventRsvp', { description: 'The reader’s own answer, if any.' })),
    can: Type.Object({
      edit: Type.Boolean(),
      rsvp: Type.Boolean(),
      ask: Type.Boolean({ description: 'Whether the reader may ask a question now.' }),
      moderate: Type.Boolean(),
    }),
  },
  { $id: 'Event', description: 'A community event with its RSVPs.' },
)

export const EventResponse = Type.Object({ event: Type.Ref('Event') })
export const EventList = Type.Object({
  items: Type.Array(Type.Ref('Event')),
  nextCursor: Nullable(Type.String()),
})

export const EventListQuery = Type.Object(
  {
    from: Type.Optional({
      ...Timestamp,
      description: 'Events still running at or after this time (default: now), by start.',
    }),
    to: Type.Optional({ ...Timestamp, description: 'Only events starting before this time.' }),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

export const RsvpResponse = Type.Object({ rsvp: Type.Ref('EventRsvp') })
