import { newSessionToken } from '../../../server/accounts/sessions.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { openDatabase } from '../../../server/db/database.js'
import { migrateToLatest } from '../../../server/db/migrate.js'
import { cpuBusy } from '../live/cpu-busy.js'
import { percentiles } from '../moderation/run-moderation.js'
import { defaultDatabaseUrl } from '../options.js'
import { databaseBeside, recreateDatabase } from '../own-database.js'
import type { Verdict } from '../report.js'

// Event RSVPs under load (issue 6): an event with 1,000 places, 5,000 members asking to go at
// once (HTTP through the app built in this process, 50 requests in flight), then 500 of those
// going withdrawing while 500 newcomers ask. The event row's lock must hand out exactly 1,000
// places, keep the waitlist in the order members asked, give each freed place to the earliest
// waitlisted member, and never count anyone twice. The database is made afresh each run.

/** One line of the table, as the Moderation section's rows (run-moderation.ts). Times in ms. */
export interface EventBenchRow {
  label: string
  median: number | null
  p99: number | null
  target: string
  verdict: Verdict
  note?: string
  broken?: string
}

export const sizes = {
  capacity: 1_000,
  members: 5_000,
  leaving: 500,
  newcomers: 500,
  concurrency: 50,
} as const
/**
 * A member clicking "going" in the rush when registrations open gets an answer within a second,
 * though every RSVP of the event waits for the ones ahead of it on the event's lock.
 */
export const rsvpTarget = { text: 'p99 < 1 s', ms: 1_000 }

/** The bench's own database: the bench server's URL with another name. */
export function eventsDatabaseUrl(benchUrl: string): string {
  return databaseBeside(benchUrl, 'tribune_bench_events')
}

/** Runs `jobs` with at most `concurrency` in flight; each one's duration in ms, in job order. */
async function pooled<T>(jobs: (() => Promise<T>)[], concurrency: number) {
  const times: number[] = new Array(jobs.length)
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      const started = performance.now()
      results[i] = await jobs[i]!()
      times[i] = performance.now() - started
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { times, results, totalMs: performance.now() - started }
}

/**
 * Measures RSVPs on PostgreSQL and checks the invariants. Rows: the 5,000 RSVPs, the mixed phase,
 * and the invariants (PASS only when every one holds).
 * @example const { rows } = await measureEventRsvps({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/tribune_bench' })
 */
export async function measureEventRsvps(
  opts: { databaseUrl?: string } = {},
): Promise<{ rows: EventBenchRow[] }> {
  const databaseUrl = eventsDatabaseUrl(
    opts.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? defaultDatabaseUrl,
  )
  try {
    return { rows: await measure(databaseUrl) }
  } catch (err) {
    const broken = err instanceof Error ? err.message : String(err)
    console.log(`  Event RSVPs: BROKEN (${broken})`)
    const none = { median: null, p99: null, verdict: 'BROKEN' as const, broken }
    return {
      rows: [
        { label: labels.going, target: rsvpTarget.text, ...none },
        { label: labels.mixed, target: rsvpTarget.text, ...none },
        { label: labels.invariants, target: 'all hold', ...none },
      ],
    }
  }
}

const fmt = (n: number) => n.toLocaleString('en')
const labels = {
  going: `RSVP going, ${fmt(sizes.members)} members for ${fmt(sizes.capacity)} places`,
  mixed: `${sizes.leaving} withdraw while ${sizes.newcomers} newcomers RSVP`,
  invariants: 'RSVP invariants (places, waitlist order, promotions, nobody twice)',
}

async function measure(databaseUrl: string): Promise<EventBenchRow[]> {
  const busy = await cpuBusy()
  const machine =
    busy === null
      ? ''
      : ` The CPUs were ${Math.round(busy * 100)}% busy with other work just before it started.`
  await recreateDatabase(databaseUrl)
  const handle = await openDatabase({ databaseUrl, poolSize: 20 })
  await migrateToLatest(handle.db)
  const config = loadConfig({
    RATE_LIMITS: 'off',
    TRIBUNE_DEMO: 'off',
    TRIBUNE_JOBS_POLL_MS: '0',
    DATABASE_URL: databaseUrl,
  })
  const app = await buildApp({ config, dbHandle: handle, logger: false })
  try {
    await app.ready()
    const db = app.db
    // Members and their sessions, set-based: the bench measures RSVPs, not sign-ups.
    const total = sizes.members + sizes.newcomers + 1
    const users = await db
      .insertInto('users')
      .values(
        Array.from({ length: total }, (_, i) => ({
          email: `bench-rsvp-${i}@example.test`,
          handle: `rsvp${i}`,
          displayName: `Rider ${i}`,
          role: i === 0 ? 'admin' : 'member',
          charterVersion: 1,
        })),
      )
      .returning('id')
      .execute()
    const tokens = users.map(() => newSessionToken())
    const expiresAt = new Date(Date.now() + 86_400_000)
    for (let i = 0; i < users.length; i += 1000)
      await db
        .insertInto('sessions')
        .values(
          users
            .slice(i, i + 1000)
            .map((u, k) => ({ userId: u.id, tokenHash: tokens[i + k]!.tokenHash, expiresAt })),
        )
        .execute()
    const auth = (i: number) => ({ authorization: `Bearer ${tokens[i]!.token}` })
    const call = async (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      i: number,
      payload?: object,
    ) => {
      const res = await app.inject({ method, url, headers: auth(i), ...(payload ? { payload } : {}) })
      if (res.statusCode >= 300)
        throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`)
      return res
    }
    await call('POST', '/api/categories', 0, { name: 'Sorties', slug: 'sorties' })
    const start = Date.now() + 7 * 86_400_000
    const created = await call('POST', '/api/events', 0, {
      title: 'Grande sortie du printemps',
      description: 'Mille places.',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 4 * 3_600_000).toISOString(),
      timeZone: 'Europe/Paris',
      capacity: sizes.capacity,
    })
    const eventId = created.json().event.id as number
    const rsvpUrl = `/api/events/${eventId}/rsvp`
    const memberIndex = Array.from({ length: sizes.members }, (_, k) => k + 1)
    const userIdOf = (i: number) => users[i]!.id

    // Phase 1: every member asks to go, 50 at a time.
    process.stdout.write(
      `  Event RSVPs: ${fmt(sizes.members)} members RSVP going, ${sizes.concurrency} in flight… `,
    )
    const going = await pooled(
      memberIndex.map((i) => async () => (await call('PUT', rsvpUrl, i, { status: 'going' })).json().rsvp),
      sizes.concurrency,
    )
    const g = percentiles(going.times)

    console.log(
      `p99 ${g.p99.toFixed(1)} ms (${fmt(Math.round((sizes.members / going.totalMs) * 1000))} RSVPs/s)`,
    )

    const problems: string[] = []
    const given = going.results.filter((r) => r.status === 'going').length
    if (given !== sizes.capacity) problems.push(`phase 1 gave ${given} places`)
    const answered = new Map(memberIndex.map((i, k) => [userIdOf(i), going.results[k]]))
    const queue = async () =>
      db
        .selectFrom('eventRsvps')
        .select(['userId', 'queueSeq'])
        .where('eventId', '=', eventId)
        .where('status', '=', 'waitlisted')
        .orderBy('queueSeq')
        .execute()
    const waitlist1 = await queue()
    // Positions answered are the queue's order (RSVP order), 1..n with no gap and no repeat.
    waitlist1.forEach((r, k) => {
      const got = answered.get(r.userId)
      if (got?.status !== 'waitlisted' || got.position !== k + 1)
        problems.push(`member ${r.userId} is ${k + 1}th in the queue but was told ${JSON.stringify(got)}`)
    })

    // Phase 2: 500 going members withdraw while 500 newcomers ask, interleaved, 50 at a time.
    const goingNow = memberIndex.filter((_, k) => going.results[k].status === 'going')
    const leaving = goingNow.slice(0, sizes.leaving)
    const newcomers = Array.from({ length: sizes.newcomers }, (_, k) => sizes.members + 1 + k)
    const mixedJobs: (() => Promise<unknown>)[] = []
    for (let k = 0; k < sizes.leaving; k++) {
      mixedJobs.push(() => call('DELETE', rsvpUrl, leaving[k]!))
      mixedJobs.push(() => call('PUT', rsvpUrl, newcomers[k]!, { status: 'going' }))
    }
    process.stdout.write(`  Event RSVPs: ${sizes.leaving} withdraw while ${sizes.newcomers} newcomers RSVP… `)
    const mixed = await pooled(mixedJobs, sizes.concurrency)
    const m = percentiles(mixed.times)
    console.log(`p99 ${m.p99.toFixed(1)} ms`)

    // The invariants, from the database.
    const event = await db
      .selectFrom('events')
      .select(['goingCount', 'waitlistCount'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow()
    const rows = await db
      .selectFrom('eventRsvps')
      .select(['userId', 'status'])
      .where('eventId', '=', eventId)
      .execute()
    const goingRows = rows.filter((r) => r.status === 'going')
    if (event.goingCount !== sizes.capacity) problems.push(`goingCount is ${event.goingCount}`)
    if (goingRows.length !== sizes.capacity) problems.push(`${goingRows.length} going rows`)
    const waitlist2 = await queue()
    if (event.waitlistCount !== waitlist2.length)
      problems.push(`waitlistCount ${event.waitlistCount} for ${waitlist2.length} waitlisted`)
    const expectedWaiting = sizes.members - sizes.capacity - sizes.leaving + sizes.newcomers
    if (waitlist2.length !== expectedWaiting)
      problems.push(`${waitlist2.length} waitlisted, not ${expectedWaiting}`)
    const positions = await app.inject({
      method: 'GET',
      url: `/api/events/${eventId}/attendees?status=waitlisted&limit=500`,
      headers: auth(0),
    })
    const shown = positions.json().items as { user: { id: number }; position: number }[]
    shown.forEach((x, k) => {
      if (x.position !== k + 1 || x.user.id !== waitlist2[k]!.userId)
        problems.push(`attendee list position ${x.position} at rank ${k + 1}`)
    })
    // Every freed place went to the earliest waitlisted: the first 500 of phase 1's queue, and
    // the rest of that queue still ahead of every newcomer.
    const promoted = new Set(waitlist1.slice(0, sizes.leaving).map((r) => r.userId))
    const goingIds = new Set(goingRows.map((r) => r.userId))
    for (const id of promoted) if (!goingIds.has(id)) problems.push(`member ${id} was not promoted`)
    const expectedQueue = [
      ...waitlist1.slice(sizes.leaving).map((r) => r.userId),
      ...waitlist2.slice(waitlist1.length - sizes.leaving).map((r) => r.userId),
    ]
    if (waitlist2.some((r, k) => r.userId !== expectedQueue[k])) problems.push('the waitlist order changed')
    const newcomerIds = new Set(newcomers.map(userIdOf))
    if (waitlist2.slice(0, waitlist1.length - sizes.leaving).some((r) => newcomerIds.has(r.userId)))
      problems.push('a newcomer jumped the queue')
    for (const i of leaving)
      if (rows.some((r) => r.userId === userIdOf(i))) problems.push(`member ${userIdOf(i)} still answers`)
    // Nobody twice: one row per member (the primary key), one promotion notice per promoted member.
    if (new Set(rows.map((r) => r.userId)).size !== rows.length) problems.push('a member has two RSVPs')
    const notices = await db
      .selectFrom('liveEvents')
      .select('channel')
      .where('type', '=', 'event.promoted')
      .execute()
    const noticed = notices.map((n) => Number(n.channel.slice('user:'.length)))
    if (noticed.length !== sizes.leaving || new Set(noticed).size !== noticed.length)
      problems.push(`${noticed.length} promotion notices for ${sizes.leaving} places`)
    if (noticed.some((id) => !promoted.has(id))) problems.push('a promotion notice went to the wrong member')

    const ok = problems.length === 0
    console.log(`  Event RSVPs: invariants ${ok ? 'hold' : `BROKEN: ${problems.slice(0, 5).join('; ')}`}`)
    const verdict = (p99: number): Verdict => (p99 < rsvpTarget.ms ? 'PASS' : 'FAIL')
    return [
      {
        label: labels.going,
        ...g,
        target: rsvpTarget.text,
        verdict: verdict(g.p99),
        note: `\`PUT /api/events/:id/rsvp\` {"status":"going"} through \`app.inject\` (bearer sessions; each member's first request also loads their session), ${sizes.concurrency} in flight on a fresh database (tribune_bench_events) with a pool of 20 connections: ${fmt(sizes.members)} requests in ${(going.totalMs / 1000).toFixed(1)} s (${fmt(Math.round((sizes.members / going.totalMs) * 1000))} RSVPs/s). Every RSVP of the event waits for the event row's lock; the locked part is one database call (\`event_rsvp\`), so the app's own work per request (in this process, next to the load it generates) bounds the rate.${machine}`,
      },
      {
        label: labels.mixed,
        ...m,
        target: rsvpTarget.text,
        verdict: verdict(m.p99),
        note: `${sizes.leaving} \`DELETE /api/events/:id/rsvp\` by members going (each promotes the first waitlisted member and notifies them) interleaved with ${sizes.newcomers} \`PUT\` going by new members, ${sizes.concurrency} in flight: ${fmt(mixedJobs.length)} requests in ${(mixed.totalMs / 1000).toFixed(1)} s.`,
      },
      {
        label: labels.invariants,
        median: null,
        p99: null,
        target: 'all hold',
        verdict: ok ? 'PASS' : 'FAIL',
        note: ok
          ? `goingCount ${event.goingCount} = capacity (and ${goingRows.length} going rows); waitlist positions answered in phase 1 were 1..${waitlist1.length} in queue order; after phase 2, the ${sizes.leaving} freed places went to the ${sizes.leaving} earliest waitlisted, newcomers queued behind everyone already waiting, the waitlist (${waitlist2.length}, = waitlistCount) numbered 1..n by the attendee list; one RSVP row per member, one promotion notice per promoted member.`
          : `Broken: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? ` (and ${problems.length - 10} more)` : ''}.`,
      },
    ]
  } finally {
    await app.close()
    await handle.close()
  }
}

// `npx tsx test/bench/events/rsvp-bench.ts` runs it alone and prints the rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await measureEventRsvps()
  console.table(rows.map(({ note: _, ...r }) => r))
  for (const r of rows) console.log(`\n${r.label}: ${r.note ?? r.broken ?? ''}`)
  process.exit(rows.every((r) => r.verdict !== 'BROKEN') ? 0 : 1)
}
