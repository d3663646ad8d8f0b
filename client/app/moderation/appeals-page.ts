import { html } from 'lit'
import { state } from 'lit/decorators.js'
import type { LiveEvent } from '../../live/live-client.js'
import { LiveModPage } from './live-mod-page.js'
import type { Appeal, Sanction } from './types.js'

type Pending = { appeal: Appeal; sanction: Sanction }

/** Appeals waiting for a moderator other than the one who decided; the list follows `appeal.changed`. */
export class AppealsPage extends LiveModPage {
  @state() private items: Pending[] | null = null
  private reasons = new Map<number, string>()

  protected override view = 'appeals' as const

  override get pageTitle(): string {
    return this.m.appealsTitle
  }

  protected override async start(): Promise<void> {
    await this.load()
  }

  protected override onModeration(e: LiveEvent): void {
    if (e.type === 'appeal.changed') void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    try {
      this.items = (await this.api.get<{ items: Pending[] }>('/api/moderation/appeals')).items
    } catch (err) {
      this.failed = err
    }
  }

  private async decide(id: number, outcome: 'upheld' | 'overturned'): Promise<void> {
    const reason = this.reasons.get(id)?.trim() ?? ''
    if (!reason) {
      this.problem = this.m.needReason
      return
    }
    if (await this.act(() => this.api.post(`/api/appeals/${id}/decision`, { outcome, reason })))
      await this.load()
  }

  protected override renderView() {
    const m = this.m
    if (this.failed) return html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
    if (!this.items) return this.loadingView()
    return html`${this.statusLine()}
      ${
        this.items.length === 0
          ? html`<p role="status">${m.noAppeals}</p>`
          : html`<ul class="cards">
            ${this.items.map(
              ({ appeal: a, sanction: s }) => html`<li class="card">
                <h2 id="appeal-${a.id}">${m.appealOf(m.sanctionKinds[s.kind], s.ruleId)}</h2>
                <p class="meta">${s.reason} · ${this.ago(s.createdAt)}${s.createdBy ? ` · ${s.createdBy.displayName}` : ''}</p>
                <p class="plain body">${a.text}</p>
                <label for="why-${a.id}">${m.reason}</label>
                <textarea id="why-${a.id}" maxlength="2000"
                  @input=${(e: Event) => this.reasons.set(a.id, (e.target as HTMLTextAreaElement).value)}></textarea>
                <p class="row">
                  <button type="button" @click=${() => void this.decide(a.id, 'upheld')}>${m.upheld}</button>
                  <button type="button" @click=${() => void this.decide(a.id, 'overturned')}>${m.overturned}</button>
                </p>
              </li>`,
            )}
          </ul>`
      }`
  }
}
