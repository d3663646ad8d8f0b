import type { Bus } from './bus.js'

interface Remote {
  count: number
  at: number
}

/**
 * How many people read each topic, across every instance: each instance tells the others its
 * own counts when they change (at most twice a second per topic) and every 15 s; a count not
 * repeated for 40 s is forgotten (its instance went away). `onTotal` hears each new total.
 */
export class PresenceBoard {
  private readonly local = new Map<string, number>()
  private readonly remote = new Map<string, Map<string, Remote>>()
  private readonly shown = new Map<string, number>()
  private readonly pending = new Set<string>()
  private flushTimer: NodeJS.Timeout | null = null
  private readonly beat: NodeJS.Timeout
  private readonly stop: () => void

  constructor(
    private readonly bus: Bus,
    private readonly instanceId: string,
    private readonly onTotal: (channel: string, readers: number) => void,
  ) {
    this.stop = bus.subscribe('presence', (message) => {
      const { from, counts } = JSON.parse(message) as { from: string; counts: [string, number][] }
      if (from === this.instanceId) return
      for (const [channel, count] of counts) {
        let byInstance = this.remote.get(channel)
        if (!byInstance) {
          byInstance = new Map()
          this.remote.set(channel, byInstance)
        }
        if (count > 0) byInstance.set(from, { count, at: Date.now() })
        else byInstance.delete(from)
        this.changed(channel, false)
      }
    })
    this.beat = setInterval(() => this.heartbeat(), 15_000)
    this.beat.unref()
  }

  /** This instance's readers of a channel, set whenever they change. */
  setLocal(channel: string, count: number): void {
    if (count > 0) this.local.set(channel, count)
    else this.local.delete(channel)
    this.changed(channel, true)
  }

  total(channel: string): number {
    let n = this.local.get(channel) ?? 0
    for (const r of this.remote.get(channel)?.values() ?? []) n += r.count
    return n
  }

  close(): void {
    this.stop()
    clearInterval(this.beat)
    if (this.flushTimer) clearTimeout(this.flushTimer)
  }

  private changed(channel: string, tellOthers: boolean): void {
    if (tellOthers) this.pending.add(channel)
    else this.show(channel)
    this.flushTimer ??= setTimeout(() => this.flush(), 500)
  }

  private flush(): void {
    this.flushTimer = null
    const counts: [string, number][] = [...this.pending].map((c) => [c, this.local.get(c) ?? 0])
    this.pending.clear()
    for (const [channel] of counts) this.show(channel)
    this.publish(counts)
  }

  /** In messages of 100 counts: a PostgreSQL bus refuses payloads of 8,000 bytes. */
  private publish(counts: [string, number][]): void {
    for (let i = 0; i < counts.length; i += 100) {
      const message = JSON.stringify({ from: this.instanceId, counts: counts.slice(i, i + 100) })
      void this.bus.publish('presence', message).catch(() => {})
    }
  }

  private show(channel: string): void {
    const total = this.total(channel)
    if (this.shown.get(channel) === total) return
    if (total > 0) this.shown.set(channel, total)
    else this.shown.delete(channel)
    this.onTotal(channel, total)
  }

  private heartbeat(): void {
    const now = Date.now()
    for (const [channel, byInstance] of this.remote) {
      for (const [from, r] of byInstance) if (now - r.at > 40_000) byInstance.delete(from)
      if (byInstance.size === 0) this.remote.delete(channel)
      this.show(channel)
    }
    this.publish([...this.local])
  }
}
