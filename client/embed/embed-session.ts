import { ContextProvider } from '@lit/context'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { LiveClient } from '../live/live-client.js'
import { ApiError, TribuneApi } from '../shared/api.js'
import { apiContext, langContext, liveContext, type Viewer, viewerContext } from '../shared/context.js'
import { type Lang, pickLang } from '../shared/i18n.js'

/** The community the script came from: embeds talk to it, whatever page they are on. */
export function communityOrigin(): string {
  return new URL(import.meta.url).origin
}

interface Stored {
  /** The SSO token this session was exchanged for: the same one on a reload reuses the session. */
  sso: string
  token: string
}

/** Member fields the components use, from /api/auth/sso or /api/me. */
function toViewer(user: Viewer): Viewer {
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    role: user.role,
    avatarUrl: user.avatarUrl ?? null,
    locale: user.locale ?? null,
    timeZone: user.timeZone ?? null,
  }
}

/**
 * An SSO token is single use (its jti), so two embeds of one page given the same token share one
 * exchange, and a reload finds the session in sessionStorage rather than exchanging it again.
 */
const exchanges = new Map<string, Promise<{ token: string; viewer: Viewer }>>()

/**
 * What an embed element gives its subtree: the API in bearer mode against the community, the
 * language, the reader (signed in through the brand's SSO token) and a live client, provided as
 * contexts like <tribune-app> does on the community site.
 */
export class EmbedSession implements ReactiveController {
  readonly api: TribuneApi
  lang: Lang
  viewer: Viewer | null = null
  live: LiveClient | undefined
  /** The reader is known (signed in, or a visitor): the thread may load. */
  ready = false

  private readonly storageKey: string
  private readonly apiProvider: ContextProvider<typeof apiContext>
  private readonly langProvider: ContextProvider<typeof langContext>
  private readonly viewerProvider: ContextProvider<typeof viewerContext>
  private readonly liveProvider: ContextProvider<typeof liveContext>
  private applied: string | null | undefined = undefined
  private seq = 0

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (what: 'lang' | 'reader') => void,
    base = communityOrigin(),
  ) {
    this.api = new TribuneApi({ base, auth: 'bearer' })
    this.storageKey = `tribune-embed-session:${this.api.base}`
    this.lang = pickLang(document.documentElement.lang)
    this.apiProvider = new ContextProvider(host, { context: apiContext, initialValue: this.api })
    this.langProvider = new ContextProvider(host, { context: langContext, initialValue: this.lang })
    this.viewerProvider = new ContextProvider(host, { context: viewerContext, initialValue: null })
    this.liveProvider = new ContextProvider(host, { context: liveContext })
    host.addController(this)
  }

  hostDisconnected(): void {
    this.live?.close()
    this.live = undefined
  }

  setLang(attr: string | null): void {
    this.lang = pickLang(attr, document.documentElement.lang)
    this.langProvider.setValue(this.lang)
    this.onChange('lang')
  }

  /** Signs the reader in with the brand's token (or out, without one); again when it changes. */
  async setSsoToken(sso: string | null): Promise<void> {
    const value = sso?.trim() || null
    if (value === this.applied) return
    this.applied = value
    const seq = ++this.seq
    let token: string | null = null
    let viewer: Viewer | null = null
    if (value) {
      try {
        ;({ token, viewer } = await this.signIn(value))
      } catch (error) {
        // A refused token leaves a visitor, who can still read; the brand's console says why.
        console.warn('tribune: single sign-on failed:', error instanceof ApiError ? error.message : error)
      }
    }
    if (seq !== this.seq) return
    this.api.token = token
    this.viewer = viewer
    this.apiProvider.setValue(this.api, true)
    this.viewerProvider.setValue(viewer)
    this.ready = true
    // The next reader's socket: the old one is signed in as someone else, or as nobody.
    this.live?.close()
    this.live = undefined
    this.onChange('reader')
  }

  /**
   * The live client, opened on first use: a page whose thread cannot load (a refused origin, an
   * unknown topic) opens no socket at all.
   */
  liveClient(): LiveClient {
    if (!this.live) {
      this.live = new LiveClient({
        url: this.api.liveUrl,
        ...(this.api.token ? { token: this.api.token } : {}),
      })
      this.liveProvider.setValue(this.live)
    }
    return this.live
  }

  private async signIn(sso: string): Promise<{ token: string; viewer: Viewer }> {
    const stored = this.read()
    if (stored?.sso === sso) {
      const api = new TribuneApi({ base: this.api.base, auth: 'bearer', token: stored.token })
      try {
        const { user } = await api.get<{ user: Viewer }>('/api/me')
        return { token: stored.token, viewer: toViewer(user) }
      } catch (error) {
        // An ended session: the same SSO token cannot be exchanged twice, so this reader is a visitor.
        if (error instanceof ApiError && error.status === 401) this.write(null)
        throw error
      }
    }
    const key = `${this.api.base}\n${sso}`
    let exchange = exchanges.get(key)
    if (!exchange) {
      exchange = this.api
        .post<{ user: Viewer; token: string }>('/api/auth/sso', { token: sso })
        .then(({ user, token }) => ({ token, viewer: toViewer(user) }))
      exchanges.set(key, exchange)
      exchange.catch(() => exchanges.delete(key))
    }
    const session = await exchange
    this.write({ sso, token: session.token })
    return session
  }

  private read(): Stored | null {
    try {
      const raw = sessionStorage.getItem(this.storageKey)
      return raw ? (JSON.parse(raw) as Stored) : null
    } catch {
      return null // storage disabled (privacy settings, sandboxed frames): sign in each time
    }
  }

  private write(value: Stored | null): void {
    try {
      if (value) sessionStorage.setItem(this.storageKey, JSON.stringify(value))
      else sessionStorage.removeItem(this.storageKey)
    } catch {
      // storage disabled: the session lives in memory only
    }
  }
}
