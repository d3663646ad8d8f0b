import { Type } from 'typebox'
import { User } from '../accounts/present.js'
import { Nullable } from '../http/schemas.js'

const fields = {
  slug: Type.String({
    pattern: '^[a-z0-9][a-z0-9-]{1,39}$',
    description: 'Lowercase letters, digits and dashes, 2 to 40 characters; unique, never changes.',
  }),
  name: Type.String({ minLength: 1, maxLength: 80, description: 'Shown to admins and moderators.' }),
  description: Type.String({ maxLength: 2000, description: 'What the group is for, e.g. who belongs.' }),
}

export const Group = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    memberCount: Type.Integer({ minimum: 0 }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Group', description: 'A set of members that categories may be restricted to (e.g. VIP).' },
)

export const GroupCreate = Type.Object(
  { slug: fields.slug, name: fields.name, description: Type.Optional(fields.description) },
  { additionalProperties: false },
)

export const GroupPatch = Type.Object(
  { name: Type.Optional(fields.name), description: Type.Optional(fields.description) },
  { additionalProperties: false, minProperties: 1 },
)

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

export const MemberParams = Type.Object({ id: Id, userId: Id }, { additionalProperties: false })

export const GroupResponse = Type.Object({ group: Type.Ref('Group') })
export const GroupList = Type.Object({ items: Type.Array(Type.Ref('Group')) })

// The accounts domain registers User in its own plugin scope, out of reach of this one: the same
// shape, inlined rather than referenced. Its role union is built from an array, which TypeBox
// types as never; spelt out here so handlers stay type-checked.
const Member = Type.Object({
  ...User.properties,
  role: Type.Union([Type.Literal('member'), Type.Literal('moderator'), Type.Literal('admin')]),
})

export const MemberList = Type.Object({
  items: Type.Array(Member, {
    description: 'The members, in the order their accounts were created.',
  }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null at the end.' })),
})
