import { clientBroken, clientSection, clientTextTable } from './client/report-client.js'
import { type ClientResult, hostOrigin, measureClient } from './client/run-client.js'
import { communityTitle, measureCommunity } from './community/run-community.js'
import { loadFixtures } from './fixtures.js'
import { liveBroken, liveFacts, liveTextTable } from './live/report-live.js'
import { type LiveResult, measureLive } from './live/run-live.js'
import { load, type Measured } from './load.js'
import { moderationBroken, moderationTextTable } from './moderation/report-moderation.js'
import { type ModerationResult, measureModeration } from './moderation/run-moderation.js'
import { type BenchOptions, parseOptions, UsageError, usage } from './options.js'
import { seconds } from './progress.js'
import {
  brokenNotes,
  machine,
  mergeModerationResults,
  mergeSection,
  type Row,
  resultsFile,
  textTable,
  type Verdict,
  writeResults,
} from './report.js'
import { baseline, scenarios } from './scenarios/index.js'
import type { Scenario } from './scenarios/types.js'
import { ensureSeeded } from './seed.js'
import { freePort, type RunningServer, startServer, tail, waitIdle } from './server.js'

// npm run bench: seed (or reuse) a large community, start the real server, measure every
// scenario against a bare-pg baseline, then the live fan-out against a bare `ws` server, print
// the tables and write test/bench/RESULTS.md.
// Exits 0 when targets fail (the table says FAIL); 1 when the bench itself broke, a BROKEN
// scenario included, since its figures then mean nothing.

/** The name `--only` knows the live fan-out bench by. */
const liveName = 'live'
/** And the client bench (bundle sizes, render times in Chromium). */
const clientName = 'client'
/** And the moderation bench (in-process: the watched-word check, then whatever rows it gains). */
const moderationName = 'moderation'
/** And the events and contests bench (in-process, on databases of its own: no community needed). */
const communityName = 'community'
/** Client processes of the live bench: the issue's "several", on a 2-core machine. */
const liveWorkers = 4

async function main(opts: BenchOptions): Promise<number> {
  const started = Date.now()
  const plan = pick(opts.only)
  // The in-process benches alone need no community: `--only moderation,community` neither seeds nor
  // starts a server.
  if (!plan.http && !plan.live && !plan.client) return inProcessOnly(opts, plan)
  const seed = await ensureSeeded(opts)
  console.log(
    seed.seeded
      ? `Seed time: ${seconds(seed.seedMs)}.`
      : `Seed time: reused the community seeded on ${seed.seededAt} (it took ${seconds(seed.seedMs)}); --reseed to redo it.`,
  )
  const fixtures = await loadFixtures(opts.databaseUrl, opts.sizes)
  console.log(
    `Search mix: ${fixtures.searchHits.map((h) => `"${h.q}" (${h.kind}, ${h.posts.toLocaleString('en')} posts)`).join(', ')}`,
  )
  let rows: Row[] = []
  let live: LiveResult | undefined
  let client: ClientResult | undefined
  if (plan.http) rows = await withServer(opts, {}, (server) => measureAll(server, plan.http!, fixtures, opts))
  if (plan.live) {
    // A server of its own: after the HTTP scenarios the heap holds caches and free space that new
    // connections would fill without a byte more of RSS, and memory per connection would read 0.
    // One descriptor per live socket, and some to spare for PostgreSQL and HTTP.
    const serverOpts = { openFiles: opts.liveClients + 1024, inspectPort: await freePort() }
    live = await withServer(opts, serverOpts, async (server) => {
      await waitIdle(opts.databaseUrl)
      return measureLive(server, fixtures, {
        clients: opts.liveClients,
        workers: liveWorkers,
        rate: opts.liveRate,
        duration: opts.liveDuration,
      })
    })
  }

  if (plan.client) {
    // A server of its own too, allowing the brand page's origin the embed is measured from.
    const hostPort = await freePort()
    process.env.EMBED_ORIGINS = hostOrigin(hostPort)
    console.log('Measuring the client:')
    client = await withServer(opts, {}, (server) => measureClient(server, opts.databaseUrl, hostPort))
  }

  // In-process, once every server has stopped: nothing else competes for the CPU.
  let moderation: ModerationResult | undefined
  if (plan.moderation) {
    console.log('Measuring moderation:')
    moderation = await measureModeration(opts)
  }
  let community: ModerationResult | undefined
  if (plan.community) {
    console.log('Measuring events and contests:')
    community = await measureCommunity(opts)
  }

  const baselineRuns = rows.filter((r) => r.scenario === baseline).map((r) => r.measured)
  const worst: Measured | undefined = baselineRuns.length
    ? {
        ...baselineRuns[0]!,
        rps: Math.min(...baselineRuns.map((b) => b.rps)),
        p99: Math.max(...baselineRuns.map((b) => b.p99)),
      }
    : undefined
  const broken: string[] = []
  if (worst) {
    judge(rows, worst)
    console.log(`\n${textTable(rows, worst)}\n`)
    console.log(
      'Ratios use the worse of the two baseline runs (lower req/s, higher p99): the machine is shared and noisy.',
    )
    broken.push(...brokenNotes(rows))
  }
  if (live) {
    console.log(`\n${liveTextTable(live)}\n`)
    for (const line of liveFacts(live)) console.log(line)
    broken.push(...liveBroken(live).map((n) => `live, ${n}`))
  }
  if (client) {
    console.log(`\n${clientTextTable(client)}\n`)
    broken.push(...clientBroken(client).map((n) => `client, ${n}`))
  }
  if (moderation) {
    console.log(`\n${moderationTextTable(moderation)}\n`)
    broken.push(...moderationBroken(moderation).map((n) => `moderation, ${n}`))
  }
  if (community) {
    console.log(`\n${moderationTextTable(community)}\n`)
    broken.push(...moderationBroken(community).map((n) => `community, ${n}`))
  }
  for (const note of broken) console.log(`BROKEN ${note}`)
  // A partial run would overwrite the full table with a few rows: it only prints, but for the
  // in-process sections, which it replaces alone (their figures stand on their own, no baseline run).
  if (opts.only || !worst || !live || !client || !moderation || !community) {
    // The client's figures stand on their own too (sizes, and render times against their targets).
    if (client) {
      await mergeSection('## Client', clientSection(client))
      console.log(`Partial run (--only): wrote the Client section of ${resultsFile}.`)
    }
    await mergeInProcess(moderation, community)
    return broken.length > 0 ? 1 : 0
  }
  await writeResults({
    date: new Date(),
    machine: await machine(opts.databaseUrl),
    sizes: opts.sizes,
    seed,
    connections: opts.connections,
    duration: opts.duration,
    baselineRuns,
    baseline: worst,
    rows,
    live,
    client,
    moderation,
    community,
  })
  console.log(
    `Wrote ${resultsFile}. Seed time ${seconds(seed.seedMs)}; bench ran ${seconds(Date.now() - started)}.`,
  )
  return broken.length > 0 ? 1 : 0
}

/** Starts the server, runs `measure` against it, and stops it whatever happens (a signal included). */
async function withServer<T>(
  opts: BenchOptions,
  serverOpts: Parameters<typeof startServer>[1],
  measure: (server: RunningServer) => Promise<T>,
): Promise<T> {
  console.log('Starting the server…')
  const server = await startServer(opts.databaseUrl, serverOpts)
  // Interrupted, the bench stops its children itself: its server would otherwise outlive it
  // (the live bench's processes also go on 'exit').
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the server.`)
    server.kill()
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    return await measure(server)
  } catch (err) {
    console.error(`Server log (${server.logFile}):\n${tail(server.logFile)}`)
    throw err
  } finally {
    process.off('SIGINT', interrupted)
    process.off('SIGTERM', interrupted)
    await server.stop()
  }
}

/** The in-process benches alone (moderation, events and contests), their sections merged into RESULTS.md. */
async function inProcessOnly(
  opts: BenchOptions,
  plan: { moderation: boolean; community: boolean },
): Promise<number> {
  const broken: string[] = []
  let moderation: ModerationResult | undefined
  let community: ModerationResult | undefined
  if (plan.moderation) {
    console.log('Measuring moderation:')
    moderation = await measureModeration(opts)
    console.log(`\n${moderationTextTable(moderation)}\n`)
    broken.push(...moderationBroken(moderation).map((n) => `moderation, ${n}`))
  }
  if (plan.community) {
    console.log('Measuring events and contests:')
    community = await measureCommunity(opts)
    console.log(`\n${moderationTextTable(community)}\n`)
    broken.push(...moderationBroken(community).map((n) => `community, ${n}`))
  }
  for (const note of broken) console.log(`BROKEN ${note}`)
  await mergeInProcess(moderation, community)
  return broken.length > 0 ? 1 : 0
}

/** Writes the in-process sections a partial run measured; the rest of RESULTS.md stays as it was. */
async function mergeInProcess(moderation?: ModerationResult, community?: ModerationResult): Promise<void> {
  if (moderation) await mergeModerationResults(moderation)
  if (community) await mergeModerationResults(community, communityTitle)
  const written = [moderation && 'Moderation', community && 'Events and contests'].filter(Boolean)
  console.log(
    written.length
      ? `Partial run (--only): wrote the ${written.join(' and ')} section${written.length > 1 ? 's' : ''} of ${resultsFile}, the rest left as it was.`
      : `Partial run (--only): ${resultsFile} left as it was.`,
  )
}

/** What runs: the HTTP scenarios (null: none, the baseline neither), the live, client and moderation benches. */
function pick(only: string[] | undefined): {
  http: Scenario[] | null
  live: boolean
  client: boolean
  moderation: boolean
  community: boolean
} {
  if (!only) return { http: scenarios, live: true, client: true, moderation: true, community: true }
  const known = new Set([
    ...scenarios.map((s) => s.name),
    liveName,
    clientName,
    moderationName,
    communityName,
  ])
  const unknown = only.filter((n) => !known.has(n) && n !== baseline.name)
  if (unknown.length)
    throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${[...known].join(', ')}`)
  const http = scenarios.filter((s) => only.includes(s.name))
  // The baseline exists for the HTTP ratios: `--only live` measures the live bench alone.
  const anyHttp = http.length > 0 || only.includes(baseline.name)
  return {
    http: anyHttp ? http : null,
    live: only.includes(liveName),
    client: only.includes(clientName),
    moderation: only.includes(moderationName),
    community: only.includes(communityName),
  }
}

async function measureAll(
  server: RunningServer,
  selected: Scenario[],
  fixtures: Awaited<ReturnType<typeof loadFixtures>>,
  opts: BenchOptions,
): Promise<Row[]> {
  const run = async (scenario: Scenario, label?: string): Promise<Row> => {
    const next = scenario.request(fixtures)
    await waitIdle(opts.databaseUrl)
    const warmup = Math.min(scenario.warmup ?? 3, opts.duration)
    const prime = scenario.prime?.(fixtures) ?? 0
    process.stdout.write(
      `  ${(label ?? scenario.label).padEnd(48)} ${prime ? `prime ${prime} requests, ` : ''}warm-up ${warmup} s, measure ${opts.duration} s… `,
    )
    if (prime) await load({ url: server.url, connections: opts.connections, seconds: 0, amount: prime, next })
    await load({ url: server.url, connections: opts.connections, seconds: warmup, next })
    const measured = await load({
      url: server.url,
      connections: opts.connections,
      seconds: opts.duration,
      next,
    })
    console.log(
      `${Math.round(measured.rps)} req/s, p99 ${measured.p99} ms${measured.failures ? ', FAILURES' : ''}`,
    )
    return { scenario, measured, verdict: '—', ...(label ? { label } : {}) }
  }
  console.log(`Measuring (${opts.connections} connections):`)
  const rows = [await run(baseline, 'Baseline (first run)')]
  for (const scenario of selected) rows.push(await run(scenario))
  rows.push(await run(baseline, 'Baseline (last run)'))
  return rows
}

function judge(rows: Row[], worst: Measured): void {
  const results = new Map(
    rows.filter((r) => r.scenario !== baseline).map((r) => [r.scenario.name, r.measured]),
  )
  for (const row of rows) {
    let verdict: Verdict = '—'
    if (row.measured.failures > 0) verdict = 'BROKEN'
    else if (row.scenario.target) {
      const ok = row.scenario.target.check(row.measured, { baseline: worst, results })
      verdict = ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL'
    }
    row.verdict = verdict
  }
}

try {
  const opts = parseOptions(process.argv.slice(2))
  if (opts.help) {
    console.log(
      `${usage}\n\nScenarios: ${[...scenarios.map((s) => s.name), liveName, clientName, moderationName, communityName].join(', ')}`,
    )
  } else {
    process.exitCode = await main(opts)
  }
} catch (err) {
  if (err instanceof UsageError) console.error(err.message)
  else console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exitCode = 1
}
