import { loadFixtures } from './fixtures.js'
import { load, type Measured } from './load.js'
import { type BenchOptions, parseOptions, UsageError, usage } from './options.js'
import { seconds } from './progress.js'
import {
  brokenNotes,
  machine,
  type Row,
  resultsFile,
  textTable,
  type Verdict,
  writeResults,
} from './report.js'
import { baseline, scenarios } from './scenarios/index.js'
import type { Scenario } from './scenarios/types.js'
import { ensureSeeded } from './seed.js'
import { type RunningServer, startServer, tail, waitIdle } from './server.js'

// npm run bench: seed (or reuse) a large community, start the real server, measure every
// scenario against a bare-pg baseline, print the table and write test/bench/RESULTS.md.
// Exits 0 when targets fail (the table says FAIL); 1 when the bench itself broke, a BROKEN
// scenario included, since its figures then mean nothing.

async function main(opts: BenchOptions): Promise<number> {
  const started = Date.now()
  const selected = pick(opts.only)
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
  console.log('Starting the server…')
  const server = await startServer(opts.databaseUrl)
  let rows: Row[]
  try {
    rows = await measureAll(server, selected, fixtures, opts)
  } catch (err) {
    console.error(`Server log (${server.logFile}):\n${tail(server.logFile)}`)
    throw err
  } finally {
    await server.stop()
  }

  const baselineRuns = rows.filter((r) => r.scenario === baseline).map((r) => r.measured)
  const worst: Measured = {
    ...baselineRuns[0]!,
    rps: Math.min(...baselineRuns.map((b) => b.rps)),
    p99: Math.max(...baselineRuns.map((b) => b.p99)),
  }
  judge(rows, worst)
  console.log(`\n${textTable(rows, worst)}\n`)
  console.log(
    'Ratios use the worse of the two baseline runs (lower req/s, higher p99): the machine is shared and noisy.',
  )
  const broken = brokenNotes(rows)
  for (const note of broken) console.log(`BROKEN ${note}`)
  // A partial run would overwrite the full table with a few rows: it only prints.
  if (opts.only) {
    console.log(`Partial run (--only): ${resultsFile} left as it was.`)
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
  })
  console.log(
    `Wrote ${resultsFile}. Seed time ${seconds(seed.seedMs)}; bench ran ${seconds(Date.now() - started)}.`,
  )
  return broken.length > 0 ? 1 : 0
}

function pick(only: string[] | undefined): Scenario[] {
  if (!only) return scenarios
  const known = new Set(scenarios.map((s) => s.name))
  const unknown = only.filter((n) => !known.has(n) && n !== baseline.name)
  if (unknown.length)
    throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${[...known].join(', ')}`)
  return scenarios.filter((s) => only.includes(s.name))
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
    console.log(`${usage}\n\nScenarios: ${scenarios.map((s) => s.name).join(', ')}`)
  } else {
    process.exitCode = await main(opts)
  }
} catch (err) {
  if (err instanceof UsageError) console.error(err.message)
  else console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exitCode = 1
}
