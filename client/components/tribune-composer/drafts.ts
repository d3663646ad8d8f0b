// Drafts kept in localStorage, one per place a member writes (a topic's reply, a new topic in a
// category), so a reload or a crash loses nothing. The storage is passed in for the tests.

export interface DraftStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const PREFIX = 'tribune:draft:'
/** Drafts older than this are forgotten on read: nobody wants a month-old half sentence back. */
const MAX_AGE_MS = 30 * 86_400_000

export interface Draft {
  body: string
  title?: string
  savedAt: number
}

export class Drafts {
  constructor(
    private readonly store: DraftStore | null,
    private readonly now: () => number = Date.now,
  ) {}

  private key(scope: string): string {
    return PREFIX + scope
  }

  load(scope: string): Draft | null {
    try {
      const raw = this.store?.getItem(this.key(scope))
      if (!raw) return null
      const draft = JSON.parse(raw) as Draft
      if (typeof draft?.body !== 'string' || typeof draft.savedAt !== 'number') return null
      if (this.now() - draft.savedAt > MAX_AGE_MS) {
        this.clear(scope)
        return null
      }
      return draft
    } catch {
      return null
    }
  }

  /** Saves, or forgets when there is nothing left to keep. */
  save(scope: string, body: string, title?: string): void {
    if (!body.trim() && !title?.trim()) {
      this.clear(scope)
      return
    }
    try {
      const draft: Draft = { body, savedAt: this.now(), ...(title ? { title } : {}) }
      this.store?.setItem(this.key(scope), JSON.stringify(draft))
    } catch {
      // Storage full or disabled (private mode): the draft only lives in the page then.
    }
  }

  clear(scope: string): void {
    try {
      this.store?.removeItem(this.key(scope))
    } catch {
      // As above.
    }
  }
}

/** The browser's localStorage, or none where reading it throws (blocked third-party storage). */
export function browserStore(): DraftStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
