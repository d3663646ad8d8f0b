// The client of the live protocol (server/live/PROTOCOL.md) for the web client and the embed.
// Runs in browsers and in Node alike: nothing here may import a Node module.
import {
  type ClientMessage,
  finalCloseCodes,
  goingAway,
  type LiveEvent,
  type LiveUser,
  type ServerMessage,
  tooManySockets,
} from './protocol.js'

export type { LiveEvent, LiveUser } from './protocol.js'

export type LiveStatus = 'connecting' | 'open' | 'closed'

/** A refusal from the server (`op: error`), or the final close that stopped the client. */
export interface LiveError {
  code: string
  message: string
  channel?: string
  /** Set when the socket was closed for good with this code. */
  closeCode?: number
}

export type EventHandler = (event: LiveEvent) => void

export interface SubscribeOptions {
  /** Replay every stored event after this id first (the last one the caller already has). */
  since?: number
  /** More than 1,000 events were missed: reload this channel's state over HTTP. */
  onReset?: () => void
  /** The server ended the subscription: the reader lost access, or the topic is gone. */
  onUnsubscribed?: (reason: string) => void
}

export interface BackoffOptions {
  /** The first retry waits up to this long; each failed one doubles it. */
  initialMs: number
  maxMs: number
  /** A connection up at least this long counts as healthy: the next drop starts over at initialMs. */
  stableMs: number
  /** Added to the wait after 4029 (too many sockets), so crowded tabs stop competing. */
  crowdedMs: number
}

/**
 * The part of the WebSocket API used here, which the browser's WebSocket and the `ws` package's
 * both have. Handlers take `never` so that either one's own event types are accepted.
 */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onmessage: ((event: never) => void) | null
  onclose: ((event: never) => void) | null
  onerror: ((event: never) => void) | null
}

export type SocketConstructor = new (url: string) => SocketLike

export interface LiveClientOptions {
  /** The ws(s):// address of /api/live. */
  url: string
  /** A bearer token (embeds), sent as `auth` after the welcome: browsers cannot set headers. */
  token?: string
  /** Defaults to the global WebSocket; Node passes the `ws` package's. */
  WebSocket?: SocketConstructor
  /** Ping after this long without any message; give up after as long again. */
  heartbeatMs?: number
  backoff?: Partial<BackoffOptions>
  onStatus?: (status: LiveStatus) => void
  onError?: (error: LiveError) => void
  onReset?: (channel: string) => void
  onUnsubscribed?: (channel: string, reason: string) => void
}

interface Listener extends Omit<SubscribeOptions, 'since'> {
  handler: EventHandler
}

interface Channel {
  /** The last stored event delivered: resumes after it, and anything not above it is a duplicate. */
  lastId: number | undefined
  listeners: Set<Listener>
}

const OPEN = 1 // WebSocket.OPEN, the same in every implementation
const TYPING_INTERVAL_MS = 2000 // the server counts at most one typing per 2 s
const GOING_AWAY_JITTER_MS = 250 // spreads a stopping instance's readers over the others

export class LiveClient {
  status: LiveStatus = 'connecting'
  /** Who the server says is reading, from the latest welcome. */
  user: LiveUser | null = null
  /** Why the client stopped, when the server ended it for good. */
  error: LiveError | undefined

  private readonly heartbeatMs: number
  private readonly backoff: BackoffOptions
  private readonly WebSocket: SocketConstructor
  private readonly channels = new Map<string, Channel>()
  private readonly typingSentAt = new Map<string, number>()
  private socket: SocketLike | undefined
  /** The current socket was welcomed: messages may be sent (before, they wait for the welcome). */
  private welcomed = false
  private welcomedAt = 0
  private attempt = 0
  private stopped = false
  private silenceTimer: ReturnType<typeof setTimeout> | undefined
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: LiveClientOptions) {
    const WebSocket = options.WebSocket ?? (globalThis.WebSocket as SocketConstructor | undefined)
    if (!WebSocket) throw new Error('LiveClient: no global WebSocket here, pass one as options.WebSocket')
    this.WebSocket = WebSocket
    this.heartbeatMs = options.heartbeatMs ?? 25_000
    this.backoff = { initialMs: 250, maxMs: 30_000, stableMs: 10_000, crowdedMs: 10_000, ...options.backoff }
    this.connect()
  }

  /**
   * Follows a channel; returns the function that stops. Several subscribers of one channel share
   * one subscription, whose `since` is the first subscriber's.
   */
  subscribe(channel: string, handler: EventHandler, options: SubscribeOptions = {}): () => void {
    const listener: Listener = { handler, onReset: options.onReset, onUnsubscribed: options.onUnsubscribed }
    let entry = this.channels.get(channel)
    if (!entry) {
      entry = { lastId: options.since, listeners: new Set() }
      this.channels.set(channel, entry)
      this.sendSubscribe(channel, entry)
    }
    entry.listeners.add(listener)
    const current = entry
    return () => {
      current.listeners.delete(listener)
      // Only the entry still registered: after `unsubscribed` or a new subscribe it is another one.
      if (current.listeners.size > 0 || this.channels.get(channel) !== current) return
      this.channels.delete(channel)
      this.send({ op: 'unsubscribe', channel })
    }
  }

  /** Tells the topic's readers the member is typing; call it on every keystroke. */
  typing(channel: string): void {
    const now = Date.now()
    if (!this.welcomed || now - (this.typingSentAt.get(channel) ?? -Infinity) < TYPING_INTERVAL_MS) return
    this.typingSentAt.set(channel, now)
    this.send({ op: 'typing', channel })
  }

  /** Stops for good: no more events, no reconnection. */
  close(): void {
    if (this.stopped) return
    this.stopped = true
    this.channels.clear()
    clearTimeout(this.reconnectTimer)
    this.dropSocket('client closed')
    this.setStatus('closed')
  }

  private connect(): void {
    this.setStatus('connecting')
    const socket = new this.WebSocket(this.options.url)
    this.socket = socket
    this.welcomed = false
    socket.onmessage = (event: { data: unknown }) => this.receive(event.data)
    socket.onclose = (event: { code: number; reason: string }) => this.closed(event.code, event.reason)
    // A close event always follows an error: that is where the client reacts.
    socket.onerror = () => {}
    // Also bounds the handshake: a connection that never greets is given up like a silent one.
    this.watchSilence()
  }

  private receive(raw: unknown): void {
    this.watchSilence()
    let message: ServerMessage | LiveEvent
    try {
      message = JSON.parse(String(raw))
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    if (!('op' in message)) {
      this.deliver(message)
      return
    }
    switch (message.op) {
      case 'welcome':
        this.welcome(message.user)
        break
      case 'subscribed':
        this.subscribed(message.channel, message.lastId)
        break
      case 'reset':
        this.reset(message.channel)
        break
      case 'unsubscribed':
        this.unsubscribed(message.channel, message.reason)
        break
      case 'error': {
        const error = { code: message.code, message: message.message, channel: message.channel }
        this.call(() => this.options.onError?.(error))
        break
      }
      // 'pong' only proves the connection lives, which watchSilence already noted.
    }
  }

  private welcome(user: LiveUser | null): void {
    this.user = user
    if (this.welcomed) return
    this.welcomed = true
    this.welcomedAt = Date.now()
    // The server handles a socket's messages in order, so auth is in effect for the subscribes.
    if (this.options.token) this.send({ op: 'auth', token: this.options.token })
    for (const [channel, entry] of this.channels) this.sendSubscribe(channel, entry)
    this.setStatus('open')
  }

  private deliver(event: LiveEvent): void {
    const entry = this.channels.get(event.channel)
    if (!entry) return
    if (typeof event.id === 'number') {
      // A replay may overlap what came live before the drop: ids only grow within a channel.
      if (entry.lastId !== undefined && event.id <= entry.lastId) return
      entry.lastId = event.id
    }
    for (const listener of [...entry.listeners]) this.call(() => listener.handler(event))
  }

  private subscribed(channel: string, lastId: number | null): void {
    // Subscribed without `since` (new, or after a reset), the client still needs a point to resume
    // from, or a drop before the first event would lose what happens meanwhile: every event up to
    // lastId predates the subscription. (With `since`, the replay has set it already.)
    const entry = this.channels.get(channel)
    if (entry && entry.lastId === undefined && typeof lastId === 'number') entry.lastId = lastId
  }

  private reset(channel: string): void {
    const entry = this.channels.get(channel)
    if (!entry) return
    // The gap is too large to replay: the app reloads over HTTP, and the client follows from now.
    // Subscribing right away rather than after the reload means no event falls between the two.
    entry.lastId = undefined
    this.call(() => this.options.onReset?.(channel))
    for (const listener of [...entry.listeners]) this.call(() => listener.onReset?.())
    this.sendSubscribe(channel, entry)
  }

  private unsubscribed(channel: string, reason: string): void {
    const entry = this.channels.get(channel)
    if (!entry) return
    this.channels.delete(channel)
    this.call(() => this.options.onUnsubscribed?.(channel, reason))
    for (const listener of entry.listeners) this.call(() => listener.onUnsubscribed?.(reason))
  }

  private sendSubscribe(channel: string, entry: Channel): void {
    this.send(
      entry.lastId === undefined
        ? { op: 'subscribe', channel }
        : { op: 'subscribe', channel, since: entry.lastId },
    )
  }

  /** Messages before the welcome are not lost: the welcome sends every subscription. */
  private send(message: ClientMessage): void {
    if (this.welcomed && this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message))
  }

  /**
   * Browsers never show the server's WebSocket pings, and a dead TCP connection (a laptop that
   * slept, a lost Wi-Fi) fires no close for minutes: after a heartbeat of silence, ask; after
   * another, give the connection up.
   */
  private watchSilence(): void {
    clearTimeout(this.silenceTimer)
    this.silenceTimer = setTimeout(() => {
      this.send({ op: 'ping' })
      this.silenceTimer = setTimeout(() => this.closed(1006, 'no answer to ping'), this.heartbeatMs)
    }, this.heartbeatMs)
  }

  /** Forgets the socket without waiting for its close, which a dead connection may never send. */
  private dropSocket(reason: string): void {
    clearTimeout(this.silenceTimer)
    const socket = this.socket
    if (!socket) return
    this.socket = undefined
    this.welcomed = false
    socket.onmessage = null
    socket.onclose = null
    // Kept: closing a socket still connecting reports an error, which `ws` throws when unheard.
    socket.onerror = () => {}
    socket.close(1000, reason)
  }

  private closed(code: number, reason: string): void {
    const wasUp = this.welcomed && Date.now() - this.welcomedAt >= this.backoff.stableMs
    this.dropSocket(reason)
    if (this.stopped) return
    const final = finalCloseCodes[code]
    if (final) {
      this.stopped = true
      this.error = { code: final, message: reason || `closed with ${code}`, closeCode: code }
      const error = this.error
      this.call(() => this.options.onError?.(error))
      this.setStatus('closed')
      return
    }
    if (wasUp) this.attempt = 0
    this.setStatus('connecting')
    this.reconnectTimer = setTimeout(() => this.connect(), this.delay(code))
  }

  /** Exponential backoff with full jitter, so readers dropped together do not return together. */
  private delay(code: number): number {
    if (code === goingAway) return Math.random() * GOING_AWAY_JITTER_MS
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.attempt)
    this.attempt++
    const jittered = Math.random() * ceiling
    return code === tooManySockets ? this.backoff.crowdedMs + jittered : jittered
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return
    this.status = status
    this.call(() => this.options.onStatus?.(status))
  }

  /** One failing handler must stop neither the others nor the client; its error is still reported. */
  private call(fn: () => void): void {
    try {
      fn()
    } catch (error) {
      queueMicrotask(() => {
        throw error
      })
    }
  }
}
