import { consume } from '@lit/context'
import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { LiveClient, type LiveEvent, type LiveStatus } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { liveContext } from '../../shared/context.js'
import { formatNumber, plural } from '../../shared/i18n.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import '../tribune-post/define.js'
import type { ReactDetail } from '../tribune-post/tribune-post.js'
import '../tribune-reply-box/define.js'
import type { TribuneReplyBox } from '../tribune-reply-box/tribune-reply-box.js'
import { messages } from './messages.js'
import {
  addOwnPost,
  appendPage,
  applyEvent,
  applyReactionResult,
  endSubscription,
  expireTyping,
  fromPage,
  liveNotice,
  type Post,
  prependPage,
  type ReactionKind,
  type ThreadState,
  type TopicPage,
} from './thread-state.js'
import { styles } from './tribune-thread.styles.js'

type Failure = 'not_allowed' | 'not_found' | 'unreachable' | 'failed'

/**
 * A live thread: the posts of a topic, newer ones loaded as the reader reaches the end, and
 * replies, edits, reactions, retractions, typing and readers as they happen. Used by the
 * community site's topic page and by the embed.
 *
 * @csspart post - Each post (forwarded from tribune-post).
 * @csspart author - Each post's author.
 * @csspart body - Each post's text.
 * @csspart reactions - Each post's reactions bar.
 * @csspart reply-box - The reply form.
 * @csspart button - Buttons (load more, sign in, reactions, reply).
 * @csspart status - The connection and readers line.
 * @cssproperty --tribune-color-text - Text colour.
 * @cssproperty --tribune-color-surface - The thread's background.
 * @cssproperty --tribune-color-link - Links and secondary buttons.
 * @cssproperty --tribune-font-body - The thread's font.
 * @event tribune-sign-in-request - A visitor asked to sign in to reply; cancel it to handle it yourself.
 * @event tribune-posted - The reader published a reply: `{ post }`.
 */
export class TribuneThread extends TribuneElement {
  static override styles = styles

  @property({ type: Number }) topic = 0
  /** The first page as GET /api/topics/:id gave it, from a server-rendered page: no second fetch. */
  @property({ attribute: false }) initial: TopicPage | null = null
  /** Shows the topic's title above the posts (the embed has no page heading of its own). */
  @property({ type: Boolean, attribute: 'show-title' }) showTitle = false

  @consume({ context: liveContext, subscribe: true })
  @state()
  protected live: LiveClient | undefined

  @state() protected thread: ThreadState | null = null
  @state() private failure: Failure | null = null
  @state() private loadingMore = false
  @state() private liveStatus: LiveStatus | null = null
  @state() private statusNote = ''
  @state() private now = Date.now()

  /** The topic (and session) loaded; a change starts over. */
  private loadedKey: string | null = null
  private loadSeq = 0
  private ownLive: LiveClient | undefined
  private subscription: { client: LiveClient; topic: number; stop: () => void } | undefined
  private ticker: ReturnType<typeof setInterval> | undefined
  private observer: IntersectionObserver | undefined
  private observed: Element | null = null
  private wasOpen = false
  private noteAt = 0
  /** The first post in view and where it was, taken before a render that may move it. */
  private anchor: { id: number; top: number } | null = null
  private placeFrame: number | undefined

  override connectedCallback(): void {
    super.connectedCallback()
    this.ticker = setInterval(() => this.tick(), 1000)
    this.requestUpdate()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.ticker)
    if (this.placeFrame !== undefined) cancelAnimationFrame(this.placeFrame)
    this.placeFrame = undefined
    this.anchor = null
    this.observer?.disconnect()
    this.observer = undefined
    this.observed = null
    this.stopLive()
    this.ownLive?.close()
    this.ownLive = undefined
  }

  /** Loads the thread again from the start: the session changed, or too much was missed. */
  reload(): void {
    this.loadedKey = null
    this.requestUpdate()
  }

  /** False while the element cannot load yet (the embed signs the reader in first). */
  protected canLoad(): boolean {
    return Boolean(this.api)
  }

  /** Where a visitor goes to reply, in the embed; null on the community site (the host handles it). */
  protected signInUrl(): string | null {
    return null
  }

  protected override willUpdate(_changed: PropertyValues): void {
    // The earliest position counts: several updates may come before the place is kept.
    this.anchor ??= this.firstPostInView()
  }

  protected override updated(changed: PropertyValues): void {
    const key = `${this.topic}:${this.viewer?.id ?? 0}`
    if (this.topic > 0 && this.canLoad() && key !== this.loadedKey) {
      this.loadedKey = key
      void this.start()
    } else if (
      this.thread &&
      !this.thread.ended &&
      this.isConnected &&
      (changed.has('live') || !this.subscription)
    ) {
      this.connectLive()
    }
    this.keepPlace()
    this.observeSentinel()
  }

  private async start(): Promise<void> {
    this.stopLive()
    this.failure = null
    const seq = ++this.loadSeq
    const initial = this.initial?.topic.id === this.topic ? this.initial : null
    // Handed over once: a later reload (another reader signed in) must fetch their own view.
    this.initial = null
    try {
      const page = initial ?? (await this.api.get<TopicPage>(`/api/topics/${this.topic}`))
      if (seq !== this.loadSeq) return
      this.thread = fromPage(page)
      this.connectLive()
    } catch (error) {
      if (seq === this.loadSeq) await this.fail(error)
    }
  }

  /** Shows why the thread cannot be shown (used by elements that load something first). */
  protected async fail(error: unknown): Promise<void> {
    this.stopLive()
    this.thread = null
    this.failure = await this.classify(error)
  }

  /**
   * Why a load failed. A browser hides a cross-origin answer the server did not share (CORS),
   * which looks like a network error; if the community still serves its embed script to this
   * page, it is up, and it is the API that refused this origin.
   */
  private async classify(error: unknown): Promise<Failure> {
    if (error instanceof ApiError) {
      if (error.code === 'origin_not_allowed') return 'not_allowed'
      return error.status === 404 ? 'not_found' : 'failed'
    }
    if (error instanceof TypeError && this.api.base) {
      try {
        const probe = await fetch(`${this.api.base}/embed.js`, { method: 'HEAD', credentials: 'omit' })
        return probe.ok ? 'not_allowed' : 'unreachable'
      } catch {
        return 'unreachable'
      }
    }
    return 'failed'
  }

  private async loadNewer(): Promise<void> {
    const thread = this.thread
    if (!thread || thread.nextCursor === null || this.loadingMore) return
    this.loadingMore = true
    const seq = this.loadSeq
    try {
      const page = await this.api.get<TopicPage>(`/api/topics/${this.topic}?after=${thread.nextCursor}`)
      if (seq === this.loadSeq && this.thread) this.thread = appendPage(this.thread, page)
      // Observed again after this render: still in view (a short page), the next page follows.
      this.observed = null
    } catch (error) {
      this.statusNote = error instanceof ApiError ? error.message : this.strings(messages).unreachable
    } finally {
      this.loadingMore = false
    }
  }

  private async loadOlder(): Promise<void> {
    const thread = this.thread
    if (!thread || thread.prevCursor === null || this.loadingMore) return
    this.loadingMore = true
    const seq = this.loadSeq
    try {
      const page = await this.api.get<TopicPage>(`/api/topics/${this.topic}?before=${thread.prevCursor}`)
      if (seq === this.loadSeq && this.thread) this.thread = prependPage(this.thread, page)
    } catch (error) {
      this.statusNote = error instanceof ApiError ? error.message : this.strings(messages).unreachable
    } finally {
      this.loadingMore = false
    }
  }

  // ---- live ----------------------------------------------------------------------------------

  /** The live client to follow the topic with: the page's, else one of the thread's own. */
  protected liveClient(): LiveClient {
    if (this.live) {
      // The page provides one now: ours is no longer needed.
      this.ownLive?.close()
      this.ownLive = undefined
      return this.live
    }
    this.ownLive ??= new LiveClient({
      url: this.api.liveUrl,
      ...(this.api.auth === 'bearer' && this.api.token ? { token: this.api.token } : {}),
    })
    return this.ownLive
  }

  private connectLive(): void {
    if (!this.thread || !this.isConnected) return
    const client = this.liveClient()
    if (this.subscription?.client === client && this.subscription.topic === this.topic) return
    this.stopLive()
    const topic = this.topic
    const stop = client.subscribe(`topic:${topic}`, (event) => this.onEvent(event), {
      since: this.thread.lastEventId,
      onReset: () => this.reload(),
      onUnsubscribed: (reason) => {
        this.subscription = undefined
        if (this.thread) this.thread = endSubscription(this.thread, reason)
      },
    })
    this.subscription = { client, topic, stop }
    this.liveStatus = client.status
    this.wasOpen = client.status === 'open'
  }

  private stopLive(): void {
    this.subscription?.stop()
    this.subscription = undefined
  }

  private onEvent(event: LiveEvent): void {
    if (this.thread && !this.thread.ended) this.thread = applyEvent(this.thread, event, this.viewer)
  }

  /** Once a second: typing notices expire, the connection's state shows, relative dates move on. */
  private tick(): void {
    const now = Date.now()
    if (this.thread) this.thread = expireTyping(this.thread, now)
    if (now - this.now > 30_000) this.now = now
    const status = this.subscription?.client.status ?? null
    // "Live again" has said what it had to: it goes after a few seconds.
    if (this.statusNote && this.statusNote === this.strings(messages).liveBack && now - this.noteAt > 5000)
      this.statusNote = ''
    if (status === this.liveStatus) return
    this.noteAt = now
    const t = this.strings(messages)
    const notice = liveNotice(status, this.wasOpen)
    this.statusNote =
      notice === 'reconnecting'
        ? t.reconnecting
        : notice === 'stopped'
          ? t.liveStopped
          : notice === 'back'
            ? t.liveBack
            : ''
    if (status === 'open') this.wasOpen = true
    this.liveStatus = status
  }

  // ---- reading position ----------------------------------------------------------------------

  private postElements(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-id]')]
  }

  private firstPostInView(): { id: number; top: number } | null {
    if (!this.hasUpdated || typeof window === 'undefined') return null
    for (const el of this.postElements()) {
      const rect = el.getBoundingClientRect()
      if (rect.bottom > 0)
        return rect.top < window.innerHeight ? { id: Number(el.dataset.id), top: rect.top } : null
    }
    return null
  }

  /**
   * Posts loaded above, or one above growing or shrinking (an edit, a retraction), would push
   * what the reader is looking at: scroll by as much, so it stays where it was.
   */
  private keepPlace(): void {
    if (!this.anchor || this.placeFrame !== undefined) return
    // Measured in the next frame, before it is painted: the posts render after the thread does.
    this.placeFrame = requestAnimationFrame(() => {
      this.placeFrame = undefined
      const anchor = this.anchor
      this.anchor = null
      if (!anchor) return
      const el = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${anchor.id}"]`)
      if (!el) return
      const delta = el.getBoundingClientRect().top - anchor.top
      if (Math.abs(delta) >= 1) window.scrollBy(0, delta)
    })
  }

  /** Loads newer posts as the reader nears the end; observed anew only when the gap moves. */
  private observeSentinel(): void {
    const sentinel = this.renderRoot.querySelector('.sentinel')
    if (sentinel === this.observed) return
    this.observed = sentinel
    this.observer?.disconnect()
    if (!sentinel || typeof IntersectionObserver === 'undefined') return
    this.observer ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.loadNewer()
      },
      { rootMargin: '400px 0px' },
    )
    this.observer.observe(sentinel)
  }

  // ---- actions -------------------------------------------------------------------------------

  private async onReact(e: CustomEvent<ReactDetail>): Promise<void> {
    const { postId, kind, on } = e.detail
    const path = `/api/posts/${postId}/reactions/${kind}`
    try {
      const result = on
        ? await this.api.put<{ reactions: Record<ReactionKind, number>; myReactions: ReactionKind[] }>(path)
        : await this.api.delete<{ reactions: Record<ReactionKind, number>; myReactions: ReactionKind[] }>(
            path,
          )
      if (this.thread) this.thread = applyReactionResult(this.thread, postId, result)
    } catch (error) {
      const t = this.strings(messages)
      this.statusNote = t.reactFailed(error instanceof ApiError ? error.message : t.unreachable)
    }
  }

  private onQuote(e: CustomEvent<{ post: Post }>): void {
    this.renderRoot.querySelector<TribuneReplyBox>('tribune-reply-box')?.quote(e.detail.post)
  }

  private onPosted(e: CustomEvent<{ post: Post }>): void {
    // The event goes on to the host; the thread shows the reply without waiting for the live echo.
    if (this.thread) this.thread = addOwnPost(this.thread, e.detail.post)
  }

  private onSignIn(e: Event): void {
    const handled = !this.emit('sign-in-request', { topic: this.topic }, { cancelable: true })
    if (handled) e.preventDefault()
  }

  // ---- rendering -----------------------------------------------------------------------------

  override render() {
    const t = this.strings(messages)
    if (this.failure) return this.renderFailure(this.failure)
    const thread = this.thread
    if (!thread) return html`<p class="notice" role="status">${t.loading}</p>`
    const cursor = thread.nextCursor
    // Posts past the loaded run (a live one, the reader's own) wait below the "load more" gap.
    const head = cursor === null ? thread.posts : thread.posts.filter((p) => p.id <= cursor)
    const tail = cursor === null ? [] : thread.posts.filter((p) => p.id > cursor)
    return html`
      <section aria-label=${t.thread(thread.topic.title)}>
        ${this.showTitle ? html`<h2>${thread.topic.title}</h2>` : nothing} ${this.renderBar(thread)}
        ${
          thread.prevCursor !== null
            ? html`<div class="more">
              <button part="button" type="button" ?disabled=${this.loadingMore} @click=${this.loadOlder}>
                ${t.loadOlder}
              </button>
            </div>`
            : nothing
        }
        ${thread.posts.length === 0 ? html`<p>${t.empty}</p>` : nothing} ${this.renderPosts(head, thread)}
        ${
          cursor !== null
            ? html`<div class="more sentinel">
              <button part="button" type="button" ?disabled=${this.loadingMore} @click=${this.loadNewer}>
                ${this.loadingMore ? t.loadingMore : t.loadNewer}
              </button>
            </div>`
            : nothing
        }
        ${this.renderPosts(tail, thread)}
        <p class="typing" aria-live="polite">${this.typingLine(thread)}</p>
        ${this.renderReply(thread)}
      </section>
    `
  }

  private renderFailure(failure: Failure) {
    const t = this.strings(messages)
    if (failure === 'not_allowed') return html`<p class="refusal" role="alert">${t.notAllowed}</p>`
    if (failure === 'not_found') return html`<p class="notice" role="alert">${t.notFound}</p>`
    return html`<div class="notice" role="alert">
      <p>${failure === 'unreachable' ? t.unreachable : t.loadFailed}</p>
      <button part="button" type="button" @click=${() => this.reload()}>${t.retry}</button>
    </div>`
  }

  private renderBar(thread: ThreadState) {
    const t = this.strings(messages)
    const readers =
      thread.readers === null || thread.readers < 1
        ? ''
        : plural(thread.readers, this.uiLang, {
            one: t.readers.one,
            other: t.readers.other(formatNumber(thread.readers, this.uiLang)),
          })
    return html`<div class="bar" part="status">
      <span class="status" role="status" aria-live="polite">${thread.ended ? t.ended[thread.ended] : this.statusNote}</span>
      <span class="readers">${readers}</span>
    </div>`
  }

  private renderPosts(posts: Post[], thread: ThreadState) {
    if (posts.length === 0) return nothing
    const canReply = this.viewer !== null && thread.topic.can.reply && !thread.topic.locked
    return html`<ol
      @tribune-react=${this.onReact}
      @tribune-quote=${this.onQuote}
    >
      ${repeat(
        posts,
        (p) => p.id,
        (p) => html`<li data-id=${p.id}>
          <tribune-post
            .post=${p}
            .now=${this.now}
            ?can-reply=${canReply}
            exportparts="post, author, body, reactions, button"
          ></tribune-post>
        </li>`,
      )}
    </ol>`
  }

  private typingLine(thread: ThreadState): string {
    const t = this.strings(messages)
    const names = thread.typing.map((u) => u.displayName)
    if (names.length === 0) return ''
    return names.length > 3 ? t.someoneTyping(names.length) : t.typing(names)
  }

  private renderReply(thread: ThreadState) {
    const t = this.strings(messages)
    if (thread.ended) return nothing
    if (thread.topic.locked) return html`<p class="notice">${t.locked}</p>`
    if (!this.viewer) {
      const url = this.signInUrl()
      return html`<div class="notice sign-in">
        <span>${t.signInPrompt}</span>
        ${
          url
            ? html`<a class="button" part="button" href=${url} target="_blank" rel="noopener" @click=${this.onSignIn}
              >${t.joinOnCommunity}</a
            >`
            : html`<button part="button" type="button" @click=${this.onSignIn}>${t.signIn}</button>`
        }
      </div>`
    }
    if (!thread.topic.can.reply) return nothing
    return html`<tribune-reply-box
      class="reply"
      .topic=${this.topic}
      .live=${this.subscription?.client}
      exportparts="reply-box, textarea, button, error"
      @tribune-posted=${this.onPosted}
    ></tribune-reply-box>`
  }
}
