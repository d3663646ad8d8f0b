import { provide } from '@lit/context'
import { css, html, LitElement, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { LiveClient } from '../../live/live-client.js'
import { ApiError, TribuneApi } from '../../shared/api.js'
import { apiContext, langContext, liveContext, type Viewer, viewerContext } from '../../shared/context.js'
import { isLang, type Lang, languages, pickLang } from '../../shared/i18n.js'
import '../pages/define.js'
import { messages } from '../messages.js'
import { modPage } from '../moderation/views.js'
import type { PageElement } from '../pages/page.js'
import { matchRoute, type Route, sameDocumentHash, shouldIntercept } from '../router.js'
import '../tribune-menu/define.js'
import { takeFirstView } from '../first-view.js'
import { loadScreen } from '../lazy.js'
import type { TribuneMenu } from '../tribune-menu/tribune-menu.js'
import { NotificationFeed, renderNotice } from './notifications.js'
import { styles } from './tribune-app.styles.js'

/**
 * The community site. Until it upgrades, its light DOM (the page the server rendered) is what
 * readers and crawlers see; once it runs, its shadow root shows the live app instead, on the
 * same URLs, and provides the API, the language, the reader and the live client to every
 * component inside.
 *
 * @slot - The server-rendered page, shown until the app runs (and to readers without JavaScript).
 * @csspart header - The site header.
 * @csspart main - The main region.
 * @csspart footer - The footer.
 */
export class TribuneApp extends LitElement {
  // A long history scrolls inside the menu rather than down the page.
  static override styles = [
    styles,
    css`tribune-menu::part(menu) { max-block-size: min(70vh, 32rem); overflow-y: auto; }`,
    // A phone's header holds up to nine items (community pages, moderation, account): they wrap whole, not mid-word.
    css`nav ul { flex-wrap: wrap; } nav li { white-space: nowrap; }`,
  ]

  @provide({ context: apiContext })
  api = new TribuneApi({ base: '', auth: 'cookie' })

  @provide({ context: langContext })
  @state()
  uiLang: Lang = pickLang(document.documentElement.lang)

  @provide({ context: viewerContext })
  @state()
  viewer: Viewer | null = null

  @provide({ context: liveContext })
  @state()
  live!: LiveClient

  @state() private route: Route = matchRoute(location.pathname, location.search)
  private readonly notifications = new NotificationFeed(this)
  private siteName = ''
  /** The chunk of the current screen could not be fetched (offline, or a new version deployed). */
  @state() private screenFailed = false
  /** After a navigation (not the first load), focus goes to the new view's heading. */
  private focusPending = false

  constructor() {
    super()
    this.addEventListener('click', (e) => this.onClick(e))
    this.addEventListener('tribune-page', (e) => this.onPage(e as CustomEvent<{ title: string }>))
    this.addEventListener('tribune-navigate', (e) => {
      const { url, replace } = (e as CustomEvent<{ url: string; replace?: boolean }>).detail
      this.navigate(url, replace)
    })
    this.addEventListener('tribune-canonical', (e) => {
      const { url } = (e as CustomEvent<{ url: string }>).detail
      history.replaceState(history.state, '', url + location.search + location.hash)
    })
    this.addEventListener('tribune-session', (e) => {
      void this.sessionChanged((e as CustomEvent<{ next: string }>).detail.next)
    })
    this.addEventListener('tribune-viewer', (e) => this.setViewer((e as CustomEvent<Viewer>).detail))
  }

  private readonly onPopState = () => {
    this.route = matchRoute(location.pathname, location.search)
    this.screenFailed = false
    this.focusPending = true
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.siteName = this.querySelector('.site-name')?.textContent?.trim() ?? document.title
    window.addEventListener('popstate', this.onPopState)
    void this.loadViewer().then(() => this.startLive())
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.onPopState)
    this.stopLive()
  }

  private async loadViewer(): Promise<void> {
    const rendered = takeFirstView('me')
    if (rendered !== undefined) return this.setViewer(rendered)
    try {
      const { user } = await this.api.get<{ user: Viewer }>('/api/me')
      this.setViewer(user)
    } catch (err) {
      // 401 is a visitor; anything else also leaves the site readable as one.
      if (!(err instanceof ApiError)) console.warn('tribune: /api/me failed', err)
      this.setViewer(null)
    }
  }

  private setViewer(viewer: Viewer | null): void {
    this.viewer = viewer
    if (viewer?.locale && isLang(viewer.locale)) this.setLang(viewer.locale)
  }

  private setLang(lang: Lang): void {
    this.uiLang = lang
    document.documentElement.lang = lang
  }

  /** One live connection per session: a login or logout opens a new one as the new reader. */
  private startLive(): void {
    this.stopLive()
    try {
      this.live = new LiveClient({ url: this.api.liveUrl })
    } catch {
      return
    }
    if (this.viewer) void this.notifications.start(this.api, this.live)
  }

  private stopLive(): void {
    this.notifications.stop()
    this.live?.close()
  }

  private async sessionChanged(next: string): Promise<void> {
    this.api.resetCsrf()
    await this.loadViewer()
    this.startLive()
    this.navigate(next, true)
  }

  private async logout(): Promise<void> {
    try {
      await this.api.post('/api/auth/logout')
    } catch {
      // Already signed out (expired session): the outcome is the same.
    }
    this.api.resetCsrf()
    this.viewer = null
    this.startLive()
    this.navigate('/')
  }

  private async switchLang(lang: Lang): Promise<void> {
    this.setLang(lang)
    if (this.viewer) {
      const res = await this.api.patch<{ user: Viewer }>('/api/me', { locale: lang }).catch(() => null)
      if (res) this.viewer = res.user
    }
  }

  private onClick(e: MouseEvent): void {
    const anchor = e
      .composedPath()
      .find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute('href'))
    if (!anchor) return
    const url = shouldIntercept(
      {
        button: e.button,
        metaKey: e.metaKey,
        ctrlKey: e.ctrlKey,
        shiftKey: e.shiftKey,
        altKey: e.altKey,
        defaultPrevented: e.defaultPrevented,
        href: anchor.href,
        target: anchor.getAttribute('target'),
        download: anchor.hasAttribute('download'),
        rel: anchor.getAttribute('rel'),
      },
      location.origin,
    )
    if (!url) return
    if (sameDocumentHash(location, url)) {
      // In-page anchors live in shadow roots the browser cannot search: scroll to them here.
      e.preventDefault()
      history.pushState(null, '', url.href)
      void this.scrollToHash(url.hash)
      return
    }
    e.preventDefault()
    this.navigate(url.pathname + url.search + url.hash)
  }

  /** Finds `#id` through the views' shadow roots, which the browser's own anchor search cannot. */
  async scrollToHash(hash: string): Promise<void> {
    let id: string
    try {
      id = decodeURIComponent(hash.slice(1))
    } catch {
      return
    }
    const page = this.renderRoot.querySelector('main > *') as PageElement | null
    const target = await page?.findAnchor(id)
    if (target) {
      target.scrollIntoView({ block: 'start' })
      target.setAttribute('tabindex', '-1')
      target.focus({ preventScroll: true })
    }
  }

  navigate(url: string, replace = false): void {
    const target = new URL(url, location.origin)
    if (replace) history.replaceState(null, '', target.href)
    else if (target.href !== location.href) history.pushState(null, '', target.href)
    this.route = matchRoute(target.pathname, target.search)
    this.screenFailed = false
    this.focusPending = true
    window.scrollTo(0, 0)
  }

  private onPage(e: CustomEvent<{ title: string }>): void {
    const title = e.detail.title
    document.title = title && title !== this.siteName ? `${title} · ${this.siteName}` : this.siteName
    const page = e.composedPath()[0] as PageElement
    void page.updateComplete.then(() => {
      if (location.hash && this.route.name === 'topic') void this.scrollToHash(location.hash)
      else if (this.focusPending) page.heading?.focus()
      this.focusPending = false
    })
  }

  private renderPage() {
    const r = this.route
    if (this.screenFailed) {
      const t = messages[this.uiLang]
      return html`<p role="alert">${t.loadFailed}<button type="button" @click=${() => location.reload()}>${t.retry}</button></p>`
    }
    void loadScreen(r.name)?.catch(() => {
      this.screenFailed = true
    })
    switch (r.name) {
      case 'home':
        return html`<tribune-home-page .siteName=${this.siteName}></tribune-home-page>`
      case 'category':
        return html`<tribune-category-page .slug=${r.slug}></tribune-category-page>`
      case 'new-topic':
        return html`<tribune-new-topic-page .slug=${r.slug}></tribune-new-topic-page>`
      case 'topic':
        return html`<tribune-topic-page .topicId=${r.id}></tribune-topic-page>`
      case 'profile':
        return html`<tribune-profile-page .handle=${r.handle}></tribune-profile-page>`
      case 'search':
        return html`<tribune-search-page .q=${r.q}></tribune-search-page>`
      case 'login':
        return html`<tribune-login-page .next=${r.next}></tribune-login-page>`
      case 'register':
        return html`<tribune-register-page></tribune-register-page>`
      case 'settings':
        return html`<tribune-settings-page></tribune-settings-page>`
      case 'charter':
        return html`<tribune-charter-page .version=${r.version}></tribune-charter-page>`
      case 'mod-item':
        return html`<tribune-mod-item-page .itemId=${r.id}></tribune-mod-item-page>`
      case 'mod':
        return modPage(r.view)
      case 'events':
        return html`<tribune-events-page .view=${r.view} .month=${r.month}></tribune-events-page>`
      case 'event':
        return html`<tribune-event-page .eventId=${r.id}></tribune-event-page>`
      case 'event-new':
        return html`<tribune-event-form-page .eventId=${0}></tribune-event-form-page>`
      case 'event-edit':
        return html`<tribune-event-form-page .eventId=${r.id}></tribune-event-form-page>`
      case 'contest-new':
        return html`<tribune-contest-form-page></tribune-contest-form-page>`
      case 'challenge-new':
        return html`<tribune-challenge-form-page></tribune-challenge-form-page>`
      case 'contests':
        return html`<tribune-contests-page></tribune-contests-page>`
      case 'contest':
        return html`<tribune-contest-page .contestId=${r.id}></tribune-contest-page>`
      case 'challenges':
        return html`<tribune-challenges-page></tribune-challenges-page>`
      case 'challenge':
        return html`<tribune-challenge-page .challengeId=${r.id}></tribune-challenge-page>`
      case 'leaderboard':
        return html`<tribune-leaderboard-page .period=${r.period}></tribune-leaderboard-page>`
      default:
        return html`<tribune-not-found-page></tribune-not-found-page>`
    }
  }

  private renderNotifications() {
    const t = messages[this.uiLang]
    const feed = this.notifications
    return html`<tribune-menu label=${t.notificationsCount(feed.unread)} .badge=${feed.unread}
      @tribune-menu-open=${() => void feed.opened()}>
      <span slot="label">${t.notifications}</span>
      ${
        feed.notices.length === 0
          ? html`<p class="menu-empty">${feed.failed ? t.notificationsFailed : t.noNotifications}</p>`
          : feed.notices.map((n) => renderNotice(n, t, this.uiLang))
      }
      ${
        feed.nextCursor
          ? html`<button role="menuitem" tabindex="-1" class="menu-item" type="button" @click=${(
              e: Event,
            ) => {
              // Loading more keeps the menu open (a menu item's click would close it).
              e.stopPropagation()
              void feed.loadMore().then((id) => {
                if (id !== undefined)
                  void this.updateComplete.then(() =>
                    (this.renderRoot.querySelector(`[data-notice="${id}"]`) as HTMLElement | null)?.focus(),
                  )
              })
            }}>${t.olderNotifications}</button>`
          : nothing
      }
    </tribune-menu>`
  }

  override render() {
    const t = messages[this.uiLang]
    const v = this.viewer
    const q = this.route.name === 'search' ? this.route.q : ''
    return html`<a class="skip" href="#main" @click=${(e: Event) => {
      e.preventDefault()
      e.stopPropagation()
      ;(this.renderRoot.querySelector('main > *') as PageElement | null)?.heading?.focus()
    }}>${t.skip}</a>
      <header part="header">
        <div class="wrap">
          <a class="site-name" href="/">${this.siteName}</a>
          <form role="search" action="/search" @submit=${(e: Event) => {
            e.preventDefault()
            const value = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim()
            this.navigate(`/search?q=${encodeURIComponent(value)}`)
          }}>
            <label class="visually-hidden" for="site-q">${t.searchLabel}</label>
            <input id="site-q" name="q" type="search" placeholder=${t.searchPlaceholder} .value=${q} maxlength="200" />
            <button type="submit">${t.search}</button>
          </form>
          <nav aria-label=${t.mainNav}>
            <ul>
              <li><a href="/">${t.home}</a></li>
              <li><a href="/events">${t.events}</a></li>
              <li><a href="/contests">${t.contests}</a></li>
              <li><a href="/challenges">${t.challenges}</a></li>
              <li><a href="/leaderboard">${t.leaderboard}</a></li>
              ${v && v.role !== 'member' ? html`<li><a href="/mod">${messages[this.uiLang].moderation}</a></li>` : nothing}
              ${
                v
                  ? html`<li>${this.renderNotifications()}</li>
                    <li><tribune-menu label=${t.accountOf(v.displayName)}>
                      <span slot="label">${v.displayName}</span>
                      <a role="menuitem" class="menu-item" href="/u/${encodeURIComponent(v.handle)}">${t.profile}</a>
                      <a role="menuitem" class="menu-item" href="/settings">${t.settings}</a>
                      <button role="menuitem" class="menu-item" type="button" @click=${() => void this.logout()}>${t.logout}</button>
                    </tribune-menu></li>`
                  : html`<li><a href="/login">${t.login}</a></li><li><a href="/register">${t.register}</a></li>`
              }
            </ul>
          </nav>
        </div>
      </header>
      <tribune-crisis-banner class="wrap"></tribune-crisis-banner>
      <main id="main" part="main" class="wrap" tabindex="-1">${this.renderPage()}</main>
      <footer part="footer">
        <div class="wrap">
          <div class="langs" role="group" aria-label=${t.language}>
            ${languages.map(
              (l) => html`<button type="button" lang=${l} aria-pressed=${this.uiLang === l ? 'true' : 'false'}
                @click=${() => void this.switchLang(l)}>${l === 'fr' ? 'Français' : 'English'}</button>`,
            )}
          </div>
          <p><a href="/api/docs">${t.apiDocs}</a> · ${t.poweredBy}</p>
        </div>
      </footer>
      ${nothing}`
  }
}

export type { TribuneMenu }
