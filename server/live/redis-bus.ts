import { Redis } from 'ioredis'
import { type Bus, Handlers } from './bus.js'

const prefix = 'tribune:'

export interface RedisBusOptions {
  redisUrl: string
  onError?: (err: Error) => void
}

/**
 * A bus over Redis pub/sub, for several instances when REDIS_URL is set. ioredis reconnects
 * and subscribes again by itself; what was published while a connection was away is lost, so
 * reconnection listeners are told and the live hub catches up from the database.
 */
export class RedisBus implements Bus {
  private readonly handlers = new Handlers()
  private readonly subscriber: Redis
  private readonly publisher: Redis
  private readonly topics = new Set<string>()
  private everReady = false
  readonly ready: Promise<void>

  constructor(opts: RedisBusOptions) {
    const options = {
      connectTimeout: 2_000,
      maxRetriesPerRequest: 2,
      retryStrategy: (n: number) => Math.min(n * 100, 2_000),
    }
    this.subscriber = new Redis(opts.redisUrl, { ...options, connectionName: 'tribune-bus-sub' })
    this.publisher = new Redis(opts.redisUrl, { ...options, connectionName: 'tribune-bus-pub' })
    for (const conn of [this.subscriber, this.publisher])
      conn.on('error', (err: Error) => opts.onError?.(err))
    this.subscriber.on('message', (redisChannel: string, message: string) => {
      if (redisChannel.startsWith(prefix)) this.handlers.dispatch(redisChannel.slice(prefix.length), message)
    })
    this.ready = new Promise((resolve) => {
      this.subscriber.on('ready', () => {
        // ioredis subscribes again to every channel by itself (autoResubscribe).
        if (this.everReady) this.handlers.reconnected()
        this.everReady = true
        resolve()
      })
    })
  }

  async publish(topic: string, message: string): Promise<void> {
    await this.publisher.publish(prefix + topic, message)
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    if (!this.topics.has(topic)) {
      this.topics.add(topic)
      this.subscriber.subscribe(prefix + topic).catch(() => {
        // Retried by ioredis on reconnection (autoResubscribe keeps the list).
      })
    }
    return this.handlers.add(topic, handler)
  }

  onReconnect(listener: () => void): () => void {
    return this.handlers.onReconnect(listener)
  }

  async close(): Promise<void> {
    this.subscriber.disconnect()
    this.publisher.disconnect()
    this.handlers.clear()
  }
}
