import pg from 'pg'
import { createSession } from '../../../server/accounts/sessions.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { openDatabase } from '../../../server/db/database.js'
import { migrateToLatest } from '../../../server/db/migrate.js'
import { decodeKeys, encodeCursor } from '../../../server/http/cursor.js'
import { listOpen, type QueueKind } from '../../../server/moderation/queue/queries.js'
import type { BenchOptions } from '../options.js'
import { step } from '../progress.js'
import { ensureQueueSeed, queueDatabaseUrl, queueSizes } from './queue-seed.js'
import { type ModerationRow, percentiles, timeSideBySide } from './run-moderation.js'

// The review queue's listing (issue 5: "with 100,000 flags and 20,000 held posts, listing the queue
// answers with p99 under 50 ms"): GET /api/moderation/queue through the app built in this process,
// next to the same page's bare keyset SQL, on a backlog seeded in a database of its own.

export const queueTarget = { text: 'p99 < 50 ms', ms: 50 }
const pageSize = 50
/** Where page walks start, as a position in the queue's order (0: its first page). */
const starts: { kind?: QueueKind; at: number }[] = [
  { at: 0 },
  // Pages 10 to 13 hold the two biggest pile-ons (390 and 111 flags): the hydration's worst case.
  { at: 450 },
  { at: 12_500 },
  { at: 25_000 },
  { at: 37_500 },
  { at: 49_500 },
  { kind: 'held', at: 0 },
  { kind: 'held', at: 10_000 },
  { kind: 'held', at: 19_500 },
]
/** Pages followed through nextCursor from each start. */
const pagesPerWalk = 4
const runs = 1_152
const warmupRuns = 64
/** Short blocks: a request takes milliseconds, and the two sides should meet the same noise. */
const block = 144

interface Page {
  kind: QueueKind | undefined
  after: [boolean, number, number] | null
  url: string
  /** First page, deep page, or held filter: reported apart in the note. */
  group: 'first' | 'deep' | 'held'
  /** The response body's length. */
  bytes: number
}

const labels = {
  baseline: 'Queue page, bare SQL (baseline)',
  listing: `Queue listing, GET /api/moderation/queue, ${queueSizes.flags.toLocaleString('en')} flags + ${queueSizes.heldPosts.toLocaleString('en')} held`,
}

/**
 * Seeds (or reuses) the queue's database, then times the listing over HTTP (in-process inject)
 * against `listOpen(...).execute()` for the same pages, alternating in blocks.
 */
export async function queueListingRows(opts: BenchOptions): Promise<ModerationRow[]> {
  try {
    return await measure(queueDatabaseUrl(opts.databaseUrl))
  } catch (err) {
    const broken = err instanceof Error ? err.message : String(err)
    console.log(`  Queue listing: BROKEN (${broken})`)
    const none = { median: null, p99: null, target: queueTarget.text, verdict: '—' as const, broken }
    return [
      { label: labels.baseline, ...none, target: '' },
      { label: labels.listing, ...none },
    ]
  }
}

async function measure(databaseUrl: string): Promise<ModerationRow[]> {
  const seed = await ensureQueueSeed(databaseUrl)
  const handle = await openDatabase({ databaseUrl })
  await migrateToLatest(handle.db)
  const config = loadConfig({ RATE_LIMITS: 'off', TRIBUNE_DEMO: 'off', DATABASE_URL: databaseUrl })
  const app = await buildApp({ config, dbHandle: handle, logger: false })
  let tokenHash: string | undefined
  try {
    await app.ready()
    const session = await createSession(app.db, 1, { userAgent: 'tribune queue bench' })
    tokenHash = session.tokenHash
    const headers = { authorization: `Bearer ${session.token}` }
    const pages = await step('queue listing: walk the pages', () => walkPages(app, databaseUrl, headers))
    const get = async (page: Page) => {
      const res = await app.inject({ method: 'GET', url: page.url, headers })
      if (res.statusCode !== 200)
        throw new Error(`GET ${page.url}: ${res.statusCode} ${res.body.slice(0, 200)}`)
      return res
    }
    const bare = (page: Page) => listOpen(app.db, page.after, pageSize, page.kind).execute()
    let h = 0
    let b = 0
    process.stdout.write(
      `  Queue listing (${pages.length} pages, ${runs.toLocaleString('en')} requests each side after ${warmupRuns} warm-up)… `,
    )
    const httpPages: Page[] = []
    const [http, sql] = await timeSideBySide(
      [
        () => {
          const page = pages[h++ % pages.length]!
          httpPages.push(page)
          return get(page)
        },
        () => bare(pages[b++ % pages.length]!),
      ],
      runs,
      warmupRuns,
      block,
    )
    // The warm-up calls are not recorded: the samples are the last `runs` pages asked for.
    const groups = byGroup(httpPages.slice(-runs), http!.wall)
    const l = percentiles(http!.wall)
    const s = percentiles(sql!.wall)
    const lCpu = percentiles(http!.cpu)
    const sCpu = percentiles(sql!.cpu)
    console.log(`p99 ${l.p99.toFixed(1)} ms (bare SQL: p99 ${s.p99.toFixed(1)} ms)`)
    const z = queueSizes
    const fmt = (n: number) => n.toLocaleString('en')
    const seeded = `a database of its own (tribune_bench_queue on the bench's server; ${seed.seeded ? 'seeded by this run' : 'reused from an earlier run'}, seeding takes ${(seed.seedMs / 1000).toFixed(0)} s): ${fmt(z.members)} members and ${z.moderators} moderators, ${fmt(z.topics)} topics of ${z.postsPerTopic} posts; ${fmt(z.flags)} open flags on ${fmt(z.flaggedPosts)} posts (one each, the rest piling onto a few) in ${fmt(z.flaggedPosts)} open \`flagged\` items, 1 in ${z.urgentEvery} urgent; ${fmt(z.heldPosts)} held posts (hidden, with a reason) in ${fmt(z.heldPosts)} open \`held\` items; ${fmt(z.resolvedItems)} resolved items (with their resolved flags) among them; ${fmt(z.sanctions)} sanctions`
    return [
      {
        label: labels.baseline,
        ...s,
        target: '',
        verdict: '—',
        note: `\`listOpen(db, after, ${pageSize}, kind).execute()\` (server/moderation/queue/queries.ts): the keyset SELECT of the same pages, no hydration, over the app's own pool. The pages: ${pages.length}, walked through nextCursor ${pagesPerWalk} at a time from ${starts.length} places (the first page; positions ${starts
          .filter((x) => !x.kind && x.at > 0)
          .map((x) => fmt(x.at))
          .join(
            ', ',
          )} of the whole queue, ${fmt(starts[1]!.at)} reaching the two biggest pile-ons, 390 and 111 flags on one item; and with \`?kind=held\` its first page and positions ${starts
          .filter((x) => x.kind && x.at > 0)
          .map((x) => fmt(x.at))
          .join(', ')}). Seed: ${seeded}.`,
      },
      {
        label: labels.listing,
        ...l,
        versus: { label: 'bare SQL', ...s },
        target: queueTarget.text,
        verdict: l.p99 < queueTarget.ms ? 'PASS' : 'FAIL',
        note: `\`app.inject({ method: 'GET', url: '/api/moderation/queue…' })\` as a moderator (bearer session), the app built in the bench's process as tests build it (rate limits off): the keyset page plus its hydration (posts with topics, members, the latest 5 flags per item, sanctions standing), validation and JSON (${fmt(Math.round(pages.reduce((n, p) => n + p.bytes, 0) / pages.length / 1024))} KiB a page on average). ${fmt(runs)} requests cycling over the pages, alternating with the bare SQL in blocks of ${block} after ${warmupRuns} unrecorded each. By page: ${groups}. CPU time of the bench's process per request (PostgreSQL's own not counted; waits for a CPU left out): median ${lCpu.median.toFixed(1)} ms, p99 ${lCpu.p99.toFixed(1)} ms, against ${sCpu.median.toFixed(1)} and ${sCpu.p99.toFixed(1)} ms for the bare SQL.`,
      },
    ]
  } finally {
    if (tokenHash) await app.db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute()
    await app.close()
    await handle.close()
  }
}

/** Follows nextCursor from each start, checking every page is full; returns the pages in order. */
async function walkPages(
  app: Awaited<ReturnType<typeof buildApp>>,
  databaseUrl: string,
  headers: Record<string, string>,
): Promise<Page[]> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  const pages: Page[] = []
  try {
    for (const start of starts) {
      let after: [boolean, number, number] | null = null
      if (start.at > 0) {
        // The row just before the start: what the page before it would have put in its cursor.
        const { rows } = await c.query(
          `select not urgent as nu, (extract(epoch from created_at) * 1000000)::bigint as micros, id
           from queue_items where resolved_at is null ${start.kind ? 'and kind = $2' : 'and $2::text is null'}
           order by not urgent, created_at, id offset $1 limit 1`,
          [start.at - 1, start.kind ?? null],
        )
        if (!rows[0]) throw new Error(`the queue has fewer than ${start.at} items`)
        after = [rows[0].nu, Number(rows[0].micros), Number(rows[0].id)]
      }
      for (let i = 0; i < pagesPerWalk; i++) {
        const query = new URLSearchParams()
        if (after) query.set('cursor', encodeCursor(after))
        if (start.kind) query.set('kind', start.kind)
        const qs = query.toString()
        const url = `/api/moderation/queue${qs ? `?${qs}` : ''}`
        const res = await app.inject({ method: 'GET', url, headers })
        const body = res.json() as { items: unknown[]; nextCursor: string | null }
        if (res.statusCode !== 200 || body.items.length !== pageSize || !body.nextCursor)
          throw new Error(`GET ${url}: ${res.statusCode}, ${body.items?.length} items, not a full page`)
        pages.push({
          kind: start.kind,
          after,
          url,
          group: start.kind ? 'held' : start.at === 0 && i === 0 ? 'first' : 'deep',
          bytes: res.rawPayload.length,
        })
        after = decodeKeys<[boolean, number, number]>(body.nextCursor, 'bnn')
      }
    }
  } finally {
    await c.end()
  }
  return pages
}

function byGroup(pages: Page[], wall: number[]): string {
  const names = { first: 'the first page', deep: 'deeper pages', held: '`?kind=held` pages' }
  return (['first', 'deep', 'held'] as const)
    .map((g) => {
      const samples = wall.filter((_, i) => pages[i]!.group === g)
      const p = percentiles(samples)
      return `${names[g]} median ${p.median.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms (${samples.length} requests)`
    })
    .join('; ')
}
