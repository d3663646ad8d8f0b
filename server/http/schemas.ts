import { type TSchema, Type } from 'typebox'

/** The error shape of shared/DESIGN.md, documented on every route. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code, e.g. "silenced".' }),
      message: Type.String({ description: 'A sentence a person can read.' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'Every error answers in this shape.' },
)

const statusText: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Refused by a rule',
  426: 'Upgrade required (a WebSocket address)',
  429: 'Rate-limited',
  503: 'Temporarily unavailable',
}

/** Response schemas for the error statuses a route may answer with. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  for (const status of statuses)
    out[status] = Type.Ref('Error', { description: statusText[status] ?? 'Error' })
  return out
}

export const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
)

export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

export const NoContent = Type.Null({ description: 'No content' })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
