import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

// The challenges API's shapes. A challenge is completed from forum activity (`rule`) or by a
// submission a moderator approves; recurring ones are completed once per week or month.

export const actions = ['reply', 'topic', 'reaction_received'] as const
export const recurrences = ['none', 'weekly', 'monthly'] as const
export const states = ['upcoming', 'active', 'ended', 'archived'] as const
export const submissionStatuses = ['pending', 'approved', 'rejected'] as const

const Iso = Type.String({ format: 'date-time' })
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
// Spelt out rather than mapped from the arrays above: TypeBox types a mapped union as never.
const Action = Type.Union([Type.Literal('reply'), Type.Literal('topic'), Type.Literal('reaction_received')])
const RecurrenceType = Type.Union([Type.Literal('none'), Type.Literal('weekly'), Type.Literal('monthly')])
const State = Type.Union([
  Type.Literal('upcoming'),
  Type.Literal('active'),
  Type.Literal('ended'),
  Type.Literal('archived'),
])
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])

export const Rule = Type.Object(
  {
    action: Type.Union(Action.anyOf, {
      description:
        '`reply`: replies to distinct topics started by someone else; `topic`: topics started; `reaction_received`: reactions other members gave to the member’s posts. Only published posts count (not hidden, held or deleted), within the occurrence.',
    }),
    count: Type.Integer({ minimum: 1, maximum: 10000, description: 'How many complete the challenge.' }),
    categoryId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

const slug = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,47}$',
  description: 'Lowercase letters, digits and dashes, 2 to 48 characters.',
})
const badgeName = Type.String({ minLength: 1, maxLength: 60 })

export const BadgeInput = Type.Object(
  {
    slug,
    nameEn: Type.Optional(badgeName),
    nameFr: Type.Optional(badgeName),
    descriptionEn: Type.Optional(Type.String({ maxLength: 300 })),
    descriptionFr: Type.Optional(Type.String({ maxLength: 300 })),
    icon: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9-]{0,29}$', description: 'e.g. star, trophy.' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'The badge completing the challenge earns (once per member). A new slug needs nameEn and nameFr; an existing badge is named by its slug alone.',
  },
)

const fields = {
  title: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ maxLength: 10000, description: 'Markdown, rendered to sanitised HTML.' }),
  points: Type.Integer({ minimum: 1, maximum: 100000 }),
  startsAt: Iso,
  endsAt: Nullable(Iso),
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'IANA zone the weeks and months are counted in (default "Europe/Paris").',
  }),
  recurrence: RecurrenceType,
}

export const ChallengeCreate = Type.Object(
  {
    title: fields.title,
    description: Type.Optional(fields.description),
    points: fields.points,
    startsAt: fields.startsAt,
    endsAt: Type.Optional(fields.endsAt),
    timeZone: Type.Optional(fields.timeZone),
    recurrence: Type.Optional(fields.recurrence),
    rule: Type.Optional(Rule),
    badge: Type.Optional(Nullable(BadgeInput)),
  },
  {
    additionalProperties: false,
    description: 'With a `rule`, activity completes the challenge; without one, an approved submission does.',
  },
)

export const ChallengePatch = Type.Object(
  {
    title: Type.Optional(fields.title),
    description: Type.Optional(fields.description),
    points: Type.Optional(fields.points),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
    timeZone: Type.Optional(fields.timeZone),
    recurrence: Type.Optional(fields.recurrence),
    rule: Type.Optional(Nullable(Rule)),
    badge: Type.Optional(Nullable(BadgeInput)),
    archived: Type.Optional(Type.Boolean({ description: 'Archive (hide from members) or restore.' })),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const ChallengeOccurrence = Type.Object(
  {
    key: Type.String({
      description: '"once", the Monday of the week ("2026-03-30") or the month ("2026-03").',
    }),
    startsAt: Iso,
    endsAt: Nullable(Iso),
  },
  { $id: 'ChallengeOccurrence' },
)

export const Submission = Type.Object(
  {
    id: Type.Integer(),
    challengeId: Type.Integer(),
    occurrence: Type.String(),
    author: Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
    text: Type.String({ description: 'As the member wrote it (Markdown).' }),
    html: Type.String({ description: 'Sanitised.' }),
    link: Nullable(Type.String()),
    status: Status,
    reviewReason: Nullable(Type.String()),
    reviewedBy: Nullable(
      Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
    ),
    reviewedAt: Nullable(Iso),
    createdAt: Iso,
  },
  { $id: 'ChallengeSubmission' },
)

export const Progress = Type.Object(
  {
    occurrence: Type.Ref('ChallengeOccurrence'),
    count: Type.Integer({ description: 'Counted so far in this occurrence (at most target).' }),
    target: Type.Integer(),
    completed: Type.Boolean(),
    completedAt: Nullable(Iso),
    submission: Nullable(Type.Ref('ChallengeSubmission')),
  },
  { $id: 'ChallengeProgress', description: 'The reader’s progress in the current occurrence.' },
)

export const Challenge = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String(),
    description: Type.String({ description: 'Markdown as written.' }),
    html: Type.String({ description: 'The description, sanitised.' }),
    points: Type.Integer(),
    startsAt: Iso,
    endsAt: Nullable(Iso),
    timeZone: Type.String(),
    recurrence: RecurrenceType,
    completion: Type.Union([Type.Literal('activity'), Type.Literal('submission')]),
    rule: Nullable(
      Type.Object({ action: Action, count: Type.Integer(), categoryId: Nullable(Type.Integer()) }),
    ),
    badge: Nullable(
      Type.Object({ slug: Type.String(), nameEn: Type.String(), nameFr: Type.String(), icon: Type.String() }),
    ),
    state: State,
    occurrence: Nullable(Type.Ref('ChallengeOccurrence', { description: 'The current one, or the next.' })),
    archivedAt: Nullable(Iso),
    createdAt: Iso,
    updatedAt: Iso,
    url: Type.String({ description: 'Its page on the community site.' }),
    can: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), review: Type.Boolean() }),
    progress: Nullable(
      Type.Ref('ChallengeProgress', { description: 'Null for visitors and when not open.' }),
    ),
  },
  { $id: 'Challenge' },
)

export const ChallengeResponse = Type.Object({ challenge: Type.Ref('Challenge') })

export const ChallengeListQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('current'), ...State.anyOf], {
        description: '`current` (default): active and upcoming. `archived`: moderators only.',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
)

export const ChallengeList = Type.Object({
  items: Type.Array(Type.Ref('Challenge'), { description: 'Newest first.' }),
  nextCursor: Nullable(Type.String()),
})

export const SubmissionCreate = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000, description: 'Markdown.' }),
    link: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'An http(s) address.' })),
  },
  { additionalProperties: false },
)

export const SubmissionResponse = Type.Object({ submission: Type.Ref('ChallengeSubmission') })

export const SubmissionListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

export const SubmissionList = Type.Object({
  items: Type.Array(Type.Ref('ChallengeSubmission'), { description: 'Newest first.' }),
  nextCursor: Nullable(Type.String()),
})

export const Review = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Required to reject; the member reads it.' }),
    ),
  },
  { additionalProperties: false },
)

export const ProgressResponse = Type.Object({ progress: Nullable(Type.Ref('ChallengeProgress')) })
