import { css, html, nothing, type TemplateResult } from 'lit'
import { state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { CommunityPage, communityStyles } from '../events/community-page.js'
import { pageStyles } from '../pages/page.js'
import type { Category } from '../types.js'
import { type StaffMessages, staffMessages } from './messages.js'
import type { Built } from './payloads.js'
import { zoneChoices } from './zoned.js'

export const formStyles = css`
  form.staff {
    max-width: 40rem;
  }
  .field {
    display: grid;
    gap: var(--tribune-space-xs, 0.25rem);
  }
  fieldset {
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
  }
  legend {
    font-weight: 600;
  }
  label.choice {
    font-weight: 400;
    display: inline-flex;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
  }
  label.choice input {
    width: auto;
  }
  .quiet {
    font-weight: 400;
    color: var(--tribune-color-text-quiet, #5f6b7a);
  }
  [aria-invalid='true'] {
    border-color: var(--tribune-color-danger, #c92a2a);
    outline: 1px solid var(--tribune-color-danger, #c92a2a);
  }
`

interface FieldOptions {
  required?: boolean
  type?: string
  hint?: string
  maxlength?: number
  min?: number | string
  max?: number | string
  step?: number | string
  inputmode?: string
}

/**
 * A staff form page (moderators): a draft of strings bound to labelled inputs, turned into the
 * API's body by a pure builder; a problem found before sending, or the API's error, is said in
 * the alert line right above the submit button and the field it is about is marked and focused.
 */
export class StaffFormPage<D extends object> extends CommunityPage {
  static override styles = [pageStyles, communityStyles, formStyles]

  @state() protected draft!: D
  @state() protected badField: string | null = null
  @state() protected saving = false
  @state() protected categories: Category[] = []
  @state() protected groups: { id: number; name: string }[] = []

  get m(): StaffMessages {
    return this.strings(staffMessages)
  }

  protected get isStaff(): boolean {
    return this.viewer?.role === 'moderator' || this.viewer?.role === 'admin'
  }

  protected setField<K extends keyof D>(key: K, value: D[K]): void {
    this.draft = { ...this.draft, [key]: value }
    if (this.badField === key) this.badField = null
  }

  protected async loadCategories(): Promise<void> {
    const res = await this.api.get<{ items: Category[] }>('/api/categories').catch(() => null)
    this.categories = res?.items ?? []
  }

  protected async loadGroups(): Promise<void> {
    const res = await this.api.get<{ items: { id: number; name: string }[] }>('/api/groups').catch(() => null)
    this.groups = res?.items ?? []
  }

  /** Builds the body and sends it; false (with the problem shown) when it could not. */
  protected async submit<T>(
    built: Built<Record<string, unknown>>,
    send: (body: Record<string, unknown>) => Promise<T>,
    done: string,
  ): Promise<T | null> {
    this.notice = ''
    this.problem = ''
    this.badField = null
    if ('problem' in built) {
      this.problem = built.problem(this.m)
      this.badField = built.field
      await this.updateComplete
      ;(this.renderRoot.querySelector(`#${built.field}`) as HTMLElement | null)?.focus()
      return null
    }
    this.saving = true
    let result: T | null = null
    await this.act(async () => {
      result = await send(built.body)
    }, done)
    this.saving = false
    return result
  }

  private describedBy(id: string, hint: boolean): string | undefined {
    const ids = [hint ? `${id}-hint` : '', this.badField === id ? 'form-problem' : ''].filter(Boolean)
    return ids.length ? ids.join(' ') : undefined
  }

  private labelFor(id: string, label: string, required?: boolean) {
    return html`<label for=${id}>${label}${required ? nothing : html` <span class="quiet">${this.m.optional}</span>`}</label>`
  }

  private hintFor(id: string, hint?: string) {
    return hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing
  }

  /** A labelled input bound to the draft's string `key`. */
  protected fieldInput(key: keyof D & string, label: string, o: FieldOptions = {}): TemplateResult {
    const value = String((this.draft as Record<string, unknown>)[key] ?? '')
    return html`<div class="field">
      ${this.labelFor(key, label, o.required)}
      <input id=${key} name=${key} type=${o.type ?? 'text'} .value=${value} ?required=${o.required ?? false}
        maxlength=${ifDefined(o.maxlength)} min=${ifDefined(o.min)} max=${ifDefined(o.max)} step=${ifDefined(o.step)}
        inputmode=${ifDefined(o.inputmode)}
        aria-invalid=${this.badField === key ? 'true' : 'false'} aria-describedby=${ifDefined(this.describedBy(key, !!o.hint))}
        @input=${(e: Event) => this.setField(key, (e.target as HTMLInputElement).value as D[typeof key])} />
      ${this.hintFor(key, o.hint)}
    </div>`
  }

  /** A labelled textarea bound to the draft's string `key`. */
  protected fieldArea(key: keyof D & string, label: string, o: FieldOptions = {}): TemplateResult {
    const value = String((this.draft as Record<string, unknown>)[key] ?? '')
    return html`<div class="field">
      ${this.labelFor(key, label, o.required)}
      <textarea id=${key} name=${key} .value=${value} ?required=${o.required ?? false} maxlength=${ifDefined(o.maxlength)}
        rows="8" aria-invalid=${this.badField === key ? 'true' : 'false'} aria-describedby=${ifDefined(this.describedBy(key, !!o.hint))}
        @input=${(e: Event) => this.setField(key, (e.target as HTMLTextAreaElement).value as D[typeof key])}></textarea>
      ${this.hintFor(key, o.hint)}
    </div>`
  }

  /** A labelled select bound to the draft's string `key`. */
  protected fieldSelect(
    key: keyof D & string,
    label: string,
    options: readonly (readonly [string, string])[],
    o: FieldOptions = {},
  ): TemplateResult {
    const value = String((this.draft as Record<string, unknown>)[key] ?? '')
    return html`<div class="field">
      ${this.labelFor(key, label, o.required ?? true)}
      <select id=${key} name=${key} aria-invalid=${this.badField === key ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(key, !!o.hint))}
        @change=${(e: Event) => this.setField(key, (e.target as HTMLSelectElement).value as D[typeof key])}>
        ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
      </select>
      ${this.hintFor(key, o.hint)}
    </div>`
  }

  /** The IANA zone select (the draft's `timeZone`), which the datetime inputs are read in. */
  protected zoneSelect(): TemplateResult {
    const zone = String((this.draft as Record<string, unknown>).timeZone ?? '')
    return this.fieldSelect(
      'timeZone' as keyof D & string,
      this.m.timeZone,
      zoneChoices(zone).map((z) => [z, z] as const),
      { hint: this.m.timeZoneHint },
    )
  }

  /** A datetime-local input, read in the draft's zone. */
  protected fieldWhen(key: keyof D & string, label: string, required = true): TemplateResult {
    return this.fieldInput(key, label, { type: 'datetime-local', required })
  }

  /** The alert and status lines, then the submit button: where a failure is read, next to the form. */
  protected submitRow(label: string): TemplateResult {
    return html`<p role="status" class="ok status">${this.notice}</p>
      <p role="alert" class="error" id="form-problem">${this.problem}</p>
      <p><button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? this.m.saving : label}</button></p>`
  }

  protected forbiddenView(title: string): TemplateResult {
    return html`<h1 tabindex="-1">${title}</h1>
      ${
        this.viewer
          ? html`<p>${this.m.forbidden}</p>`
          : html`<p><a href="/login?next=${encodeURIComponent(location.pathname)}">${this.c.signIn}</a></p>`
      }`
  }
}
