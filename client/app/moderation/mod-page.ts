import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { state } from 'lit/decorators.js'
import { ApiError, type TribuneApi } from '../../shared/api.js'
import { PageElement, pageStyles } from '../pages/page.js'
import type { ModView } from '../router.js'
import { type ModMessages, modMessages } from './messages.js'
import type { Charter } from './types.js'

export const modStyles = css`
  nav.mod ul {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem) var(--tribune-space-m, 1rem);
    padding: 0;
    margin: var(--tribune-space-m, 1rem) 0 0;
  }
  nav.mod a[aria-current='page'] {
    font-weight: 700;
    text-decoration: none;
  }
  .card {
    background: var(--tribune-color-surface, #fff);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-m, 0.5rem);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    margin-bottom: var(--tribune-space-s, 0.5rem);
    overflow-wrap: anywhere;
  }
  .card.urgent {
    border-color: var(--tribune-color-danger, #c92a2a);
    border-inline-start-width: 4px;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    font-weight: 700;
    padding: 0 0.4em;
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-danger, #c92a2a);
    color: var(--tribune-color-on-brand, #fff);
  }
  .row {
    margin-block: var(--tribune-space-s, 0.5rem);
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
  }
  .body {
    border-inline-start: 3px solid var(--tribune-color-border, #dde1e7);
    padding-inline-start: var(--tribune-space-s, 0.5rem);
    margin: var(--tribune-space-s, 0.5rem) 0;
  }
  .plain {
    white-space: pre-wrap;
  }
  textarea {
    font: inherit;
    padding: var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
    width: 100%;
    box-sizing: border-box;
    min-height: 5rem;
  }
  fieldset {
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-m, 0.5rem);
    margin: 0 0 var(--tribune-space-m, 1rem);
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
  }
  input[type='radio'] {
    width: auto;
  }
  legend {
    font-weight: 600;
  }
  button[aria-pressed='true'] {
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
    font-weight: 700;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .ok {
    font-weight: 600;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--tribune-space-xs, 0.25rem) var(--tribune-space-s, 0.5rem);
    border-bottom: 1px solid var(--tribune-color-border, #dde1e7);
  }
  .grid {
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    align-items: end;
  }
`

const charters = new WeakMap<TribuneApi, Promise<Charter>>()

/** The charter in force, read once per page load: every decision form picks one of its rules. */
export function charterOf(api: TribuneApi): Promise<Charter> {
  let c = charters.get(api)
  if (!c) {
    c = api.get<Charter>('/api/charter')
    c.catch(() => charters.delete(api))
    charters.set(api, c)
  }
  return c
}
/** After a new version is published, the next form reads it afresh. */
export function forgetCharter(api: TribuneApi): void {
  charters.delete(api)
}

const adminViews: ModView[] = ['crisis', 'charter']
const views: ModView[] = ['queue', 'appeals', 'audit', 'words', 'duty', 'crisis', 'charter']

/**
 * A moderation screen: moderators and admins see it (admins only for some), others are told it is
 * not for them; it loads its data once the reader is known to be allowed.
 */
export class ModPage extends PageElement {
  static override styles = [pageStyles, modStyles]

  /** Who may see the screen; the API checks again, this only spares others a page of errors. */
  protected need: 'moderator' | 'admin' = 'moderator'
  protected view: ModView | null = null
  @state() protected message = ''
  @state() protected problem = ''
  private started = false

  get m(): ModMessages {
    return this.strings(modMessages)
  }

  get allowed(): boolean {
    const role = this.viewer?.role
    return role === 'admin' || (role === 'moderator' && this.need === 'moderator')
  }

  get isAdmin(): boolean {
    return this.viewer?.role === 'admin'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (keys.has('uiLang') || keys.has('viewer') || !this.hasUpdated)
      this.announce(this.allowed ? this.pageTitle : this.m.notAllowed)
    if (!this.started && this.allowed && this.api) {
      this.started = true
      void this.start()
    }
  }

  /** The screen's heading and document title. */
  get pageTitle(): string {
    return this.m.moderation
  }

  /** Loads the screen's data; runs once, when the reader is known to be allowed. */
  protected async start(): Promise<void> {}

  /** The screen's content below its heading and the moderation menu. */
  protected renderView(): TemplateResult | typeof nothing {
    return nothing
  }

  /** An API failure in the moderator's language: known codes get a sentence, others the server's. */
  protected errorText(err: unknown): string {
    const e = this.m.errors
    if (!(err instanceof ApiError)) return e.network!
    return e[err.code] ?? (err.status === 404 ? e.not_found : undefined) ?? err.message
  }

  /** Runs an action, showing its outcome in the status line or its failure in the alert. */
  protected async act(run: () => Promise<unknown>, done?: string): Promise<boolean> {
    this.message = ''
    this.problem = ''
    try {
      await run()
      this.message = done ?? this.m.done
      return true
    } catch (err) {
      this.problem = this.errorText(err)
      return false
    }
  }

  protected statusLine() {
    return html`<p role="status" class="ok">${this.message}</p>
      <p role="alert" class="error">${this.problem}</p>`
  }

  private renderNav() {
    const m = this.m
    return html`<nav class="mod" aria-label=${m.modNav}>
      <ul>
        ${views
          .filter((v) => this.isAdmin || !adminViews.includes(v))
          .map(
            (v) =>
              html`<li><a href=${v === 'queue' ? '/mod' : `/mod/${v}`} aria-current=${v === this.view ? 'page' : nothing}
                >${m.views[v]}</a></li>`,
          )}
      </ul>
    </nav>`
  }

  override render(): unknown {
    const m = this.m
    if (!this.allowed)
      return html`<h1 tabindex="-1">${m.notAllowed}</h1>
        <p>${m.notAllowedText}</p>
        ${this.viewer ? nothing : html`<p><a href="/login?next=${encodeURIComponent(location.pathname)}">${m.signInFirst}</a></p>`}`
    return html`${this.renderNav()}
      <h1 tabindex="-1">${this.pageTitle}</h1>
      ${this.renderView()}`
  }
}
