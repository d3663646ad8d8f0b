import type { WebSocket } from 'ws'
import type { Viewer } from '../accounts/viewer.js'
import type { LiveEvent } from './events.js'
import type { Room, RoomMember } from './rooms.js'

/** Close codes of PROTOCOL.md. */
export const closeCodes = {
  goingAway: 1001,
  abuse: 4000,
  sessionEnded: 4001,
  tooSlow: 4008,
  tooMany: 4029,
} as const

export const limits = {
  subscriptionsPerSocket: 100,
  invalidMessages: 20,
  /** Bytes waiting to be sent that a reader may leave for `slowForMs` before being cut off (they resume with since). */
  sendBuffer: 1024 * 1024,
  slowForMs: 5_000,
  /** Bytes waiting past which a reader is cut off at once. */
  hardSendBuffer: 64 * 1024 * 1024,
  // Clients send at most one every 2 s; the slack absorbs network jitter.
  typingEveryMs: 1_500,
}

/** What a connection asks of the live server it belongs to. */
export interface ConnectionHost {
  openChannel(
    conn: LiveConnection,
    name: string,
  ): Promise<{ room: Room; name: string } | { error: 'invalid_channel' | 'not_found' | 'unauthenticated' }>
  replay(key: string, since: number): Promise<{ events: LiveEvent[]; truncated: boolean }>
  authenticate(conn: LiveConnection, token: string): Promise<boolean>
  typing(conn: LiveConnection, sub: Subscription): void
  /** A room gained or lost a member of this server (presence counts them). */
  roomChanged(room: Room): void
}

type Message = { op?: unknown; channel?: unknown; since?: unknown; token?: unknown }

/**
 * One reader's socket: its messages, handled one after the other, and its subscriptions.
 * A reader that leaves more than `limits.sendBuffer` unread for `limits.slowForMs` (or far more
 * at any time) is closed with 4008 and resumes later with `since`: memory stays bounded.
 */
export class LiveConnection {
  readonly subscriptions = new Map<string, Subscription>()
  alive = true
  private invalid = 0
  private slowCheck: NodeJS.Timeout | undefined
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    readonly ws: WebSocket,
    private readonly host: ConnectionHost,
    public viewer: Viewer | null,
    public tokenHash: string | null,
    readonly address: string,
  ) {}

  send(frame: string) {
    if (this.closed) return
    this.ws.send(frame)
    if (this.ws.bufferedAmount <= limits.sendBuffer) return
    // A burst (a replay, a batch of big posts) may exceed the bound for a moment; a reader that
    // stays behind for seconds, or falls far behind, is cut off.
    if (this.ws.bufferedAmount > limits.hardSendBuffer) return this.tooSlow()
    this.slowCheck ??= setTimeout(() => {
      this.slowCheck = undefined
      if (this.ws.bufferedAmount > limits.sendBuffer) this.tooSlow()
    }, limits.slowForMs)
    this.slowCheck.unref()
  }

  private tooSlow(): void {
    this.close(closeCodes.tooSlow, 'too slow: resume with since')
    // A reader that does not read will not read the close frame either: the socket goes.
    setTimeout(() => this.ws.terminate(), 1_000).unref()
  }

  reply(message: Record<string, unknown>): void {
    this.send(JSON.stringify(message))
  }

  error(code: string, message: string, channel?: string): void {
    this.reply({ op: 'error', code, message, ...(channel ? { channel } : {}) })
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    if (this.slowCheck) clearTimeout(this.slowCheck)
    try {
      this.ws.close(code, reason)
    } catch {
      this.ws.terminate()
    }
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Frames are handled in the order they came, each after the previous one finished. */
  receive(raw: string): void {
    this.alive = true
    this.queue = this.queue.then(() => this.handle(raw)).catch(() => this.error('internal', 'Try again.'))
  }

  /** The socket closed: leave every room. */
  dispose(): void {
    this.closed = true
    for (const sub of this.subscriptions.values()) sub.room.leave(sub)
    this.subscriptions.clear()
  }

  drop(sub: Subscription, reason: 'forbidden' | 'gone'): void {
    if (this.subscriptions.get(sub.name) !== sub) return
    this.subscriptions.delete(sub.name)
    sub.room.leave(sub)
    this.host.roomChanged(sub.room)
    this.reply({ op: 'unsubscribed', channel: sub.name, reason })
  }

  private strike(code: string, message: string): void {
    this.error(code, message)
    if (++this.invalid >= limits.invalidMessages) this.close(closeCodes.abuse, 'too many invalid messages')
  }

  private async handle(raw: string): Promise<void> {
    if (this.closed) return
    let msg: Message
    try {
      msg = JSON.parse(raw) as Message
    } catch {
      return this.strike('invalid_message', 'Messages are JSON objects.')
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
      return this.strike('invalid_message', 'Messages are JSON objects.')
    switch (msg.op) {
      case 'subscribe':
        return this.subscribe(msg)
      case 'unsubscribe':
        return this.unsubscribe(msg)
      case 'typing':
        return this.typing(msg)
      case 'auth':
        return this.auth(msg)
      case 'ping':
        return this.reply({ op: 'pong' })
      default:
        return this.strike('unknown_op', 'op is one of subscribe, unsubscribe, typing, auth, ping.')
    }
  }

  private async subscribe(msg: Message): Promise<void> {
    const since = msg.since
    if (since !== undefined && !(Number.isSafeInteger(since) && (since as number) >= 0))
      return this.strike('invalid_message', 'since is the id of the last event received, a whole number ≥ 0.')
    if (typeof msg.channel !== 'string')
      return this.strike('invalid_channel', 'channel is a string, e.g. "topic:42".')
    const existing = this.subscriptions.get(msg.channel)
    if (existing) {
      if (existing.live) this.reply({ op: 'subscribed', channel: existing.name, lastId: existing.last })
      return
    }
    if (this.subscriptions.size >= limits.subscriptionsPerSocket)
      return this.error(
        'too_many_subscriptions',
        `At most ${limits.subscriptionsPerSocket} channels per socket.`,
        msg.channel,
      )
    const opened = await this.host.openChannel(this, msg.channel)
    if ('error' in opened) {
      const text = {
        invalid_channel: 'No such kind of channel: topic:<id>, category:<id>, user:me or moderation.',
        not_found: 'No such channel, or not one you may follow.',
        unauthenticated: 'Sign in to follow this channel.',
      }[opened.error]
      if (opened.error === 'invalid_channel') return this.strike(opened.error, text)
      return this.error(opened.error, text, msg.channel)
    }
    if (this.closed) return
    const sub = new Subscription(this, opened.room, opened.name)
    this.subscriptions.set(sub.name, sub)
    let from: number
    try {
      from = await opened.room.join(sub)
    } catch {
      this.subscriptions.delete(sub.name)
      return this.error('internal', 'Could not follow this channel now; try again.', sub.name)
    }
    this.host.roomChanged(opened.room)
    if (since === undefined) {
      sub.start(from, [])
    } else {
      const { events, truncated } = await this.host.replay(opened.room.key, since as number)
      if (truncated) {
        this.subscriptions.delete(sub.name)
        opened.room.leave(sub)
        this.host.roomChanged(opened.room)
        return this.reply({ op: 'reset', channel: sub.name })
      }
      sub.start(since as number, events)
    }
  }

  private unsubscribe(msg: Message) {
    if (typeof msg.channel !== 'string') return this.strike('invalid_channel', 'channel is a string.')
    const sub = this.subscriptions.get(msg.channel)
    if (!sub) return
    this.subscriptions.delete(sub.name)
    sub.room.leave(sub)
    this.host.roomChanged(sub.room)
    this.reply({ op: 'unsubscribed', channel: sub.name, reason: 'asked' })
  }

  private typing(msg: Message) {
    const sub = typeof msg.channel === 'string' ? this.subscriptions.get(msg.channel) : undefined
    if (!sub || !sub.room.kind.typing)
      return this.strike('not_found', 'Typing goes to a topic you are subscribed to.')
    if (!this.viewer || this.viewer.restriction !== null)
      return this.error('unauthenticated', 'Sign in to take part.', sub.name)
    const now = Date.now()
    if (now - sub.typingAt < limits.typingEveryMs) {
      // One refusal per window, not one per frame: a flood must not become a flood back.
      if (!sub.typingRefused) this.error('rate_limited', 'At most one typing signal every 2 s.', sub.name)
      sub.typingRefused = true
      return
    }
    sub.typingAt = now
    sub.typingRefused = false
    this.host.typing(this, sub)
  }

  private async auth(msg: Message): Promise<void> {
    if (typeof msg.token !== 'string' || msg.token.length > 200)
      return this.strike('invalid_message', 'auth carries a token.')
    if (!(await this.host.authenticate(this, msg.token)))
      this.error('invalid_token', 'This token has expired or was revoked; sign in again.')
  }
}

/** One channel followed by one socket: replayed first, then live, never twice the same event. */
export class Subscription implements RoomMember {
  last = 0
  live = false
  typingAt = 0
  typingRefused = false
  private held: { events: LiveEvent[]; frames: (name: string) => string[] }[] = []

  constructor(
    readonly conn: LiveConnection,
    readonly room: Room,
    readonly name: string,
  ) {}

  get viewer(): Viewer | null {
    return this.conn.viewer
  }

  /** Sends the replay, says subscribed, then what came live meanwhile. */
  start(since: number, replayed: LiveEvent[]): void {
    this.last = since
    for (const e of replayed) {
      if (e.id <= this.last) continue
      this.conn.send(JSON.stringify({ channel: this.name, id: e.id, type: e.type, data: e.data }))
      this.last = e.id
    }
    this.live = true
    this.conn.reply({ op: 'subscribed', channel: this.name, lastId: this.last })
    // What came live while the replay was read; receive skips what the replay already sent.
    const held = this.held
    this.held = []
    for (const h of held) this.receive(h.events, h.frames)
  }

  receive(events: LiveEvent[], frames: (name: string) => string[]): void {
    if (!this.live) {
      this.held.push({ events, frames })
      return
    }
    const list = frames(this.name)
    for (let i = 0; i < events.length; i++) {
      const id = events[i]!.id
      if (id <= this.last) continue
      this.conn.send(list[i]!)
      this.last = id
    }
  }

  end(reason: 'forbidden' | 'gone'): void {
    this.conn.drop(this, reason)
  }

  send(frame: string): void {
    this.conn.send(frame)
  }
}
