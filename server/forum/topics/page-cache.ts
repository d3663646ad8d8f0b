/**
 * Topic pages as read from the database, shared by every reader: what differs between readers
 * (permissions on each post, their own reactions) is added per request. Visitors' pages are also
 * kept serialized, so that a visitor's read of a hot thread costs no query and no serialization.
 * Invalidated exactly: every write to a thread records a live event on `topic:<id>`, which
 * drops that topic's pages; category changes drop everything (readability may have changed); a
 * member's profile or role change drops the pages that show them. Bounded (least recently used goes).
 */
export interface CachedPage<T> {
  topicId: number
  data: T
  /** The visitor's answer, serialized on first use. */
  json?: string
  authorIds: number[]
}

export class TopicPageCache<T = unknown> {
  private readonly entries = new Map<string, CachedPage<T>>()
  private readonly keysByTopic = new Map<number, Set<string>>()
  /** When each topic was last invalidated, so a page read before that moment is not stored after it. */
  private readonly invalidatedAt = new Map<number, number>()
  private clock = 0
  /** Invalidations older than every one still in `invalidatedAt`: what a forgotten topic counts from. */
  private floor = 0

  constructor(private readonly maxEntries = 5_000) {}

  /** A token to hand back to `set`: a page read after taking it is current unless invalidated since. */
  stamp(): number {
    return this.clock
  }

  get(key: string): CachedPage<T> | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  set(key: string, topicId: number, data: T, authorIds: number[], stamp: number): CachedPage<T> | undefined {
    if ((this.invalidatedAt.get(topicId) ?? this.floor) > stamp) return undefined
    this.delete(key)
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.delete(oldest)
    }
    const entry: CachedPage<T> = { topicId, data, authorIds }
    this.entries.set(key, entry)
    const keys = this.keysByTopic.get(topicId) ?? new Set<string>()
    keys.add(key)
    this.keysByTopic.set(topicId, keys)
    return entry
  }

  invalidateTopic(topicId: number): void {
    this.invalidatedAt.delete(topicId)
    this.invalidatedAt.set(topicId, ++this.clock)
    if (this.invalidatedAt.size > this.maxEntries * 2) {
      const [oldestTopic, at] = this.invalidatedAt.entries().next().value!
      this.invalidatedAt.delete(oldestTopic)
      this.floor = Math.max(this.floor, at)
    }
    for (const key of this.keysByTopic.get(topicId) ?? []) this.entries.delete(key)
    this.keysByTopic.delete(topicId)
  }

  invalidateAuthor(userId: number): void {
    for (const entry of [...this.entries.values()])
      if (entry.authorIds.includes(userId)) this.invalidateTopic(entry.topicId)
  }

  clear(): void {
    this.floor = ++this.clock
    this.invalidatedAt.clear()
    this.entries.clear()
    this.keysByTopic.clear()
  }

  get size(): number {
    return this.entries.size
  }

  private delete(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    const keys = this.keysByTopic.get(entry.topicId)
    keys?.delete(key)
    if (keys?.size === 0) this.keysByTopic.delete(entry.topicId)
  }
}
