import { Type } from 'typebox'

export const Rule = Type.Object(
  {
    id: Type.String({ description: 'Stable identifier moderation actions cite, e.g. "respect".' }),
    title: Type.String(),
    body: Type.String({ description: 'Markdown, as written.' }),
  },
  { $id: 'CharterRule' },
)

export const CharterResponse = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  summary: Type.String(),
  rules: Type.Array(Type.Ref('CharterRule')),
})

export const VersionParams = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
)

export const AcceptBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The version the member has read and accepts.' }) },
  { additionalProperties: false },
)
