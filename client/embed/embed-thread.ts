import type { PropertyValues } from 'lit'
import { property } from 'lit/decorators.js'
import { TribuneThread } from '../components/tribune-thread/tribune-thread.js'
import type { LiveClient } from '../live/live-client.js'
import { EmbedSession } from './embed-session.js'

/**
 * `<tribune-thread topic="42">` on a brand's page: the community's thread, in its own shadow
 * root, signed in with the brand's SSO token when it gives one.
 *
 * @attr topic - The topic's id.
 * @attr lang - fr or en; else the page's `<html lang>`, else the browser's.
 * @attr sso-token - A JWT the brand's backend signed (HS256, the community's SSO secret).
 */
export class EmbedThread extends TribuneThread {
  @property({ attribute: 'sso-token' }) ssoToken: string | null = null
  @property({ attribute: 'lang' }) langAttr: string | null = null

  protected readonly session = new EmbedSession(this, (what) => this.sessionChanged(what))

  constructor() {
    super()
    this.showTitle = true
    this.api = this.session.api
  }

  protected override canLoad(): boolean {
    return this.session.ready
  }

  protected override liveClient(): LiveClient {
    return this.session.liveClient()
  }

  protected override signInUrl(): string | null {
    return this.thread ? `${this.session.api.base}${this.thread.topic.url}` : this.session.api.base
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('langAttr')) this.session.setLang(this.langAttr)
    if (changed.has('ssoToken') || !this.session.ready) void this.session.setSsoToken(this.ssoToken)
  }

  private sessionChanged(what: 'lang' | 'reader'): void {
    this.uiLang = this.session.lang
    if (what === 'lang') return
    this.viewer = this.session.viewer
    // Another reader (or a new token): their own view of the thread, on their own socket.
    this.reload()
  }
}
