import pg from 'pg'
import { type Bus, Handlers } from './bus.js'

/** The PostgreSQL channel every Tribune instance listens on; topics travel inside the payload. */
const channel = 'tribune_bus'
/** NOTIFY refuses payloads of 8,000 bytes or more: the bus carries wake-ups, not data. */
const maxPayload = 7_900

export interface PgBusOptions {
  databaseUrl: string
  /** Told about connection losses and failed reconnections (the server logs them). */
  onError?: (err: Error) => void
}

/**
 * A bus over PostgreSQL LISTEN/NOTIFY, for several instances sharing one database and no Redis.
 * One dedicated connection listens; notifications are sent through short-lived queries on a
 * small pool of their own. The listening connection comes back by itself, with backoff, when
 * PostgreSQL restarts or the connection is cut.
 */
export class PgBus implements Bus {
  private readonly handlers = new Handlers()
  private readonly publisher: pg.Pool
  private listener: pg.Client | null = null
  private closed = false
  private retryMs = 100
  private everConnected = false
  private retryTimer: NodeJS.Timeout | null = null
  readonly ready: Promise<void>

  constructor(private readonly opts: PgBusOptions) {
    this.publisher = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 2,
      idleTimeoutMillis: 10_000,
      application_name: 'tribune-bus',
    })
    this.publisher.on('error', (err) => opts.onError?.(err))
    this.ready = new Promise((resolve) => {
      this.connect(resolve)
    })
  }

  async publish(topic: string, message: string): Promise<void> {
    const payload = JSON.stringify({ t: topic, m: message })
    if (Buffer.byteLength(payload) > maxPayload)
      throw new Error(
        `bus message on "${topic}" is ${Buffer.byteLength(payload)} bytes; the limit is ${maxPayload}`,
      )
    await this.publisher.query('select pg_notify($1, $2)', [channel, payload])
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    return this.handlers.add(topic, handler)
  }

  onReconnect(listener: () => void): () => void {
    return this.handlers.onReconnect(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const listener = this.listener
    this.listener = null
    await listener?.end().catch(() => {})
    await this.publisher.end().catch(() => {})
    this.handlers.clear()
  }

  private connect(onFirst?: () => void): void {
    if (this.closed) return
    const client = new pg.Client({
      connectionString: this.opts.databaseUrl,
      application_name: 'tribune-bus',
      keepAlive: true,
    })
    let lost = false
    const onLost = (err?: Error) => {
      if (lost) return
      lost = true
      if (err) this.opts.onError?.(err)
      if (this.listener === client) this.listener = null
      client.end().catch(() => {})
      this.scheduleReconnect(onFirst)
    }
    client.on('error', onLost)
    client.on('end', () => onLost())
    client.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return
      try {
        const { t, m } = JSON.parse(n.payload) as { t: string; m: string }
        this.handlers.dispatch(t, m)
      } catch {
        // Not ours: ignored.
      }
    })
    client
      .connect()
      .then(() => client.query(`listen ${channel}`))
      .then(() => {
        if (this.closed || lost) {
          client.end().catch(() => {})
          return
        }
        this.listener = client
        this.retryMs = 100
        if (this.everConnected) this.handlers.reconnected()
        this.everConnected = true
        onFirst?.()
      })
      .catch((err: Error) => onLost(err))
  }

  private scheduleReconnect(onFirst?: () => void): void {
    if (this.closed || this.retryTimer) return
    const delay = this.retryMs
    this.retryMs = Math.min(this.retryMs * 2, 5_000)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect(onFirst)
    }, delay)
  }
}
