import { consume } from '@lit/context'
import { css, html, nothing, type PropertyValues } from 'lit'
import { state } from 'lit/decorators.js'
import type { LiveClient, LiveEvent } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { liveContext } from '../../shared/context.js'
import { PageElement, pageStyles } from '../pages/page.js'
import { type CommunityMessages, communityMessages } from './community-messages.js'

/** What the events, contests and challenges pages add to the pages' styles (tokens only). */
export const communityStyles = css`
  .card {
    background: var(--tribune-color-surface, #fff);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-m, 0.5rem);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    margin-bottom: var(--tribune-space-s, 0.5rem);
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .card p {
    margin: var(--tribune-space-xs, 0.25rem) 0;
  }
  .card h2,
  .card h3 {
    margin: 0 0 var(--tribune-space-xs, 0.25rem);
    font-size: 1.125rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
    margin-block: var(--tribune-space-s, 0.5rem);
  }
  .ok {
    font-weight: 600;
  }
  .status:empty,
  .error:empty {
    display: none;
  }
  button[aria-pressed='true'] {
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
    border-color: var(--tribune-color-brand-fill, #1d5fc2);
    font-weight: 700;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
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
  .html :is(p, ul, ol):first-child {
    margin-top: 0;
  }
  .html img {
    max-width: 100%;
    height: auto;
  }
  .pill {
    display: inline-block;
    font-size: 0.8125rem;
    font-weight: 600;
    padding: 0 0.5em;
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
    color: var(--tribune-color-text, #151b24);
  }
  .pill.warn {
    background: var(--tribune-color-danger, #c92a2a);
    color: var(--tribune-color-on-brand, #fff);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem);
    border-bottom: 1px solid var(--tribune-color-border, #dde1e7);
    margin-block: var(--tribune-space-m, 1rem);
  }
  [role='tab'] {
    border-bottom-left-radius: 0;
    border-bottom-right-radius: 0;
    margin-bottom: -1px;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--tribune-color-surface, #fff);
    border-bottom-color: var(--tribune-color-surface, #fff);
    font-weight: 700;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: var(--tribune-space-xs, 0.25rem) var(--tribune-space-s, 0.5rem);
    border-bottom: 1px solid var(--tribune-color-border, #dde1e7);
  }
  progress {
    inline-size: 8rem;
    accent-color: var(--tribune-color-brand-fill, #1d5fc2);
  }
`

/**
 * A community page (events, contests, challenges, the leaderboard): the status and alert lines
 * of an action, errors in the reader's language, and optionally one live channel it follows
 * (`liveChannel`), subscribed again when the live client changes (after a login).
 */
export class CommunityPage extends PageElement {
  static override styles = [pageStyles, communityStyles]

  @consume({ context: liveContext, subscribe: true })
  @state()
  protected live?: LiveClient

  /** The outcome of the last action (role=status) and its failure (role=alert). */
  @state() protected notice = ''
  @state() protected problem = ''

  private unsubscribe: (() => void) | undefined
  private subscribed: { live: LiveClient; channel: string } | undefined

  get c(): CommunityMessages {
    return this.strings(communityMessages)
  }

  /** The reader's time zone: their setting, else the browser's. */
  get readerZone(): string {
    return this.viewer?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone
  }

  /** The live channel this page follows now (`event:12`), or null. */
  protected liveChannel(): string | null {
    return null
  }

  /** One event of the channel. */
  protected onLive(_event: LiveEvent): void {}

  /** Too much was missed on the channel (or it came back): read the page's data again. */
  protected onLiveReset(): void {}

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed)
    const channel = this.liveChannel()
    const live = this.live
    if (this.subscribed?.live === live && this.subscribed?.channel === channel) return
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.subscribed = undefined
    if (!live || !channel) return
    this.subscribed = { live, channel }
    this.unsubscribe = live.subscribe(channel, (e) => this.onLive(e), { onReset: () => this.onLiveReset() })
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.subscribed = undefined
  }

  /** An API failure in the reader's language: known codes get a sentence, others the server's. */
  protected errorText(err: unknown): string {
    const c = this.c
    if (!(err instanceof ApiError)) return c.network
    if (err.status === 401) return c.errors.unauthorized!
    if (err.status === 429) return c.errors.rate_limited!
    return c.errors[err.code] ?? (err.status === 404 ? c.errors.not_found : undefined) ?? err.message
  }

  /** Runs an action, telling its outcome in the status line, or its failure in the alert line. */
  protected async act(run: () => Promise<unknown>, done?: string): Promise<boolean> {
    this.notice = ''
    this.problem = ''
    try {
      await run()
      this.notice = done ?? this.c.done
      return true
    } catch (err) {
      this.problem = this.errorText(err)
      return false
    }
  }

  /** The status and alert lines (always in the page, so screen readers hear what changes). */
  protected statusLine() {
    return html`<p role="status" class="ok status">${this.notice}</p>
      <p role="alert" class="error">${this.problem}</p>`
  }

  /** For visitors: a link to sign in and come back here. */
  protected signInLink(what: string) {
    if (this.viewer) return nothing
    const next = encodeURIComponent(location.pathname + location.search)
    return html`<p class="hint"><a href="/login?next=${next}">${this.c.signInTo(what)}</a></p>`
  }
}
