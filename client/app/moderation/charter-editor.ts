import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { markdownHtml } from './markdown.js'
import { charterOf, forgetCharter, ModPage } from './mod-page.js'
import type { Charter, Rule } from './types.js'

/**
 * The charter editor (admins): the rules in force, edited, added, removed and reordered, then
 * published as a new version with a summary; members accept it again before posting. A rule's id
 * is what decisions cite, so an existing rule keeps it.
 */
export class CharterEditor extends ModPage {
  @state() private charter: Charter | null = null
  @state() private rules: (Rule & { kept: boolean })[] = []
  @state() private summary = ''
  @state() private previewing = -1

  protected override need = 'admin' as const
  protected override view = 'charter' as const

  override get pageTitle(): string {
    return this.m.editorTitle
  }

  protected override async start(): Promise<void> {
    this.failed = null
    try {
      forgetCharter(this.api)
      this.charter = await charterOf(this.api)
      this.rules = this.charter.rules.map((r) => ({ ...r, kept: true }))
    } catch (err) {
      this.failed = err
    }
  }

  private edit(i: number, field: keyof Rule, value: string): void {
    this.rules = this.rules.map((r, j) => (j === i ? { ...r, [field]: value } : r))
  }

  private move(i: number, by: -1 | 1): void {
    const j = i + by
    if (j < 0 || j >= this.rules.length) return
    const next = [...this.rules]
    ;[next[i], next[j]] = [next[j]!, next[i]!]
    this.rules = next
    // Keep the keyboard on the button that moved the rule, now one place away.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#r${j}-${by < 0 ? 'up' : 'down'}`) as HTMLElement | null)?.focus(),
    )
  }

  private async publish(e: Event): Promise<void> {
    e.preventDefault()
    const body = {
      summary: this.summary.trim(),
      rules: this.rules.map(({ id, title, body }) => ({ id: id.trim(), title: title.trim(), body })),
    }
    let version = 0
    const ok = await this.act(async () => {
      version = (await this.api.post<{ version: number }>('/api/admin/charter', body)).version
    })
    if (ok) {
      this.message = this.m.published(version)
      this.summary = ''
      await this.start()
    }
  }

  protected override renderView() {
    const m = this.m
    if (this.failed) return html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
    const c = this.charter
    if (!c) return this.loadingView()
    return html`<p class="meta">${m.charterVersion(c.version, this.when(c.publishedAt))} · <a href="/charter">${m.charterTitle}</a></p>
      <form class="stack" @submit=${(e: Event) => void this.publish(e)}>
        ${this.rules.map(
          (r, i) => html`<fieldset>
            <legend>${m.ruleN(i + 1)}</legend>
            <label for="r${i}-id">${m.ruleId}</label>
            <input id="r${i}-id" required maxlength="40" pattern="[a-z0-9][a-z0-9-]*" .value=${r.id} ?readonly=${r.kept}
              @input=${(e: Event) => this.edit(i, 'id', (e.target as HTMLInputElement).value)} />
            <label for="r${i}-title">${m.ruleTitle}</label>
            <input id="r${i}-title" required maxlength="200" .value=${r.title}
              @input=${(e: Event) => this.edit(i, 'title', (e.target as HTMLInputElement).value)} />
            <label for="r${i}-body">${m.ruleBody}</label>
            <textarea id="r${i}-body" required maxlength="10000" .value=${r.body}
              @input=${(e: Event) => this.edit(i, 'body', (e.target as HTMLTextAreaElement).value)}></textarea>
            ${
              this.previewing === i
                ? html`<section class="card" aria-label=${m.preview}>${unsafeHTML(markdownHtml(r.body))}</section>`
                : nothing
            }
            <p class="row">
              <button type="button" aria-pressed=${this.previewing === i ? 'true' : 'false'}
                @click=${() => (this.previewing = this.previewing === i ? -1 : i)}>${m.preview}</button>
              <button type="button" id="r${i}-up" ?disabled=${i === 0} @click=${() => this.move(i, -1)}>${m.moveUp}</button>
              <button type="button" id="r${i}-down" ?disabled=${i === this.rules.length - 1} @click=${() => this.move(i, 1)}>${m.moveDown}</button>
              <button type="button" @click=${() => (this.rules = this.rules.filter((_, j) => j !== i))}>${m.removeRule}</button>
            </p>
          </fieldset>`,
        )}
        <p><button type="button" @click=${() => (this.rules = [...this.rules, { id: '', title: '', body: '', kept: false }])}
          >${m.addRule}</button></p>
        <label for="summary">${m.summary}</label>
        <textarea id="summary" maxlength="500" .value=${this.summary}
          @input=${(e: Event) => (this.summary = (e.target as HTMLTextAreaElement).value)}></textarea>
        <p><button type="submit" class="primary">${m.publish}</button></p>
      </form>
      ${this.statusLine()}`
  }
}
