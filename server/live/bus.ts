/**
 * The bus only wakes instances up: Postgres holds the truth, a message says "look again".
 * One process needs nothing more than this in-memory bus; the Postgres LISTEN/NOTIFY and
 * Redis pub/sub buses implement the same interface for several instances.
 */
export interface Bus {
  publish(topic: string, message: string): Promise<void>
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (message: string) => void): () => void
  close(): Promise<void>
}

export class MemoryBus implements Bus {
  private readonly handlers = new Map<string, Set<(message: string) => void>>()

  async publish(topic: string, message: string): Promise<void> {
    const set = this.handlers.get(topic)
    if (!set) return
    // Delivered on a later tick, as a networked bus would: publishers never run handlers inline.
    queueMicrotask(() => {
      for (const handler of set) handler(message)
    })
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    let set = this.handlers.get(topic)
    if (!set) {
      set = new Set()
      this.handlers.set(topic, set)
    }
    set.add(handler)
    return () => set.delete(handler)
  }

  async close(): Promise<void> {
    this.handlers.clear()
  }
}
