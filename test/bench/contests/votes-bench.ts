import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import pg from 'pg'
import { hashToken } from '../../../server/accounts/sessions.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { openDatabase } from '../../../server/db/database.js'
import { migrateToLatest } from '../../../server/db/migrate.js'
import type { ModerationRow } from '../moderation/run-moderation.js'
import { percentiles } from '../moderation/run-moderation.js'
import { defaultDatabaseUrl } from '../options.js'
import { databaseBeside, recreateDatabase } from '../own-database.js'
import { step } from '../progress.js'

// Contest votes under a crowd (issue 6): 10,000 members vote at once, each up to votesPerMember = 3
// times, some double-clicking (the same vote sent twice at once), some trying a 4th vote, through
// HTTP against the app listening in this process, on a database of its own seeded in bulk. Then
// every vote must have counted exactly once: as many rows as 201s, nobody above 3, no duplicate.

export const voteTarget = { text: 'p99 < 100 ms', ms: 100 }
export const voteSizes = { members: 10_000, entries: 200, votesPerMember: 3, concurrency: 64 }
type Sizes = typeof voteSizes
/** One voter in this many double-clicks one of their votes; one in this many tries a 4th vote. */
const doubleClickEvery = 10
const fourthVoteEvery = 10

export type ContestVoteRow = ModerationRow & { pass: boolean }

export interface ContestVotesResult {
  date: Date
  rows: ContestVoteRow[]
  pass: boolean
}

/** The bench's own database, next to the main bench's: dropped and created afresh each run. */
const contestsDatabaseUrl = (benchUrl: string) => databaseBeside(benchUrl, 'tribune_bench_contests')

interface Voter {
  id: number
  token: string
  /** The entries this voter votes for, in order (3, or 4 when trying one too many). */
  plan: number[]
  doubleClick: boolean
}

interface Outcome {
  status: number
  code: string | null
  ms: number
}

/**
 * Seeds, opens voting, has every member vote through HTTP with ~64 requests in flight, checks the
 * counts in the database, and returns the rows of the Contests table.
 */
export async function measureContestVotes(opts: {
  databaseUrl?: string
  /** Fewer members or another concurrency, for a quick look (the bench uses the defaults). */
  members?: number
  concurrency?: number
}): Promise<ContestVotesResult> {
  const sizes: Sizes = {
    ...voteSizes,
    ...(opts.members ? { members: opts.members } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  }
  const databaseUrl = contestsDatabaseUrl(
    opts.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? defaultDatabaseUrl,
  )
  await step('contest votes: fresh database', () => recreateDatabase(databaseUrl))
  const handle = await openDatabase({ databaseUrl })
  await migrateToLatest(handle.db)
  const config = loadConfig({
    RATE_LIMITS: 'off',
    TRIBUNE_DEMO: 'off',
    DATABASE_URL: databaseUrl,
    TRIBUNE_JOBS_POLL_MS: '0',
  })
  const app = await buildApp({ config, dbHandle: handle, logger: false })
  const agent = new http.Agent({ keepAlive: true, maxSockets: sizes.concurrency * 2 })
  try {
    await app.ready()
    const { contestId, entries, voters } = await step('contest votes: seed 10,000 members, 200 entries', () =>
      seed(app, sizes),
    )
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    // As members do, each opens the contest's page before voting (not measured): their session
    // is then known to the server, as it would be after browsing the entries.
    await step('contest votes: 10,000 members open the contest', () =>
      runVoters(voters, sizes.concurrency, async (v) => {
        const page = await request(agent, port, 'GET', `/api/contests/${contestId}`, v.token)
        if (page.status !== 200) throw new Error(`GET the contest: ${page.status}`)
      }),
    )
    const outcomes: { vote: Outcome[]; double: Outcome[][]; fourth: Outcome[] } = {
      vote: [],
      double: [],
      fourth: [],
    }
    const bare = await step('contest votes: bare inserts (baseline)', () =>
      bareInserts(databaseUrl, sizes.concurrency, sizes.members * 2),
    )
    const started = performance.now()
    await step('contest votes: 10,000 members voting', () =>
      runVoters(voters, sizes.concurrency, async (v) => {
        for (const [i, entryId] of v.plan.entries()) {
          const path = `/api/contests/${contestId}/entries/${entryId}/votes`
          if (i === sizes.votesPerMember) outcomes.fourth.push(await post(agent, port, path, v.token))
          else if (i === 0 && v.doubleClick)
            outcomes.double.push(
              await Promise.all([post(agent, port, path, v.token), post(agent, port, path, v.token)]),
            )
          else outcomes.vote.push(await post(agent, port, path, v.token))
        }
      }),
    )
    const wallMs = performance.now() - started
    const checks = await verify(app.db, contestId, entries, outcomes, sizes)
    const all = [...outcomes.vote, ...outcomes.double.flat(), ...outcomes.fourth]
    const created = all.filter((o) => o.status === 201)
    const refused = all.filter((o) => o.status === 409)
    const p = percentiles(all.map((o) => o.ms))
    const p201 = percentiles(created.map((o) => o.ms))
    const p409 = percentiles(refused.map((o) => o.ms))
    const fmt = (n: number) => n.toLocaleString('en')
    const throughput = Math.round(all.length / (wallMs / 1000))
    console.log(
      `  Votes: ${fmt(all.length)} requests in ${(wallMs / 1000).toFixed(1)} s (${fmt(throughput)}/s), p99 ${p.p99.toFixed(1)} ms; counted once: ${checks.pass ? 'yes' : `NO (${checks.problems.join('; ')})`}`,
    )
    const latencyPass = p.p99 < voteTarget.ms
    const context = `${fmt(sizes.members)} members (accounts older than the contest, bearer sessions inserted in bulk; each opened the contest's page once before the measure, unrecorded, so the server knows their session as after browsing the entries), ${sizes.entries} entries, votesPerMember ${sizes.votesPerMember}; every member votes through HTTP (node:http keep-alive agent, ${sizes.concurrency} members at a time, each voting in sequence) against the app listening on 127.0.0.1 in the bench's own process (client and server share its event loop; rate limits off); 1 member in ${doubleClickEvery} sends its first vote twice at once, 1 in ${fourthVoteEvery} tries a 4th vote. ${fmt(all.length)} requests in ${(wallMs / 1000).toFixed(1)} s (${fmt(throughput)} a second).`
    return {
      date: new Date(),
      pass: latencyPass && checks.pass,
      rows: [
        {
          label: 'Bare insert, one row per statement (baseline)',
          median: bare.median,
          p99: bare.p99,
          target: '',
          verdict: '—',
          pass: true,
          note: `${fmt(bare.count)} single-row inserts (a unique pair, \`on conflict do nothing returning id\`, each its own transaction) over a bare \`pg\` pool of 20 (the app's size), ${sizes.concurrency} at a time, into a scratch table of the same database just before the votes (${fmt(bare.perSecond)} a second): what one committed write costs this machine at this concurrency, the yardstick for the votes below.`,
        },
        {
          label: 'Contest vote, POST /api/contests/:id/entries/:entryId/votes (every request)',
          ...p,
          versus: { label: 'bare insert', median: bare.median, p99: bare.p99 },
          target: voteTarget.text,
          verdict: latencyPass ? 'PASS' : 'FAIL',
          pass: latencyPass,
          note: `${context} Latency of every request, accepted or refused, from the client's side.`,
        },
        {
          label: 'Contest vote accepted (201)',
          ...p201,
          target: '',
          verdict: '—',
          pass: true,
          note: `${fmt(created.length)} votes: the rules' one query, then the insert taking the member's lowest free slot.`,
        },
        {
          label: 'Contest vote refused (409: double click or past the allowance)',
          ...p409,
          target: '',
          verdict: '—',
          pass: true,
          note: `${fmt(refused.length)} refusals: the insert finding nothing to do, then the query saying why.`,
        },
        {
          label: 'Every vote counted exactly once',
          median: null,
          p99: null,
          target: 'sum = 201s, ≤ 3 each, no duplicate',
          verdict: checks.pass ? 'PASS' : 'FAIL',
          pass: checks.pass,
          note: `Checked in the database after the run: ${checks.summary}${checks.problems.length ? ` Problems: ${checks.problems.join('; ')}.` : ''}`,
        },
      ],
    }
  } finally {
    agent.destroy()
    await app.close()
    await handle.close()
  }
}

/** Members, a moderator, a category, the contest (created through the API), entries, sessions. */
async function seed(app: Awaited<ReturnType<typeof buildApp>>, sizes: Sizes) {
  const db = app.db
  const n = sizes.members
  const authors = sizes.entries
  // Voters 1..n, entry authors n+1..n+200, the moderator n+201: all created 30 days ago.
  await sql`insert into users (email, handle, display_name, role, charter_version, created_at)
    select 'voter' || i || '@bench.tribune.test', 'voter_' || i, 'Voter ' || i,
      case when i = ${n + authors + 1}::int then 'moderator' else 'member' end,
      (select max(version) from charter_versions), now() - interval '30 days'
    from generate_series(1, ${n + authors + 1}::int) i`.execute(db)
  const users = await db.selectFrom('users').select(['id', 'handle']).orderBy('id').execute()
  const modId = users.at(-1)!.id
  const tokens = users.map(() => randomBytes(32).toString('base64url'))
  await sql`insert into sessions (user_id, token_hash, expires_at)
    select u, h, now() + interval '1 day'
    from unnest(${users.map((u) => u.id)}::bigint[], ${tokens.map(hashToken)}::text[]) as s(u, h)`.execute(db)
  await db.insertInto('categories').values({ slug: 'concours', name: 'Concours' }).execute()
  const now = Date.now()
  const modAuth = { authorization: `Bearer ${tokens.at(-1)}` }
  const created = await app.inject({
    method: 'POST',
    url: '/api/contests',
    headers: modAuth,
    payload: {
      title: 'Le grand concours photo',
      rules: 'Une photo par membre. Trois voix chacun.',
      submissionsOpenAt: new Date(now - 86_400_000).toISOString(),
      votingOpensAt: new Date(now + 3_600_000).toISOString(),
      votingClosesAt: new Date(now + 7_200_000).toISOString(),
      votesPerMember: sizes.votesPerMember,
    },
  })
  if (created.statusCode !== 201) throw new Error(`create contest: ${created.statusCode} ${created.body}`)
  const contestId = created.json().contest.id as number
  await sql`insert into contest_entries (contest_id, author_id, slot, title, body, html)
    select ${contestId}::bigint, u.id, 1, 'Photo de ' || u.handle, 'Ma photo.', '<p>Ma photo.</p>'
    from users u where u.id > ${users[n - 1]!.id}::bigint and u.id < ${modId}::bigint order by u.id`.execute(
    db,
  )
  const entries = (await db.selectFrom('contestEntries').select('id').orderBy('id').execute()).map(
    (e) => e.id,
  )
  // Voting opens now, as a moderator would open it.
  const opened = await app.inject({
    method: 'PATCH',
    url: `/api/contests/${contestId}`,
    headers: modAuth,
    payload: { votingOpensAt: new Date(Date.now() - 1000).toISOString(), reason: 'bench' },
  })
  if (opened.json().contest?.phase !== 'voting')
    throw new Error(`open voting: ${opened.statusCode} ${opened.body}`)
  // Each voter picks 3 (or 4) distinct entries, spread by a fixed stride so every run is the same.
  const voters: Voter[] = users.slice(0, n).map((u, i) => {
    const count = i % fourthVoteEvery === 3 ? sizes.votesPerMember + 1 : sizes.votesPerMember
    const plan = Array.from({ length: count }, (_, k) => entries[(i * 7 + k * 53) % entries.length]!)
    return { id: u.id, token: tokens[i]!, plan, doubleClick: i % doubleClickEvery === 0 }
  })
  return { contestId, entries, voters }
}

/** The yardstick: committed single-row inserts over a bare pool, as many at a time as the voters. */
async function bareInserts(databaseUrl: string, concurrency: number, count: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 })
  try {
    await pool.query(
      'create table bench_bare_inserts (id bigint generated always as identity primary key, a int not null, b int not null, unique (a, b))',
    )
    const samples: number[] = []
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const k = next++
          const t = performance.now()
          await pool.query(
            'insert into bench_bare_inserts (a, b) values ($1, $2) on conflict do nothing returning id',
            [k, k % 7],
          )
          samples.push(performance.now() - t)
        }
      }),
    )
    const perSecond = Math.round(count / ((performance.now() - started) / 1000))
    await pool.query('drop table bench_bare_inserts')
    return { ...percentiles(samples), count, perSecond }
  } finally {
    await pool.end()
  }
}

/** Runs `work` for every voter, `concurrency` voters at a time. */
async function runVoters(voters: Voter[], concurrency: number, work: (v: Voter) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < voters.length) await work(voters[next++]!)
    }),
  )
}

function post(agent: http.Agent, port: number, path: string, token: string): Promise<Outcome> {
  return request(agent, port, 'POST', path, token)
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  token: string,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: { authorization: `Bearer ${token}`, 'content-length': 0 },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const ms = performance.now() - started
          const status = res.statusCode ?? 0
          let code: string | null = null
          if (status >= 400)
            code =
              (JSON.parse(Buffer.concat(chunks).toString()) as { error?: { code?: string } }).error?.code ??
              null
          resolve({ status, code, ms })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** What the database holds after the run, against what the clients were told. */
async function verify(
  db: Awaited<ReturnType<typeof buildApp>>['db'],
  contestId: number,
  entries: number[],
  outcomes: { vote: Outcome[]; double: Outcome[][]; fourth: Outcome[] },
  sizes: Sizes,
) {
  const problems: string[] = []
  const all = [...outcomes.vote, ...outcomes.double.flat(), ...outcomes.fourth]
  const accepted = all.filter((o) => o.status === 201).length
  const unexpected = all.filter((o) => o.status !== 201 && o.status !== 409)
  if (unexpected.length)
    problems.push(
      `${unexpected.length} answers neither 201 nor 409 (e.g. ${unexpected[0]!.status} ${unexpected[0]!.code})`,
    )
  const { rows } = await sql<{ total: number; maxPerVoter: number; distinctPairs: number; voters: number }>`
select count(*)::int as total,
  coalesce((select max(c)::int from (select count(*) as c from contest_votes where contest_id = ${contestId}::bigint group by voter_id) x), 0) as max_per_voter,
  count(distinct (entry_id, voter_id))::int as distinct_pairs,
  count(distinct voter_id)::int as voters
from contest_votes where contest_id = ${contestId}::bigint`.execute(db)
  const r = rows[0]!
  if (r.total !== accepted) problems.push(`${r.total} votes stored but ${accepted} answered 201`)
  if (r.maxPerVoter > sizes.votesPerMember) problems.push(`a member has ${r.maxPerVoter} votes`)
  if (r.distinctPairs !== r.total) problems.push(`${r.total - r.distinctPairs} duplicate votes`)
  const expected = sizes.members * sizes.votesPerMember
  if (r.total !== expected) problems.push(`${r.total} votes stored, ${expected} expected`)
  const doubleOk = outcomes.double.every(
    (pair) =>
      pair.filter((o) => o.status === 201).length === 1 && pair.some((o) => o.code === 'already_voted'),
  )
  if (!doubleOk) problems.push('a double click did not give exactly one 201 and one already_voted')
  if (!outcomes.fourth.every((o) => o.status === 409 && o.code === 'no_votes_left'))
    problems.push('a 4th vote was not refused with no_votes_left')
  const perEntry = await db
    .selectFrom('contestVotes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contestId', '=', contestId)
    .where('entryId', 'in', entries)
    .executeTakeFirstOrThrow()
  if (Number(perEntry.n) !== r.total) problems.push('votes outside the contest’s entries')
  return {
    pass: problems.length === 0,
    problems,
    summary: `${r.total.toLocaleString('en')} votes stored = ${accepted.toLocaleString('en')} answers 201 (${expected.toLocaleString('en')} expected); ${r.voters.toLocaleString('en')} voters, at most ${r.maxPerVoter} each; ${r.distinctPairs.toLocaleString('en')} distinct (entry, voter) pairs; ${outcomes.double.length.toLocaleString('en')} double clicks each gave one 201 and one 409 already_voted: ${doubleOk ? 'yes' : 'no'}; ${outcomes.fourth.length.toLocaleString('en')} 4th votes refused 409 no_votes_left.`,
  }
}

// `tsx test/bench/contests/votes-bench.ts` runs it alone and prints the rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : undefined
  }
  const result = await measureContestVotes({ members: arg('members'), concurrency: arg('concurrency') })
  for (const row of result.rows)
    console.log(
      `${row.verdict.padEnd(5)} ${row.label}: median ${row.median?.toFixed(1) ?? '—'} ms, p99 ${row.p99?.toFixed(1) ?? '—'} ms (${row.target || 'no target'})`,
    )
  process.exitCode = result.pass ? 0 : 1
}
