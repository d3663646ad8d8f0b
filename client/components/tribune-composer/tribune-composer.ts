import { html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { ApiError } from '../../shared/api.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { browserStore, Drafts } from './drafts.js'
import { applyFormat, type Format, quoteBlock, shortcuts } from './markdown.js'
import { messages } from './messages.js'
import { styles } from './tribune-composer.styles.js'

// The server renders the stored HTML; the preview only needs to be close, and goes through the
// same sanitiser as every post before it reaches the page. marked is a third of the site's script
// and only a member who previews needs it: it loads on the first preview.
let markdown: ((md: string) => string) | undefined
let loadingMarkdown: Promise<void> | undefined
function loadMarkdown(): Promise<void> {
  loadingMarkdown ??= import('marked').then(({ Marked }) => {
    const marked = new Marked({ gfm: true, breaks: false, async: false })
    markdown = (md) => marked.parse(md) as string
  })
  return loadingMarkdown
}

const formats: { format: Format; key?: string; icon: string }[] = [
  { format: 'bold', key: 'B', icon: 'B' },
  { format: 'italic', key: 'I', icon: 'I' },
  { format: 'link', key: 'K', icon: '🔗' },
  { format: 'quote', icon: '❝' },
  { format: 'code', key: 'E', icon: '</>' },
  { format: 'list', icon: '•' },
]

/** The charter in force (GET /api/charter), shown when the server asks for its acceptance. */
interface Charter {
  version: number
  rules: { id: string | number; title: string }[]
}

let counter = 0
const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${++counter}`

/**
 * Writes a reply to a topic (`topic`) or a new topic in a category (`category`): a Markdown
 * toolbar with shortcuts, a live preview, a draft kept per place across reloads, and a submit
 * that is safe to retry (one Idempotency-Key per message until it is accepted).
 *
 * @event tribune-posted - The server accepted it; `detail` is its answer (`{post}` or `{topic, post}`).
 * @csspart form - The form.
 * @csspart toolbar - The formatting buttons.
 * @csspart textarea - The message field.
 * @csspart preview - The rendered preview.
 * @csspart submit - The send button.
 * @csspart charter - The charter to accept, when it changed since the member last accepted it.
 * @cssproperty --tribune-color-brand-fill - The send button's background.
 * @cssproperty --tribune-color-focus - The focus ring.
 */
export class TribuneComposer extends TribuneElement {
  static override styles = styles

  /** Reply to this topic. */
  @property({ type: Number }) topic = 0
  /** Or start a topic in this category (shows the title field). */
  @property({ type: Number }) category = 0
  /** The post replied to, if any. */
  @property({ type: Number, attribute: 'reply-to' }) replyTo = 0

  @state() private body = ''
  @state() private topicTitle = ''
  @state() private previewing = false
  @state() private busy = false
  @state() private status = ''
  @state() private error = ''
  /** Set when the charter changed since the member accepted it: accepting it sends the message. */
  @state() private charter: Charter | null = null

  @query('textarea') private textarea!: HTMLTextAreaElement

  private drafts = new Drafts(browserStore())
  private idempotencyKey = newKey()
  private saveTimer: ReturnType<typeof setTimeout> | undefined

  private get scope(): string {
    return this.topic ? `topic:${this.topic}` : `category:${this.category}`
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('topic') || changed.has('category')) {
      const draft = this.drafts.load(this.scope)
      this.body = draft?.body ?? ''
      this.topicTitle = draft?.title ?? ''
      if (draft) this.status = this.strings(messages).draftRestored
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.flushDraft()
  }

  /** Starts (or continues) the reply with a quotation of this post. */
  quote(post: { id: number; body: string; author: { handle: string }; url?: string }): void {
    const block = quoteBlock(post)
    this.body = this.body.trim() ? `${this.body.replace(/\s*$/, '\n\n')}${block}` : block
    this.replyTo = post.id
    this.saveSoon()
    void this.updateComplete.then(() => {
      this.textarea.focus()
      this.textarea.setSelectionRange(this.body.length, this.body.length)
    })
  }

  override focus(): void {
    void this.updateComplete.then(() =>
      (this.category ? this.renderRoot.querySelector('input') : this.textarea)?.focus(),
    )
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => this.flushDraft(), 300)
  }

  private flushDraft(): void {
    clearTimeout(this.saveTimer)
    if (this.topic || this.category)
      this.drafts.save(this.scope, this.body, this.category ? this.topicTitle : undefined)
  }

  private format(format: Format): void {
    const ta = this.textarea
    const edit = applyFormat(format, ta.value, ta.selectionStart, ta.selectionEnd)
    // execCommand keeps the browser's undo history; fall back to setting the value.
    ta.focus()
    ta.setSelectionRange(0, ta.value.length)
    if (!document.execCommand?.('insertText', false, edit.text)) ta.value = edit.text
    this.body = ta.value
    ta.setSelectionRange(edit.start, edit.end)
    this.saveSoon()
  }

  private onKeydown(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return
    if (e.key === 'Enter') {
      e.preventDefault()
      void this.submit()
      return
    }
    const format = shortcuts[e.key.toLowerCase()]
    if (format && !e.shiftKey) {
      e.preventDefault()
      this.format(format)
    }
  }

  private async submit(e?: Event): Promise<void> {
    e?.preventDefault()
    if (this.busy) return
    const t = this.strings(messages)
    this.error = ''
    if (this.category && this.topicTitle.trim().length < 3) {
      this.error = t.titleTooShort
      return
    }
    if (!this.body.trim()) {
      this.error = t.empty
      return
    }
    this.busy = true
    this.status = t.sending
    try {
      const headers = { 'idempotency-key': this.idempotencyKey }
      const result = this.topic
        ? await this.api.post(
            `/api/topics/${this.topic}/posts`,
            { body: this.body, ...(this.replyTo ? { replyToId: this.replyTo } : {}) },
            headers,
          )
        : await this.api.post(
            '/api/topics',
            { categoryId: this.category, title: this.topicTitle, body: this.body },
            headers,
          )
      this.drafts.clear(this.scope)
      this.body = ''
      this.topicTitle = ''
      this.replyTo = 0
      this.previewing = false
      this.idempotencyKey = newKey()
      this.status = t.sent
      this.emit('posted', result)
    } catch (err) {
      this.status = ''
      if (err instanceof ApiError && err.code === 'charter_acceptance_required') {
        this.charter = await this.api.get<Charter>('/api/charter').catch(() => null)
        if (this.charter) return
      }
      this.error = t.failed + (err instanceof ApiError ? err.message : String(err))
    } finally {
      this.busy = false
    }
  }

  /** Accepts the charter shown, then sends the message that was waiting for it (same key). */
  private async acceptCharter(): Promise<void> {
    if (!this.charter || this.busy) return
    this.busy = true
    this.error = ''
    try {
      await this.api.post('/api/charter/accept', { version: this.charter.version })
      this.charter = null
    } catch (err) {
      this.error = this.strings(messages).failed + (err instanceof ApiError ? err.message : String(err))
      return
    } finally {
      this.busy = false
    }
    await this.submit()
  }

  private renderCharter(charter: Charter) {
    const t = this.strings(messages)
    return html`<section class="charter" part="charter" aria-labelledby="charter-intro">
      <p id="charter-intro">${t.charterIntro}</p>
      <ol>${charter.rules.map((r) => html`<li>${r.title}</li>`)}</ol>
      <p><a href="${this.api.base}/charter" target="_blank" rel="noopener">${t.readCharter}</a></p>
      <button type="button" class="submit" ?disabled=${this.busy} @click=${this.acceptCharter}>
        ${t.acceptAndPost}
      </button>
    </section>`
  }

  private discard(): void {
    this.drafts.clear(this.scope)
    this.body = ''
    this.topicTitle = ''
    this.replyTo = 0
    this.status = ''
    this.textarea.focus()
  }

  private togglePreview = () => {
    this.previewing = !this.previewing
    if (this.previewing && !markdown)
      loadMarkdown().then(
        () => this.requestUpdate(),
        () => {
          loadingMarkdown = undefined
          this.previewing = false
          this.status = this.strings(messages).previewFailed
        },
      )
  }

  override render() {
    const t = this.strings(messages)
    const preview = this.previewing && markdown ? sanitizePostHtml(markdown(this.body)) : ''
    return html`<form part="form" @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
      ${
        this.category
          ? html`<label for="title">${t.title}</label>
            <input id="title" part="title" required minlength="3" maxlength="200" .value=${this.topicTitle}
              @input=${(e: Event) => {
                this.topicTitle = (e.target as HTMLInputElement).value
                this.saveSoon()
              }} />`
          : nothing
      }
      <label for="body">${t.body}</label>
      <div role="toolbar" part="toolbar" aria-label=${t.toolbar} aria-controls="body">
        ${formats.map(
          (f) => html`<button type="button" aria-label=${t[f.format]}
            title=${f.key ? `${t[f.format]} (Ctrl+${f.key})` : t[f.format]}
            aria-keyshortcuts=${f.key ? `Control+${f.key} Meta+${f.key}` : nothing}
            @click=${() => this.format(f.format)}><span aria-hidden="true">${f.icon}</span></button>`,
        )}
        <button type="button" aria-pressed=${this.previewing ? 'true' : 'false'}
          @click=${this.togglePreview}>${t.preview}</button>
      </div>
      <textarea id="body" part="textarea" .value=${this.body} aria-describedby="hint"
        maxlength="32000"
        @input=${(e: Event) => {
          this.body = (e.target as HTMLTextAreaElement).value
          this.saveSoon()
          this.emit('typing')
        }}
        @keydown=${this.onKeydown}></textarea>
      ${
        this.previewing
          ? html`<section class="preview" part="preview" aria-label=${t.preview}>
            ${
              !this.body.trim()
                ? html`<p class="hint">${t.previewEmpty}</p>`
                : markdown
                  ? unsafeHTML(preview)
                  : html`<p class="hint" role="status">${t.previewLoading}</p>`
            }
          </section>`
          : nothing
      }
      <div class="actions">
        <button class="submit" part="submit" type="submit" ?disabled=${this.busy}>
          ${this.busy ? t.sending : this.category ? t.createTopic : t.reply}
        </button>
        ${this.body || this.topicTitle ? html`<button type="button" @click=${this.discard}>${t.discard}</button>` : nothing}
        <span id="hint" class="hint">${t.shortcutHint}</span>
      </div>
      ${this.charter ? this.renderCharter(this.charter) : nothing}
      <p class="status" role="status">${this.status}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`
  }
}
