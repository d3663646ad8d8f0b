import type { Bus } from '../live/bus.js'
import type { Viewer } from './viewer.js'

type Entry = { viewer: Omit<Viewer, 'via'> & { lastUsedAt: Date }; tokenHash: string; at: number }

/**
 * Remembers recently seen sessions for a few seconds so that a member's reads cost no extra
 * round trip. Anything that changes what a session may do (logout, role, groups, sanctions)
 * calls `invalidateUser` / `invalidateSession`, which reaches every instance through the bus.
 */
export class ViewerCache {
  private readonly entries = new Map<string, Entry>()
  private readonly stops: (() => void)[]

  constructor(
    private readonly bus: Bus,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 50_000,
  ) {
    this.stops = [
      bus.subscribe('auth', (message) => {
        const m = JSON.parse(message) as { userId?: number; tokenHash?: string }
        if (m.tokenHash) this.entries.delete(m.tokenHash)
        if (m.userId !== undefined) {
          for (const [key, entry] of this.entries) if (entry.viewer.id === m.userId) this.entries.delete(key)
        }
      }),
      // A sign-out or a sanction may have been missed while the bus was away.
      bus.onReconnect(() => this.entries.clear()),
    ]
  }

  get(tokenHash: string): Entry['viewer'] | undefined {
    const entry = this.entries.get(tokenHash)
    if (!entry) return undefined
    if (Date.now() - entry.at > this.ttlMs) {
      this.entries.delete(tokenHash)
      return undefined
    }
    return entry.viewer
  }

  set(tokenHash: string, viewer: Entry['viewer']): void {
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest: Map iterates in insertion order.
      const first = this.entries.keys().next().value
      if (first !== undefined) this.entries.delete(first)
    }
    this.entries.set(tokenHash, { viewer, tokenHash, at: Date.now() })
  }

  async invalidateSession(tokenHash: string): Promise<void> {
    this.entries.delete(tokenHash)
    await this.bus.publish('auth', JSON.stringify({ tokenHash }))
  }

  async invalidateUser(userId: number): Promise<void> {
    for (const [key, entry] of this.entries) if (entry.viewer.id === userId) this.entries.delete(key)
    await this.bus.publish('auth', JSON.stringify({ userId }))
  }

  close(): void {
    for (const stop of this.stops) stop()
    this.entries.clear()
  }
}
