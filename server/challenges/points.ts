import { sql, type Transaction } from 'kysely'
import { DateTime } from 'luxon'
import type { Database, Db } from '../db/database.js'
import { defaultTimeZone } from './occurrences.js'

// The points ledger: every point a member holds is a row saying what earned it, written once per
// member and source (`points_once`), so totals can be audited and nothing counts twice. The running
// totals the leaderboards read (`points_totals`) change in the same transaction.

/** Leaderboard weeks and months are the community's: Monday 00:00 and the 1st, Paris time. */
export const leaderboardTimeZone = defaultTimeZone

export type Period = 'week' | 'month' | 'all'

/** The totals row a period's leaderboard reads at `at`, with the period's bounds. */
export function periodScope(
  period: Period,
  at: Date,
): { scope: string; startsAt: Date | null; endsAt: Date | null } {
  if (period === 'all') return { scope: 'all', startsAt: null, endsAt: null }
  const start = DateTime.fromJSDate(at, { zone: leaderboardTimeZone }).startOf(period)
  const end = start.plus(period === 'week' ? { weeks: 1 } : { months: 1 })
  const key = period === 'week' ? start.toISODate() : start.toFormat('yyyy-MM')
  return { scope: `${period}:${key}`, startsAt: start.toJSDate(), endsAt: end.toJSDate() }
}

export interface Credit {
  userId: number
  amount: number
  /** What kind of thing earned it: "challenge". */
  reason: string
  /** What exactly, unique per member: "challenge:12:2026-03-30". */
  source: string
  at: Date
}

/**
 * Credits points once per member and source, and moves the member's totals (all-time, the week,
 * the month) in the same transaction. Returns the new all-time total, or null when this source had
 * already been credited (nothing changed).
 *
 * @example await creditPoints(trx, { userId: 7, amount: 50, reason: 'challenge', source: 'challenge:3:once', at: now }) // 150
 */
export async function creditPoints(trx: Transaction<Database>, credit: Credit): Promise<number | null> {
  const row = await trx
    .insertInto('points')
    .values({
      userId: credit.userId,
      amount: credit.amount,
      reason: credit.reason,
      source: credit.source,
      createdAt: credit.at,
    })
    .onConflict((oc) => oc.constraint('points_once').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) return null
  const scopes = (['all', 'week', 'month'] as const).map((p) => periodScope(p, credit.at).scope)
  const totals = await trx
    .insertInto('pointsTotals')
    .values(scopes.map((scope) => ({ scope, userId: credit.userId, total: credit.amount })))
    .onConflict((oc) =>
      oc.columns(['scope', 'userId']).doUpdateSet({ total: sql`points_totals.total + excluded.total` }),
    )
    .returning(['scope', 'total'])
    .execute()
  return totals.find((t) => t.scope === 'all')!.total
}

/** A member's all-time total (0 when they have none). */
export async function totalOf(db: Transaction<Database> | Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('pointsTotals')
    .select('total')
    .where('scope', '=', 'all')
    .where('userId', '=', userId)
    .executeTakeFirst()
  return row?.total ?? 0
}
