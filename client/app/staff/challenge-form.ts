import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { challengeMessages } from '../challenges/messages.js'
import type { Challenge } from '../challenges/types.js'
import { type ChallengeDraft, challengeBody, emptyChallengeDraft } from './payloads.js'
import { StaffFormPage } from './staff-form.js'
import { browserZone } from './zoned.js'

/**
 * `/challenges/new` (moderators): the fields of POST /api/challenges: title, description, points,
 * start and end in a chosen zone (also the zone weeks and months are counted in), recurrence, and
 * how it is completed: by forum activity (a rule) or by a submission a moderator approves; and
 * optionally the badge it earns. Created, it goes to the challenge's page.
 */
export class ChallengeFormPage extends StaffFormPage<ChallengeDraft> {
  constructor() {
    super()
    this.draft = emptyChallengeDraft(browserZone())
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (!this.hasUpdated || keys.has('viewer')) {
      this.announce(this.m.newChallenge)
      if (this.isStaff) void this.loadCategories()
    } else if (keys.has('uiLang')) this.announce(this.m.newChallenge)
  }

  private async save(): Promise<void> {
    const saved = await this.submit(
      challengeBody(this.draft),
      (body) => this.api.post<{ challenge: Challenge }>('/api/challenges', body),
      this.m.newChallenge,
    )
    if (saved)
      this.emit('navigate', {
        url: saved.challenge.url || `/challenges/${saved.challenge.id}`,
        replace: true,
      })
  }

  override render() {
    const m = this.m
    if (!this.isStaff) return this.forbiddenView(m.newChallenge)
    const d = this.draft
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/challenges">${this.strings(challengeMessages).challengesTitle}</a></li>
        <li aria-current="page">${m.newChallenge}</li></ol>
      </nav>
      <h1 tabindex="-1">${m.newChallenge}</h1>
      <form class="stack staff" @submit=${(e: Event) => {
        e.preventDefault()
        void this.save()
      }}>
        ${this.fieldInput('title', m.title, { required: true, maxlength: 120 })}
        ${this.fieldArea('description', m.description, { maxlength: 10_000, hint: m.markdownHint })}
        ${this.fieldInput('points', m.points, { type: 'number', required: true, min: 1, max: 100_000, step: 1 })}
        ${this.zoneSelect()}
        ${this.fieldWhen('startsAt', m.startsAt)}
        ${this.fieldWhen('endsAt', m.endsAtOptional, false)}
        ${this.fieldSelect('recurrence', m.recurrence, [
          ['none', m.recurrences.none],
          ['weekly', m.recurrences.weekly],
          ['monthly', m.recurrences.monthly],
        ])}
        <fieldset>
          <legend>${m.completion}</legend>
          ${(['review', 'rule'] as const).map(
            (
              k,
            ) => html`<label class="choice"><input type="radio" name="completion" value=${k} .checked=${d.completion === k}
              @change=${() => this.setField('completion', k)} />${k === 'rule' ? m.completionRule : m.completionReview}</label>`,
          )}
          ${
            d.completion === 'rule'
              ? html`${this.fieldSelect('ruleAction', m.ruleAction, [
                  ['reply', m.actions.reply],
                  ['topic', m.actions.topic],
                  ['reaction_received', m.actions.reaction_received],
                ])}
                ${this.fieldInput('ruleCount', m.ruleCount, { type: 'number', required: true, min: 1, max: 10_000, step: 1 })}
                ${this.fieldSelect(
                  'ruleCategoryId',
                  m.ruleCategory,
                  [['', m.anyCategory], ...this.categories.map((c) => [String(c.id), c.name] as const)],
                  { required: false },
                )}`
              : nothing
          }
        </fieldset>
        <fieldset>
          <legend>${m.badge} <span class="quiet">${m.optional}</span></legend>
          <p class="hint">${m.badgeHint}</p>
          ${this.fieldInput('badgeSlug', m.badgeSlug, { maxlength: 48 })}
          ${this.fieldInput('badgeNameFr', m.badgeNameFr, { maxlength: 60 })}
          ${this.fieldInput('badgeNameEn', m.badgeNameEn, { maxlength: 60 })}
        </fieldset>
        ${this.submitRow(m.createChallenge)}
      </form>`
  }
}

interface PendingSubmission {
  id: number
  author: { id: number; handle: string; displayName: string }
  html: string
  link: string | null
  createdAt: string
}

/**
 * On a challenge's page, for moderators: the pending submissions, each with Approve and Reject
 * (a reason the member reads is required to reject), calling POST /api/challenge-submissions/:id/review.
 */
export class ChallengeReview extends StaffFormPage<{ reason: string }> {
  @property({ attribute: false }) challenge: Challenge | null = null
  @state() private pending: PendingSubmission[] = []
  @state() private rejecting: number | null = null
  @state() private nextCursor: string | null = null

  constructor() {
    super()
    this.draft = { reason: '' }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const before = changed.get('challenge') as Challenge | null | undefined
    if (changed.has('challenge') && before?.id !== this.challenge?.id) void this.load()
  }

  private async load(more = false): Promise<void> {
    const c = this.challenge
    if (!c?.can.review) {
      this.pending = []
      return
    }
    const cursor = more && this.nextCursor ? `&cursor=${encodeURIComponent(this.nextCursor)}` : ''
    const page = await this.api
      .get<{ items: PendingSubmission[]; nextCursor: string | null }>(
        `/api/challenges/${c.id}/submissions?status=pending&limit=50${cursor}`,
      )
      .catch(() => null)
    if (!page) return
    this.pending = more ? [...this.pending, ...page.items] : page.items
    this.nextCursor = page.nextCursor
  }

  private async review(s: PendingSubmission, decision: 'approve' | 'reject'): Promise<void> {
    const reason = this.draft.reason.trim()
    const built =
      decision === 'reject' && !reason
        ? { problem: () => this.m.needReason, field: 'reason' }
        : { body: decision === 'reject' ? { decision, reason } : { decision } }
    const done = await this.submit(
      built,
      (body) => this.api.post(`/api/challenge-submissions/${s.id}/review`, body),
      decision === 'approve' ? this.m.approved : this.m.rejected,
    )
    if (done) {
      this.pending = this.pending.filter((x) => x.id !== s.id)
      this.rejecting = null
      this.draft = { reason: '' }
    }
  }

  override render() {
    const m = this.m
    if (!this.challenge?.can.review) return nothing
    return html`<section aria-labelledby="pending-title">
      <h2 id="pending-title">${m.pendingSubmissions}</h2>
      <p role="status" class="ok status">${this.notice}</p>
      ${
        this.pending.length === 0
          ? html`<p>${m.noPending}</p>`
          : html`<ul class="cards">${this.pending.map(
              (s) => html`<li class="card">
                <p class="meta">${m.submittedBy(s.author.displayName)} · ${this.ago(s.createdAt)}</p>
                <div class="html">${unsafeHTML(sanitizePostHtml(s.html))}</div>
                ${s.link ? html`<p><a href=${s.link} rel="external noopener nofollow" target="_blank">${s.link}</a></p>` : nothing}
                ${
                  this.rejecting === s.id
                    ? html`<form class="stack staff" novalidate aria-label=${m.reject} @submit=${(
                        e: Event,
                      ) => {
                        e.preventDefault()
                        void this.review(s, 'reject')
                      }}>
                        ${this.fieldArea('reason', m.rejectReason, { required: true, maxlength: 2000 })}
                        <p role="alert" class="error" id="form-problem">${this.problem}</p>
                        <div class="row">
                          <button type="submit" class="primary" ?disabled=${this.saving}>${m.reject}</button>
                          <button type="button" @click=${() => {
                            this.rejecting = null
                            this.problem = ''
                          }}>${m.close}</button>
                        </div>
                      </form>`
                    : html`<div class="row">
                        <button type="button" ?disabled=${this.saving} @click=${() => void this.review(s, 'approve')}>${m.approve}</button>
                        <button type="button" ?disabled=${this.saving} @click=${async () => {
                          this.rejecting = s.id
                          this.problem = ''
                          this.draft = { reason: '' }
                          await this.updateComplete
                          ;(this.renderRoot.querySelector('#reason') as HTMLElement | null)?.focus()
                        }}>${m.reject}</button>
                      </div>`
                }
              </li>`,
            )}</ul>`
      }
      ${this.rejecting === null ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(true)}>${this.c.loadMore}</button>` : nothing}
    </section>`
  }
}
