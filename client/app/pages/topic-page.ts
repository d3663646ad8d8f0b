import { consume } from '@lit/context'
import { css, html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import '../../components/tribune-composer/define.js'
import type { TribuneComposer } from '../../components/tribune-composer/tribune-composer.js'
import '../../components/tribune-thread/define.js'
import type { Post, TopicPage as ThreadPage } from '../../components/tribune-thread/thread-state.js'
import type { TribuneThread } from '../../components/tribune-thread/tribune-thread.js'
import type { LiveClient } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { liveContext } from '../../shared/context.js'
import { takeFirstView } from '../first-view.js'
import type { Category, Topic } from '../types.js'
import { loadCategories, notFoundView } from './forum-pages.js'
import { PageElement, pageStyles } from './page.js'

/** GET /api/topics/:id: what the thread reads, and the topic fields the page shows besides. */
type TopicData = ThreadPage & { topic: ThreadPage['topic'] & Topic }

/**
 * A topic: breadcrumb, title, the live <tribune-thread> and, for members who may reply, the
 * site's composer (toolbar, preview, drafts) in place of the thread's plain reply box. The page
 * loads the topic once for its title and hands that first page to the thread.
 */
export class TopicPage extends PageElement {
  static override styles = [
    pageStyles,
    css`
      /* The composer below replaces the thread's own reply box. */
      tribune-thread::part(reply-box) {
        display: none;
      }
      section.reply {
        margin-top: var(--tribune-space-l, 1.5rem);
      }
    `,
  ]

  @property({ type: Number }) topicId = 0

  @consume({ context: liveContext, subscribe: true })
  @state()
  private live?: LiveClient

  @state() private data: TopicData | null = null
  @state() private category: Category | null = null
  @state() private missing = false

  @query('tribune-thread') private thread!: TribuneThread | null
  @query('tribune-composer') private composer!: TribuneComposer | null

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('topicId')) void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    this.data = null
    try {
      // On the page the server rendered, its data: no second round trip before the first view.
      const rendered = takeFirstView('topic') as TopicData | undefined
      const renderedCategories = takeFirstView('categories') as Category[] | undefined
      const [data, categories] = await Promise.all([
        rendered?.topic.id === this.topicId
          ? rendered
          : this.api.get<TopicData>(`/api/topics/${this.topicId}`),
        renderedCategories ?? loadCategories(this.api).catch(() => [] as Category[]),
      ])
      this.data = data
      this.category = categories.find((c) => c.id === data.topic.categoryId) ?? null
      // The address is the topic's own, whatever slug the link had (as the server's 301 does).
      if (location.pathname !== data.topic.url) this.emit('canonical', { url: data.topic.url })
      this.announce(data.topic.title)
    } catch (err) {
      if (err instanceof ApiError && [400, 403, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  /** Posts live in the thread's shadow root: `#post-12` is found there. */
  override async findAnchor(id: string): Promise<HTMLElement | null> {
    const thread = this.thread
    const postId = /^post-(\d+)$/.exec(id)?.[1]
    if (!thread || !postId) return super.findAnchor(id)
    // The thread draws its posts a render or two after the page: give it a few frames.
    for (let frame = 0; frame < 10; frame++) {
      await thread.updateComplete
      const li = thread.renderRoot.querySelector<HTMLElement>(`li[data-id="${postId}"]`)
      if (li) return li
      await new Promise((resolve) => requestAnimationFrame(resolve))
    }
    return null
  }

  private onQuote(e: CustomEvent<{ post: Post }>): void {
    const post = e.detail.post
    this.composer?.quote({ ...post, url: `${this.data?.topic.url}#post-${post.id}` })
  }

  /** A visitor's "sign in to reply" leads to the login page and back here. */
  private onSignIn(e: Event): void {
    e.preventDefault()
    const url = this.data?.topic.url ?? location.pathname
    this.emit('navigate', { url: `/login?next=${encodeURIComponent(url)}` })
  }

  private onTyping(): void {
    if (this.data) this.live?.typing(`topic:${this.data.topic.id}`)
  }

  override render() {
    const t = this.t
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const data = this.data
    if (!data) return this.loadingView()
    const { topic } = data
    const c = this.category
    const canReply = Boolean(this.viewer && topic.can?.reply && !topic.locked)
    return html`<nav class="crumbs" aria-label=${t.breadcrumb}><ol>
        <li><a href="/">${t.home}</a></li>
        ${c ? html`<li><a href="/c/${encodeURIComponent(c.slug)}">${c.name}</a></li>` : nothing}
      </ol></nav>
      <h1 tabindex="-1">${topic.title}</h1>
      ${
        // No post count here: the thread grows live and a count taken at load would go stale.
        topic.pinned || topic.locked
          ? html`<p class="meta">
            ${topic.pinned ? html`<span class="tag">${t.pinned}</span>` : nothing}
            ${topic.locked ? html`<span class="tag">${t.locked}</span>` : nothing}
          </p>`
          : nothing
      }
      <tribune-thread .topic=${topic.id} .initial=${data}
        @tribune-quote=${this.onQuote}
        @tribune-sign-in-request=${this.onSignIn}></tribune-thread>
      ${
        canReply
          ? html`<section class="reply" aria-labelledby="reply-heading">
            <h2 id="reply-heading">${t.replyHeading}</h2>
            <tribune-composer topic=${topic.id} @tribune-typing=${this.onTyping}></tribune-composer>
          </section>`
          : nothing
      }`
  }
}
