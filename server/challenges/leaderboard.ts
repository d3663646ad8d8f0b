import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { type Static, Type } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { decodeKeys, encodeCursor } from '../http/cursor.js'
import { Nullable } from '../http/schemas.js'
import { type Period, periodScope } from './points.js'

// Leaderboards: the week, the month (community time) and all time, read from the running totals
// (points_totals_rank_idx): a page is one index range, a rank one count over the rows above it.

export const LeaderboardQuery = Type.Object(
  {
    period: Type.Optional(
      Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('all')], { default: 'week' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

const Standing = Type.Object({
  rank: Type.Integer({ description: 'Equal points share a rank (1, 2, 2, 4).' }),
  points: Type.Integer(),
})

export const Leaderboard = Type.Object({
  period: Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('all')]),
  startsAt: Nullable(Type.String({ format: 'date-time', description: 'Null for all time.' })),
  endsAt: Nullable(Type.String({ format: 'date-time' })),
  items: Type.Array(
    Type.Object({
      ...Standing.properties,
      user: Type.Object({
        id: Type.Integer(),
        handle: Type.String(),
        displayName: Type.String(),
        avatarUrl: Nullable(Type.String()),
      }),
    }),
    { description: 'Most points first; equal points by account age.' },
  ),
  nextCursor: Nullable(Type.String()),
  me: Nullable(
    Type.Object(Standing.properties, { description: 'The reader’s own standing; null without points.' }),
  ),
})

/** @example await leaderboard(app, viewer, { period: 'month' }) // { items: [{ rank, points, user }], nextCursor, me } */
export async function leaderboard(
  app: FastifyInstance,
  viewer: Viewer | null,
  query: Static<typeof LeaderboardQuery>,
): Promise<Static<typeof Leaderboard>> {
  const period: Period = query.period ?? 'week'
  const limit = query.limit ?? 20
  const after = decodeKeys<[number, number]>(query.cursor, 'nn')
  const { scope, startsAt, endsAt } = periodScope(period, app.clock())
  const rows = await app.db
    .selectFrom('pointsTotals as pt')
    .innerJoin('users as u', 'u.id', 'pt.userId')
    .select(['pt.total', 'u.id', 'u.handle', 'u.displayName', 'u.avatarUrl'])
    .where('pt.scope', '=', scope)
    .where('pt.total', '>', 0)
    // `total <=` bounds the index range; the `or` then only sorts out the boundary's ties.
    .$if(after !== null, (q) =>
      q
        .where('pt.total', '<=', after![0])
        .where((eb) =>
          eb.or([
            eb('pt.total', '<', after![0]),
            eb.and([eb('pt.total', '=', after![0]), eb('pt.userId', '>', after![1])]),
          ]),
        ),
    )
    .orderBy('pt.total', 'desc')
    .orderBy('pt.userId')
    .limit(limit + 1)
    .execute()
  const shown = rows.slice(0, limit)
  const items: Static<typeof Leaderboard>['items'] = []
  if (shown.length > 0) {
    const first = shown[0]!
    // The first row's rank (rows with more points) and position (every row before it).
    const { rows: counts } = await sql<{ above: number; before: number }>`
select count(*) filter (where total > ${first.total})::int as above,
  count(*) filter (where total > ${first.total} or (total = ${first.total} and user_id < ${first.id}))::int as before
from points_totals where scope = ${scope} and total >= ${first.total}`.execute(app.db)
    let rank = counts[0]!.above + 1
    const position = counts[0]!.before + 1
    shown.forEach((r, i) => {
      if (i > 0 && r.total !== shown[i - 1]!.total) rank = position + i
      items.push({
        rank,
        points: r.total,
        user: { id: r.id, handle: r.handle, displayName: r.displayName, avatarUrl: r.avatarUrl },
      })
    })
  }
  const last = shown.at(-1)
  return {
    period,
    startsAt: startsAt?.toISOString() ?? null,
    endsAt: endsAt?.toISOString() ?? null,
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.total, last.id]) : null,
    me: viewer ? await standingOf(app, scope, viewer.id) : null,
  }
}

async function standingOf(app: FastifyInstance, scope: string, userId: number) {
  const mine = await app.db
    .selectFrom('pointsTotals')
    .select('total')
    .where('scope', '=', scope)
    .where('userId', '=', userId)
    .executeTakeFirst()
  if (!mine || mine.total <= 0) return null
  const { rows } = await sql<{ above: number }>`
select count(*)::int as above from points_totals where scope = ${scope} and total > ${mine.total}`.execute(
    app.db,
  )
  return { rank: rows[0]!.above + 1, points: mine.total }
}
