import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { formatDate } from '../../shared/i18n.js'
import { TribuneElement } from '../../shared/tribune-element.js'
import { badgeSvg } from './icons.js'
import { type ChallengeMessages, challengeMessages } from './messages.js'
import type { AwardedBadge } from './types.js'

/**
 * A member's badges on their profile: icon, name in the reader's language, when and why each was
 * earned. Its chunk loads with the profile page (profile-screens.ts, client/app/lazy.ts).
 */
export class MemberBadges extends TribuneElement {
  static override styles = css`
    :host {
      display: block;
    }
    h2 {
      font-family: var(--tribune-font-heading, inherit);
      font-size: 1.25rem;
      margin: var(--tribune-space-l, 1.5rem) 0 var(--tribune-space-s, 0.5rem);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--tribune-space-s, 0.5rem);
    }
    li {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: var(--tribune-space-s, 0.5rem);
      align-items: center;
      background: var(--tribune-color-surface, #fff);
      border: 1px solid var(--tribune-color-border, #dde1e7);
      border-radius: var(--tribune-radius-m, 0.5rem);
      padding: var(--tribune-space-xs, 0.25rem) var(--tribune-space-s, 0.5rem);
      max-inline-size: 20rem;
    }
    .icon {
      grid-row: span 2;
      inline-size: 1.75rem;
      block-size: 1.75rem;
      color: var(--tribune-color-brand-fill, #1d5fc2);
    }
    a {
      color: var(--tribune-color-link, #174c9c);
    }
    .name {
      font-weight: 600;
    }
    .meta {
      color: var(--tribune-color-text-quiet, #5f6b7a);
      font-size: 0.8125rem;
    }
    button {
      font: inherit;
      min-height: 2.5rem;
      margin-top: var(--tribune-space-s, 0.5rem);
      padding: 0 var(--tribune-space-m, 1rem);
      border: 1px solid var(--tribune-color-border, #dde1e7);
      border-radius: var(--tribune-radius-s, 0.25rem);
      background: var(--tribune-color-surface-raised, #fff);
      color: var(--tribune-color-text, #151b24);
      cursor: pointer;
    }
    :focus-visible {
      outline: 3px solid var(--tribune-color-focus, #e8590c);
      outline-offset: 2px;
    }
  `

  @property() handle = ''
  @state() private badges: AwardedBadge[] | null = null
  @state() private nextCursor: string | null = null

  get m(): ChallengeMessages {
    return this.strings(challengeMessages)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('handle') && this.handle) void this.load()
  }

  private async load(more = false): Promise<void> {
    const h = encodeURIComponent(this.handle)
    const cursor = more && this.nextCursor ? `?cursor=${encodeURIComponent(this.nextCursor)}` : ''
    const page = await this.api
      .get<{ items: AwardedBadge[]; nextCursor: string | null }>(`/api/users/by-handle/${h}/badges${cursor}`)
      .catch(() => null)
    // Badges are a bonus on the profile: if they cannot be read, the profile shows without them.
    if (!page) return
    this.badges = more ? [...(this.badges ?? []), ...page.items] : page.items
    this.nextCursor = page.nextCursor
  }

  override render() {
    const m = this.m
    if (!this.badges) return nothing
    return html`<section aria-labelledby="badges">
      <h2 id="badges">${m.badgesTitle}</h2>
      ${
        this.badges.length === 0
          ? html`<p>${m.noBadges}</p>`
          : html`<ul>${this.badges.map((b) => {
              const fr = this.uiLang === 'fr'
              const description = fr ? b.badge.descriptionFr : b.badge.descriptionEn
              return html`<li title=${description || nothing}>
                ${badgeSvg(b.badge.icon)}
                <span class="name">${fr ? b.badge.nameFr : b.badge.nameEn}</span>
                <span class="meta"><time datetime=${b.awardedAt}>${m.earnedOn(formatDate(b.awardedAt, this.uiLang, this.viewer?.timeZone))}</time>${
                  b.why.kind === 'challenge' && b.why.title
                    ? html` · <a href="/challenges/${b.why.id}">${m.forChallenge(b.why.title)}</a>`
                    : nothing
                }</span>
              </li>`
            })}</ul>`
      }
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(true)}>${m.moreBadges}</button>` : nothing}
    </section>`
  }
}
