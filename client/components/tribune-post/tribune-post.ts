import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { datesReady, formatDateTime, formatRelative, whenDatesReady } from '../../shared/i18n.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { isRetracted, type Post, type ReactionKind, reactionKinds } from '../tribune-thread/thread-state.js'
import { messages } from './messages.js'
import { reactionIcon } from './reaction-icons.js'
import { styles } from './tribune-post.styles.js'
import type { TribuneReportDialog } from './tribune-report-dialog.js'

/** Waiting for approval (the API says so; the thread's Post type predates the field). */
const isHeld = (post: Post) => post.held === true

export interface ReactDetail {
  postId: number
  kind: ReactionKind
  /** True to add the reaction, false to withdraw it. */
  on: boolean
}

/**
 * One post of a thread: its author, when, its text (sanitised again here, whatever the server
 * did), and its reactions. It changes nothing itself: it asks its thread through events.
 *
 * @csspart post - The post's article.
 * @csspart author - The author's name.
 * @csspart body - The post's text.
 * @csspart reactions - The reactions bar.
 * @csspart button - Every button (reactions, quote).
 * @cssproperty --tribune-color-text - Text colour.
 * @cssproperty --tribune-color-text-quiet - Dates, handles, the edited marker.
 * @cssproperty --tribune-color-border - Separators and button borders.
 * @cssproperty --tribune-color-brand-fill-quiet - A reaction of the reader's own.
 * @event tribune-react - The reader toggled a reaction: `{ postId, kind, on }`.
 * @event tribune-quote - The reader wants to quote the post: `{ post }`.
 */
export class TribunePost extends TribuneElement {
  static override styles = styles

  @property({ attribute: false }) post: Post | null = null
  /** The time relative dates count from; the thread moves it on so "3 minutes ago" stays true. */
  @property({ type: Number }) now = Date.now()
  /** The reader may reply, hence quote. */
  @property({ type: Boolean, attribute: 'can-reply' }) canReply = false
  @state() private reporting = false

  override render() {
    const post = this.post
    if (!post) return nothing
    const t = this.strings(messages)
    const timeZone = this.viewer?.timeZone
    const dates = datesReady()
    if (!dates) void whenDatesReady().then(() => this.requestUpdate())
    return html`<article part="post" aria-labelledby="author">
      <header>
        <span part="author" id="author">${post.author.displayName}</span>
        <span class="handle">@${post.author.handle}</span>
        <time datetime=${post.createdAt} title=${dates ? formatDateTime(post.createdAt, this.uiLang, timeZone) : nothing}
          >${dates ? formatRelative(post.createdAt, this.uiLang, this.now) : nothing}</time
        >
        ${
          post.editedAt && !isRetracted(post) && dates
            ? html`<span class="edited" title=${t.editedAt(formatDateTime(post.editedAt, this.uiLang, timeZone))}
              >(${t.edited})</span
            >`
            : nothing
        }
      </header>
      ${
        // A held post is hidden to others; its author reads it, told it waits for a moderator.
        isHeld(post) && post.html
          ? html`<p class="held" role="note">${t.awaitingApproval}</p>
            <div part="body">${unsafeHTML(sanitizePostHtml(post.html))}</div>`
          : isRetracted(post)
            ? html`<p part="body" class="removed">${post.hidden ? t.hidden : t.deleted}</p>`
            : html`<div part="body">${unsafeHTML(sanitizePostHtml(post.html))}</div>
            <footer>${this.renderReactions(post)}${this.renderQuote(post)}${this.renderReport(post)}</footer>`
      }
    </article>`
  }

  private renderReactions(post: Post) {
    const t = this.strings(messages)
    const shown = reactionKinds.filter((k) => post.can.react || post.reactions[k] > 0)
    if (shown.length === 0) return nothing
    return html`<div part="reactions" role="group" aria-label=${t.reactions}>
      ${shown.map((kind) => {
        const n = post.reactions[kind]
        const label = t.reactionCount(t.reaction[kind], n)
        // The name is visible (icon and words), the count beside it; the accessible name says both.
        const face = html`${reactionIcon(kind)}<span class="label" aria-hidden="true">${t.reaction[kind]}</span>`
        if (!post.can.react)
          return html`<span class="count" role="img" aria-label=${label} title=${label}
            >${face}<span class="n" aria-hidden="true">${n}</span></span
          >`
        const mine = post.myReactions.includes(kind)
        return html`<button
          part="button reaction"
          type="button"
          aria-pressed=${mine ? 'true' : 'false'}
          aria-label=${label}
          @click=${() => this.emit<ReactDetail>('react', { postId: post.id, kind, on: !mine })}
        >
          ${face}${n > 0 ? html`<span class="n" aria-hidden="true">${n}</span>` : nothing}
        </button>`
      })}
    </div>`
  }

  /** Signed-in readers may report others' posts to the moderators, citing a charter rule. */
  private renderReport(post: Post) {
    if (!this.viewer || this.viewer.id === post.author.id) return nothing
    const t = this.strings(messages)
    return html`<button
        part="button report"
        type="button"
        aria-label=${t.reportLabel(post.author.displayName)}
        aria-haspopup="dialog"
        @click=${() => void this.openReport()}
      >
        ${t.report}
      </button>
      ${this.reporting ? html`<tribune-report-dialog .postId=${post.id}></tribune-report-dialog>` : nothing}`
  }

  private async openReport(): Promise<void> {
    this.reporting = true
    await this.updateComplete
    await this.renderRoot.querySelector<TribuneReportDialog>('tribune-report-dialog')?.show()
  }

  private renderQuote(post: Post) {
    if (!this.canReply) return nothing
    const t = this.strings(messages)
    return html`<button
      part="button quote"
      type="button"
      aria-label=${t.quoteLabel(post.author.displayName)}
      @click=${() => this.emit('quote', { post })}
    >
      ${t.quote}
    </button>`
  }
}
