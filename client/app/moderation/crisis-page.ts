import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { markdownHtml } from './markdown.js'
import { ModPage } from './mod-page.js'
import type { CategoryRef, Crisis } from './types.js'

/**
 * The crisis switch (admins): on or off, everywhere or in chosen categories, slow mode, and the
 * statement every page pins, previewed as it will read (the server renders the stored one).
 */
export class CrisisPage extends ModPage {
  @state() private crisis: Crisis | null = null
  @state() private categories: CategoryRef[] = []
  @state() private on = false
  @state() private everywhere = true
  @state() private chosen = new Set<number>()
  @state() private slow = 60
  @state() private statement = ''

  protected override need = 'admin' as const
  protected override view = 'crisis' as const

  override get pageTitle(): string {
    return this.m.crisisTitle
  }

  protected override async start(): Promise<void> {
    this.failed = null
    try {
      const [crisis, categories] = await Promise.all([
        this.api.get<Crisis>('/api/crisis'),
        this.api.get<{ items: CategoryRef[] }>('/api/categories'),
      ])
      this.categories = categories.items
      this.show(crisis)
    } catch (err) {
      this.failed = err
    }
  }

  private show(c: Crisis): void {
    this.crisis = c
    this.on = c.on
    this.everywhere = c.categoryIds === null
    this.chosen = new Set(c.categoryIds ?? [])
    if (c.on) {
      this.slow = c.slowModeSeconds
      this.statement = c.statement
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault()
    const body = this.on
      ? {
          on: true,
          categoryIds: this.everywhere || this.chosen.size === 0 ? null : [...this.chosen],
          slowModeSeconds: this.slow,
          statement: this.statement,
        }
      : { on: false }
    await this.act(async () => {
      this.show(await this.api.put<Crisis>('/api/admin/crisis', body))
    }, this.m.saved)
  }

  private toggle(id: number, on: boolean): void {
    const next = new Set(this.chosen)
    if (on) next.add(id)
    else next.delete(id)
    this.chosen = next
  }

  protected override renderView() {
    const m = this.m
    if (this.failed) return html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
    const c = this.crisis
    if (!c) return this.loadingView()
    return html`<p class="card"><strong>${c.on ? m.crisisOn : m.crisisOff}</strong>
        ${c.since ? html`<span class="meta"> ${m.crisisSince(this.when(c.since))}</span>` : nothing}</p>
      <form class="stack" @submit=${(e: Event) => void this.save(e)}>
        <label><input type="checkbox" .checked=${this.on} @change=${(e: Event) => (this.on = (e.target as HTMLInputElement).checked)} />
          ${m.switchOn}</label>
        <fieldset ?disabled=${!this.on}>
          <legend>${m.crisisWhere}</legend>
          <label><input type="radio" name="where" .checked=${this.everywhere} @change=${() => (this.everywhere = true)} /> ${m.everywhere}</label>
          <label><input type="radio" name="where" .checked=${!this.everywhere} @change=${() => (this.everywhere = false)} /> ${m.someCategories}</label>
          ${
            this.everywhere
              ? nothing
              : this.categories.map(
                  (cat) => html`<label><input type="checkbox" .checked=${this.chosen.has(cat.id)}
                    @change=${(e: Event) => this.toggle(cat.id, (e.target as HTMLInputElement).checked)} /> ${cat.name}</label>`,
                )
          }
        </fieldset>
        <label for="slow">${m.slowMode}</label>
        <input id="slow" type="number" min="0" max="86400" .value=${String(this.slow)} ?disabled=${!this.on}
          @input=${(e: Event) => (this.slow = Number((e.target as HTMLInputElement).value) || 0)} />
        <label for="statement">${m.statement}</label>
        <textarea id="statement" maxlength="5000" .value=${this.statement} ?disabled=${!this.on}
          @input=${(e: Event) => (this.statement = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${
          this.on && this.statement.trim()
            ? html`<section class="card" aria-label=${m.preview}>
                <p class="meta">${m.preview}</p>
                ${unsafeHTML(markdownHtml(this.statement))}
              </section>`
            : nothing
        }
        <p><button type="submit" class="primary">${m.save}</button></p>
      </form>
      ${this.statusLine()}`
  }
}
