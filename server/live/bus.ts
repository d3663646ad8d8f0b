/**
 * The bus only wakes instances up: Postgres holds the truth, a message says "look again".
 * One process needs nothing more than this in-memory bus; the Postgres LISTEN/NOTIFY and
 * Redis pub/sub buses implement the same interface for several instances.
 */
export interface Bus {
  publish(topic: string, message: string): Promise<void>
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (message: string) => void): () => void
  /**
   * Called when the bus's connection came back after a loss: messages sent meanwhile were lost,
   * so whoever caches what they invalidate starts afresh (and the live hub catches up from the
   * database). Returns the function that stops listening.
   */
  onReconnect(listener: () => void): () => void
  close(): Promise<void>
}

/** Subscriptions by topic and reconnection listeners: what every bus keeps. */
export class Handlers {
  private readonly byTopic = new Map<string, Set<(message: string) => void>>()
  private readonly reconnectListeners = new Set<() => void>()

  add(topic: string, handler: (message: string) => void): () => void {
    let set = this.byTopic.get(topic)
    if (!set) {
      set = new Set()
      this.byTopic.set(topic, set)
    }
    set.add(handler)
    return () => set.delete(handler)
  }

  dispatch(topic: string, message: string): void {
    for (const handler of this.byTopic.get(topic) ?? []) {
      try {
        handler(message)
      } catch {
        // One subscriber's failure must not starve the others.
      }
    }
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  reconnected(): void {
    for (const listener of this.reconnectListeners) {
      try {
        listener()
      } catch {
        // As above.
      }
    }
  }

  clear(): void {
    this.byTopic.clear()
    this.reconnectListeners.clear()
  }
}

export class MemoryBus implements Bus {
  private readonly handlers = new Handlers()

  async publish(topic: string, message: string): Promise<void> {
    // Delivered on a later tick, as a networked bus would: publishers never run handlers inline.
    queueMicrotask(() => this.handlers.dispatch(topic, message))
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    return this.handlers.add(topic, handler)
  }

  onReconnect(listener: () => void): () => void {
    // Never disconnected.
    return this.handlers.onReconnect(listener)
  }

  async close(): Promise<void> {
    this.handlers.clear()
  }
}
