import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import type { LiveEvent } from '../../live/live-client.js'
import { LiveModPage } from './live-mod-page.js'
import { renderItemCard } from './queue-card.js'
import type { ItemKind, QueueItem } from './types.js'

const kinds: (ItemKind | null)[] = [null, 'flagged', 'held', 'watched']

/** Where an item goes in the list as the server orders it: urgent first, then oldest. */
export function placeItem(items: QueueItem[], item: QueueItem): QueueItem[] {
  const rest = items.filter((i) => i.id !== item.id)
  const at = rest.findIndex(
    (i) => (item.urgent && !i.urgent) || (item.urgent === i.urgent && i.createdAt > item.createdAt),
  )
  return at === -1 ? [...rest, item] : [...rest.slice(0, at), item, ...rest.slice(at)]
}

/**
 * The review queue, by kind, kept current live: every change on the `moderation` channel names
 * an item, which is read again (with this moderator's permissions) and put in its place.
 */
export class QueuePage extends LiveModPage {
  @state() private items: QueueItem[] | null = null
  @state() private nextCursor: string | null = null
  @state() private kind: ItemKind | null = null
  @state() private liveNote = ''

  protected override view = 'queue' as const

  override get pageTitle(): string {
    return this.m.queueTitle
  }

  protected override async start(): Promise<void> {
    await this.load()
  }

  protected override onModeration(e: LiveEvent): void {
    void this.changed(e)
  }

  private async load(cursor?: string): Promise<void> {
    this.failed = null
    const params = new URLSearchParams()
    if (this.kind) params.set('kind', this.kind)
    if (cursor) params.set('cursor', cursor)
    try {
      const page = await this.api.get<{ items: QueueItem[]; nextCursor: string | null }>(
        `/api/moderation/queue${params.size ? `?${params}` : ''}`,
      )
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  private async changed(e: LiveEvent): Promise<void> {
    if (e.type !== 'queue.changed' || !this.items) return
    const { itemId, change } = (e.data ?? {}) as { itemId?: number; change?: string }
    if (typeof itemId !== 'number') return
    if (change === 'resolved') {
      this.items = this.items.filter((i) => i.id !== itemId)
    } else {
      const item = await this.api
        .get<{ item: QueueItem }>(`/api/moderation/queue/${itemId}`)
        .then((r) => r.item)
        .catch(() => null)
      if (!item || !this.items) return
      const listed = this.items.some((i) => i.id === itemId)
      if (item.resolvedAt || (this.kind && item.kind !== this.kind)) {
        this.items = this.items.filter((i) => i.id !== itemId)
      } else if (listed) {
        this.items = this.items.map((i) => (i.id === itemId ? item : i))
      } else {
        this.items = placeItem(this.items, item)
      }
    }
    this.liveNote = this.m.queueUpdated
  }

  private pick(kind: ItemKind | null): void {
    if (kind === this.kind) return
    this.kind = kind
    this.items = null
    void this.load()
  }

  protected override renderView() {
    const m = this.m
    return html`<div class="row" role="group" aria-label=${m.queueFilter}>
        ${kinds.map(
          (
            k,
          ) => html`<button type="button" aria-pressed=${this.kind === k ? 'true' : 'false'} @click=${() => this.pick(k)}
            >${k ? m.kinds[k] : m.all}</button>`,
        )}
      </div>
      <p class="visually-hidden" role="status">${this.liveNote}</p>
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.t.loadFailed}<button type="button" @click=${() => void this.load()}>${m.retry}</button></p>`
          : !this.items
            ? this.loadingView()
            : this.items.length === 0
              ? html`<p role="status">${m.emptyQueue}</p>`
              : html`<ul class="cards">${this.items.map((i) => html`<li>${renderItemCard(this, i, { link: true })}</li>`)}</ul>`
      }
      ${
        this.nextCursor
          ? html`<button type="button" @click=${() => void this.load(this.nextCursor ?? undefined)}>${m.loadMore}</button>`
          : nothing
      }`
  }
}
