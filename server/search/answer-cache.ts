import { LRUCache } from 'lru-cache'

/**
 * Answers to recent searches, kept until the next write that could change any of them: a post
 * or topic written, edited, hidden, deleted or moved, a category's readers or a member's name
 * changed. Exact, never stale: popular searches between two writes (a help widget's suggested
 * words, "similar topics" looked up while a member types a title) cost no query.
 */
export class SearchAnswerCache<T extends object> {
  private readonly answers: LRUCache<string, T>
  private generation = 0

  constructor(maxBytes = 16 * 1024 * 1024) {
    this.answers = new LRUCache<string, T>({
      maxSize: maxBytes,
      // Searches are few enough per write that measuring an answer once is cheap.
      sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer).length),
    })
  }

  /** A token to hand back to `set`: an answer computed after taking it is current unless a write came since. */
  stamp(): number {
    return this.generation
  }

  get(key: string): T | undefined {
    return this.answers.get(key)
  }

  set(key: string, answer: T, stamp: number): void {
    if (stamp === this.generation) this.answers.set(key, answer)
  }

  invalidate(): void {
    this.generation++
    this.answers.clear()
  }
}
