import os from 'node:os'
import type { ModerationResult, ModerationRow } from './run-moderation.js'

// The Moderation table, in the terminal and in RESULTS.md. Rows read against another row's figures
// (the check against rendering the same post) show what they add as a share of it.

export const moderationTitle = '## Moderation'

const header = ['measurement', 'median ms', 'p99 ms', 'median vs', 'p99 vs', 'target', 'result']

const ms = (n: number | null) =>
  n === null ? '—' : n.toLocaleString('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 })
const share = (a: number | null, b: number | undefined, label: string | undefined) =>
  a === null || !b ? '' : `${((a / b) * 100).toFixed(1)}% of ${label}`

function cells(row: ModerationRow): string[] {
  return [
    row.label,
    ms(row.median),
    ms(row.p99),
    share(row.median, row.versus?.median, row.versus?.label),
    share(row.p99, row.versus?.p99, row.versus?.label),
    row.target,
    row.broken ? 'BROKEN' : row.verdict,
  ]
}

export function moderationTextTable(r: ModerationResult): string {
  const all = [header, ...r.rows.map(cells)]
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)))
  const line = (row: string[]) =>
    row.map((c, i) => (i > 0 && i < 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

/** Why a row has no figures: the bench then exits 1. */
export function moderationBroken(r: ModerationResult): string[] {
  return r.rows.filter((row) => row.broken).map((row) => `${row.label}: ${row.broken}`)
}

const busy = (b: number | null) =>
  b === null
    ? 'how busy its CPUs were is unknown'
    : `its CPUs were ${Math.round(b * 100)}% busy with other work`

/** A section of RESULTS.md in this table's shape: Moderation's own, or another titled one (Events and contests). */
export function moderationSection(r: ModerationResult, title = moderationTitle): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`
  const notes = r.rows.filter((row) => row.note).map((row) => `- ${row.label}: ${row.note}`)
  const model = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  return [
    title,
    '',
    line(header),
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...r.rows.map((row) => line(cells(row))),
    ...moderationBroken(r).map((n) => `\n- BROKEN ${n}`),
    '',
    'How it is measured:',
    '',
    `- In the bench's own process, no server: ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.availableParallelism()} × ${model}, Node ${process.version}. Each call is timed with \`performance.now()\`; median and p99 are nearest-rank.`,
    `- Machine: ${busy(r.busyBefore)} just before; on a shared machine a p99 of a fraction of a millisecond mostly measures how often the process lost its CPU.`,
    ...notes,
  ].join('\n')
}

/**
 * RESULTS.md with its Moderation section replaced by `section` (or added before "How to
 * reproduce"), every other section left as it was: what `--only moderation` writes.
 */
export function mergeModerationSection(results: string, section: string, title = moderationTitle): string {
  const start = results.indexOf(`\n${title}\n`)
  if (start !== -1) {
    const next = results.indexOf('\n## ', start + 1)
    const end = next === -1 ? results.length : next
    return `${results.slice(0, start + 1)}${section}\n${results.slice(end)}`
  }
  const how = results.indexOf('\n## How to reproduce')
  if (how === -1) return `${results.trimEnd()}\n\n${section}\n`
  return `${results.slice(0, how + 1)}${section}\n${results.slice(how)}`
}
