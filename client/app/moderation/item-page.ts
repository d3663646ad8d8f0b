import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import type { LiveEvent } from '../../live/live-client.js'
import { LiveModPage } from './live-mod-page.js'
import { renderItemCard } from './queue-card.js'
import type { PastSanction, QueueItem } from './types.js'

/**
 * One queue item with what a decision needs: the claim (so two moderators don't handle it at
 * once), the item, the thread around the post, the member's past sanctions, and the decisions.
 * Another moderator's claim or decision shows live.
 */
export class ItemPage extends LiveModPage {
  @property({ type: Number }) itemId = 0

  @state() private item: QueueItem | null = null
  /** The sanction whose lifting is being confirmed, with its reason field open. */
  @state() private lifting: number | null = null

  protected override view = null

  override get pageTitle(): string {
    return this.m.itemTitle(this.itemId)
  }

  protected override async start(): Promise<void> {
    await this.load()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    if (changed.has('itemId') && changed.get('itemId') !== undefined && this.allowed) {
      this.item = null
      this.announce(this.pageTitle)
      void this.load()
    }
  }

  protected override onModeration(e: LiveEvent): void {
    const d = (e.data ?? {}) as { itemId?: number }
    if (e.type === 'queue.changed' && d.itemId === this.itemId) void this.load()
  }

  private async load(): Promise<void> {
    this.failed = null
    try {
      this.item = (await this.api.get<{ item: QueueItem }>(`/api/moderation/queue/${this.itemId}`)).item
    } catch (err) {
      this.failed = err
    }
  }

  private async claim(on: boolean): Promise<void> {
    const url = `/api/moderation/queue/${this.itemId}/claim`
    const ok = await this.act(() => (on ? this.api.post(url) : this.api.delete(url)), '')
    if (ok) await this.load()
  }

  protected override renderView() {
    const m = this.m
    if (this.failed)
      return html`<p role="alert" class="error">${this.errorText(this.failed)}</p>
        <p><button type="button" @click=${() => void this.load()}>${m.retry}</button> <a href="/mod">${m.views.queue}</a></p>`
    const item = this.item
    if (!item) return this.loadingView()
    const mine = item.claimedBy?.id === this.viewer?.id
    return html`<p class="row">
        ${
          item.resolvedAt
            ? nothing
            : mine
              ? html`<span>${m.claimedByYou}</span>
                <button type="button" @click=${() => void this.claim(false)}>${m.release}</button>`
              : html`<button type="button" class="primary" @click=${() => void this.claim(true)}>${m.claim}</button>`
        }
      </p>
      ${this.statusLine()}
      ${renderItemCard(this, item, { link: false })}
      ${item.context?.length ? this.renderThread(item) : nothing}
      ${item.member ? this.renderHistory(item) : nothing}
      ${
        item.resolvedAt
          ? nothing
          : html`<tribune-mod-actions .item=${item} @tribune-mod-done=${() => void this.load()}></tribune-mod-actions>`
      }`
  }

  private renderThread(item: QueueItem) {
    const m = this.m
    return html`<section aria-labelledby="thread-h">
      <h2 id="thread-h">${m.thread}</h2>
      <ol class="cards">
        ${item.context!.map(
          (c) => html`<li class="card" aria-current=${c.id === item.post?.id ? 'true' : nothing}>
            <p class="meta">#${c.postNumber} · ${c.author.displayName} · ${this.ago(c.createdAt)}
              ${c.hidden ? html` · <span class="tag">${m.hiddenNow}</span>` : nothing}</p>
            <p class="plain">${c.id === item.post?.id ? html`<strong>${c.body}</strong>` : c.body}</p>
          </li>`,
        )}
      </ol>
    </section>`
  }

  private renderLift(s: PastSanction) {
    const m = this.m
    if (this.lifting !== s.id)
      return html`<button type="button" @click=${() => (this.lifting = s.id)}>${m.lift}</button>`
    return html`<form class="row" @submit=${(e: Event) => this.lift(e, s.id)}>
      <label>${m.liftReason} <input name="reason" required minlength="3" maxlength="500" autofocus /></label>
      <button type="submit" class="primary">${m.lift}</button>
      <button type="button" @click=${() => (this.lifting = null)}>${m.cancel}</button>
    </form>`
  }

  private async lift(e: Event, id: number) {
    e.preventDefault()
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim()
    if (await this.act(() => this.api.post(`/api/sanctions/${id}/lift`, { reason }), this.m.lifted)) {
      this.lifting = null
      await this.load()
    }
  }

  private renderHistory(item: QueueItem) {
    const m = this.m
    const h = item.history ?? []
    return html`<section aria-labelledby="history-h">
      <h2 id="history-h">${m.history}</h2>
      ${
        h.length === 0
          ? html`<p>${m.noHistory}</p>`
          : html`<ul>
            ${h.map(
              (s) => html`<li>${m.sanctionKinds[s.kind]} — ${s.ruleId} — ${s.reason}
                <span class="meta">(${this.when(s.createdAt)}${s.endsAt ? ` → ${this.when(s.endsAt)}` : ''})</span>
                ${inForce(s) ? this.renderLift(s) : nothing}</li>`,
            )}
          </ul>`
      }
    </section>`
  }
}

/** A silence, suspension or ban not lifted and not over: one a moderator may lift. */
function inForce(s: PastSanction): boolean {
  return s.kind !== 'warning' && !s.liftedAt && (!s.endsAt || new Date(s.endsAt).getTime() > Date.now())
}
