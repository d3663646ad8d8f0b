import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface JobSpec {
  /** Which handler runs it ("contest.phase", "event.reminder"…). */
  kind: string
  runAt: Date
  /**
   * Names the job so that scheduling it again moves it (a contest's dates change) rather than
   * adding a second copy. Without a key every call adds a job.
   */
  key?: string
  payload?: Record<string, unknown>
}

export interface ClaimedJob {
  id: number
  kind: string
  key: string | null
  payload: Record<string, unknown>
  runAt: Date
  attempts: number
}

/**
 * Schedules a job, usually inside the transaction of the write that calls for it, so that the
 * write and its follow-up land together. A keyed job scheduled again is moved and made pending
 * once more, even if it already ran (the contest reopened, the event moved).
 *
 *   await scheduleJob(trx, { kind: 'event.reminder', key: `event:${id}:reminder`, runAt })
 */
export async function scheduleJob(db: Executor, job: JobSpec): Promise<void> {
  const values = {
    kind: job.kind,
    key: job.key ?? null,
    payload: JSON.stringify(job.payload ?? {}),
    runAt: job.runAt,
  }
  await db
    .insertInto('jobs')
    .values(values)
    .$if(job.key !== undefined, (q) =>
      q.onConflict((oc) =>
        oc.column('key').doUpdateSet({
          kind: (eb) => eb.ref('excluded.kind'),
          payload: (eb) => eb.ref('excluded.payload'),
          runAt: (eb) => eb.ref('excluded.runAt'),
          attempts: 0,
          lockedUntil: null,
          lastError: null,
          doneAt: null,
          failedAt: null,
        }),
      ),
    )
    .execute()
}

/** Forgets a pending keyed job (the event was cancelled). */
export async function cancelJob(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('jobs').where('key', '=', key).where('doneAt', 'is', null).execute()
}

/**
 * Claims up to `limit` due jobs for `leaseMs`: `for update skip locked` lets instances claim side
 * by side without waiting on each other, and the lease hands a job to another instance if the one
 * running it dies. Jobs due long ago (downtime) are simply due: they run now, oldest first.
 */
export async function claimDueJobs(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  leaseMs: number,
  kinds: string[],
): Promise<ClaimedJob[]> {
  if (kinds.length === 0) return []
  const leaseEnd = new Date(now.getTime() + leaseMs)
  const rows = await db
    .updateTable('jobs')
    .set({ lockedUntil: leaseEnd, attempts: sql`attempts + 1` })
    .where(
      'id',
      'in',
      db
        .selectFrom('jobs')
        .select('id')
        .where('doneAt', 'is', null)
        .where('failedAt', 'is', null)
        .where('runAt', '<=', now)
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
        .orderBy('runAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'kind', 'key', 'payload', 'runAt', 'attempts'])
    .execute()
  // UPDATE … RETURNING keeps no order: oldest first again, as claimed.
  return rows
    .map((r) => ({ ...r, payload: (r.payload ?? {}) as Record<string, unknown> }))
    .sort((x, y) => x.runAt.getTime() - y.runAt.getTime() || x.id - y.id)
}

/**
 * Marks a claimed job done, unless it was scheduled again meanwhile (its run_at moved): then it
 * stays pending for its new time.
 */
export async function completeJob(db: Kysely<Database>, job: ClaimedJob, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ doneAt: now, lockedUntil: null })
    .where('id', '=', job.id)
    .where('runAt', '=', job.runAt)
    .execute()
  await db
    .updateTable('jobs')
    .set({ lockedUntil: null })
    .where('id', '=', job.id)
    .where('doneAt', 'is', null)
    .execute()
}

/** Backs a failed job off (30 s, 1 min, 2 min… up to an hour), or gives up after `maxAttempts`. */
export async function failJob(
  db: Kysely<Database>,
  job: ClaimedJob,
  now: Date,
  error: string,
  maxAttempts: number,
): Promise<'retry' | 'failed'> {
  const gaveUp = job.attempts >= maxAttempts
  const delayMs = Math.min(3_600_000, 30_000 * 2 ** (job.attempts - 1))
  await db
    .updateTable('jobs')
    .set({
      lastError: error.slice(0, 2000),
      lockedUntil: null,
      ...(gaveUp ? { failedAt: now } : { runAt: new Date(now.getTime() + delayMs) }),
    })
    .where('id', '=', job.id)
    .where('runAt', '=', job.runAt)
    .execute()
  return gaveUp ? 'failed' : 'retry'
}
