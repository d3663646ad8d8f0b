import { randomUUID } from 'node:crypto'
import type { Db } from '../db/database.js'
import type { Bus } from './bus.js'
import { eventsAfter, eventsSince, type LiveEvent, lastEventId, maxEventId } from './events.js'

/** What every instance hears of a committed event: enough to drop a cache. Data comes from the database. */
export interface LiveSignal {
  id: number
  channel: string
  type: string
}

/** Shapes a channel's events before they go out: posts as they are now, retracted when hidden since. */
export type Presenter = (events: LiveEvent[]) => Promise<LiveEvent[]>

type Follower = (events: LiveEvent[]) => void

/** One followed channel on this instance: its position, and who follows it. */
interface Feed {
  channel: string
  last: number
  followers: Set<Follower>
  ready: Promise<void>
  fetching: boolean
  again: boolean
}

/**
 * Fans committed events out. Caches hear a signal per event at once (`on`). Sockets follow
 * channels (`follow`): a followed channel's events are read back from the database after its
 * last delivered id, so they arrive in order, without gaps or duplicates, whichever instance
 * wrote them and in whatever order the bus woke us up. The bus only says "look again"; a
 * poll every few seconds and a catch-up when the bus reconnects cover what it lost.
 */
export class LiveHub {
  readonly instanceId = randomUUID()
  private readonly listeners = new Set<(signal: LiveSignal) => void>()
  private readonly feeds = new Map<string, Feed>()
  private readonly presenters = new Map<string, Presenter>()
  private highest = 0
  private readonly poll: NodeJS.Timeout
  private readonly stops: (() => void)[]
  private closed = false

  constructor(
    private readonly bus: Bus,
    private readonly db: Db,
    private readonly opts: { pollMs?: number; onError?: (err: unknown) => void } = {},
  ) {
    this.stops = [
      bus.subscribe('live', (message) => {
        const { from, events } = JSON.parse(message) as { from: string; events: LiveSignal[] }
        if (from !== this.instanceId) for (const e of events) this.signal(e)
      }),
      bus.onReconnect(() => void this.catchUp()),
    ]
    this.poll = setInterval(() => void this.catchUp(), opts.pollMs ?? 5_000)
    this.poll.unref()
  }

  /** Call after the transaction that recorded these events has committed. */
  async publish(events: LiveEvent | LiveEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events]
    if (list.length === 0) return
    for (const e of list) this.signal(e)
    const signals = list.map(({ id, channel, type }) => ({ id, channel, type }))
    // The write is committed whatever happens here: a lost wake-up is caught up by the poll.
    await this.bus
      .publish('live', JSON.stringify({ from: this.instanceId, events: signals }))
      .catch((err) => this.opts.onError?.(err))
  }

  /** Hears every committed event, from any instance, as soon as it is known here. */
  on(listener: (signal: LiveSignal) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** How the events of channels starting with `prefix:` are shaped before they reach readers. */
  present(prefix: string, presenter: Presenter): void {
    this.presenters.set(prefix, presenter)
  }

  /**
   * Follows a channel from now on: `follower` gets its events in order. Resolves, once
   * following, to the id from which events come live (everything after it).
   */
  async follow(channel: string, follower: Follower): Promise<{ from: number; stop: () => void }> {
    let feed = this.feeds.get(channel)
    if (!feed) {
      const created: Feed = {
        channel,
        last: 0,
        followers: new Set(),
        ready: Promise.resolve(),
        fetching: false,
        again: false,
      }
      created.ready = lastEventId(this.db, channel).then((id) => {
        created.last = Math.max(created.last, id)
      })
      this.feeds.set(channel, created)
      feed = created
    }
    const current = feed
    current.followers.add(follower)
    try {
      await current.ready
    } catch (err) {
      this.unfollow(current, follower)
      throw err
    }
    return { from: current.last, stop: () => this.unfollow(current, follower) }
  }

  /** What a reader missed on a channel, shaped as live events are; `truncated` past the replay limit. */
  async replay(channel: string, since: number): Promise<{ events: LiveEvent[]; truncated: boolean }> {
    const { events, truncated } = await eventsSince(this.db, channel, since)
    return { events: await this.shape(channel, events), truncated }
  }

  /** Reads again what this instance may have missed: after a bus reconnection, and every few seconds. */
  async catchUp(): Promise<void> {
    if (this.closed) return
    try {
      if (this.highest === 0) this.highest = await maxEventId(this.db)
      const missed = await eventsAfter(this.db, this.highest, 5_000)
      for (const e of missed) this.signal(e)
    } catch (err) {
      this.opts.onError?.(err)
    }
    for (const feed of this.feeds.values()) this.pump(feed)
  }

  close(): void {
    this.closed = true
    clearInterval(this.poll)
    for (const stop of this.stops) stop()
    this.listeners.clear()
    this.feeds.clear()
  }

  private signal(signal: LiveSignal): void {
    if (signal.id > this.highest) this.highest = signal.id
    for (const listener of this.listeners) {
      try {
        listener(signal)
      } catch (err) {
        // One listener's failure must not starve the others.
        this.opts.onError?.(err)
      }
    }
    const feed = this.feeds.get(signal.channel)
    if (feed && signal.id > feed.last) this.pump(feed)
  }

  /** Reads a feed's new events and hands them on; one read at a time per feed, again if woken meanwhile. */
  private pump(feed: Feed): void {
    if (feed.fetching) {
      feed.again = true
      return
    }
    feed.fetching = true
    void (async () => {
      try {
        await feed.ready
        do {
          feed.again = false
          const { events, truncated } = await eventsSince(this.db, feed.channel, feed.last)
          // Nothing yet, but a wake-up that came during the read (`again`) still reads once more.
          if (events.length === 0) continue
          feed.last = events.at(-1)!.id
          const shaped = await this.shape(feed.channel, events)
          for (const follower of feed.followers) {
            try {
              follower(shaped)
            } catch (err) {
              this.opts.onError?.(err)
            }
          }
          if (truncated) feed.again = true
        } while (feed.again && !this.closed)
      } catch (err) {
        this.opts.onError?.(err)
      } finally {
        feed.fetching = false
      }
    })()
  }

  private async shape(channel: string, events: LiveEvent[]): Promise<LiveEvent[]> {
    const presenter = this.presenters.get(channel.slice(0, channel.indexOf(':')))
    return presenter && events.length ? presenter(events) : events
  }

  private unfollow(feed: Feed, follower: Follower): void {
    feed.followers.delete(follower)
    if (feed.followers.size === 0 && this.feeds.get(feed.channel) === feed) this.feeds.delete(feed.channel)
  }
}
