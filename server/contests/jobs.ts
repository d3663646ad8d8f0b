import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import { cancelJob, scheduleJob } from '../jobs/queue.js'
import { type LiveEvent, recordLiveEvent } from '../live/events.js'
import { phaseAt } from './phase.js'
import { scheduleOf } from './policy.js'
import { juryComplete, lockContest } from './queries.js'
import { announceResults } from './results.js'

// Phases open and close by themselves: the phase is computed at read time, and one job per
// boundary (keyed per contest and phase, so moving a date moves its job) carries what must happen
// then: the live phase change on `contest:<id>`, and at results the announcement and badges.

export const phaseJob = 'contest.phase'

const boundaries = ['submissions', 'voting', 'closed', 'results'] as const

export const phaseJobKey = (contestId: number, boundary: string) => `contest:${contestId}:${boundary}`

/**
 * Schedules (or moves) the contest's boundary jobs, in the transaction that writes the dates:
 * submissions open, voting opens, voting closes (results without a jury, judging with one), and
 * the jury's deadline when there is one. A moved date makes its job pending again, even if it ran.
 */
export async function schedulePhaseJobs(
  trx: Transaction<Database>,
  contestId: number,
  s: { submissionsOpenAt: Date; votingOpensAt: Date; votingClosesAt: Date; resultsAt: Date | null },
): Promise<void> {
  const at: Record<(typeof boundaries)[number], Date | null> = {
    submissions: s.submissionsOpenAt,
    voting: s.votingOpensAt,
    closed: s.votingClosesAt,
    results: s.resultsAt,
  }
  for (const boundary of boundaries) {
    const key = phaseJobKey(contestId, boundary)
    const runAt = at[boundary]
    if (runAt === null) await cancelJob(trx, key)
    else await scheduleJob(trx, { kind: phaseJob, key, runAt, payload: { contestId, boundary } })
  }
}

/**
 * Brings a contest's side effects in line with its phase now: tells live readers when the phase
 * changed since they were last told, and once results are out announces them (once). Idempotent:
 * the row is locked and what was done is recorded on it, so retries, concurrent instances and
 * early calls (a date moved, the jury done) change nothing twice.
 * @example await syncContest(app, 12) // after voting closed: phase 'results', winners announced
 */
export async function syncContest(app: FastifyInstance, contestId: number): Promise<void> {
  const events = await app.db.transaction().execute(async (trx) => {
    const row = await lockContest(trx, contestId)
    if (!row) return []
    const now = app.clock()
    const schedule = scheduleOf(row)
    const criteria = (row.criteria as unknown[]).length
    const juryDone = row.votingMode !== 'members' && (await juryComplete(trx, row.id, criteria))
    const phase = phaseAt(schedule, row.votingMode, now, juryDone)
    const out: LiveEvent[] = []
    if (phase !== row.publishedPhase) {
      await trx.updateTable('contests').set({ publishedPhase: phase }).where('id', '=', row.id).execute()
      out.push(
        await recordLiveEvent(trx, `contest:${row.id}`, 'contest.phase', {
          contestId: row.id,
          phase,
          previous: row.publishedPhase,
        }),
      )
    }
    if (phase === 'results' && row.resultsAnnouncedAt === null)
      out.push(...(await announceResults(app, trx, row)))
    return out
  })
  await app.live.publish(events)
}

/** Registers the job handler: every boundary job syncs its contest. */
export function registerPhaseJobs(app: FastifyInstance): void {
  app.jobs.register(phaseJob, async (job) => {
    const id = Number(job.payload.contestId)
    if (Number.isSafeInteger(id) && id > 0) await syncContest(app, id)
  })
}
