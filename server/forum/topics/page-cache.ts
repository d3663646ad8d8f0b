import { LRUCache } from 'lru-cache'

/**
 * Topic pages as read from the database, shared by every reader: what differs between readers
 * (permissions on each post, their own reactions) is added per request, and what serializes the
 * same for many readers is kept serialized with the page.
 * Invalidated exactly: every write to a thread records a live event on `topic:<id>`, which
 * drops that topic's pages; category changes drop everything (readability may have changed); a
 * member's profile or role change drops the pages that show them. Bounded in bytes, least
 * recently used first out.
 */
export interface CachedPage<T> {
  topicId: number
  data: T
  authorIds: number[]
  /** What the page holds, roughly, in bytes: its texts, a fixed cost per post, what was serialized from it. */
  bytes: number
}

export class TopicPageCache<T = unknown> {
  private readonly entries: LRUCache<string, CachedPage<T>>
  private readonly keysByTopic = new Map<number, Set<string>>()
  /** When each topic was last invalidated, so a page read before that moment is not stored after it. */
  private readonly invalidatedAt = new Map<number, number>()
  private clock = 0
  /** Invalidations older than every one still in `invalidatedAt`: what a forgotten topic counts from. */
  private floor = 0

  constructor(maxBytes = 128 * 1024 * 1024) {
    this.entries = new LRUCache<string, CachedPage<T>>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      // Evicted, replaced or deleted: the topic's key list follows.
      dispose: (entry, key) => {
        const keys = this.keysByTopic.get(entry.topicId)
        keys?.delete(key)
        if (keys?.size === 0) this.keysByTopic.delete(entry.topicId)
      },
    })
  }

  /** A token to hand back to `set`: a page read after taking it is current unless invalidated since. */
  stamp(): number {
    return this.clock
  }

  get(key: string): CachedPage<T> | undefined {
    return this.entries.get(key)
  }

  set(
    key: string,
    topicId: number,
    data: T,
    meta: { authorIds: number[]; bytes: number },
    stamp: number,
  ): CachedPage<T> | undefined {
    if ((this.invalidatedAt.get(topicId) ?? this.floor) > stamp) return undefined
    const entry: CachedPage<T> = { topicId, data, ...meta }
    this.entries.set(key, entry)
    if (!this.entries.has(key)) return undefined // larger than the whole cache
    const keys = this.keysByTopic.get(topicId) ?? new Set<string>()
    keys.add(key)
    this.keysByTopic.set(topicId, keys)
    return entry
  }

  /** Counts what was added to a cached page (its serialized forms) in the cache's size. */
  grow(key: string, entry: CachedPage<T>, bytes: number): void {
    entry.bytes += bytes
    if (this.entries.peek(key) === entry) this.entries.set(key, entry)
  }

  invalidateTopic(topicId: number): void {
    this.invalidatedAt.delete(topicId)
    this.invalidatedAt.set(topicId, ++this.clock)
    if (this.invalidatedAt.size > 10_000) {
      const [oldestTopic, at] = this.invalidatedAt.entries().next().value!
      this.invalidatedAt.delete(oldestTopic)
      this.floor = Math.max(this.floor, at)
    }
    for (const key of [...(this.keysByTopic.get(topicId) ?? [])]) this.entries.delete(key)
  }

  invalidateAuthor(userId: number): void {
    const topics = new Set<number>()
    for (const entry of this.entries.values()) if (entry.authorIds.includes(userId)) topics.add(entry.topicId)
    for (const topicId of topics) this.invalidateTopic(topicId)
  }

  clear(): void {
    this.floor = ++this.clock
    this.invalidatedAt.clear()
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}
