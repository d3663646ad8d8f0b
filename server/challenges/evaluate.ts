import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import { scheduleJob } from '../jobs/queue.js'
import {
  type Activity,
  countActivity,
  readWatermark,
  scanActivity,
  storeWatermark,
  watermarkNow,
} from './activity.js'
import { recordCompletion } from './complete.js'
import { type Occurrence, occurrenceAt } from './occurrences.js'
import { activityChallenges, type ChallengeRow, completionsOf } from './queries.js'

// Challenges completed from activity are evaluated off the forum's write path, two ways:
// - the `challenges.evaluate` job, every 30 seconds while a challenge is open, reads what happened
//   since its watermark (posts by id, reactions by time) and evaluates the members who acted, in
//   the occurrence each act falls in. One keyed job row exists, so one instance runs it at a time,
//   and after downtime it starts from the watermark, in batches, until it has caught up;
// - a member opening the challenges is evaluated there and then, so their progress is fresh.

export const evaluateKind = 'challenges.evaluate'
export const evaluateKey = 'challenges:evaluate'
export const everyMs = 30_000
/** Activity just before a challenge ends may be read just after: it stays evaluated this long. */
export const graceMs = 10 * 60_000
/** How far behind the database clock the watermark stays (see scanActivity). */
export const overlapMs = 2 * 60_000
const batch = 5_000

/** Asks for an evaluation now: a challenge opened or changed (the job then keeps itself going). */
export function wakeEvaluation(trx: Transaction<Database>, now: Date): Promise<void> {
  return scheduleJob(trx, { kind: evaluateKind, key: evaluateKey, runAt: now })
}

export const rule = (c: ChallengeRow) => ({
  action: c.ruleAction!,
  count: c.ruleCount!,
  categoryId: c.ruleCategoryId,
})

/**
 * Completes `occurrence` of `challenge` for those of `userIds` who have done enough and have not
 * completed it yet; returns each member's count (capped at the target) and completion time.
 */
export async function settle(
  app: FastifyInstance,
  challenge: ChallengeRow,
  occurrence: Occurrence,
  userIds: number[],
): Promise<Map<number, { count: number; completedAt: Date | null }>> {
  const target = challenge.ruleCount!
  const out = new Map<number, { count: number; completedAt: Date | null }>()
  const done = await completionsOf(app.db, challenge.id, occurrence.key, userIds)
  for (const [userId, at] of done) out.set(userId, { count: target, completedAt: at })
  const rest = userIds.filter((id) => !done.has(id))
  const counts = await countActivity(app.db, rule(challenge), rest, occurrence.startsAt, occurrence.endsAt)
  for (const userId of rest) {
    const count = Math.min(counts.get(userId) ?? 0, target)
    out.set(userId, { count, completedAt: null })
    if (count < target) continue
    const at = app.clock()
    const events = await app.db
      .transaction()
      .execute((trx) => recordCompletion(trx, challenge, userId, occurrence, { via: 'activity', at }))
    // Null: someone else completed it for them a moment ago; read back when.
    const when = events
      ? at
      : ((await completionsOf(app.db, challenge.id, occurrence.key, [userId])).get(userId) ?? at)
    out.set(userId, { count, completedAt: when })
    if (events) await app.live.publish(events)
  }
  return out
}

/** Evaluates what a scan found: each act against each challenge it may count for, in its occurrence. */
async function evaluateActivity(app: FastifyInstance, challenges: ChallengeRow[], activity: Activity[]) {
  for (const c of challenges) {
    const kind = c.ruleAction === 'reaction_received' ? 'reaction' : 'post'
    const byOccurrence = new Map<string, { occurrence: Occurrence; users: Set<number> }>()
    for (const a of activity) {
      if (a.kind !== kind) continue
      const o = occurrenceAt(c, a.at)
      if (!o) continue
      const entry = byOccurrence.get(o.key) ?? { occurrence: o, users: new Set<number>() }
      entry.users.add(a.userId)
      byOccurrence.set(o.key, entry)
    }
    for (const { occurrence, users } of byOccurrence.values()) await settle(app, c, occurrence, [...users])
  }
}

/**
 * The job: reads the forum from the watermark, evaluates, stores the new watermark, and schedules
 * its next run (at once when a batch was full, in 30 seconds while a challenge is open, at the
 * next start when one is only upcoming, never when none is left: creating one wakes it again).
 * It never fails: an error is logged and the same window is read again next time.
 */
export async function runEvaluation(app: FastifyInstance): Promise<void> {
  const now = app.clock()
  let next: Date | null = new Date(now.getTime() + everyMs)
  try {
    const challenges = await activityChallenges(app.db, now, graceMs)
    const open = challenges.filter((c) => c.startsAt <= now)
    if (open.length === 0) {
      // Nothing to evaluate: skip ahead to the present, sleep until the next start (if any).
      await storeWatermark(app.db, await watermarkNow(app.db, overlapMs))
      const starts = challenges.map((c) => c.startsAt.getTime())
      next = starts.length ? new Date(Math.min(...starts)) : null
    } else {
      const scan = await scanActivity(app.db, await readWatermark(app.db), batch, overlapMs)
      await evaluateActivity(app, open, scan.activity)
      await storeWatermark(app.db, scan.next)
      if (scan.more) next = now
    }
  } catch (err) {
    app.log.warn({ err }, 'challenges: evaluation failed; the same activity is read again next run')
  }
  if (next) await scheduleJob(app.db, { kind: evaluateKind, key: evaluateKey, runAt: next })
}
