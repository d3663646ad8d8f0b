import WebSocket from 'ws'
import type { TestApp } from '../helpers/app.js'

type Test = { teardown(fn: () => unknown): void }

/** Starts the test app on a free port; the live socket's address. */
export async function listen(a: TestApp): Promise<string> {
  const address = await a.app.listen({ port: 0, host: '127.0.0.1' })
  return `${address.replace('http', 'ws')}/api/live`
}

export interface Frame {
  op?: string
  channel?: string
  id?: number
  type?: string
  data?: any
  code?: string
  [key: string]: unknown
}

/** A live socket that keeps what it receives, to wait for a frame matching a predicate. */
export class LiveTestClient {
  readonly frames: Frame[] = []
  closed: { code: number; reason: string } | null = null
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = []

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame
      this.frames.push(frame)
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true
        w.resolve(frame)
        return false
      })
    })
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
      for (const w of this.closeWaiters) w(this.closed)
    })
    ws.on('error', () => {})
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** The next frame (from now on, or already received when `seen` is true) matching `match`. */
  next(match: (f: Frame) => boolean, ms = 5_000, seen = false): Promise<Frame> {
    const already = seen ? this.frames.find(match) : undefined
    if (already) return Promise.resolve(already)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching frame within ${ms} ms; got ${JSON.stringify(this.frames.slice(-3)).slice(0, 400)}`,
            ),
          ),
        ms,
      )
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer)
          resolve(f)
        },
      })
    })
  }

  async subscribe(channel: string, since?: number): Promise<Frame> {
    this.send({ op: 'subscribe', channel, ...(since !== undefined ? { since } : {}) })
    return this.next(
      (f) => f.channel === channel && (f.op === 'subscribed' || f.op === 'error' || f.op === 'reset'),
    )
  }

  events(channel: string, type?: string): Frame[] {
    return this.frames.filter(
      (f) => f.channel === channel && f.id !== undefined && (!type || f.type === type),
    )
  }

  waitClose(ms = 5_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), ms)
      this.closeWaiters.push((c) => {
        clearTimeout(timer)
        resolve(c)
      })
    })
  }

  close(): void {
    this.ws.close()
  }
}

/** Opens a live socket (bearer token, cookie or Origin as given) and waits for the welcome. */
export async function connect(
  t: Test,
  url: string,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<LiveTestClient> {
  const headers = { ...opts.headers, ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) }
  const ws = new WebSocket(url, { headers })
  const client = new LiveTestClient(ws)
  t.teardown(() => ws.terminate())
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })),
    )
    ws.once('error', reject)
  })
  if (!client.closed)
    await client.next((f) => f.op === 'welcome' || f.op === undefined, 5_000, true).catch(() => {})
  return client
}
