import { html, type ReactiveController, type ReactiveControllerHost } from 'lit'
import type { LiveClient, LiveEvent } from '../../live/live-client.js'
import type { TribuneApi } from '../../shared/api.js'
import type { Lang } from '../../shared/i18n.js'
import type { AppMessages } from '../messages.js'

/** A notification as GET /api/notifications gives it (server/notifications/schema.ts). */
export interface Notice {
  id: number
  kind: string
  topicId: number | null
  postId: number | null
  by: { id?: number; handle: string; displayName: string } | null
  topicTitle: string | null
  read: boolean
  data?: Record<string, unknown>
}

interface Page {
  items: Notice[]
  nextCursor: string | null
  unread: number
  seenId: number
  lastEventId: number
}

const pageSize = 20
const num = (v: unknown) => (typeof v === 'number' ? v : null)

/** A live event on `user:me` as a notice, until the API's next page fills in the topic title. */
function fromEvent(event: LiveEvent): Notice {
  const d = (event.data ?? {}) as Record<string, unknown>
  const known = event.type === 'reply' || event.type === 'mention'
  return {
    id: event.id ?? 0,
    kind: event.type,
    topicId: num(d.topicId),
    postId: num(d.postId),
    by: (d.by as Notice['by']) ?? null,
    topicTitle: null,
    read: false,
    ...(known ? {} : { data: d }),
  }
}

/**
 * The member's notifications for the site header: the history from the API, then live arrivals
 * on `user:me` from exactly where that history stopped (deduplicated by id), the unread count
 * as the server counts it, and the read marker moved on the server when the menu opens.
 */
export class NotificationFeed implements ReactiveController {
  notices: Notice[] = []
  unread = 0
  nextCursor: string | null = null
  failed = false
  private seenId = 0
  /** The marker as it stood when the menu last opened: what was new then stays bold while it is open. */
  private boldAbove = 0
  /** Bumped by stop(): answers for an earlier session are dropped. */
  private session = 0
  private stopLive: (() => void) | undefined
  private refreshTimer: ReturnType<typeof setTimeout> | undefined
  private api: TribuneApi | undefined

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostDisconnected(): void {
    this.stop()
  }

  /** Signed in: the first page, then live arrivals since its newest event. */
  async start(api: TribuneApi, live: LiveClient): Promise<void> {
    this.stop()
    const session = this.session
    this.api = api
    const page = await this.fetchPage()
    if (session !== this.session) return
    if (page) this.apply(page, true)
    this.stopLive = live.subscribe('user:me', (e) => this.arrived(e), {
      ...(page ? { since: page.lastEventId } : {}),
      // Too much was missed to replay: the API's first page is the truth again.
      onReset: () => this.scheduleRefresh(),
    })
  }

  stop(): void {
    this.session++
    this.stopLive?.()
    this.stopLive = undefined
    clearTimeout(this.refreshTimer)
    this.notices = []
    this.unread = 0
    this.seenId = 0
    this.boldAbove = 0
    this.nextCursor = null
    this.failed = false
    this.host.requestUpdate()
  }

  /** The menu opened: the badge goes now (here and on the server); the bold goes next time. */
  async opened(): Promise<void> {
    this.notices = this.notices.map((n) => (n.read || n.id > this.seenId ? n : { ...n, read: true }))
    const newest = this.notices[0]?.id ?? 0
    const hadUnread = this.unread > 0 || newest > this.seenId
    this.boldAbove = this.seenId
    this.unread = 0
    this.seenId = Math.max(this.seenId, newest)
    this.host.requestUpdate()
    if (hadUnread && this.api)
      await this.api.post('/api/notifications/read', { upTo: this.seenId }).catch(() => {})
  }

  /** The next page at the bottom; resolves to the first new notice's id, for focus. */
  async loadMore(): Promise<number | undefined> {
    const cursor = this.nextCursor
    if (!cursor) return undefined
    const session = this.session
    const page = await this.fetchPage(cursor)
    if (!page || session !== this.session) return undefined
    const fresh = page.items
      .filter((n) => !this.notices.some((m) => m.id === n.id))
      .map((n) => ({ ...n, read: n.id <= this.boldAbove }))
    this.notices = [...this.notices, ...fresh]
    this.nextCursor = page.nextCursor
    this.host.requestUpdate()
    return fresh[0]?.id
  }

  private async fetchPage(cursor?: string): Promise<Page | null> {
    try {
      const query = `?limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = await this.api!.get<Page>(`/api/notifications${query}`)
      this.failed = false
      return page
    } catch {
      this.failed = true
      this.host.requestUpdate()
      return null
    }
  }

  /** The first page merged in: what it holds replaces what we had, older loaded pages stay. */
  private apply(page: Page, first: boolean): void {
    const ids = new Set(page.items.map((n) => n.id))
    const oldest = page.items.at(-1)?.id ?? 0
    const older = this.notices.filter((n) => !ids.has(n.id) && n.id < oldest)
    const newer = this.notices.filter((n) => !ids.has(n.id) && n.id > (page.items[0]?.id ?? 0))
    this.notices = [...newer, ...page.items, ...older]
    if (first || older.length === 0) this.nextCursor = page.nextCursor
    // Opened meanwhile: our marker is ahead of the page's count.
    if (this.seenId > page.seenId) this.unread = this.notices.filter((n) => n.id > this.seenId).length
    else {
      this.seenId = page.seenId
      if (first) this.boldAbove = page.seenId
      this.unread = page.unread + newer.filter((n) => n.id > page.seenId).length
    }
    this.host.requestUpdate()
  }

  private arrived(event: LiveEvent): void {
    if (event.id === undefined || this.notices.some((n) => n.id === event.id)) return
    this.notices = [fromEvent(event), ...this.notices].sort((x, y) => y.id - x.id)
    if (event.id > this.seenId) this.unread++
    this.host.requestUpdate()
    // The API adds what the event lacks (the topic's title) and drops what the member may not see.
    this.scheduleRefresh()
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer)
    const session = this.session
    this.refreshTimer = setTimeout(async () => {
      const page = await this.fetchPage()
      if (page && session === this.session) this.apply(page, false)
    }, 300)
  }
}

/** What a notice says, in the reader's language; an unknown kind says there is something new. */
export function noticeText(n: Notice, t: AppMessages, lang: Lang): string {
  const who = n.by?.displayName ?? ''
  const d = n.data ?? {}
  const title = String(d.title ?? '')
  switch (n.kind) {
    case 'reply':
      return n.topicTitle ? t.repliedToYouIn(who, n.topicTitle) : t.repliedToYou(who)
    case 'mention':
      return n.topicTitle ? t.mentionedYouIn(who, n.topicTitle) : t.mentionedYou(who)
    case 'moderation.notice': {
      const action = t.moderationActions[String(d.action)] ?? t.moderationOther
      const rule = String(d.ruleTitle ?? d.ruleId ?? '')
      return t.moderationNotice(action, rule) + (d.reason ? ` — ${String(d.reason)}` : '')
    }
    case 'event.reminder':
      return t.eventReminder(title, String(d.reminder ?? '').startsWith('1'))
    case 'event.promoted':
      return t.eventPromoted
    case 'event.changed':
      return t.eventChanged(title)
    case 'event.cancelled':
      return t.eventCancelled(title) + (d.reason ? ` — ${String(d.reason)}` : '')
    case 'contest.won':
      return t.contestWon(title)
    case 'challenge.completed':
      return t.challengeCompleted(title, Number(d.points ?? 0))
    case 'challenge.submission_reviewed':
      return t.submissionReviewed(title, d.status === 'approved') + (d.reason ? ` — ${String(d.reason)}` : '')
    case 'badge.awarded':
      return t.badgeAwarded(String((lang === 'fr' ? d.nameFr : d.nameEn) ?? d.slug ?? ''))
    default:
      return t.otherNotice
  }
}

/** Where a notice leads: the post or topic, else the event, contest or challenge it is about. */
export function noticeHref(n: Notice): string | null {
  const d = n.data ?? {}
  if (n.topicId !== null) return `/t/-/${n.topicId}${n.postId ? `#post-${n.postId}` : ''}`
  if (typeof d.eventId === 'number') return `/events/${d.eventId}`
  if (typeof d.contestId === 'number') return `/contests/${d.contestId}`
  if (typeof d.challengeId === 'number') return `/challenges/${d.challengeId}`
  return null
}

/** One notice as a menu item: a link to what it is about when there is one. */
export function renderNotice(n: Notice, t: AppMessages, lang: Lang) {
  const text = noticeText(n, t, lang)
  const cls = `menu-item ${n.read ? '' : 'unread'}`
  const href = noticeHref(n)
  if (href === null)
    return html`<span role="menuitem" tabindex="-1" class=${cls} data-notice=${n.id}>${text}</span>`
  return html`<a role="menuitem" tabindex="-1" class=${cls} data-notice=${n.id} href=${href}>${text}</a>`
}
