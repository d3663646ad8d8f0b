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

export const PublishBody = Type.Object(
  {
    summary: Type.String({
      maxLength: 500,
      description: 'What changed, shown to members asked to accept it again.',
    }),
    rules: Type.Array(
      Type.Object(
        {
          id: Type.String({
            pattern: '^[a-z0-9][a-z0-9-]{0,39}$',
            description: 'Stable: decisions cite it across versions.',
          }),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          body: Type.String({ minLength: 1, maxLength: 10_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
)
