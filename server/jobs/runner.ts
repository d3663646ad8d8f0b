import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { type ClaimedJob, claimDueJobs, completeJob, failJob } from './queue.js'

export type JobHandler = (job: ClaimedJob) => Promise<void>

export interface RunnerOptions {
  db: Db
  clock: () => Date
  log: FastifyBaseLogger
  /** How often to look for due jobs; 0 leaves polling to the caller (tests call runDue). */
  pollMs: number
  leaseMs?: number
  maxAttempts?: number
}

/**
 * Runs due jobs with the handler registered for their kind. Each domain registers its own kinds
 * (no central switch). A job whose kind has no handler on this instance is left for one that has.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<number> | undefined
  private stopped = false

  constructor(private readonly opts: RunnerOptions) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind "${kind}" is already registered`)
    this.handlers.set(kind, handler)
  }

  start(): void {
    if (this.opts.pollMs <= 0 || this.timer || this.stopped) return
    const tick = () => {
      this.runDue()
        .catch((err) => this.opts.log.warn({ err }, 'jobs: poll failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs)
        })
    }
    // The first run catches up whatever fell due while no instance ran.
    this.timer = setTimeout(tick, 0)
  }

  /** Runs every job due now, batch after batch; returns how many ran. One pass at a time. */
  runDue(): Promise<number> {
    if (!this.running) this.running = this.drain().finally(() => (this.running = undefined))
    return this.running
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
  }

  private async drain(): Promise<number> {
    const { db, clock, log } = this.opts
    const kinds = [...this.handlers.keys()]
    let ran = 0
    for (let pass = 0; pass < 100 && !this.stopped; pass++) {
      const jobs = await claimDueJobs(db, clock(), 20, this.opts.leaseMs ?? 5 * 60_000, kinds)
      if (jobs.length === 0) break
      for (const job of jobs) {
        const handler = this.handlers.get(job.kind)
        if (!handler) continue
        try {
          await handler(job)
          await completeJob(db, job, clock())
          ran++
        } catch (err) {
          const outcome = await failJob(
            db,
            job,
            clock(),
            String((err as Error)?.stack ?? err),
            this.opts.maxAttempts ?? 8,
          )
          log.warn(
            { err, job: { id: job.id, kind: job.kind, attempts: job.attempts }, outcome },
            'jobs: a job failed',
          )
        }
      }
    }
    return ran
  }
}
