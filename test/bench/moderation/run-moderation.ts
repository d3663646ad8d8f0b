import type { Db } from '../../../server/db/database.js'
import { MemoryBus } from '../../../server/live/bus.js'
import { WatchedWords } from '../../../server/moderation/watched-words/service.js'
import { renderPost } from '../../../server/render/markdown.js'
import { cpuBusy } from '../live/cpu-busy.js'
import type { BenchOptions } from '../options.js'
import type { Verdict } from '../report.js'
import { benchPost, watchedEntries } from './corpus.js'
import { queueListingRows } from './queue-listing.js'

// The moderation section: one row per measurement, each a function returning rows, so that a
// new measurement is one more function listed in `moderationRows` below.

/** One line of the Moderation table. Times in milliseconds; null when not measured. */
export interface ModerationRow {
  label: string
  median: number | null
  p99: number | null
  /** The yardstick the row is read against (another row's figures), when it has one. */
  versus?: { label: string; median: number; p99: number }
  target: string
  verdict: Verdict
  /** What the row measures, printed under the table. */
  note?: string
  /** Why the row has no figures: the bench then exits 1. */
  broken?: string
}

export interface ModerationResult {
  date: Date
  rows: ModerationRow[]
  /** How busy the CPUs were (0 to 1) with other work just before: p99s of tenths of a millisecond
   * mostly measure preemption on a busy machine. */
  busyBefore: number | null
}

/** The issue's target: "the watched-word check adds under 1 ms to a post of 10,000 characters". */
export const checkTarget = { text: 'p99 < 1 ms', ms: 1 }
const entryCount = 2_000
const postLength = 10_000
const warmupRuns = 300
const measuredRuns = 2_000
/**
 * Runs alternate between what is measured and its baseline in blocks this long: long, so that the
 * garbage rendering leaves (jsdom's, for the link) is collected during the rendering's own runs,
 * not charged to the check, while both still meet the machine's noise of the same minutes.
 */
const block = 1_000

/** Every moderation measurement, in table order. */
export async function measureModeration(opts: BenchOptions): Promise<ModerationResult> {
  const busyBefore = await cpuBusy()
  console.log(
    `  (CPUs ${busyBefore === null ? 'busy: unknown' : `${Math.round(busyBefore * 100)}% busy with other work`} before it started)`,
  )
  const rows: ModerationRow[] = []
  for (const measure of measurements) rows.push(...(await measure(opts)))
  return { date: new Date(), rows, busyBefore }
}

type Measurement = (opts: BenchOptions) => Promise<ModerationRow[]>

const measurements: Measurement[] = [
  watchedWordRows,
  // The review queue's listing: its own seeded database, the app in this process.
  queueListingRows,
]

/** Nearest-rank median and p99 of a sample, in ms. */
export function percentiles(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!
  return { median: at(0.5), p99: at(0.99) }
}

/** Milliseconds per call, on the wall clock and in CPU time (this process's, every thread). */
interface Samples {
  wall: number[]
  cpu: number[]
}

/**
 * Times `runs` calls of each function, alternating in blocks (of `blockSize` calls: a multiple
 * of it should make `runs`) so that the machine's noise falls on both alike, after unrecorded warm-up calls (the JIT and the caches in their running state).
 * CPU time leaves out the moments the process waited for a CPU, which a shared machine adds to
 * the wall clock.
 */
export async function timeSideBySide(
  fns: (() => Promise<unknown>)[],
  runs: number,
  warmup: number,
  blockSize = block,
): Promise<Samples[]> {
  for (const fn of fns) for (let i = 0; i < warmup; i++) await fn()
  const samples = fns.map((): Samples => ({ wall: [], cpu: [] }))
  for (let done = 0; done < runs; done += blockSize) {
    for (const [k, fn] of fns.entries()) {
      for (let i = 0; i < blockSize; i++) {
        const cpu = process.cpuUsage()
        const started = performance.now()
        await fn()
        const wall = performance.now() - started
        const used = process.cpuUsage(cpu)
        samples[k]!.wall.push(wall)
        samples[k]!.cpu.push((used.user + used.system) / 1000)
      }
    }
  }
  return samples
}

/**
 * The watched-word check on the write path: `app.watchedWords.check(body)` with 2,000 entries
 * compiled, on a 10,000-character post, next to rendering that same post (Markdown to sanitised
 * HTML, the write's own work); then what the first check after a change costs (compiling the list).
 */
async function watchedWordRows(): Promise<ModerationRow[]> {
  const entries = watchedEntries(entryCount)
  const post = benchPost(postLength)
  const bus = new MemoryBus()
  const words = new WatchedWords(async () => entries, bus)
  // The post has no @mention and no topic link: rendering it never reaches the database.
  const renderDeps = { db: undefined as unknown as Db, publicUrl: 'http://127.0.0.1:3000' }
  process.stdout.write(
    `  Watched-word check (${entries.length.toLocaleString('en')} entries, ${post.length.toLocaleString('en')}-character post), ${measuredRuns.toLocaleString('en')} runs… `,
  )
  const hits = await words.check(post)
  const [check, render] = await timeSideBySide(
    [() => words.check(post), () => renderPost(renderDeps, post)],
    measuredRuns,
    warmupRuns,
  )
  const rebuild: number[] = []
  for (let i = 0; i < 200; i++) {
    words.forget()
    const started = performance.now()
    await words.check(post)
    rebuild.push(performance.now() - started)
  }
  words.close()
  await bus.close()
  const c = percentiles(check!.wall)
  const r = percentiles(render!.wall)
  const cCpu = percentiles(check!.cpu)
  const rCpu = percentiles(render!.cpu)
  const b = percentiles(rebuild.slice(20))
  console.log(
    `p99 ${c.p99.toFixed(3)} ms, CPU time ${cCpu.p99.toFixed(3)} ms (rendering: p99 ${r.p99.toFixed(3)} ms)`,
  )
  const renderLabel = 'Render the post (renderPost): the write’s own work'
  const counts = (['block', 'hold', 'censor', 'flag'] as const)
    .map((a) => `${hits[a].length} ${a}`)
    .join(', ')
  return [
    {
      label: renderLabel,
      ...r,
      target: '',
      verdict: '—',
      note: `Markdown to sanitised HTML of the same post (server/render/markdown.ts), ${measuredRuns.toLocaleString('en')} runs: the baseline the check is added to.`,
    },
    {
      label: `Watched-word check, ${entries.length.toLocaleString('en')} entries`,
      ...c,
      versus: { label: 'rendering', ...r },
      target: checkTarget.text,
      verdict: c.p99 < checkTarget.ms ? 'PASS' : 'FAIL',
      note: `\`app.watchedWords.check(post)\` with the list compiled (its state between changes), ${measuredRuns.toLocaleString('en')} runs alternating with the rendering in blocks of ${block.toLocaleString('en')} after ${warmupRuns} unrecorded runs each. The list: insults and threats in French and English, scams and spam phrases, competitors' product names, invented spam domains; ${entries.filter((e) => e.phrase.endsWith('*')).length} end in \`*\`. The post: ${post.length.toLocaleString('en')} characters of French with a heading, a list, a link and a code span; ${counts} hits.`,
    },
    {
      label: 'Watched-word check, CPU time (waits for a CPU left out)',
      ...cCpu,
      versus: { label: 'rendering', ...rCpu },
      target: '',
      verdict: '—',
      note: 'The same runs in this process’s CPU time (`process.cpuUsage()`, every thread, so collections by helper threads count), against the rendering’s: what the check costs a machine with a CPU to spare. The verdict stays on the wall clock above.',
    },
    {
      label: 'First check after a change (compiles the list)',
      ...b,
      versus: { label: 'rendering', ...r },
      target: '',
      verdict: '—',
      note: 'Each instance compiles the list again on the first check after a change (its own or, through the bus, another’s): 180 runs after 20 unrecorded ones.',
    },
  ]
}
