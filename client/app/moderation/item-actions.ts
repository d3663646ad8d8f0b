import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { charterOf, ModPage } from './mod-page.js'
import { type CategoryRef, type QueueItem, type Rule, type SanctionKind, sanctionKinds } from './types.js'

interface TopicFacts {
  id: number
  locked: boolean
  categoryId: number
}

/**
 * The decisions a moderator can take on a queue item, each citing a charter rule and a reason
 * the member reads: approve or reject a held post, hide or show a post, dismiss the flags,
 * sanction the member, lock or move the topic. Emits `tribune-mod-done` after each, so the page
 * reads the item again.
 *
 * @event tribune-mod-done - A decision went through.
 */
export class ModActions extends ModPage {
  @property({ attribute: false }) item: QueueItem | null = null
  @state() private rules: Rule[] = []
  @state() private categories: CategoryRef[] = []
  @state() private topic: TopicFacts | null = null
  @state() private ruleId = ''
  @state() private reason = ''
  @state() private kind: SanctionKind = 'warning'
  @state() private endsAt = ''
  @state() private moveTo = 0
  @state() private busy = false

  // A part of the item's page, not a page: the page names the document.
  protected override announce(): void {}

  protected override async start(): Promise<void> {
    const [charter, categories] = await Promise.all([
      charterOf(this.api).catch(() => null),
      this.api.get<{ items: CategoryRef[] }>('/api/categories').catch(() => ({ items: [] })),
    ])
    this.rules = charter?.rules ?? []
    this.categories = categories.items
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const topicId = this.item?.post?.topic.id
    if (changed.has('item') && topicId && this.api && topicId !== this.topic?.id) void this.loadTopic(topicId)
  }

  // The queue item does not say whether the topic is locked: the topic itself does.
  private async loadTopic(id: number): Promise<void> {
    const page = await this.api.get<{ topic: TopicFacts }>(`/api/topics/${id}?limit=1`).catch(() => null)
    if (page) this.topic = { id: page.topic.id, locked: page.topic.locked, categoryId: page.topic.categoryId }
  }

  /** Runs a decision after checking what it needs, then tells the page. */
  private async decide(needs: 'rule' | 'reason' | 'none', run: () => Promise<unknown>): Promise<void> {
    const m = this.m
    if (needs === 'rule' && (!this.ruleId || !this.reason.trim())) {
      this.problem = m.needRuleAndReason
      return
    }
    if (needs === 'reason' && !this.reason.trim()) {
      this.problem = m.needReason
      return
    }
    this.busy = true
    const ok = await this.act(run)
    this.busy = false
    if (ok) {
      this.reason = ''
      if (this.topic) await this.loadTopic(this.topic.id)
      this.emit('mod-done')
    }
  }

  private decision() {
    return { ruleId: this.ruleId, reason: this.reason.trim() }
  }

  private sanction(): void {
    const m = this.m
    const lasts = this.kind === 'silence' || this.kind === 'suspension'
    if (lasts && !this.endsAt) {
      this.problem = m.needEnd
      return
    }
    const member = this.item!.member!
    void this.decide('rule', () =>
      this.api.post(`/api/users/${member.id}/sanctions`, {
        kind: this.kind,
        ...this.decision(),
        ...(lasts ? { endsAt: new Date(this.endsAt).toISOString() } : {}),
      }),
    )
  }

  override render() {
    const item = this.item
    if (!item || !this.allowed) return nothing
    const m = this.m
    const p = item.post
    const open = item.resolvedAt === null
    const t = this.topic
    return html`<section aria-labelledby="actions-h">
      <h2 id="actions-h">${m.actions}</h2>
      <form class="stack" @submit=${(e: Event) => e.preventDefault()}>
        <label for="rule">${m.rule}</label>
        <select id="rule" .value=${this.ruleId} @change=${(e: Event) => (this.ruleId = (e.target as HTMLSelectElement).value)}>
          <option value="">${m.pickRule}</option>
          ${this.rules.map((r) => html`<option value=${r.id} ?selected=${r.id === this.ruleId}>${r.title} (${r.id})</option>`)}
        </select>
        <label for="reason">${m.reason}</label>
        <textarea id="reason" aria-describedby="reason-hint" maxlength="2000" .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
        <p id="reason-hint" class="hint">${m.reasonHint}</p>
      </form>
      <div class="row">
        ${
          p?.held
            ? html`<button type="button" class="primary" ?disabled=${this.busy}
                @click=${() => void this.decide('none', () => this.api.post(`/api/posts/${p.id}/approve`))}>${m.approve}</button>
              <button type="button" ?disabled=${this.busy}
                @click=${() => void this.decide('rule', () => this.api.post(`/api/posts/${p.id}/reject`, this.decision()))}>${m.reject}</button>`
            : p && !p.hidden
              ? html`<button type="button" ?disabled=${this.busy}
                  @click=${() => void this.decide('rule', () => this.api.post(`/api/posts/${p.id}/hide`, this.decision()))}>${m.hide}</button>`
              : p
                ? html`<button type="button" ?disabled=${this.busy}
                    @click=${() => void this.decide('reason', () => this.api.post(`/api/posts/${p.id}/unhide`, { reason: this.reason.trim() }))}>${m.unhide}</button>`
                : nothing
        }
        ${
          open && !p?.held && (item.flagCount > 0 || item.kind === 'watched')
            ? html`<button type="button" ?disabled=${this.busy}
                @click=${() => void this.decide('reason', () => this.api.post(`/api/moderation/queue/${item.id}/dismiss`, { reason: this.reason.trim() }))}>${m.dismiss}</button>`
            : nothing
        }
        ${
          t
            ? html`<button type="button" ?disabled=${this.busy}
                @click=${() => void this.decide('rule', () => this.api.patch(`/api/topics/${t.id}`, { locked: !t.locked, ...this.decision() }))}
                >${t.locked ? m.unlock : m.lock}</button>`
            : nothing
        }
      </div>
      ${t ? this.renderMove(t) : nothing} ${item.member ? this.renderSanction() : nothing}
      ${this.statusLine()}
    </section>`
  }

  private renderMove(t: TopicFacts) {
    const m = this.m
    const others = this.categories.filter((c) => c.id !== t.categoryId)
    if (others.length === 0) return nothing
    return html`<fieldset>
      <legend>${m.move}</legend>
      <label for="move-to">${m.moveTo}</label>
      <select id="move-to" @change=${(e: Event) => (this.moveTo = Number((e.target as HTMLSelectElement).value))}>
        <option value="0">—</option>
        ${others.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </select>
      <p><button type="button" ?disabled=${this.busy || !this.moveTo}
        @click=${() => void this.decide('rule', () => this.api.patch(`/api/topics/${t.id}`, { categoryId: this.moveTo, ...this.decision() }))}
        >${m.move}</button></p>
    </fieldset>`
  }

  private renderSanction() {
    const m = this.m
    const lasts = this.kind === 'silence' || this.kind === 'suspension'
    return html`<fieldset>
      <legend>${m.sanction}</legend>
      <label for="kind">${m.sanctionKind}</label>
      <select id="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as SanctionKind)}>
        ${sanctionKinds.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${m.sanctionKinds[k]}</option>`)}
      </select>
      ${
        lasts
          ? html`<label for="ends">${m.endsAt}</label>
            <input id="ends" type="datetime-local" .value=${this.endsAt}
              @input=${(e: Event) => (this.endsAt = (e.target as HTMLInputElement).value)} />`
          : nothing
      }
      <p><button type="button" ?disabled=${this.busy} @click=${() => this.sanction()}>${m.sanction}</button></p>
    </fieldset>`
  }
}
