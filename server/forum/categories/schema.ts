import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'

const fields = {
  name: Type.String({ minLength: 1, maxLength: 80 }),
  slug: Type.String({
    pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    maxLength: 60,
    description: 'Lowercase letters, digits and single dashes; unique.',
  }),
  description: Type.String({ maxLength: 2000 }),
  position: Type.Integer({
    minimum: -1_000_000,
    maximum: 1_000_000,
    description: 'Display order, smallest first.',
  }),
  color: Nullable(Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'e.g. "#0a7d5c"' })),
  posting: Type.Union([Type.Literal('members'), Type.Literal('moderators')], {
    description: 'Who may start topics and reply: every member who may read, or moderators only.',
  }),
  groups: Type.Array(
    Type.Object(
      { groupId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), canPost: Type.Boolean() },
      { additionalProperties: false },
    ),
    {
      maxItems: 100,
      description: 'Restricts reading to these groups (and moderators); [] opens the category to everyone.',
    },
  ),
}

export const CategoryCreate = Type.Object(
  {
    name: fields.name,
    slug: fields.slug,
    description: Type.Optional(fields.description),
    position: Type.Optional(fields.position),
    color: Type.Optional(fields.color),
    posting: Type.Optional(fields.posting),
    groups: Type.Optional(fields.groups),
  },
  { additionalProperties: false },
)

export const CategoryPatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    slug: Type.Optional(fields.slug),
    description: Type.Optional(fields.description),
    position: Type.Optional(fields.position),
    color: Type.Optional(fields.color),
    posting: Type.Optional(fields.posting),
    groups: Type.Optional(fields.groups),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CategoryResponse = Type.Object({ category: Type.Ref('Category') })
export const CategoryList = Type.Object({ items: Type.Array(Type.Ref('Category')) })
export const SlugParams = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
)
