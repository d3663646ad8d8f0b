import { consume } from '@lit/context'
import { css, html, nothing, type PropertyValues } from 'lit'
import { state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import type { LiveClient } from '../../live/live-client.js'
import { liveContext } from '../../shared/context.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { messages } from '../messages.js'
import type { Crisis } from './types.js'

/**
 * The crisis statement, pinned above every page while crisis mode is on: read once on load, then
 * followed on the public `crisis` live channel so it shows or goes without a reload.
 *
 * @csspart banner - The statement's box.
 * @cssproperty --tribune-color-surface-raised - The box's background.
 * @cssproperty --tribune-color-danger - The box's leading edge.
 */
export class CrisisBanner extends TribuneElement {
  static override styles = css`
    :host {
      display: block;
    }
    [part='banner'] {
      background: var(--tribune-color-surface-raised, #fff);
      color: var(--tribune-color-text, #151b24);
      border: 1px solid var(--tribune-color-border, #dde1e7);
      border-inline-start: 4px solid var(--tribune-color-danger, #c92a2a);
      border-radius: var(--tribune-radius-m, 0.5rem);
      padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
      margin: var(--tribune-space-s, 0.5rem) 0;
      overflow-wrap: anywhere;
    }
    [part='banner'] :first-child {
      margin-top: 0;
    }
    [part='banner'] :last-child {
      margin-bottom: 0;
    }
    a {
      color: var(--tribune-color-link, #174c9c);
    }
  `

  @consume({ context: liveContext, subscribe: true })
  @state()
  private live?: LiveClient

  @state() private crisis: Crisis | null = null
  private unsubscribe: (() => void) | undefined
  private subscribedTo: LiveClient | undefined
  private loaded = false

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed)
    if (!this.loaded && this.api) {
      this.loaded = true
      void this.api
        .get<Crisis>('/api/crisis')
        .then((c) => (this.crisis = c))
        .catch(() => undefined)
    }
    if (this.live && this.live !== this.subscribedTo) {
      this.unsubscribe?.()
      this.subscribedTo = this.live
      this.unsubscribe = this.live.subscribe('crisis', (e) => {
        if (e.type === 'crisis.changed') this.crisis = e.data as Crisis
      })
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unsubscribe?.()
    this.subscribedTo = undefined
  }

  override render() {
    const c = this.crisis
    if (!c?.on || !c.statementHtml) return nothing
    return html`<section part="banner" role="region" aria-label=${this.strings(messages).crisisAnnouncement}>
      ${unsafeHTML(sanitizePostHtml(c.statementHtml))}
    </section>`
  }
}
