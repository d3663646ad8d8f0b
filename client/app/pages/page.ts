import { type CSSResultGroup, css, html, type TemplateResult } from 'lit'
import { state } from 'lit/decorators.js'
import { formatDateTime, formatNumber, formatRelative } from '../../shared/i18n.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { messages } from '../messages.js'

export const pageStyles = css`
  :host {
    display: block;
  }
  h1,
  h2 {
    font-family: var(--tribune-font-heading, inherit);
    line-height: 1.25;
  }
  h1 {
    font-size: clamp(1.5rem, 4vw, 2rem);
    margin: var(--tribune-space-m, 1rem) 0;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--tribune-color-focus, #e8590c);
  }
  h2 {
    font-size: 1.25rem;
    margin: var(--tribune-space-l, 1.5rem) 0 var(--tribune-space-s, 0.5rem);
  }
  a {
    color: var(--tribune-color-link, #174c9c);
    text-underline-offset: 0.15em;
  }
  :focus-visible {
    outline: 3px solid var(--tribune-color-focus, #e8590c);
    outline-offset: 2px;
  }
  ul.list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.list > li {
    background: var(--tribune-color-surface, #fff);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-m, 0.5rem);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    margin-bottom: var(--tribune-space-s, 0.5rem);
  }
  .meta {
    color: var(--tribune-color-text-quiet, #5f6b7a);
    font-size: 0.875rem;
  }
  .tag {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0 0.4em;
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
    color: var(--tribune-color-text, #151b24);
    margin-inline-end: 0.25rem;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    min-height: 2.5rem;
    padding: 0 var(--tribune-space-m, 1rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface-raised, #fff);
    color: var(--tribune-color-text, #151b24);
    cursor: pointer;
    text-decoration: none;
  }
  button.primary,
  .button.primary {
    background: var(--tribune-color-brand-fill, #1d5fc2);
    color: var(--tribune-color-on-brand, #fff);
    border-color: transparent;
    font-weight: 600;
  }
  form.stack {
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
    max-width: 30rem;
  }
  label {
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    padding: var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
    width: 100%;
    box-sizing: border-box;
  }
  input[type='checkbox'] {
    width: auto;
  }
  .hint {
    color: var(--tribune-color-text-quiet, #5f6b7a);
    font-size: 0.875rem;
    margin: 0;
  }
  .error {
    color: var(--tribune-color-danger, #c92a2a);
  }
  nav.crumbs ol {
    list-style: none;
    padding: 0;
    margin: var(--tribune-space-m, 1rem) 0 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem);
    font-size: 0.875rem;
  }
  nav.crumbs li + li::before {
    content: '›';
    margin-inline-end: var(--tribune-space-xs, 0.25rem);
    color: var(--tribune-color-text-quiet, #5f6b7a);
  }
  mark {
    background: var(--tribune-color-brand-fill-quiet, #fff3bf);
    color: inherit;
    font-weight: 600;
  }
`

/**
 * A view of the site. It tells the app its title once known (`tribune-page`, for the document
 * title and for moving focus to its heading after a navigation), and reads dates in the
 * reader's language and time zone.
 */
export class PageElement extends TribuneElement {
  static override styles: CSSResultGroup = pageStyles

  @state() protected failed: unknown = null

  get t() {
    return this.strings(messages)
  }

  /** The member's time zone, else the browser's. */
  when(iso: string): string {
    return formatDateTime(iso, this.uiLang, this.viewer?.timeZone)
  }
  ago(iso: string): TemplateResult {
    return html`<time datetime=${iso} title=${this.when(iso)}>${formatRelative(iso, this.uiLang)}</time>`
  }
  num(n: number): string {
    return formatNumber(n, this.uiLang)
  }

  /** Announces the page's title; the app sets the document title and may focus the heading. */
  protected announce(title: string): void {
    this.emit('page', { title })
  }

  /** The heading the app moves focus to after a navigation. */
  get heading(): HTMLElement | null {
    return this.renderRoot.querySelector('h1')
  }

  /** The element `#id` names in this view (a view may look inside its components). */
  async findAnchor(id: string): Promise<HTMLElement | null> {
    await this.updateComplete
    return this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`)
  }

  protected loadingView() {
    return html`<p role="status">${this.t.loading}</p>`
  }

  protected failedView(retry: () => void) {
    return html`<h1 tabindex="-1">${this.t.notFound}</h1>
      <p role="alert">${this.t.loadFailed}<button type="button" @click=${retry}>${this.t.retry}</button></p>`
  }
}
