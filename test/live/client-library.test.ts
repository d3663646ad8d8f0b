// The live client library (client/live/) against a scripted peer that speaks the protocol of
// server/live/PROTOCOL.md: each test plays the server's side message by message.
import type { IncomingMessage } from 'node:http'
import t from 'tap'
import WebSocket, { WebSocketServer } from 'ws'
import {
  LiveClient,
  type LiveClientOptions,
  type LiveError,
  type LiveEvent,
} from '../../client/live/live-client.js'

type Test = { teardown(fn: () => unknown): void }
type Message = Record<string, unknown>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Rejects after ms instead of hanging the test when the awaited thing never happens. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A queue whose take() waits for the next item. */
class Queue<T> {
  private items: T[] = []
  private waiters: ((item: T) => void)[] = []
  push(item: T): void {
    const waiter = this.waiters.shift()
    if (waiter) waiter(item)
    else this.items.push(item)
  }
  take(ms: number, what: string): Promise<T> {
    const item = this.items.shift()
    if (item !== undefined) return Promise.resolve(item)
    let waiter: ((item: T) => void) | undefined
    const next = new Promise<T>((resolve) => {
      waiter = resolve
      this.waiters.push(resolve)
    })
    return within(ms, what, next).catch((error) => {
      this.waiters = this.waiters.filter((w) => w !== waiter)
      throw error
    })
  }
  get size(): number {
    return this.items.length
  }
}

/** One connection the peer accepted: the server's end of a client socket. */
class Connection {
  readonly messages = new Queue<Message>()
  readonly closed: Promise<number>
  constructor(
    readonly ws: WebSocket,
    readonly request: IncomingMessage,
  ) {
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data))))
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)))
  }
  send(message: Message): void {
    this.ws.send(JSON.stringify(message))
  }
  welcome(user: { id: number; handle: string } | null = null): void {
    this.send({ op: 'welcome', user, heartbeat: 25 })
  }
  /** The next message the client sent, which must be this op. */
  async next(op: string, ms = 2000): Promise<Message> {
    const message = await this.messages.take(ms, `the client's ${op}`)
    if (message.op !== op) throw new Error(`expected ${op}, got ${JSON.stringify(message)}`)
    return message
  }
  event(channel: string, id: number | undefined, type = 'post.created', data: unknown = {}): void {
    this.send(id === undefined ? { channel, type, data } : { channel, id, type, data })
  }
}

/** The scripted server: a WebSocketServer on a free port whose connections the test awaits. */
async function peer(t: Test, opts: { refuse?: number } = {}) {
  let refuse = opts.refuse ?? 0
  const server = new WebSocketServer({
    port: 0,
    // Refuses the first `refuse` upgrades, as a server restarting or a load balancer would.
    verifyClient: (_info, done) => (refuse-- > 0 ? done(false, 503) : done(true)),
  })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const connections = new Queue<Connection>()
  let accepted = 0
  server.on('connection', (ws, request) => {
    accepted++
    connections.push(new Connection(ws, request))
  })
  t.teardown(async () => {
    for (const ws of server.clients) ws.terminate()
    await new Promise((resolve) => server.close(resolve))
  })
  const port = (server.address() as { port: number }).port
  return {
    url: `ws://127.0.0.1:${port}/api/live`,
    accept: (ms = 2000) => connections.take(ms, 'a connection'),
    get accepted() {
      return accepted
    },
    /** Connections accepted but not yet taken by the test. */
    get waiting() {
      return connections.size
    },
  }
}

/** A client on the peer, with what it delivered recorded; closed when the test ends. */
function client(t: Test, url: string, opts: Partial<LiveClientOptions> = {}) {
  const statuses: string[] = []
  const errors: LiveError[] = []
  const resets: string[] = []
  const unsubscribed: [string, string][] = []
  const live = new LiveClient({
    url,
    WebSocket,
    backoff: { initialMs: 20, maxMs: 100, stableMs: 60_000 },
    onStatus: (s) => statuses.push(s),
    onError: (e) => errors.push(e),
    onReset: (c) => resets.push(c),
    onUnsubscribed: (c, r) => unsubscribed.push([c, r]),
    ...opts,
  })
  t.teardown(() => live.close())
  return { live, statuses, errors, resets, unsubscribed }
}

/** Records a subscription's events. */
function collect(live: LiveClient, channel: string, since?: number) {
  const events: LiveEvent[] = []
  const stop = live.subscribe(channel, (e) => events.push(e), since === undefined ? {} : { since })
  return { events, stop, ids: () => events.map((e) => e.id ?? e.type) }
}

/** Waits until the condition holds (polling), for what the peer cannot await as a message. */
async function until(what: string, condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

/** Math.random returns this value during the test: makes the backoff's jitter deterministic. */
function fixRandom(t: Test, value: number): void {
  const random = Math.random
  Math.random = () => value
  t.teardown(() => {
    Math.random = random
  })
}

t.test(
  'greets, authenticates with the token, then subscribes; delivers stored and ephemeral events',
  async (t) => {
    const p = await peer(t)
    const c = client(t, p.url, { token: 'sso-token' })
    const topic = collect(c.live, 'topic:42', 7)
    const conn = await p.accept()
    t.equal(c.live.status, 'connecting', 'nothing is sent before the welcome')
    conn.welcome({ id: 1, handle: 'ana' })
    t.same(await conn.next('auth'), { op: 'auth', token: 'sso-token' }, 'auth comes first')
    t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 7 })
    t.equal(c.live.status, 'open')
    t.same(c.live.user, { id: 1, handle: 'ana' })

    const notes = collect(c.live, 'user:me')
    t.same(
      await conn.next('subscribe'),
      { op: 'subscribe', channel: 'user:me' },
      'subscribes at once when open',
    )
    conn.send({ op: 'subscribed', channel: 'topic:42', lastId: 9 })
    conn.event('topic:42', 8)
    conn.event('topic:42', undefined, 'typing', { user: { id: 2, handle: 'bo', displayName: 'Bo' } })
    conn.event('topic:42', undefined, 'presence', { readers: 12 })
    conn.event('topic:42', 9, 'post.edited', { id: 3, body: 'now' })
    conn.event('user:me', 10, 'mention')
    conn.event('category:1', 11, 'topic.created') // not subscribed: ignored
    await until('the events', () => topic.events.length === 4 && notes.events.length === 1)
    t.same(topic.ids(), [8, 'typing', 'presence', 9])
    t.same(topic.events[3], { channel: 'topic:42', id: 9, type: 'post.edited', data: { id: 3, body: 'now' } })
    t.same(notes.ids(), [10])
    t.same(c.statuses, ['open'])
    t.same(c.errors, [])
  },
)

t.test('resumes with since after a drop, dropping duplicates and out-of-date ids', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  const topic = collect(c.live, 'topic:42')
  collect(c.live, 'category:3')
  let conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42' })
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'category:3' })
  conn.send({ op: 'subscribed', channel: 'topic:42', lastId: 10 })
  conn.send({ op: 'subscribed', channel: 'category:3', lastId: 50 })
  conn.event('topic:42', 11)
  conn.event('topic:42', 12)
  await until('two events', () => topic.events.length === 2)

  conn.ws.terminate() // the connection breaks without a close frame
  conn = await p.accept()
  await until('connecting', () => c.statuses.includes('connecting'))
  conn.welcome()
  const resubscribed = [await conn.next('subscribe'), await conn.next('subscribe')]
  t.same(
    resubscribed,
    [
      { op: 'subscribe', channel: 'topic:42', since: 12 },
      // No event came on it, but the subscribed's lastId is where it resumes from.
      { op: 'subscribe', channel: 'category:3', since: 50 },
    ],
    'each channel resumes after its last id',
  )
  // A replay overlapping what was already delivered, then an id going backwards.
  for (const id of [11, 12, 13, 12, 14, 13]) conn.event('topic:42', id)
  conn.send({ op: 'subscribed', channel: 'topic:42', lastId: 14 })
  conn.event('topic:42', 15)
  await until('the next events', () => topic.events.length >= 5)
  await sleep(20)
  t.same(topic.ids(), [11, 12, 13, 14, 15], 'no duplicate, in order')
  t.same(c.statuses, ['open', 'connecting', 'open'])

  // A socket closed by the server with a close frame (4008: too slow) resumes the same way.
  conn.ws.close(4008, 'too slow')
  conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 15 })
})

t.test('retries refused connections with backoff until one is accepted', async (t) => {
  const p = await peer(t, { refuse: 3 })
  const c = client(t, p.url)
  const topic = collect(c.live, 'topic:1', 4)
  const conn = await p.accept()
  t.equal(c.live.status, 'connecting')
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:1', since: 4 })
  t.equal(c.live.status, 'open')
  t.same(c.errors, [], 'refusals are not errors: the client keeps trying')
  t.same(topic.events, [])
})

t.test('1001 (server going away) reconnects at once, other drops wait for the backoff', async (t) => {
  fixRandom(t, 1) // the longest wait every time
  const p = await peer(t)
  const c = client(t, p.url, { backoff: { initialMs: 5000, maxMs: 5000, stableMs: 60_000 } })
  collect(c.live, 'topic:42', 3)
  let conn = await p.accept()
  conn.welcome()
  await conn.next('subscribe')

  const started = Date.now()
  conn.ws.close(1001, 'shutting down')
  conn = await p.accept(1000)
  t.ok(Date.now() - started < 1000, 'back within a second, not after the 5 s backoff')
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 3 })

  conn.ws.close(1011, 'internal error')
  await t.rejects(p.accept(600), /timed out/, 'any other close waits for the backoff')
  t.equal(c.live.status, 'connecting')
})

t.test('4029 (too many sockets) backs off longer', async (t) => {
  fixRandom(t, 0) // the jitter is 0: only the crowded wait remains
  const p = await peer(t)
  const c = client(t, p.url, { backoff: { initialMs: 20, maxMs: 20, stableMs: 60_000, crowdedMs: 400 } })
  let conn = await p.accept()
  conn.welcome()
  await until('open', () => c.live.status === 'open')
  const started = Date.now()
  conn.ws.close(4029, 'too many sockets')
  conn = await p.accept()
  t.ok(Date.now() - started >= 390, 'waited the crowded delay')
})

t.test('4001, 4000 and 1009 end the client: no reconnection, an error and the closed status', async (t) => {
  for (const [code, name] of [
    [4001, 'session_ended'],
    [4000, 'too_many_invalid_messages'],
    [1009, 'message_too_big'],
  ] as const) {
    await t.test(`close code ${code}`, async (t) => {
      const p = await peer(t)
      const c = client(t, p.url)
      const conn = await p.accept()
      conn.welcome({ id: 1, handle: 'ana' })
      await until('open', () => c.live.status === 'open')
      conn.ws.close(code, 'bye')
      await until('closed', () => c.live.status === 'closed')
      t.same(c.errors, [{ code: name, message: 'bye', closeCode: code }])
      t.same(c.live.error, c.errors[0])
      t.same(c.statuses, ['open', 'closed'])
      await sleep(200) // ten times the backoff
      t.equal(p.accepted, 1, 'did not reconnect')
    })
  }
})

t.test('reset: the app reloads, the channel is followed again without since', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  const channelResets: number[] = []
  const events: LiveEvent[] = []
  c.live.subscribe('topic:42', (e) => events.push(e), { since: 100, onReset: () => channelResets.push(1) })
  let conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 100 })
  conn.send({ op: 'reset', channel: 'topic:42' })
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42' }, 'subscribes again at once')
  t.same(c.resets, ['topic:42'], 'onReset of the client')
  t.same(channelResets, [1], 'onReset of the subscription')
  conn.send({ op: 'subscribed', channel: 'topic:42', lastId: 1500 })
  conn.event('topic:42', 1501)
  await until('the live event', () => events.length === 1)

  conn.ws.terminate()
  conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 1501 })

  // A reset followed by a drop before anything came: the subscribed's lastId is the resume point.
  conn.send({ op: 'reset', channel: 'topic:42' })
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42' })
  conn.send({ op: 'subscribed', channel: 'topic:42', lastId: 3000 })
  await sleep(20)
  conn.ws.terminate()
  conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 3000 })
})

t.test('unsubscribed: the subscription is dropped and its owner told', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  const reasons: string[] = []
  const events: LiveEvent[] = []
  const stop = c.live.subscribe('topic:42', (e) => events.push(e), { onUnsubscribed: (r) => reasons.push(r) })
  const other = collect(c.live, 'topic:43')
  let conn = await p.accept()
  conn.welcome()
  await conn.next('subscribe')
  await conn.next('subscribe')
  conn.send({ op: 'unsubscribed', channel: 'topic:42', reason: 'forbidden' })
  conn.event('topic:42', 5)
  conn.event('topic:43', 6)
  await until('the other event', () => other.events.length === 1)
  t.same(events, [], 'no event after unsubscribed')
  t.same(reasons, ['forbidden'])
  t.same(c.unsubscribed, [['topic:42', 'forbidden']])
  stop() // the owner's own stop afterwards is harmless and sends nothing

  conn.ws.terminate()
  conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:43', since: 6 })
  await sleep(50)
  t.equal(conn.messages.size, 0, 'topic:42 is not followed again')
})

t.test('error messages reach onError without closing anything', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  const topic = collect(c.live, 'topic:42')
  const conn = await p.accept()
  conn.welcome()
  await conn.next('subscribe')
  conn.send({ op: 'error', code: 'not_found', message: 'No such channel', channel: 'topic:99' })
  conn.send('not an object' as unknown as Message) // garbage is ignored
  conn.event('topic:42', 1)
  await until('the event', () => topic.events.length === 1)
  t.same(c.errors, [{ code: 'not_found', message: 'No such channel', channel: 'topic:99' }])
  t.equal(c.live.status, 'open')
})

t.test('unsubscribe: several subscribers of a channel share one subscription', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  const a = collect(c.live, 'topic:42')
  const b = collect(c.live, 'topic:42')
  const conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42' })
  conn.event('topic:42', 1)
  await until('both', () => a.events.length === 1 && b.events.length === 1)
  a.stop()
  conn.event('topic:42', 2)
  await until('b', () => b.events.length === 2)
  t.equal(a.events.length, 1)
  b.stop()
  t.same(
    await conn.next('unsubscribe'),
    { op: 'unsubscribe', channel: 'topic:42' },
    'once the last one stops',
  )
  t.equal(conn.messages.size, 0)
})

t.test('heartbeat: pings after silence, reconnects when nothing answers', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url, { heartbeatMs: 100 })
  collect(c.live, 'topic:42', 5)
  let conn = await p.accept()
  conn.welcome()
  await conn.next('subscribe')
  await conn.next('ping', 500)
  conn.send({ op: 'pong' })
  await conn.next('ping', 500)
  conn.send({ op: 'pong' })
  await conn.next('ping', 500)
  t.equal(p.accepted, 1, 'an answered ping keeps the connection')

  // Now the peer stays silent: a dead connection the browser would not notice.
  const closed = await within(1000, 'the client giving up', conn.closed)
  t.equal(closed, 1000, 'the client closed the silent socket')
  conn = await p.accept()
  conn.welcome()
  t.same(await conn.next('subscribe'), { op: 'subscribe', channel: 'topic:42', since: 5 })

  // A server that accepts but never greets is given up the same way, after two heartbeats.
  conn.ws.terminate()
  const mute = await p.accept()
  t.equal(await within(1000, 'the client giving up', mute.closed), 1000)
  t.equal(mute.messages.size, 0, 'no ping before the welcome')
  await p.accept()
})

t.test('typing is sent at most once every 2 s per channel', async (t) => {
  const realNow = Date.now
  let skew = 0
  Date.now = () => realNow() + skew
  t.teardown(() => {
    Date.now = realNow
  })
  const p = await peer(t)
  const c = client(t, p.url)
  c.live.typing('topic:42') // not open yet: nothing to send, and nothing remembered
  const conn = await p.accept()
  conn.welcome()
  await until('open', () => c.live.status === 'open')
  c.live.typing('topic:42')
  c.live.typing('topic:42')
  c.live.typing('topic:42')
  c.live.typing('topic:43')
  t.same(await conn.next('typing'), { op: 'typing', channel: 'topic:42' })
  t.same(await conn.next('typing'), { op: 'typing', channel: 'topic:43' }, 'the repeats were not sent')
  skew += 1900
  c.live.typing('topic:42')
  skew += 100
  c.live.typing('topic:42')
  t.same(await conn.next('typing'), { op: 'typing', channel: 'topic:42' }, 'again 2 s later')
  await sleep(30)
  t.equal(conn.messages.size, 0)
})

t.test('close() stops for good, whether connected or waiting to reconnect', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url, { backoff: { initialMs: 200, maxMs: 200, stableMs: 60_000 } })
  const topic = collect(c.live, 'topic:42')
  let conn = await p.accept()
  conn.welcome()
  await conn.next('subscribe')
  c.live.close()
  t.equal(await within(1000, 'the close', conn.closed), 1000)
  t.equal(c.live.status, 'closed')
  c.live.close() // twice is harmless
  t.same(c.statuses, ['open', 'closed'])

  // The jitter at its ceiling, so d is surely still waiting when it is closed.
  const realRandom = Math.random
  Math.random = () => 0.999
  t.teardown(() => {
    Math.random = realRandom
  })
  const d = client(t, p.url, { backoff: { initialMs: 200, maxMs: 200, stableMs: 60_000 } })
  conn = await p.accept()
  conn.ws.terminate() // before the welcome: d waits to reconnect
  await sleep(20)
  d.live.close()
  await sleep(300)
  t.equal(p.waiting, 0, 'no reconnection after close()')
  t.equal(d.live.status, 'closed')
  t.same(topic.events, [])
})

t.test('close() while the socket is still connecting neither throws nor reconnects', async (t) => {
  const p = await peer(t)
  const c = client(t, p.url)
  c.live.close()
  t.equal(c.live.status, 'closed')
  await sleep(100) // the aborted handshake's error event comes now: it must find a listener
  t.equal(c.live.status, 'closed')
  t.same(c.errors, [])
})

t.test('a client without a WebSocket says so', async (t) => {
  const global = globalThis as { WebSocket?: unknown }
  const saved = global.WebSocket
  delete global.WebSocket
  t.teardown(() => {
    if (saved) global.WebSocket = saved
  })
  t.throws(() => new LiveClient({ url: 'ws://127.0.0.1:1/api/live' }), /no global WebSocket/)
})
