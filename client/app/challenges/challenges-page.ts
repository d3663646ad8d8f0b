import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { ApiError } from '../../shared/api.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { CommunityPage, communityStyles } from '../events/community-page.js'
import type { Page } from '../events/types.js'
import { notFoundView } from '../pages/forum-pages.js'
import { pageStyles } from '../pages/page.js'
import { newLink } from '../staff/links.js'
import { badgeSvg } from './icons.js'
import { type ChallengeMessages, challengeMessages } from './messages.js'
import { type Challenge, progressShare, type Submission } from './types.js'

const challengeStyles = css`
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
  }
  .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    vertical-align: -0.25rem;
    margin-inline-end: var(--tribune-space-xs, 0.25rem);
    color: var(--tribune-color-brand-fill, #1d5fc2);
  }
  details {
    margin-block: var(--tribune-space-s, 0.5rem);
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    color: var(--tribune-color-link, #174c9c);
  }
`

/**
 * What the challenge list and a challenge's own page share: a challenge's card (points, period,
 * what to do, the reader's progress, the badge it earns) and the submission form of the
 * challenges a moderator reviews.
 */
class ChallengeView extends CommunityPage {
  static override styles = [pageStyles, communityStyles, challengeStyles]

  get m(): ChallengeMessages {
    return this.strings(challengeMessages)
  }

  /** Replaces a challenge the page shows (after a submission). */
  protected replace(_c: Challenge): void {}

  private async submit(c: Challenge, form: HTMLFormElement): Promise<void> {
    const data = new FormData(form)
    const text = String(data.get('text') ?? '').trim()
    const link = String(data.get('link') ?? '').trim()
    if (!text) {
      this.problem = this.m.needText
      return
    }
    const ok = await this.act(
      () =>
        this.api.post<{ submission: Submission }>(
          `/api/challenges/${c.id}/submissions`,
          link ? { text, link } : { text },
        ),
      this.m.submitted,
    )
    if (!ok) return
    form.reset()
    const fresh = await this.api.get<{ challenge: Challenge }>(`/api/challenges/${c.id}`).catch(() => null)
    if (fresh) this.replace(fresh.challenge)
  }

  private renderPeriod(c: Challenge) {
    const m = this.m
    const parts: string[] = [m.recurrence[c.recurrence]]
    if (c.state === 'upcoming') parts.push(m.startsOn(this.when(c.startsAt)))
    else if (c.state !== 'active') parts.push(m.state[c.state])
    else if (c.recurrence !== 'none' && c.occurrence?.endsAt)
      parts.push(m.periodUntil(this.when(c.occurrence.endsAt)))
    else if (c.endsAt) parts.push(m.until(this.when(c.endsAt)))
    return parts.join(' · ')
  }

  private renderProgress(c: Challenge) {
    const m = this.m
    if (!this.viewer) return c.state === 'active' ? this.signInLink(m.takePart) : nothing
    const p = c.progress
    if (!p) return nothing
    const share = progressShare(p)
    const id = `progress-${c.id}`
    return html`<div class="progress">
        <span id=${id}>${m.progress}</span>
        <progress aria-labelledby=${id} value=${share.value} max=${share.max}></progress>
        <span aria-hidden="true">${share.text}</span>
        <span class="visually-hidden">${m.progressOf(share.value, share.max)}</span>
        ${
          p.completed
            ? html`<span class="pill">✓ ${p.completedAt ? m.completedOn(this.when(p.completedAt)) : m.completed}</span>`
            : nothing
        }
      </div>
      ${
        p.submission
          ? html`<p class="meta">${m.submission[p.submission.status]}
              ${p.submission.status === 'rejected' && p.submission.reviewReason ? m.rejectedBecause(p.submission.reviewReason) : nothing}</p>`
          : nothing
      }`
  }

  private renderSubmit(c: Challenge) {
    const m = this.m
    const p = c.progress
    if (c.completion !== 'submission' || !c.can.submit || p?.completed || p?.submission?.status === 'pending')
      return nothing
    const id = `submit-${c.id}`
    return html`<details>
      <summary>${m.submitTitle}</summary>
      <form class="stack" @submit=${(e: Event) => {
        e.preventDefault()
        void this.submit(c, e.target as HTMLFormElement)
      }}>
        <label for="${id}-text">${m.submitText}</label>
        <textarea id="${id}-text" name="text" required maxlength="5000"></textarea>
        <label for="${id}-link">${m.submitLink}</label>
        <input id="${id}-link" name="link" type="url" maxlength="2000" aria-describedby="${id}-hint" />
        <p class="hint" id="${id}-hint">${m.submitLinkHint}</p>
        <p><button type="submit" class="primary">${m.submit}</button></p>
      </form>
    </details>`
  }

  protected renderChallenge(c: Challenge, full: boolean) {
    const m = this.m
    const badgeName = c.badge ? (this.uiLang === 'fr' ? c.badge.nameFr : c.badge.nameEn) : null
    return html`${full ? nothing : html`<h2><a href=${c.url}>${c.title}</a></h2>`}
      <p><span class="pill">${m.points(this.num(c.points))}</span> <span class="meta">${this.renderPeriod(c)}</span></p>
      <p>${c.rule ? m.rule[c.rule.action](c.rule.count) : m.byReview}</p>
      ${full ? html`<div class="html">${unsafeHTML(sanitizePostHtml(c.html))}</div>` : nothing}
      ${
        c.badge && badgeName
          ? html`<p class="meta">${badgeSvg(c.badge.icon)}${m.badge(badgeName)}</p>`
          : nothing
      }
      ${this.renderProgress(c)}
      ${this.renderSubmit(c)}`
  }
}

/** `/challenges`: the challenges running and coming, each with the reader's progress. */
export class ChallengesPage extends ChallengeView {
  @state() private challenges: Challenge[] | null = null
  @state() private nextCursor: string | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (keys.has('uiLang') || !this.hasUpdated) this.announce(this.m.challengesTitle)
    if (!this.hasUpdated || keys.has('viewer')) void this.load()
  }

  protected override replace(c: Challenge): void {
    this.challenges = (this.challenges ?? []).map((x) => (x.id === c.id ? c : x))
  }

  private async load(more = false): Promise<void> {
    this.failed = null
    try {
      const cursor = more && this.nextCursor ? `&cursor=${encodeURIComponent(this.nextCursor)}` : ''
      const page = await this.api.get<Page<Challenge>>(`/api/challenges?limit=20${cursor}`)
      this.challenges = more ? [...(this.challenges ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  override render() {
    const m = this.m
    const list = this.challenges
    return html`<h1 tabindex="-1">${m.challengesTitle}</h1>
      ${newLink(this.viewer, this.uiLang, 'challenge')}
      <p><a href="/leaderboard">${m.leaderboardTitle}</a></p>
      ${this.statusLine()}
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.errorText(this.failed)}
              <button type="button" @click=${() => void this.load()}>${this.t.retry}</button></p>`
          : !list
            ? this.loadingView()
            : list.length === 0
              ? html`<p>${m.noChallenges}</p>`
              : html`<ul class="cards">${list.map((c) => html`<li class="card">${this.renderChallenge(c, false)}</li>`)}</ul>`
      }
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(true)}>${this.c.loadMore}</button>` : nothing}`
  }
}

/** `/challenges/:id`: one challenge in full, with the reader's progress. */
export class ChallengePage extends ChallengeView {
  @property({ type: Number }) challengeId = 0
  @state() private challenge: Challenge | null = null
  @state() private missing = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (changed.has('challengeId') || (keys.has('viewer') && this.hasUpdated)) void this.load()
    if (keys.has('uiLang') && this.challenge) this.announce(this.challenge.title)
  }

  protected override replace(c: Challenge): void {
    this.challenge = c
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    try {
      const { challenge } = await this.api.get<{ challenge: Challenge }>(
        `/api/challenges/${this.challengeId}`,
      )
      this.challenge = challenge
      this.announce(challenge.title)
    } catch (err) {
      this.challenge = null
      if (err instanceof ApiError && [400, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  override render() {
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const c = this.challenge
    if (!c) return this.loadingView()
    const m = this.m
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/challenges">${m.challengesTitle}</a></li><li aria-current="page">${c.title}</li></ol>
      </nav>
      <h1 tabindex="-1">${c.title}</h1>
      ${this.statusLine()}
      ${this.renderChallenge(c, true)}
      ${c.can.review ? html`<tribune-challenge-review .challenge=${c}></tribune-challenge-review>` : nothing}`
  }
}
