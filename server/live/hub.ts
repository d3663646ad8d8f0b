import type { Bus } from './bus.js'
import type { LiveEvent } from './events.js'

type Listener = (event: LiveEvent) => void

/**
 * Fans committed live events out to whoever listens in this process (caches, and later the
 * WebSocket channels), and to the other instances through the bus. Each domain registers its
 * own listeners: there is no central switch over event types.
 */
export class LiveHub {
  private readonly listeners = new Set<Listener>()
  private readonly unsubscribe: () => void

  constructor(private readonly bus: Bus) {
    this.unsubscribe = bus.subscribe('live', (message) => {
      for (const event of JSON.parse(message) as LiveEvent[]) this.deliver(event)
    })
  }

  /** Call after the transaction that recorded these events has committed. */
  async publish(events: LiveEvent | LiveEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events]
    if (list.length === 0) return
    await this.bus.publish('live', JSON.stringify(list))
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private deliver(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        // One listener's failure must not starve the others.
      }
    }
  }

  close(): void {
    this.unsubscribe()
    this.listeners.clear()
  }
}
