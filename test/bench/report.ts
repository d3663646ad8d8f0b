import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { clientSection } from './client/report-client.js'
import type { ClientResult } from './client/run-client.js'
import { communityTitle } from './community/run-community.js'
import { liveSection } from './live/report-live.js'
import type { LiveResult } from './live/run-live.js'
import type { Measured } from './load.js'
import { mergeModerationSection, moderationSection, moderationTitle } from './moderation/report-moderation.js'
import type { ModerationResult } from './moderation/run-moderation.js'
import type { Sizes } from './options.js'
import type { Scenario } from './scenarios/types.js'

export const resultsFile = fileURLToPath(new URL('RESULTS.md', import.meta.url))

export type Verdict = 'PASS' | 'FAIL' | 'BROKEN' | 'n/a' | '—'

export interface Row {
  scenario: Scenario
  /** Shown instead of the scenario's label (the two baseline runs). */
  label?: string
  measured: Measured
  verdict: Verdict
}

export interface Machine {
  cpus: string
  memory: string
  node: string
  postgres: string
}

export async function machine(databaseUrl: string): Promise<Machine> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  const version = (await c.query('select version() as v')).rows[0].v as string
  await c.end()
  const model = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  return {
    cpus: `${os.availableParallelism()} × ${model}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres: version.split(' on ')[0] ?? version,
  }
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
// autocannon's latencies are whole milliseconds; a decimal shows only when there is one.
const ms = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 })
const ratio = (n: number) => `${n.toFixed(2)}×`

function cells(row: Row, baseline: Measured): string[] {
  const m = row.measured
  const isBaseline = row.scenario.name === 'baseline'
  return [
    row.label ?? row.scenario.label,
    num(m.rps),
    ms(m.p50),
    ms(m.p99),
    isBaseline ? '' : `${num((m.rps / baseline.rps) * 100)}%`,
    isBaseline ? '' : ratio(m.p99 / baseline.p99),
    row.scenario.target?.text ?? '',
    row.verdict,
  ]
}

const header = [
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'req/s vs baseline',
  'p99 vs baseline',
  'target',
  'result',
]

/** The table as aligned plain text, for the terminal. */
export function textTable(rows: Row[], baseline: Measured): string {
  const all = [header, ...rows.map((r) => cells(r, baseline))]
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)))
  const line = (r: string[]) =>
    r.map((c, i) => (i > 0 && i < 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

function markdownTable(rows: Row[], baseline: Measured): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`
  return [
    line(header),
    // Figures right-aligned, words left.
    `| --- | ${header
      .slice(1, 6)
      .map(() => '---:')
      .join(' | ')} | --- | --- |`,
    ...rows.map((r) => line(cells(r, baseline))),
  ].join('\n')
}

export function brokenNotes(rows: Row[]): string[] {
  return rows
    .filter((r) => r.verdict === 'BROKEN')
    .map((r) => {
      const m = r.measured
      const codes = Object.entries(m.statuses)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, n]) => `${n} × ${code}`)
        .join(', ')
      const sample = m.sample ? ` e.g. ${m.sample.status} on ${m.sample.path}: ${m.sample.body}` : ''
      return `${r.scenario.name}: ${m.failures} of ${m.requests} requests failed (${codes || 'connection errors'}).${sample}`
    })
}

export interface Report {
  date: Date
  machine: Machine
  sizes: Sizes
  seed: { seeded: boolean; seedMs: number; seededAt: string }
  connections: number
  duration: number
  baselineRuns: Measured[]
  baseline: Measured
  rows: Row[]
  /** The live fan-out bench, in a section of its own, judged against a bare `ws` server. */
  live?: LiveResult
  /** The client's bundle sizes and render times in Chromium. */
  client?: ClientResult
  /** Moderation: the watched-word check (in-process) and what other moderation rows add. */
  moderation?: ModerationResult
  community?: ModerationResult
}

export async function writeResults(r: Report): Promise<void> {
  const fmt = (n: number) => n.toLocaleString('en')
  const seedText = `seeded in ${(r.seed.seedMs / 1000).toFixed(0)} s${r.seed.seeded ? '' : ` on ${r.seed.seededAt.slice(0, 10)}, reused by this run`}`
  const areas = [...new Set(r.rows.filter((x) => x.scenario.area !== 'Baseline').map((x) => x.scenario.area))]
  const baselineRows = r.rows.filter((x) => x.scenario.area === 'Baseline')
  const sections = areas.map((area) => {
    const rows = [...baselineRows, ...r.rows.filter((x) => x.scenario.area === area)]
    const notes = brokenNotes(rows)
    const how = rows
      .filter((x) => x.scenario.note)
      .map((x) => `- ${x.label ?? x.scenario.label}: ${x.scenario.note}`)
    return [
      `## ${area}`,
      '',
      markdownTable(rows, r.baseline),
      ...(notes.length ? ['', ...notes.map((n) => `- BROKEN ${n}`)] : []),
      ...(how.length ? ['', 'What each row measures:', '', ...how] : []),
    ].join('\n')
  })
  if (r.live) sections.push(liveSection(r.live))
  if (r.client) sections.push(clientSection(r.client))
  if (r.moderation) sections.push(moderationSection(r.moderation))
  if (r.community) sections.push(moderationSection(r.community, communityTitle))
  const s = r.sizes
  const text = `# Tribune benchmark results

Written by \`npm run bench\` on ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC. Every figure is relative to a
baseline measured on the same server in the same run: \`GET /api/bench/baseline\`, one user row by primary key over
a bare \`pg\` pool. The baseline runs first and last; ratios use the worse of the two runs (lower req/s, higher p99),
because the machine is shared and noisy.

- Machine: ${r.machine.cpus}, ${r.machine.memory} RAM, Node ${r.machine.node}, ${r.machine.postgres}; the load
  generator, the server and PostgreSQL share it.
- Dataset: ${fmt(s.posts)} posts in ${fmt(s.topics)} topics by ${fmt(s.members)} members, one topic with
  ${fmt(s.bigTopic)} replies (${seedText}).
- Load: autocannon, ${r.connections} connections, ${r.duration} s per scenario after an unrecorded warm-up.
- Baseline runs: ${r.baselineRuns.map((b) => `${num(b.rps)} req/s, p99 ${ms(b.p99)} ms`).join('; ')}; ratios use
  ${num(r.baseline.rps)} req/s and p99 ${ms(r.baseline.p99)} ms.${
    r.live
      ? `
- Live: measured against a bare \`ws\` server in its own process, in the same run (its section says how).`
      : ''
  }

${sections.join('\n\n')}

## How to reproduce

\`npm run bench\` (PostgreSQL at \`BENCH_DATABASE_URL\`, default \`postgres://postgres@127.0.0.1:5432/tribune_bench\`;
\`--small\` for a quick check, \`--reseed\` to seed again, \`--help\` for every option).
`
  await fs.mkdir(path.dirname(resultsFile), { recursive: true })
  await fs.writeFile(resultsFile, text)
}

/**
 * A partial run that measured moderation: its section of RESULTS.md is replaced (or added), and
 * every other section keeps the figures of the run that wrote them.
 */
export async function mergeModerationResults(m: ModerationResult, title = moderationTitle): Promise<void> {
  await mergeSection(title, moderationSection(m, title))
}

/** A section of RESULTS.md replaced (or added) by a partial run; the others stay as they were. */
export async function mergeSection(title: string, section: string): Promise<void> {
  const current = await fs.readFile(resultsFile, 'utf8').catch(() => '# Tribune benchmark results\n')
  await fs.writeFile(resultsFile, mergeModerationSection(current, section, title))
}
