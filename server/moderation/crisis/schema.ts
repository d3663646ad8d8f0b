import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'

export const maxStatement = 5000

const CategoryIds = Nullable(
  Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), {
    minItems: 1,
    maxItems: 200,
    description: 'The categories where new posts are held; null: everywhere.',
  }),
)

export const CrisisBody = Type.Object(
  {
    on: Type.Boolean(),
    categoryIds: Type.Optional(CategoryIds),
    slowModeSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 86_400,
        description:
          'Slow mode where crisis mode applies (default 60; a topic’s own longer slow mode stays).',
      }),
    ),
    statement: Type.Optional(
      Type.String({
        maxLength: maxStatement,
        description: 'The pinned statement (Markdown) every page shows while crisis mode is on.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const CrisisResponse = Type.Object({
  on: Type.Boolean(),
  statement: Type.String({ description: 'The pinned statement, Markdown as written ("" when off).' }),
  statementHtml: Type.String({ description: 'The statement rendered to sanitised HTML.' }),
  categoryIds: CategoryIds,
  slowModeSeconds: Type.Integer(),
  since: Nullable(Type.String({ format: 'date-time', description: 'When crisis mode was switched on.' })),
})
