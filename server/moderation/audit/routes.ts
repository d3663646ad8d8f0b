import { Readable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { stringify } from 'csv-stringify'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/guard.js'
import { decodeKeys, encodeCursor } from '../../http/cursor.js'
import { errorResponses, Nullable } from '../../http/schemas.js'
import { Person } from '../schema.js'
import { type AuditFilter, presentAudit, selectAudit } from './queries.js'

const AuditQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    actorId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    action: Type.Optional(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+)*$', maxLength: 60 })),
    targetType: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 30 })),
    targetId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]+$', maxLength: 60 })),
    ruleId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
)

const AuditEntry = Type.Object({
  id: Type.Integer(),
  actor: Nullable(Type.Ref('ModerationPerson')),
  action: Type.String({ description: 'e.g. post.hidden, sanction.silence, appeal.overturned, crisis.on' }),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  ruleId: Nullable(Type.String()),
  reason: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
})

const csvColumns = [
  'id',
  'createdAt',
  'actorId',
  'actor',
  'action',
  'targetType',
  'targetId',
  'ruleId',
  'reason',
  'data',
]
const exportChunk = 1000

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Person)

  app.get(
    '/api/moderation/audit',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'The audit log, newest first, filterable; `format=csv` exports every matching entry (moderators)',
        querystring: AuditQuery,
        response: {
          200: Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      requireRole(req, 'moderator')
      const { cursor, limit = 50, format, ...filter } = req.query
      if (format === 'csv') {
        const name = `tribune-audit-${app.clock().toISOString().slice(0, 10)}.csv`
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(
            Readable.from(auditRows(app, filter)).pipe(
              stringify({ header: true, columns: csvColumns, bom: true }),
            ) as never,
          )
      }
      const after = decodeKeys<[number]>(cursor, 'n')
      const rows = await selectAudit(app.db, filter, after?.[0] ?? null, limit + 1).execute()
      const shown = rows.slice(0, limit)
      return {
        items: shown.map(presentAudit),
        nextCursor: rows.length > limit ? encodeCursor([shown.at(-1)!.id]) : null,
      }
    },
  )
}

/** Every matching entry, read a thousand at a time so a long export never holds the log in memory. */
async function* auditRows(app: FastifyInstance, filter: AuditFilter) {
  let before: number | null = null
  for (;;) {
    const rows = await selectAudit(app.db, filter, before, exportChunk).execute()
    for (const r of rows) {
      const e = presentAudit(r)
      yield {
        id: e.id,
        createdAt: e.createdAt,
        actorId: e.actor?.id ?? '',
        actor: e.actor?.handle ?? 'system',
        action: e.action,
        targetType: e.target.type,
        targetId: e.target.id,
        ruleId: e.ruleId ?? '',
        reason: inert(e.reason),
        data: JSON.stringify(e.data),
      }
    }
    if (rows.length < exportChunk) return
    before = rows.at(-1)!.id
  }
}

/** Text a member wrote, made inert for spreadsheets: a cell starting with = + - @ would run as a formula. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
