import WebSocket from 'ws'
import { type FromWorker, now, type Samples, type ToWorker } from './messages.js'

// One client process of the live bench: holds its share of the sockets, subscribes each to the
// channel, and notes when every post.created frame arrives on every socket. Spawned and driven
// over IPC by clients.ts; exits when the coordinator goes away, so it never outlives the bench.

interface Reader {
  ws: WebSocket
  /** Post ids this socket received while recording: a second one is a duplicate. */
  seen: Set<number>
  onSubscribed?: () => void
  onRefused?: (why: string) => void
  /** The socket's last error: it says why a close without a close frame (1006) happened. */
  error?: string
  /** This bench closed it: its close is not a drop. */
  closing?: boolean
}

const readers = new Set<Reader>()
let channel = ''
let recording = { sockets: 0, received: new Map<number, number[]>(), duplicates: 0 }
let others: Record<string, number> = {}
let frameBytes: number | null = null
let drops: string[] = []

const send = (msg: FromWorker) => process.send!(msg)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function onFrame(reader: Reader, data: Buffer): void {
  // Stamped before parsing: the parse is the client's cost, the same for both servers.
  const at = now()
  let msg: {
    op?: string
    type?: string
    channel?: string
    code?: string
    message?: string
    data?: { post?: { id?: number } }
  }
  try {
    msg = JSON.parse(data.toString())
  } catch {
    others.unparsable = (others.unparsable ?? 0) + 1
    return
  }
  const id = msg.data?.post?.id
  if (msg.type === 'post.created' && msg.channel === channel && typeof id === 'number') {
    frameBytes ??= data.length
    if (reader.seen.has(id)) {
      recording.duplicates++
      return
    }
    reader.seen.add(id)
    let times = recording.received.get(id)
    if (!times) {
      times = []
      recording.received.set(id, times)
    }
    times.push(at)
    return
  }
  if (msg.op === 'subscribed' && msg.channel === channel && reader.onSubscribed) {
    reader.onSubscribed()
    return
  }
  if (msg.op === 'error' && reader.onRefused) {
    reader.onRefused(`the server refused the subscription: ${msg.code}: ${msg.message}`)
    return
  }
  const kind = msg.type ?? msg.op ?? 'unknown'
  others[kind] = (others[kind] ?? 0) + 1
}

/** Opens one socket and subscribes it; resolves once the server says "subscribed". */
function openOne(url: string): Promise<Reader> {
  return new Promise((resolve, reject) => {
    // Anonymous, and offering permessage-deflate as browsers do.
    const ws = new WebSocket(url)
    const reader: Reader = { ws, seen: new Set() }
    let settled = false
    const fail = (why: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      ws.terminate()
      reject(new Error(why))
    }
    const timer = setTimeout(() => fail('no "subscribed" answer within 30 s'), 30_000)
    reader.onRefused = fail
    reader.onSubscribed = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reader.onSubscribed = undefined
      reader.onRefused = undefined
      resolve(reader)
    }
    ws.on('unexpected-response', (req, res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => fail(`HTTP ${res.statusCode} at the upgrade of ${url}: ${body.slice(0, 300)}`))
      setTimeout(() => {
        fail(`HTTP ${res.statusCode} at the upgrade of ${url}`)
        req.destroy()
      }, 2_000)
    })
    ws.on('error', (err) => {
      reader.error = err.message
      fail(`socket error: ${err.message}`)
    })
    ws.on('open', () => ws.send(JSON.stringify({ op: 'subscribe', channel })))
    ws.on('message', (data: Buffer) => onFrame(reader, data))
    ws.on('close', (code, reason) => {
      if (!settled) fail(`closed (${code} ${reason.toString()}) before "subscribed"`)
      else if (!reader.closing) {
        readers.delete(reader)
        drops.push(
          `${code}${reason.length ? ` ${reason.toString()}` : ''}${reader.error ? ` (${reader.error})` : ''}`,
        )
      }
    })
  })
}

async function openAll(url: string, count: number, window: number): Promise<void> {
  let started = 0
  let unreported = 0
  let failure: Error | undefined
  const lane = async () => {
    while (started < count && !failure) {
      started++
      try {
        readers.add(await openOne(url))
      } catch (err) {
        failure ??= err as Error
        return
      }
      if (++unreported >= 50) {
        send({ op: 'progress', subscribed: unreported })
        unreported = 0
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane))
  if (unreported) send({ op: 'progress', subscribed: unreported })
  if (failure) throw failure
}

async function collect(ids: number[], deadline: number): Promise<Samples> {
  const complete = () => ids.every((id) => (recording.received.get(id)?.length ?? 0) >= recording.sockets)
  while (now() < deadline && !complete()) await sleep(50)
  const received: Record<number, Float64Array> = {}
  for (const [id, times] of recording.received) received[id] = Float64Array.from(times)
  return { sockets: recording.sockets, received, duplicates: recording.duplicates, others, frameBytes, drops }
}

async function closeAll(): Promise<number> {
  const closingNow = [...readers]
  readers.clear()
  for (const r of closingNow) r.closing = true
  const pending = closingNow.map(
    (r) =>
      new Promise<void>((resolve) => {
        if (r.ws.readyState === WebSocket.CLOSED) return resolve()
        r.ws.once('close', () => resolve())
        r.ws.close(1000)
      }),
  )
  let timer: NodeJS.Timeout | undefined
  const cut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      const stuck = closingNow.filter((r) => r.ws.readyState !== WebSocket.CLOSED)
      for (const r of stuck) r.ws.terminate()
      resolve(stuck.length)
    }, 15_000)
  })
  // The timer must not outlive this close: it would cut the sockets opened next.
  const forced = await Promise.race([Promise.all(pending).then(() => 0), cut])
  clearTimeout(timer)
  return forced
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.op) {
    case 'open':
      channel = msg.channel
      await openAll(msg.url, msg.count, msg.window)
      send({ op: 'opened' })
      return
    case 'record':
      recording = { sockets: readers.size, received: new Map(), duplicates: 0 }
      for (const r of readers) r.seen.clear()
      others = {}
      frameBytes = null
      drops = []
      send({ op: 'recording' })
      return
    case 'collect':
      send({ op: 'samples', samples: await collect(msg.ids, msg.deadline) })
      return
    case 'close':
      send({ op: 'closed', forced: await closeAll() })
      return
  }
}

process.on('message', (msg: ToWorker) => {
  handle(msg).catch((err: Error) => send({ op: 'failed', error: err.message }))
})
process.on('disconnect', () => process.exit(0))
send({ op: 'ready' })
