import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

export const NotificationsQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
)

const Kind = Type.String({
  description:
    '`reply` or `mention` today; other kinds (e.g. `moderation.notice`) carry their facts in `data`. Clients show an unknown kind generically rather than dropping it.',
})

export const Notification = Type.Object(
  {
    id: Type.Integer({ description: 'The live event id on `user:<id>`: monotonic, also the read marker.' }),
    kind: Kind,
    topicId: Nullable(Type.Integer()),
    postId: Nullable(Type.Integer()),
    postNumber: Nullable(Type.Integer()),
    by: Nullable(
      Type.Object(
        { id: Type.Integer(), handle: Type.String(), displayName: Type.String() },
        {
          description: 'Who replied or mentioned (their current name).',
        },
      ),
    ),
    topicTitle: Nullable(Type.String({ description: 'Null when the topic is gone or not readable.' })),
    createdAt: Type.String({ format: 'date-time' }),
    read: Type.Boolean({ description: 'At or below the member’s read marker.' }),
    data: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'Kinds other than reply and mention: the event as recorded (moderation notices: action, ruleId, ruleTitle, ruleBody, reason, …).',
        },
      ),
    ),
  },
  { $id: 'Notification' },
)

export const NotificationPage = Type.Object({
  items: Type.Array(Type.Ref('Notification')),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ description: `Unread notifications, counted up to ${999}.` }),
  seenId: Type.Integer({ description: 'The member’s read marker: ids at or below it are read.' }),
  lastEventId: Type.Integer({
    description:
      'The newest event id on the member’s channel when this page was read: subscribe to `user:me` with `since` set to it to miss nothing.',
  }),
})

export const ReadBody = Type.Object(
  {
    upTo: Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'The newest notification id the member has seen; the marker never moves back.',
    }),
  },
  { additionalProperties: false },
)

export const Preferences = Type.Object(
  {
    replies: Type.Boolean({ description: 'Record replies to the member.' }),
    mentions: Type.Boolean({ description: 'Record @mentions of the member.' }),
    email: Type.Boolean({ description: 'Also by email (stored only: no email is sent yet).' }),
  },
  { additionalProperties: false },
)
