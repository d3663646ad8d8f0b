import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ApiError } from '../../shared/api.js'
import { formatDate } from '../../shared/i18n.js'
import { parseSnippet } from '../snippet.js'
import { notFoundView } from './forum-pages.js'
import { PageElement } from './page.js'

interface Hit {
  post: { id: number; author: { handle: string; displayName: string }; createdAt: string }
  topic: { id: number; title: string; url: string }
  snippet: string
}

/** Search results, the matched words highlighted (rendered as text: see snippet.ts). */
export class SearchPage extends PageElement {
  @property() q = ''
  @state() private hits: Hit[] | null = null
  @state() private nextCursor: string | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('q')) void this.load()
  }

  private async load(cursor?: string): Promise<void> {
    const q = this.q.trim()
    this.failed = null
    this.announce(q ? this.t.searchResultsFor(q) : this.t.searchTitle)
    if (q.length < 2) {
      this.hits = []
      this.nextCursor = null
      return
    }
    try {
      const params = new URLSearchParams({ q, ...(cursor ? { cursor } : {}) })
      const page = await this.api.get<{ items: Hit[]; nextCursor: string | null }>(`/api/search?${params}`)
      this.hits = cursor ? [...(this.hits ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  override render() {
    const t = this.t
    const q = this.q.trim()
    return html`<h1 tabindex="-1">${q ? t.searchResultsFor(q) : t.searchTitle}</h1>
      <form role="search" class="stack" action="/search" @submit=${(e: Event) => {
        e.preventDefault()
        const value = String(new FormData(e.target as HTMLFormElement).get('q') ?? '')
        this.emit('navigate', { url: `/search?q=${encodeURIComponent(value)}` })
      }}>
        <label for="q">${t.searchLabel}</label>
        <input id="q" name="q" type="search" .value=${this.q} maxlength="200" />
        <p><button type="submit">${t.search}</button></p>
      </form>
      ${
        this.failed
          ? html`<p role="alert" class="error">${t.loadFailed}</p>`
          : q.length < 2
            ? html`<p class="hint">${t.searchHint}</p>`
            : !this.hits
              ? this.loadingView()
              : this.hits.length === 0
                ? html`<p role="status">${t.noResults}</p>`
                : html`<ul class="list">
                  ${this.hits.map(
                    (h) => html`<li>
                      <a href="${h.topic.url}#post-${h.post.id}"><strong>${h.topic.title}</strong></a>
                      <p>${parseSnippet(h.snippet).map((p) => (p.mark ? html`<mark>${p.text}</mark>` : p.text))}</p>
                      <p class="meta">${h.post.author.displayName} · ${this.ago(h.post.createdAt)}</p>
                    </li>`,
                  )}
                </ul>`
      }
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(this.nextCursor ?? undefined)}>${t.more}</button>` : nothing}`
  }
}

interface Profile {
  id: number
  handle: string
  displayName: string
  role: string
  postCount: number
  createdAt: string
}

interface Activity {
  id: number
  topic: { id: number; title: string; url: string }
  excerpt: string
  createdAt: string
}

/** A member's profile and their recent posts (only those the reader may see). */
export class ProfilePage extends PageElement {
  @property() handle = ''
  @state() private user: Profile | null = null
  @state() private posts: Activity[] = []
  @state() private nextCursor: string | null = null
  @state() private missing = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('handle')) void this.load()
  }

  private async load(): Promise<void> {
    this.user = null
    this.missing = false
    this.failed = null
    const h = encodeURIComponent(this.handle)
    try {
      const { user } = await this.api.get<{ user: Profile }>(`/api/users/by-handle/${h}`)
      this.user = user
      this.announce(user.displayName)
      await this.more()
    } catch (err) {
      if (err instanceof ApiError && [400, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  private async more(): Promise<void> {
    const h = encodeURIComponent(this.handle)
    const cursor = this.nextCursor ? `?cursor=${encodeURIComponent(this.nextCursor)}` : ''
    const page = await this.api
      .get<{ items: Activity[]; nextCursor: string | null }>(`/api/users/by-handle/${h}/posts${cursor}`)
      .catch(() => ({ items: [] as Activity[], nextCursor: null }))
    this.posts = cursor ? [...this.posts, ...page.items] : page.items
    this.nextCursor = page.nextCursor
  }

  override render() {
    const t = this.t
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const u = this.user
    if (!u) return this.loadingView()
    return html`<h1 tabindex="-1">${u.displayName}</h1>
      <dl class="meta">
        <dt>@${u.handle}</dt>
        <dt>${t.role}</dt><dd>${t.roles[u.role] ?? u.role}</dd>
        <dt>${t.memberSince}</dt><dd><time datetime=${u.createdAt}>${formatDate(u.createdAt, this.uiLang, this.viewer?.timeZone)}</time></dd>
        <dt>${t.postCount}</dt><dd>${this.num(u.postCount)}</dd>
      </dl>
      <tribune-member-badges .handle=${u.handle}></tribune-member-badges>
      <section aria-labelledby="recent">
        <h2 id="recent">${t.recentPosts}</h2>
        ${
          this.posts.length === 0
            ? html`<p>${t.noPosts}</p>`
            : html`<ul class="list">${this.posts.map(
                (p) => html`<li>
                  <a href="${p.topic.url}#post-${p.id}"><strong>${p.topic.title}</strong></a>
                  <p>${p.excerpt}</p>
                  <p class="meta">${this.ago(p.createdAt)}</p>
                </li>`,
              )}</ul>`
        }
        ${this.nextCursor ? html`<button type="button" @click=${() => void this.more()}>${t.more}</button>` : nothing}
      </section>`
  }
}
