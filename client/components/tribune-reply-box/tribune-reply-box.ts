import { html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import type { LiveClient } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import type { Post } from '../tribune-thread/thread-state.js'
import { messages } from './messages.js'
import { styles } from './tribune-reply-box.styles.js'

interface Charter {
  version: number
  rules: { id: string; title: string }[]
}

/** A random Idempotency-Key; getRandomValues works outside secure contexts, randomUUID does not. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * A plain reply box: a labelled textarea and a button (Ctrl/Cmd+Enter too). A retried submit
 * reuses its Idempotency-Key, so a reply whose answer was lost on the way is not posted twice.
 * The community site's richer composer may wrap or replace it; `quote(post)` prefills it.
 *
 * @csspart reply-box - The form.
 * @csspart textarea - The text field.
 * @csspart button - The submit button.
 * @csspart error - The error message.
 * @cssproperty --tribune-color-brand-fill - The submit button's background.
 * @cssproperty --tribune-color-on-brand - The submit button's text.
 * @cssproperty --tribune-color-danger - Error messages.
 * @event tribune-posted - The reply was published: `{ post }`.
 */
export class TribuneReplyBox extends TribuneElement {
  static override styles = styles

  @property({ type: Number }) topic = 0
  /** Where `typing` goes; the thread hands over its own live client. */
  @property({ attribute: false }) live: LiveClient | undefined

  @state() private text = ''
  @state() private replyToId: number | null = null
  @state() private sending = false
  @state() private error = ''
  @state() private charter: Charter | null = null
  @state() private status = ''

  @query('textarea') private textarea!: HTMLTextAreaElement

  /** The key of the reply being sent, kept until it succeeds so that a retry reuses it. */
  private pending: { key: string; fingerprint: string } | null = null

  /** Prefills the box with a quote of the post, as a reply to it, and puts the focus there. */
  quote(post: Pick<Post, 'id' | 'body' | 'author'>): void {
    const t = this.strings(messages)
    const quoted = post.body
      .trim()
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')
    const intro = `${t.quoteIntro(`@${post.author.handle}`)}\n${quoted}\n\n`
    this.text = this.text.trim() ? `${this.text.trimEnd()}\n\n${intro}` : intro
    this.replyToId = post.id
    void this.updateComplete.then(() => {
      this.textarea.focus()
      this.textarea.setSelectionRange(this.text.length, this.text.length)
    })
  }

  override focus(): void {
    this.textarea?.focus()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('topic')) {
      this.pending = null
      this.replyToId = null
    }
  }

  override render() {
    const t = this.strings(messages)
    return html`<form part="reply-box" @submit=${this.onSubmit} aria-busy=${this.sending ? 'true' : 'false'}>
      <label for="reply">${t.label}</label>
      <textarea
        id="reply"
        part="textarea"
        .value=${this.text}
        placeholder=${t.placeholder}
        maxlength="32000"
        aria-describedby="hint"
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-errormessage="error"
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      ${this.charter ? this.renderCharter() : nothing}
      <p id="error" part="error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      <div class="actions">
        <button part="button" type="submit" ?disabled=${this.sending || !this.text.trim()}>
          ${this.sending ? t.sending : t.submit}
        </button>
        <span id="hint" class="hint">${t.hint}</span>
        <span class="visually-hidden" role="status">${this.status}</span>
      </div>
    </form>`
  }

  private renderCharter() {
    const t = this.strings(messages)
    return html`<div class="charter">
      <p>${t.charterIntro}</p>
      <ol>
        ${this.charter!.rules.map((r) => html`<li>${r.title}</li>`)}
      </ol>
      <p><a href="${this.api.base}/charter" target="_blank" rel="noopener">${t.readCharter}</a></p>
      <button part="button" type="button" ?disabled=${this.sending} @click=${this.acceptCharter}>
        ${t.acceptAndPost}
      </button>
    </div>`
  }

  private onInput(e: Event): void {
    this.text = (e.target as HTMLTextAreaElement).value
    this.error = ''
    this.status = ''
    if (this.topic) this.live?.typing(`topic:${this.topic}`)
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void this.submit()
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault()
    void this.submit()
  }

  /** Sends the reply; safe to call again after a failure (same text, same key). */
  async submit(): Promise<void> {
    const body = this.text.trim()
    if (!body || this.sending || !this.topic) return
    const t = this.strings(messages)
    const payload = this.replyToId ? { body, replyToId: this.replyToId } : { body }
    const fingerprint = JSON.stringify([this.topic, payload])
    if (this.pending?.fingerprint !== fingerprint) this.pending = { key: newKey(), fingerprint }
    this.sending = true
    this.error = ''
    try {
      const { post } = await this.api.post<{ post: Post }>(`/api/topics/${this.topic}/posts`, payload, {
        'idempotency-key': this.pending.key,
      })
      this.pending = null
      this.text = ''
      this.replyToId = null
      this.charter = null
      this.status = t.posted
      this.emit('posted', { post })
    } catch (error) {
      if (error instanceof ApiError && error.code === 'charter_acceptance_required') {
        await this.loadCharter(error.message)
      } else {
        this.error = error instanceof ApiError ? error.message : t.networkError
      }
    } finally {
      this.sending = false
    }
  }

  private async loadCharter(fallback: string): Promise<void> {
    try {
      this.charter = await this.api.get<Charter>('/api/charter')
    } catch {
      this.error = fallback
    }
  }

  private async acceptCharter(): Promise<void> {
    if (!this.charter) return
    this.sending = true
    try {
      await this.api.post('/api/charter/accept', { version: this.charter.version })
      this.charter = null
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : this.strings(messages).networkError
      return
    } finally {
      this.sending = false
    }
    await this.submit()
  }
}
