import { html, nothing, type TemplateResult } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import type { ModMessages } from './messages.js'
import type { QueueItem } from './types.js'

interface Host {
  m: ModMessages
  ago(iso: string): TemplateResult
  num(n: number): string
}

/**
 * A queue item as a card: what it is, how urgent, the post as written (moderators read hidden
 * text; sanitised again like every post), the member and their standing, the flags, the claim.
 * On the queue it links to the item; on the item's own page it is the heading's content.
 */
export function renderItemCard(host: Host, item: QueueItem, opts: { link: boolean }) {
  const m = host.m
  const p = item.post
  const who = item.member
  const headingId = `item-${item.id}`
  return html`<article class="card ${item.urgent ? 'urgent' : ''}" aria-labelledby=${headingId} data-item=${item.id}>
    <p class="row" id=${headingId}>
      ${item.urgent ? html`<span class="badge">${m.urgent}</span>` : nothing}
      <span class="tag">${m.kinds[item.kind]}</span>
      <span class="tag">${m.target[item.targetType]}</span>
      ${
        opts.link
          ? html`<a href="/mod/items/${item.id}">${m.itemTitle(item.id)}</a>`
          : html`<strong>${m.itemTitle(item.id)}</strong>`
      }
      <span class="meta">${host.ago(item.createdAt)}</span>
    </p>
    ${
      p
        ? html`<p class="meta">
            ${p.author.displayName} ${m.inTopic} <a href="${p.topic.url}#post-${p.id}">${p.topic.title}</a>
            ${p.held ? html` · <span class="tag">${m.heldNow}</span>` : p.hidden ? html` · <span class="tag">${m.hiddenNow}</span>` : nothing}
          </p>
          <div class="body">${unsafeHTML(sanitizePostHtml(p.html))}</div>`
        : nothing
    }
    ${item.detail ? html`<p class="meta">${item.detail}</p>` : nothing}
    ${
      who
        ? html`<p class="meta">
            ${m.member} <a href="/u/${encodeURIComponent(who.handle)}">${who.displayName} (@${who.handle})</a>
            — ${m.standing(who.trustLevel, who.postCount, who.sanctionCount)}
            ${who.restricted ? html` · <strong>${m.restricted}</strong>` : nothing}
          </p>`
        : nothing
    }
    ${
      item.flagCount > 0
        ? html`<p class="meta">${m.flagsSummary(item.flagCount, item.flagWeight)}</p>
          <ul class="flags">
            ${item.flags.map(
              (f) => html`<li>
                ${f.urgent ? html`<span class="badge">${m.urgent}</span> ` : nothing}${m.flagBy(f.ruleId, f.flagger.displayName)}${f.note ? html`${m.noteSep}<q>${f.note}</q>` : nothing}
                <span class="meta">${host.ago(f.createdAt)}</span>
              </li>`,
            )}
          </ul>`
        : nothing
    }
    <p class="meta">${item.claimedBy ? m.claimedBy(item.claimedBy.displayName) : m.unclaimed}
      ${item.resolution ? html` · ${m.resolved(item.resolution)}` : nothing}</p>
  </article>`
}
