import { css, html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ApiError, type TribuneApi } from '../../shared/api.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { messages } from './messages.js'

interface Rule {
  id: string
  title: string
}

const rulesOf = new WeakMap<TribuneApi, Promise<Rule[]>>()
/** The charter's rules, read once per page whatever the number of posts. */
function charterRules(api: TribuneApi): Promise<Rule[]> {
  let r = rulesOf.get(api)
  if (!r) {
    r = api.get<{ rules: Rule[] }>('/api/charter').then((c) => c.rules)
    r.catch(() => rulesOf.delete(api))
    rulesOf.set(api, r)
  }
  return r
}

/**
 * The "Report" dialog of a post: the member picks the charter rule it breaks and may add a note
 * for the moderators. A modal <dialog>, so focus stays in it and Escape closes it.
 *
 * @csspart dialog - The dialog box.
 * @event tribune-reported - The report was received: `{ postId }`.
 */
export class TribuneReportDialog extends TribuneElement {
  static override styles = css`
    dialog {
      color: var(--tribune-color-text, #1a1a1a);
      background: var(--tribune-color-surface, #fff);
      border: 1px solid var(--tribune-color-border, #d9d9de);
      border-radius: var(--tribune-radius-m, 0.5rem);
      padding: var(--tribune-space-m, 1rem);
      width: min(28rem, calc(100vw - 2rem));
      box-sizing: border-box;
    }
    form {
      display: grid;
      gap: var(--tribune-space-s, 0.5rem);
    }
    h2 {
      font-size: 1.125rem;
      margin: 0;
    }
    label {
      font-weight: 600;
    }
    select,
    textarea,
    button {
      font: inherit;
      color: inherit;
    }
    select,
    textarea {
      padding: var(--tribune-space-xs, 0.25rem);
      border: 1px solid var(--tribune-color-border, #d9d9de);
      border-radius: var(--tribune-radius-s, 0.25rem);
      background: var(--tribune-color-surface, #fff);
    }
    .actions {
      display: flex;
      gap: var(--tribune-space-s, 0.5rem);
      justify-content: flex-end;
      flex-wrap: wrap;
    }
    button {
      min-height: 2.5rem;
      padding: 0 var(--tribune-space-m, 1rem);
      border: 1px solid var(--tribune-color-border, #d9d9de);
      border-radius: var(--tribune-radius-s, 0.25rem);
      background: var(--tribune-color-surface-raised, #fff);
      cursor: pointer;
    }
    button.primary {
      background: var(--tribune-color-brand-fill, #1d5fc2);
      color: var(--tribune-color-on-brand, #fff);
      border-color: transparent;
    }
    .error {
      color: var(--tribune-color-danger, #c92a2a);
    }
    :focus-visible {
      outline: 3px solid var(--tribune-color-focus, #e8590c);
      outline-offset: 2px;
    }
  `

  @property({ type: Number }) postId = 0
  @state() private rules: Rule[] = []
  @state() private error = ''
  @state() private done = ''
  @state() private sending = false

  /** Opens the dialog, the rule picker first. */
  async show(): Promise<void> {
    this.error = ''
    this.done = ''
    await this.updateComplete
    this.renderRoot.querySelector('dialog')?.showModal()
    this.rules = await charterRules(this.api).catch(() => [])
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close()
  }

  private async send(e: Event): Promise<void> {
    e.preventDefault()
    const t = this.strings(messages)
    const form = new FormData(e.target as HTMLFormElement)
    const ruleId = String(form.get('rule') ?? '')
    const note = String(form.get('note') ?? '').trim()
    if (!ruleId) {
      this.error = t.reportPickRule
      return
    }
    this.sending = true
    this.error = ''
    try {
      await this.api.post(`/api/posts/${this.postId}/flags`, { ruleId, ...(note ? { note } : {}) })
      this.done = t.reportSent
      this.emit('reported', { postId: this.postId })
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_flagged') this.done = t.alreadyReported
      else this.error = err instanceof ApiError ? err.message : t.reportFailed
    } finally {
      this.sending = false
    }
  }

  override render() {
    const t = this.strings(messages)
    return html`<dialog part="dialog" aria-labelledby="report-h">
      <form @submit=${(e: Event) => void this.send(e)}>
        <h2 id="report-h">${t.reportTitle}</h2>
        ${
          this.done
            ? html`<p role="status">${this.done}</p>`
            : html`<label for="rule">${t.reportRule}</label>
              <select id="rule" name="rule" required>
                <option value="">${t.reportPickRule}</option>
                ${this.rules.map((r) => html`<option value=${r.id}>${r.title}</option>`)}
              </select>
              <label for="note">${t.reportNote}</label>
              <textarea id="note" name="note" maxlength="1000" rows="3"></textarea>`
        }
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="button" @click=${() => this.close()}>${this.done ? t.reportClose : t.reportCancel}</button>
          ${this.done ? nothing : html`<button type="submit" class="primary" ?disabled=${this.sending}>${t.reportSend}</button>`}
        </div>
      </form>
    </dialog>`
  }
}
