import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import '../../components/tribune-composer/define.js'
import { ApiError } from '../../shared/api.js'
import type { Category, Page, Topic } from '../types.js'
import { PageElement } from './page.js'

/** Categories are few and change rarely: one request shared by the views of a visit. */
let categoriesCache: Promise<Category[]> | null = null
export function loadCategories(api: PageElement['api'], fresh = false): Promise<Category[]> {
  if (fresh || !categoriesCache)
    categoriesCache = api.get<Page<Category>>('/api/categories').then(
      (r) => r.items,
      (err) => {
        categoriesCache = null
        throw err
      },
    )
  return categoriesCache
}
export function forgetCategories(): void {
  categoriesCache = null
}

/** The home page: categories with their descriptions and counts, then the latest topics. */
export class HomePage extends PageElement {
  @property() siteName = ''
  @state() private categories: Category[] | null = null
  @state() private latest: Topic[] = []

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    try {
      const [categories, latest] = await Promise.all([
        loadCategories(this.api, true),
        this.api.get<Page<Topic>>('/api/topics?limit=20'),
      ])
      this.categories = categories
      this.latest = latest.items
      this.announce(this.siteName || this.t.home)
    } catch (err) {
      this.failed = err
    }
  }

  override render() {
    const t = this.t
    if (this.failed) return this.failedView(() => void this.load())
    if (!this.categories) return this.loadingView()
    return html`<h1 tabindex="-1">${this.siteName || t.home}</h1>
      <section aria-labelledby="cats">
        <h2 id="cats">${t.categories}</h2>
        <ul class="list">
          ${this.categories.map(
            (c) => html`<li>
              <a href="/c/${encodeURIComponent(c.slug)}"><strong>${c.name}</strong></a>
              <span class="meta">· ${c.topicCount === 1 ? t.topicsOne : t.topics(this.num(c.topicCount))}</span>
              ${c.description ? html`<p class="hint">${c.description}</p>` : nothing}
            </li>`,
          )}
        </ul>
      </section>
      <section aria-labelledby="latest">
        <h2 id="latest">${t.latest}</h2>
        ${topicList(this, this.latest, this.categories)}
      </section>`
  }
}

function topicList(page: PageElement, topics: Topic[], categories?: Category[]) {
  if (topics.length === 0) return html`<p>${page.t.noTopics}</p>`
  return html`<ul class="list">
    ${topics.map((topic) =>
      topicItem(
        page,
        topic,
        categories?.find((c) => c.id === topic.categoryId),
      ),
    )}
  </ul>`
}

function topicItem(page: PageElement, topic: Topic, category?: Category) {
  const t = page.t
  return html`<li>
    ${topic.pinned ? html`<span class="tag">${t.pinned}</span>` : nothing}
    ${topic.locked ? html`<span class="tag">${t.locked}</span>` : nothing}
    <a href=${topic.url}><strong>${topic.title}</strong></a>
    <div class="meta">
      ${category ? html`<a href="/c/${encodeURIComponent(category.slug)}">${category.name}</a> · ` : nothing}
      ${topic.postCount === 1 ? t.repliesOne : t.replies(page.num(topic.postCount))} ·
      ${t.lastActivity} ${page.ago(topic.lastPostAt)}
    </div>
  </li>`
}

/** A category's topics, pinned first then by last activity, with keyset "more". */
export class CategoryPage extends PageElement {
  @property() slug = ''
  @state() private category: Category | null = null
  @state() private topics: Topic[] = []
  @state() private nextCursor: string | null = null
  @state() private missing = false
  @state() private loadingMore = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug')) void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    this.category = null
    try {
      const categories = await loadCategories(this.api)
      const category = categories.find((c) => c.slug === this.slug)
      if (!category) {
        this.missing = true
        this.announce(this.t.notFound)
        return
      }
      const page = await this.api.get<Page<Topic>>(`/api/categories/${encodeURIComponent(this.slug)}/topics`)
      this.category = category
      this.topics = page.items
      this.nextCursor = page.nextCursor
      this.announce(category.name)
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  private async more(): Promise<void> {
    if (!this.nextCursor) return
    this.loadingMore = true
    try {
      const page = await this.api.get<Page<Topic>>(
        `/api/categories/${encodeURIComponent(this.slug)}/topics?cursor=${encodeURIComponent(this.nextCursor)}`,
      )
      const first = page.items.length
      this.topics = [...this.topics, ...page.items]
      this.nextCursor = page.nextCursor
      // Keyboard readers land on the first new topic rather than back at the top.
      if (first) {
        await this.updateComplete
        const links = this.renderRoot.querySelectorAll<HTMLAnchorElement>('ul.list > li > a')
        links[this.topics.length - first]?.focus()
      }
    } finally {
      this.loadingMore = false
    }
  }

  override render() {
    const t = this.t
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const c = this.category
    if (!c) return this.loadingView()
    return html`<nav class="crumbs" aria-label=${t.breadcrumb}><ol><li><a href="/">${t.home}</a></li></ol></nav>
      <h1 tabindex="-1">${c.name}</h1>
      ${c.description ? html`<p>${c.description}</p>` : nothing}
      ${
        this.viewer && c.can?.post !== false
          ? html`<p><a class="button primary" href="/c/${encodeURIComponent(c.slug)}/new">${t.newTopic}</a></p>`
          : nothing
      }
      ${topicList(this, this.topics)}
      ${
        this.nextCursor
          ? html`<button type="button" @click=${() => void this.more()} ?disabled=${this.loadingMore}>${t.more}</button>`
          : nothing
      }`
  }
}

/** The form that starts a topic in a category. */
export class NewTopicPage extends PageElement {
  @property() slug = ''
  @state() private category: Category | null = null
  @state() private missing = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug')) void this.load()
  }

  private async load(): Promise<void> {
    const categories = await loadCategories(this.api).catch(() => [] as Category[])
    this.category = categories.find((c) => c.slug === this.slug) ?? null
    this.missing = !this.category
    this.announce(this.category ? this.t.newTopicIn(this.category.name) : this.t.notFound)
  }

  private posted(e: CustomEvent<{ topic: Topic }>): void {
    forgetCategories()
    this.emit('navigate', { url: e.detail.topic.url, replace: true })
  }

  override render() {
    const t = this.t
    if (this.missing) return notFoundView(this)
    const c = this.category
    if (!c) return this.loadingView()
    return html`<nav class="crumbs" aria-label=${t.breadcrumb}><ol>
        <li><a href="/">${t.home}</a></li><li><a href="/c/${encodeURIComponent(c.slug)}">${c.name}</a></li></ol></nav>
      <h1 tabindex="-1">${t.newTopicIn(c.name)}</h1>
      ${
        !this.viewer
          ? html`<p><a href="/login?next=${encodeURIComponent(`/c/${c.slug}/new`)}">${t.loginRequired}</a></p>`
          : c.can?.post === false
            ? html`<p>${t.cannotPost}</p>`
            : html`<tribune-composer category=${c.id} @tribune-posted=${this.posted}></tribune-composer>`
      }`
  }
}

export function notFoundView(page: PageElement) {
  const t = page.t
  return html`<h1 tabindex="-1">${t.notFound}</h1>
    <p>${t.notFoundText}</p>
    <p><a href="/">${t.backHome}</a></p>`
}

/** The not-found view as a page of its own, for unknown paths. */
export class NotFoundPage extends PageElement {
  override connectedCallback(): void {
    super.connectedCallback()
    this.announce(this.t.notFound)
  }
  override render() {
    return notFoundView(this)
  }
}
