import os from 'node:os'
import type { Fixtures } from '../fixtures.js'
import { nth } from '../scenarios/types.js'
import type { RunningServer } from '../server.js'
import { type BareServer, startBareServer } from './bare.js'
import { ClientPool } from './clients.js'
import { collectGarbage } from './collect-garbage.js'
import { cpuBusy } from './cpu-busy.js'
import { settledRssKiB } from './memory.js'
import { now, type Samples } from './messages.js'
import { type Spread, spread } from './percentiles.js'
import { bareWriter, tribuneWriter, type Writer, writeAtRate } from './writers.js'

// The live fan-out bench: the same client processes subscribe the same number of sockets to one
// channel of a bare `ws` server, then of Tribune, then of the bare server again (the machine is
// shared: a figure from before and one from after frame Tribune's); each time writes at a steady
// rate and measures the delay from each write's acknowledgement to its arrival on every socket,
// and the server's memory per idle connection.

export interface LiveOptions {
  clients: number
  workers: number
  /** Writes per second. */
  rate: number
  /** Seconds of writes. */
  duration: number
}

/** What one pass measured; `error` when it stopped, with whatever was measured before. */
export interface FanOut {
  /** Writes acknowledged, and writes refused or lost. */
  writes: number
  failedWrites: number
  writeError?: string
  /** Acknowledgement to arrival, ms, over every (socket, write) pair that arrived. */
  delay: Spread | null
  /** Arrivals stamped before their acknowledgement: the server sent the frames before answering. */
  early: number
  /** From the write's request instead: the write itself included, whenever the server answers. */
  fromRequest: Spread | null
  /** Request sent to acknowledgement, ms. */
  write: Spread | null
  expected: number
  delivered: number
  duplicates: number
  drops: string[]
  others: Record<string, number>
  frameBytes: number | null
  /**
   * RSS with no socket open and with every socket idle, after a full collection when `gc`; the
   * plain figures are read just before each collection, as the process stood.
   */
  memory: {
    beforeKiB: number
    afterKiB: number
    perConnectionKiB: number
    gc: boolean
    plainPerConnectionKiB: number
  } | null
  /** The machine's 1-minute load average as the writes began: other work there skews every figure. */
  load: number | null
  error?: string
}

export interface LiveResult extends LiveOptions {
  channel: string
  /** How busy the CPUs were (0 to 1) before the live bench started anything: other work on the machine. */
  busyBefore: number | null
  /** The bare server before Tribune, and after. */
  bare: [FanOut, FanOut]
  tribune: FanOut
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const warmupSockets = 200
export const warmupWrites = 5
/** How long after the last acknowledgement a frame may still arrive before it counts as missing. */
const graceMs = 15_000

interface Target {
  label: string
  wsUrl: string
  pid: number
  inspectPort: number | undefined
  writer: Writer
}

export async function measureLive(
  server: RunningServer,
  fixtures: Fixtures,
  opts: LiveOptions,
): Promise<LiveResult> {
  const topicId = fixtures.postTopicIds[0]
  if (topicId === undefined) throw new Error('no topic to post in: is the bench database seeded?')
  const channel = `topic:${topicId}`
  const run = Date.now().toString(36)
  // One sentence for every post: every frame has the same size, the bare server's included.
  const sentence = nth(fixtures.sentences, 0)
  const tribune = tribuneWriter({
    url: server.url,
    topicId,
    token: nth(fixtures.tokens, 0),
    body: (i) => `${sentence} (live bench ${run}-${String(i).padStart(5, '0')})`,
  })
  const busyBefore = await cpuBusy()
  console.log(
    `Live fan-out: ${opts.clients.toLocaleString('en')} sockets in ${opts.workers} client processes on ${channel}, ` +
      `${opts.rate * opts.duration} writes at ${opts.rate} per second; bare ws server, Tribune, bare ws server again ` +
      `(CPUs ${busyBefore === null ? 'busy: unknown' : `${Math.round(busyBefore * 100)}% busy with other work`} before it started):`,
  )

  let pool: ClientPool | undefined
  let bare: BareServer | undefined
  const kill = () => {
    pool?.kill()
    bare?.kill()
  }
  process.once('exit', kill)
  try {
    pool = await ClientPool.start(opts.workers, opts.clients)
    bare = await startBareServer(opts.clients + 1024)
    // The bare frames wrap a post Tribune returned, so both servers send frames of one size.
    const { post } = await tribune.post(0)
    const bareTarget = (label: string): Target => ({
      label,
      wsUrl: bare!.url,
      pid: bare!.pid,
      inspectPort: bare!.inspectPort,
      writer: bareWriter(bare!, channel, post),
    })
    const first = await fanOut(pool, bareTarget('bare ws (first run)'), channel, opts)
    let written = 1
    const tribuneRun = await fanOut(
      pool,
      {
        label: 'Tribune',
        wsUrl: `${server.url.replace(/^http/, 'ws')}/api/live`,
        pid: server.pid,
        inspectPort: server.inspectPort,
        // Numbered after the post the bare frames wrap: every body differs.
        writer: { write: () => tribune.write(written++) },
      },
      channel,
      opts,
    )
    const last = await fanOut(pool, bareTarget('bare ws (last run)'), channel, opts)
    return { ...opts, channel, busyBefore, bare: [first, last], tribune: tribuneRun }
  } finally {
    await pool?.stop()
    await bare?.stop()
    process.off('exit', kill)
  }
}

/** The server's RSS after a full collection when its inspector can run one; plain RSS otherwise. */
async function memoryOf(
  target: Target,
  say: (text: string) => void,
): Promise<{ kib: number; plainKib: number; gc: boolean }> {
  const plainKib = await settledRssKiB(target.pid)
  if (target.inspectPort !== undefined) {
    try {
      await collectGarbage(target.pid, target.inspectPort)
      return { kib: await settledRssKiB(target.pid), plainKib, gc: true }
    } catch (err) {
      say(`could not collect garbage first (${(err as Error).message}): plain RSS`)
    }
  }
  return { kib: plainKib, plainKib, gc: false }
}

async function fanOut(pool: ClientPool, target: Target, channel: string, opts: LiveOptions): Promise<FanOut> {
  const out: FanOut = {
    writes: 0,
    failedWrites: 0,
    delay: null,
    early: 0,
    fromRequest: null,
    write: null,
    expected: 0,
    delivered: 0,
    duplicates: 0,
    drops: [],
    others: {},
    frameBytes: null,
    memory: null,
    load: null,
  }
  const say = (text: string) => console.log(`  ${target.label}: ${text}`)
  let written = 0
  try {
    // Warm-up: the server's connection, subscription and send paths run before anything is measured.
    const warm = Math.min(warmupSockets, opts.clients)
    await pool.open(`${target.label}: warm-up, open ${warm} sockets`, target.wsUrl, warm, channel)
    await pool.record()
    const warmWrites = await writeAtRate(target.writer, written, warmupWrites, opts.rate)
    written += warmupWrites
    if (warmWrites.failures) throw new Error(`a warm-up write failed: ${warmWrites.firstError}`)
    await pool.collect(
      warmWrites.acks.map((a) => a.id),
      now() + graceMs,
    )
    await pool.close()
    await sleep(1_000)

    const before = await memoryOf(target, say)
    await pool.open(
      `${target.label}: open ${opts.clients.toLocaleString('en')} sockets`,
      target.wsUrl,
      opts.clients,
      channel,
    )
    await sleep(3_000)
    const after = await memoryOf(target, say)
    out.memory = {
      beforeKiB: before.kib,
      afterKiB: after.kib,
      perConnectionKiB: (after.kib - before.kib) / opts.clients,
      gc: before.gc && after.gc,
      plainPerConnectionKiB: (after.plainKib - before.plainKib) / opts.clients,
    }
    say(
      `RSS ${mib(before.kib)} → ${mib(after.kib)} MiB with every socket idle: ${out.memory.perConnectionKiB.toFixed(1)} KiB per connection` +
        ` (${out.memory.plainPerConnectionKiB.toFixed(1)} KiB without collecting garbage first)`,
    )

    await pool.record()
    out.load = os.loadavg()[0]!
    const count = opts.rate * opts.duration
    say(`${count} writes at ${opts.rate} per second…`)
    const writes = await writeAtRate(target.writer, written, count, opts.rate)
    written += count
    out.writes = writes.acks.length
    out.failedWrites = writes.failures
    if (writes.firstError) out.writeError = writes.firstError
    out.write = spread(Float64Array.from(writes.writeMs))
    const lastAck = Math.max(0, ...writes.acks.map((a) => a.ackAt))
    const samples = await pool.collect(
      writes.acks.map((a) => a.id),
      lastAck + graceMs,
    )
    Object.assign(out, delays(samples, writes.acks, opts.clients))
    const d = out.delay
    say(
      d
        ? `delivered ${out.delivered.toLocaleString('en')} of ${out.expected.toLocaleString('en')}: p50 ${ms(d.p50)} ms, p99 ${ms(d.p99)} ms, max ${ms(d.max)} ms`
        : `nothing delivered (${out.expected.toLocaleString('en')} expected)`,
    )
    if (out.failedWrites) say(`${out.failedWrites} writes failed, e.g. ${out.writeError}`)
  } catch (err) {
    out.error = (err as Error).message
    say(`FAILED: ${out.error}`)
  } finally {
    const forced = await pool.close().catch((err: Error) => {
      say(`closing the sockets failed: ${err.message}`)
      return 0
    })
    if (forced) say(`${forced} sockets did not finish their close handshake in 15 s and were cut`)
  }
  return out
}

/** Acknowledgement to arrival for every (socket, write) pair, and what did not arrive. */
function delays(samples: Samples[], acks: { id: number; ackAt: number; sentAt: number }[], clients: number) {
  let delivered = 0
  for (const s of samples) for (const a of acks) delivered += s.received[a.id]?.length ?? 0
  const values = new Float64Array(delivered)
  const fromRequest = new Float64Array(delivered)
  let n = 0
  let early = 0
  for (const s of samples)
    for (const a of acks)
      for (const at of s.received[a.id] ?? []) {
        const d = at - a.ackAt
        if (d < 0) early++
        fromRequest[n] = at - a.sentAt
        values[n++] = d
      }
  const others: Record<string, number> = {}
  for (const s of samples)
    for (const [kind, k] of Object.entries(s.others)) others[kind] = (others[kind] ?? 0) + k
  return {
    delay: spread(values),
    early,
    fromRequest: spread(fromRequest),
    expected: clients * acks.length,
    delivered,
    duplicates: samples.reduce((k, s) => k + s.duplicates, 0),
    drops: samples.flatMap((s) => s.drops),
    others,
    frameBytes: samples.find((s) => s.frameBytes !== null)?.frameBytes ?? null,
  }
}

const mib = (kib: number) => (kib / 1024).toFixed(1)
const ms = (n: number) => n.toFixed(1)
