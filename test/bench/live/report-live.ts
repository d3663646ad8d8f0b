import type { Verdict } from '../report.js'
import { type FanOut, type LiveResult, warmupSockets, warmupWrites } from './run-live.js'

// The Live section: the bare server's two runs and Tribune's side by side, judged against the
// issue's targets. As with the HTTP baseline, ratios use the worse bare run: the machine is shared.

export const delayTarget = { text: 'p99 ≤ 1.5× bare', ratio: 1.5 }
export const memoryTarget = { text: '≤ 2× bare', ratio: 2 }

const num = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '')

/** Why a run's delivery figures mean nothing, if they do not. */
function deliveryFault(name: string, f: FanOut): string | null {
  if (f.error) return `${name}: the run failed: ${f.error}`
  if (f.failedWrites) return `${name}: ${f.failedWrites} writes failed, e.g. ${f.writeError}`
  if (f.writes === 0 || !f.delay) return `${name}: nothing was delivered`
  if (f.delivered < f.expected)
    return `${name}: ${num(f.expected - f.delivered)} of ${num(f.expected)} deliveries missing${f.drops.length ? `; ${f.drops.length} sockets closed by the server (${summarize(f.drops)})` : ''}`
  if (f.duplicates) return `${name}: ${num(f.duplicates)} frames delivered twice to one socket`
  return null
}

function summarize(codes: string[]): string {
  const counts = new Map<string, number>()
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1)
  return [...counts].map(([c, n]) => `${n} × ${c}`).join(', ')
}

const runs = (r: LiveResult) =>
  [
    ['bare ws (first run)', r.bare[0]],
    ['Tribune', r.tribune],
    ['bare ws (last run)', r.bare[1]],
  ] as const

/** BROKEN notes: any of them voids the figures it names, and makes the bench exit 1. */
export function liveBroken(r: LiveResult): string[] {
  const notes: string[] = []
  for (const [name, f] of runs(r)) {
    const fault = deliveryFault(name, f)
    if (fault) notes.push(fault)
    if (!f.memory && !f.error) notes.push(`${name}: memory was not measured`)
    if (f.memory && f.memory.perConnectionKiB <= 0)
      notes.push(`${name}: RSS did not grow with the sockets open: memory per connection measured nothing`)
  }
  return notes
}

/**
 * What Tribune is judged against: the worse of the bare runs' delays (the machine is shared);
 * the first bare run's memory, measured as Tribune's is, in a process that has only been warmed
 * up (by the last run, the bare process had already held every socket once, and new ones
 * partly fill the room their predecessors left). Null where the figure is not sound.
 */
function bareReference(r: LiveResult) {
  const sound = r.bare.filter((f) => !deliveryFault('', f))
  const first = r.bare[0].memory?.perConnectionKiB ?? 0
  return {
    p50: sound.length ? Math.max(...sound.map((f) => f.delay!.p50)) : null,
    p99: sound.length ? Math.max(...sound.map((f) => f.delay!.p99)) : null,
    kib: first > 0 ? first : null,
  }
}

function rows(r: LiveResult): string[][] {
  const { tribune } = r
  const bare = bareReference(r)
  const tribuneSound = !deliveryFault('', tribune)
  const delayVerdict: Verdict =
    !tribuneSound || bare.p99 === null
      ? 'BROKEN'
      : tribune.delay!.p99 <= delayTarget.ratio * bare.p99
        ? 'PASS'
        : 'FAIL'
  // Memory that did not grow measured nothing (the heap had room to spare): not a pass.
  const tribuneKiB =
    tribune.memory && tribune.memory.perConnectionKiB > 0 ? tribune.memory.perConnectionKiB : null
  const memoryVerdict: Verdict =
    tribuneKiB === null || bare.kib === null
      ? 'BROKEN'
      : tribuneKiB <= memoryTarget.ratio * bare.kib
        ? 'PASS'
        : 'FAIL'
  const ms = (f: FanOut, k: 'p50' | 'p99') => (f.delay ? num(f.delay[k], 1) : '—')
  const kib = (f: FanOut) => (f.memory ? num(f.memory.perConnectionKiB, 1) : '—')
  const delivered = (f: FanOut) => `${num(f.delivered)} of ${num(f.expected)}`
  const all = runs(r).map(([, f]) => f)
  return [
    [
      'Delay p50, ms',
      ...all.map((f) => ms(f, 'p50')),
      tribuneSound && bare.p50 !== null ? times(tribune.delay!.p50, bare.p50) : '',
      '',
      tribuneSound && bare.p50 !== null ? '—' : 'BROKEN',
    ],
    [
      'Delay p99, ms',
      ...all.map((f) => ms(f, 'p99')),
      tribuneSound && bare.p99 !== null ? times(tribune.delay!.p99, bare.p99) : '',
      delayTarget.text,
      delayVerdict,
    ],
    [
      'Memory per idle connection, KiB',
      ...all.map(kib),
      tribuneKiB !== null && bare.kib !== null ? times(tribuneKiB, bare.kib) : '',
      memoryTarget.text,
      memoryVerdict,
    ],
    [
      'Deliveries (socket × write)',
      ...all.map(delivered),
      '',
      'every socket gets every write',
      all.every((f) => !deliveryFault('', f)) ? 'PASS' : 'BROKEN',
    ],
  ]
}

const header = [
  'measurement',
  'bare ws (first run)',
  'Tribune',
  'bare ws (last run)',
  'Tribune vs bare',
  'target',
  'result',
]

/** The table as aligned plain text, for the terminal. */
export function liveTextTable(r: LiveResult): string {
  const all = [header, ...rows(r)]
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)))
  const line = (row: string[]) =>
    row.map((c, i) => (i > 0 && i < 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

/** What the figures rest on: sizes, rates, and what each run saw beyond the table. */
export function liveFacts(r: LiveResult): string[] {
  const tribuneBytes = r.tribune.frameBytes
  const bareBytes = r.bare[0].frameBytes ?? r.bare[1].frameBytes
  const lines = [
    `Clients: ${num(r.clients)} WebSocket clients in ${r.workers} client processes (anonymous readers, offering ` +
      `permessage-deflate as browsers do; neither server accepts it), all subscribed to one topic (\`${r.channel}\`).`,
    `Writes: ${num(r.rate * r.duration)} per run, ${r.rate} per second for ${r.duration} s, after ${warmupWrites} ` +
      `unrecorded warm-up writes to ${warmupSockets} sockets. Tribune: replies posted over HTTP by one member; ` +
      'bare: `POST /broadcast`.',
    `Frames: Tribune's post.created frame ${tribuneBytes ? `${num(tribuneBytes)} bytes` : 'not received'}; ` +
      `the bare server's ${bareBytes ? `${num(bareBytes)} bytes` : 'not received'} (the same envelope around a post Tribune returned).`,
    "Delay ratios use the worse of the two bare runs (the machine is shared and noisy); memory, the first run's, " +
      "taken from a process in the state Tribune's is in (warmed up only; the last run's had held every socket once).",
    `Machine: ${r.busyBefore === null ? 'how busy it was is unknown' : `its CPUs were ${Math.round(r.busyBefore * 100)}% busy with other work`} before the live bench started.`,
  ]
  for (const [name, f] of runs(r)) {
    const parts: string[] = []
    if (f.write)
      parts.push(`writes acknowledged in p50 ${num(f.write.p50, 1)} ms, p99 ${num(f.write.p99, 1)} ms`)
    if (f.fromRequest)
      parts.push(
        `delay from the write's request rather than its acknowledgement p50 ${num(f.fromRequest.p50, 1)} ms, ` +
          `p99 ${num(f.fromRequest.p99, 1)} ms`,
      )
    if (f.delay) parts.push(`slowest delivery ${num(f.delay.max, 1)} ms`)
    if (f.early)
      parts.push(`${num(f.early)} frame${f.early === 1 ? '' : 's'} arrived before their acknowledgement`)
    if (f.memory)
      parts.push(
        `RSS ${num(f.memory.beforeKiB / 1024, 1)} → ${num(f.memory.afterKiB / 1024, 1)} MiB` +
          (f.memory.gc
            ? `, ${num(f.memory.plainPerConnectionKiB, 1)} KiB per connection without collecting garbage first`
            : ' (no garbage collection first: the inspector did not answer)'),
      )
    if (f.load !== null) parts.push(`load average ${num(f.load, 1)} as the writes began, this bench included`)
    const others = Object.entries(f.others)
    if (others.length)
      parts.push(`other frames while recording: ${others.map(([k, n]) => `${num(n)} × ${k}`).join(', ')}`)
    if (f.drops.length) parts.push(`sockets closed by the server: ${summarize(f.drops)}`)
    if (parts.length) lines.push(`${name}: ${parts.join('; ')}.`)
    const interval = 1000 / r.rate
    if (f.write && f.write.p99 > interval)
      lines.push(
        `WARNING ${name}: some acknowledgements took longer (p99 ${num(f.write.p99, 0)} ms) than the ${num(interval, 0)} ms ` +
          'between writes: the server or the machine fell behind, and delays counted from a late acknowledgement ' +
          'understate the fan-out; the delay from the request bounds it from above.',
      )
  }
  return lines
}

const how = [
  'One run of the bench measures the bare server, then Tribune, then the bare server again, with the same client ' +
    'processes; the clients, the servers and PostgreSQL share the machine, so the clients are part of what is ' +
    'measured, equally for both servers.',
  'Delay: from the moment the writer receives the acknowledgement (the 201 of the reply; the bare server answers ' +
    '`POST /broadcast` before sending) to the moment a client receives the frame, on one machine-wide clock ' +
    '(`performance.timeOrigin + performance.now()`), over every (socket, write) pair. Writes go out on a fixed ' +
    'schedule, not waiting for earlier acknowledgements.',
  "Memory: the server process's VmRSS (median of 5 readings 0.4 s apart), each time after a full garbage " +
    "collection (`HeapProfiler.collectGarbage` through the process's inspector, opened by SIGUSR1, for both " +
    'servers alike), with no socket open after the warm-up, then 3 s after every socket has subscribed; the ' +
    'difference divided by the number of sockets. Without the collection, RSS swings by as much as the sockets ' +
    'take with the garbage the handshakes leave (the notes give that figure too). Tribune runs in a server ' +
    'process of its own, started after the HTTP scenarios.',
]

export function liveSection(r: LiveResult): string {
  const table = [header, ...rows(r)]
  const line = (row: string[]) => `| ${row.join(' | ')} |`
  const broken = liveBroken(r)
  return [
    '## Live',
    '',
    line(table[0]!),
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...table.slice(1).map(line),
    ...(broken.length ? ['', ...broken.map((n) => `- BROKEN ${n}`)] : []),
    '',
    ...liveFacts(r).map((l) => `- ${l}`),
    '',
    'How it is measured:',
    '',
    ...how.map((l) => `- ${l}`),
  ].join('\n')
}
