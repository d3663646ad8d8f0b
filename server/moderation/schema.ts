import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

// Shapes shared by the moderation routes. Every decision cites a rule of the charter in force.

export const RuleId = Type.String({
  minLength: 1,
  maxLength: 60,
  description: 'The id of the charter rule the decision applies, e.g. "respect".',
})
export const Reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'Why, in a sentence the member will read.',
})

export const Person = Type.Object(
  { id: Type.Integer(), handle: Type.String(), displayName: Type.String() },
  { $id: 'ModerationPerson' },
)

export const Decision = Type.Object({ ruleId: RuleId, reason: Reason }, { additionalProperties: false })

export const sanctionKinds = ['warning', 'silence', 'suspension', 'ban'] as const
export type SanctionKind = (typeof sanctionKinds)[number]

export const Sanction = Type.Object(
  {
    id: Type.Integer(),
    userId: Type.Integer(),
    kind: Type.Union(sanctionKinds.map((k) => Type.Literal(k))),
    ruleId: Type.String(),
    reason: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    endsAt: Nullable(Type.String({ format: 'date-time' })),
    liftedAt: Nullable(Type.String({ format: 'date-time' })),
    active: Type.Boolean({ description: 'In force now: not lifted, not ended (warnings never are).' }),
    createdBy: Nullable(Type.Ref('ModerationPerson')),
    appeal: Nullable(Type.Ref('Appeal')),
  },
  { $id: 'Sanction' },
)

export const Appeal = Type.Object(
  {
    id: Type.Integer(),
    sanctionId: Type.Integer(),
    userId: Type.Integer(),
    text: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('overturned')]),
    outcome: Nullable(Type.Union([Type.Literal('upheld'), Type.Literal('overturned')])),
    decisionReason: Nullable(Type.String()),
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
    decidedBy: Nullable(Type.Ref('ModerationPerson')),
  },
  { $id: 'Appeal' },
)
