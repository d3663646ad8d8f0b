import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { ApiError } from '../../shared/api.js'
import { formatDate } from '../../shared/i18n.js'
import { notFoundView } from '../pages/forum-pages.js'
import { PageElement, pageStyles } from '../pages/page.js'
import { markdownHtml } from './markdown.js'
import { modMessages } from './messages.js'
import { modStyles } from './mod-page.js'
import type { Charter } from './types.js'

/**
 * The community charter, public: the version in force (or an older one, kept readable), each
 * rule under its stable id so decisions can link to it, and the accept button for a member who
 * must accept a new version before posting again.
 */
export class CharterPage extends PageElement {
  static override styles = [pageStyles, modStyles]

  /** An older version, or null for the one in force. */
  @property({ type: Number }) version: number | null = null
  @state() private charter: Charter | null = null
  @state() private current = 0
  @state() private missing = false
  @state() private note = ''
  @state() private problem = ''

  get m() {
    return this.strings(modMessages)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('version') || !this.hasUpdated) void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    this.charter = null
    try {
      const current = await this.api.get<Charter>('/api/charter')
      this.current = current.version
      this.charter =
        this.version && this.version !== current.version
          ? await this.api.get<Charter>(`/api/charter/versions/${this.version}`)
          : current
      this.announce(this.version ? `${this.m.charterTitle} (v${this.version})` : this.m.charterTitle)
    } catch (err) {
      if (err instanceof ApiError && [400, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  private get mustAccept(): boolean {
    return Boolean((this.viewer as { mustAcceptCharter?: boolean } | null)?.mustAcceptCharter)
  }

  private async accept(): Promise<void> {
    this.problem = ''
    try {
      await this.api.post('/api/charter/accept', { version: this.current })
      this.note = this.m.accepted
      // The header and composers read the reader from the app: tell it the charter is accepted.
      if (this.viewer) this.emit('viewer', { ...this.viewer, mustAcceptCharter: false })
    } catch (err) {
      this.problem = err instanceof ApiError ? err.message : this.m.errors.network!
    }
  }

  override render() {
    const m = this.m
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const c = this.charter
    if (!c) return this.loadingView()
    const inForce = c.version === this.current
    return html`<h1 tabindex="-1">${m.charterTitle}</h1>
      <p class="meta">${m.charterVersion(c.version, formatDate(c.publishedAt, this.uiLang, this.viewer?.timeZone))}</p>
      ${c.summary ? html`<p>${c.summary}</p>` : nothing}
      ${
        inForce && this.mustAccept && !this.note
          ? html`<div class="card" role="region" aria-label=${m.mustAccept}>
              <p>${m.mustAccept}</p>
              <button type="button" class="primary" @click=${() => void this.accept()}>${m.accept}</button>
            </div>`
          : nothing
      }
      <p role="status" class="ok">${this.note}</p>
      <p role="alert" class="error">${this.problem}</p>
      <ol class="cards">
        ${c.rules.map(
          (r) => html`<li class="card" id="rule-${r.id}">
            <h2>${r.title} <span class="tag">${r.id}</span></h2>
            ${unsafeHTML(markdownHtml(r.body))}
          </li>`,
        )}
      </ol>
      ${
        this.current > 1
          ? html`<h2>${m.olderVersions}</h2>
            <ul>
              ${Array.from({ length: this.current }, (_, i) => this.current - i)
                .filter((v) => v !== c.version)
                .map(
                  (v) =>
                    html`<li><a href=${v === this.current ? '/charter' : `/charter/v/${v}`}>v${v}</a></li>`,
                )}
            </ul>`
          : nothing
      }`
  }
}
