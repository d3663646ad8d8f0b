import t from 'tap'
import { scheduleJob } from '../../server/jobs/queue.js'
import { JobRunner } from '../../server/jobs/runner.js'
import { build } from '../helpers/app.js'

// The jobs table is what phase changes, reminders and recurring challenges rely on: each due job
// runs once, even with several instances polling; a failing one is retried later; a keyed one
// moves instead of doubling; whatever fell due while nothing ran is caught up.

let now = new Date('2026-03-01T10:00:00Z')
const later = (ms: number) => new Date(now.getTime() + ms)

t.test('jobs', async (t) => {
  const a = await build(t, { clock: () => now })
  const ran: string[] = []
  let failuresLeft = 0
  a.app.jobs.register('test.record', async (job) => {
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error('not this time')
    }
    ran.push(String(job.payload.label))
  })
  const rows = () => a.db.selectFrom('jobs').selectAll().orderBy('id').execute()

  t.test('a job runs once it is due, and only once', async (t) => {
    ran.length = 0
    await scheduleJob(a.db, { kind: 'test.record', runAt: later(60_000), payload: { label: 'one' } })
    t.equal(await a.app.jobs.runDue(), 0, 'not yet due')
    now = later(60_000)
    t.equal(await a.app.jobs.runDue(), 1)
    t.equal(await a.app.jobs.runDue(), 0, 'done jobs stay done')
    t.same(ran, ['one'])
  })

  t.test('a keyed job scheduled again is moved, not doubled, and runs again after it ran', async (t) => {
    ran.length = 0
    await scheduleJob(a.db, { kind: 'test.record', key: 'k', runAt: later(1000), payload: { label: 'a' } })
    await scheduleJob(a.db, { kind: 'test.record', key: 'k', runAt: later(5000), payload: { label: 'b' } })
    t.equal((await rows()).filter((r) => r.key === 'k').length, 1)
    now = later(2000)
    t.equal(await a.app.jobs.runDue(), 0, 'its first time no longer counts')
    now = later(3000)
    await a.app.jobs.runDue()
    t.same(ran, ['b'])
    await scheduleJob(a.db, { kind: 'test.record', key: 'k', runAt: later(1000), payload: { label: 'c' } })
    now = later(1000)
    await a.app.jobs.runDue()
    t.same(ran, ['b', 'c'])
  })

  t.test('a failing job is retried later, then succeeds', async (t) => {
    ran.length = 0
    failuresLeft = 1
    await scheduleJob(a.db, { kind: 'test.record', key: 'retry', runAt: now, payload: { label: 'r' } })
    await a.app.jobs.runDue()
    const failed = (await rows()).find((r) => r.key === 'retry')!
    t.equal(failed.attempts, 1)
    t.match(failed.lastError, /not this time/)
    t.ok(failed.runAt.getTime() > now.getTime(), 'backed off')
    t.equal(failed.doneAt, null)
    now = later(60_000)
    await a.app.jobs.runDue()
    t.same(ran, ['r'])
  })

  t.test('a job that keeps failing is given up after its attempts', async (t) => {
    failuresLeft = 100
    await scheduleJob(a.db, { kind: 'test.record', key: 'doomed', runAt: now })
    for (let i = 0; i < 10; i++) {
      await a.app.jobs.runDue()
      now = later(3_600_000)
    }
    const row = (await rows()).find((r) => r.key === 'doomed')!
    t.equal(row.attempts, 8)
    t.not(row.failedAt, null)
    failuresLeft = 0
  })

  t.test('jobs due during downtime are caught up, oldest first', async (t) => {
    ran.length = 0
    for (const label of ['x', 'y', 'z'])
      await scheduleJob(a.db, {
        kind: 'test.record',
        runAt: later(-3_600_000 + label.charCodeAt(0)),
        payload: { label },
      })
    await a.app.jobs.runDue()
    t.same(ran, ['x', 'y', 'z'])
  })

  t.test('two instances polling together run each job once', async (t) => {
    ran.length = 0
    const other = new JobRunner({ db: a.db, clock: () => now, log: a.app.log, pollMs: 0 })
    other.register('test.record', async (job) => {
      ran.push(String(job.payload.label))
    })
    for (let i = 0; i < 40; i++)
      await scheduleJob(a.db, { kind: 'test.record', runAt: now, payload: { label: `j${i}` } })
    const [mine, theirs] = await Promise.all([a.app.jobs.runDue(), other.runDue()])
    t.equal(mine + theirs, 40)
    t.equal(new Set(ran).size, 40)
    t.equal(ran.length, 40)
  })

  t.test('an instance leaves alone the kinds it has no handler for', async (t) => {
    await scheduleJob(a.db, { kind: 'test.unknown', runAt: now })
    await a.app.jobs.runDue()
    const row = (await rows()).find((r) => r.kind === 'test.unknown')!
    t.equal(row.attempts, 0)
    t.equal(row.doneAt, null)
  })
})
