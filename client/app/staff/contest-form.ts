import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { contestMessages } from '../contests/messages.js'
import type { Contest } from '../contests/types.js'
import { type ContestDraft, contestBody, contestDates, emptyContestDraft } from './payloads.js'
import { StaffFormPage } from './staff-form.js'
import { browserZone, isoToZoned } from './zoned.js'

/**
 * `/contests/new` (moderators): title, Markdown rules, the three dates (and the results date) in
 * a chosen zone, votes per member and the optional settings of POST /api/contests: entries per
 * member, the jury (members, criteria, weight), the tie-break, who may take part. Created, it
 * goes to the contest's page.
 */
export class ContestFormPage extends StaffFormPage<ContestDraft> {
  constructor() {
    super()
    this.draft = emptyContestDraft(browserZone())
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (!this.hasUpdated || keys.has('viewer')) {
      this.announce(this.m.newContest)
      if (this.isStaff) {
        void this.loadCategories()
        void this.loadGroups()
      }
    } else if (keys.has('uiLang')) this.announce(this.m.newContest)
  }

  private async save(): Promise<void> {
    const saved = await this.submit(
      contestBody(this.draft),
      (body) => this.api.post<{ contest: Contest }>('/api/contests', body),
      this.m.newContest,
    )
    if (saved)
      this.emit('navigate', { url: saved.contest.url || `/contests/${saved.contest.id}`, replace: true })
  }

  override render() {
    const m = this.m
    if (!this.isStaff) return this.forbiddenView(m.newContest)
    const d = this.draft
    const jury = d.votingMode !== 'members'
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/contests">${this.strings(contestMessages).contestsTitle}</a></li>
        <li aria-current="page">${m.newContest}</li></ol>
      </nav>
      <h1 tabindex="-1">${m.newContest}</h1>
      <form class="stack staff" @submit=${(e: Event) => {
        e.preventDefault()
        void this.save()
      }}>
        ${this.fieldInput('title', m.title, { required: true, maxlength: 200 })}
        ${this.fieldArea('rules', m.rules, { required: true, maxlength: 20_000, hint: m.markdownHint })}
        ${this.zoneSelect()}
        ${this.fieldWhen('submissionsOpenAt', m.submissionsOpenAt)}
        ${this.fieldWhen('votingOpensAt', m.votingOpensAt)}
        ${this.fieldWhen('votingClosesAt', m.votingClosesAt)}
        ${this.fieldInput('votesPerMember', m.votesPerMember, { type: 'number', required: true, min: 1, max: 100, step: 1 })}
        ${this.fieldInput('entriesPerMember', m.entriesPerMember, { type: 'number', min: 1, max: 20, step: 1 })}
        ${this.fieldSelect(
          'categoryId',
          m.category,
          [['', m.defaultChoice], ...this.categories.map((c) => [String(c.id), c.name] as const)],
          { required: false },
        )}
        ${this.fieldSelect('votingMode', m.votingMode, [
          ['members', m.votingModes.members],
          ['jury', m.votingModes.jury],
          ['both', m.votingModes.both],
        ])}
        ${
          jury
            ? html`${this.fieldInput('jurorIds', m.jurors, { hint: m.jurorsHint, inputmode: 'numeric' })}
              ${this.fieldArea('criteria', m.criteria, { hint: m.criteriaHint })}
              ${d.votingMode === 'both' ? this.fieldInput('juryWeight', m.juryWeight, { type: 'number', min: 0, max: 1, step: 0.05, hint: m.juryWeightHint }) : nothing}
              ${this.fieldWhen('resultsAt', m.resultsAt, false)}`
            : nothing
        }
        ${this.fieldSelect(
          'tieBreak',
          m.tieBreak,
          [
            ['', m.defaultChoice],
            ['earliest_entry', m.tieBreaks.earliest_entry],
            ['jury', m.tieBreaks.jury],
            ['shared', m.tieBreaks.shared],
          ],
          { required: false },
        )}
        <fieldset>
          <legend>${m.eligibility}</legend>
          ${this.fieldInput('minAccountAgeDays', m.minAccountAgeDays, { type: 'number', min: 0, max: 3650, step: 1 })}
          ${this.fieldInput('minTrustLevel', m.minTrustLevel, { type: 'number', min: 0, max: 10, step: 1 })}
          ${
            this.groups.length
              ? html`<fieldset><legend>${m.groups} <span class="quiet">${m.optional}</span></legend>
                ${this.groups.map(
                  (
                    g,
                  ) => html`<label class="choice"><input type="checkbox" .checked=${d.groupIds.includes(String(g.id))}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked
                      const id = String(g.id)
                      this.setField('groupIds', on ? [...d.groupIds, id] : d.groupIds.filter((x) => x !== id))
                    }} />${g.name}</label>`,
                )}</fieldset>`
              : nothing
          }
        </fieldset>
        ${this.submitRow(m.createContest)}
      </form>`
  }
}

type DatesDraft = Pick<
  ContestDraft,
  'timeZone' | 'submissionsOpenAt' | 'votingOpensAt' | 'votingClosesAt' | 'resultsAt'
> & {
  reason: string
}

/**
 * On a contest's page, for moderators: "Edit dates" opens the contest's dates (in a chosen zone)
 * and PATCHes them with a reason for the audit log; tells the page with `tribune-contest-changed`.
 */
export class ContestDates extends StaffFormPage<DatesDraft> {
  @property({ attribute: false }) contest: Contest | null = null
  @state() private open = false

  private fill(zone: string): void {
    const c = this.contest
    this.draft = {
      timeZone: zone,
      submissionsOpenAt: isoToZoned(c?.submissionsOpenAt, zone),
      votingOpensAt: isoToZoned(c?.votingOpensAt, zone),
      votingClosesAt: isoToZoned(c?.votingClosesAt, zone),
      resultsAt: isoToZoned(c?.resultsAt, zone),
      reason: '',
    }
  }

  private async save(): Promise<void> {
    const c = this.contest
    if (!c) return
    const built = contestDates(this.draft)
    const body =
      'problem' in built
        ? built
        : {
            body: {
              ...built.body,
              ...(this.draft.reason.trim() ? { reason: this.draft.reason.trim() } : {}),
            } as Record<string, unknown>,
          }
    const saved = await this.submit(
      body,
      (b) => this.api.patch<{ contest: Contest }>(`/api/contests/${c.id}`, b),
      this.m.datesSaved,
    )
    if (saved) {
      this.open = false
      this.emit('contest-changed', saved.contest)
    }
  }

  override render() {
    const m = this.m
    if (!this.contest?.can.moderate) return nothing
    if (!this.open)
      return html`<p class="row"><button type="button" aria-expanded="false" @click=${async () => {
        this.fill(this.readerZone)
        this.open = true
        await this.updateComplete
        ;(this.renderRoot.querySelector('#submissionsOpenAt') as HTMLElement | null)?.focus()
      }}>${m.editDates}</button></p>
        <p role="status" class="ok status">${this.notice}</p>`
    return html`<form class="stack staff" aria-label=${m.editDates} @submit=${(e: Event) => {
      e.preventDefault()
      void this.save()
    }}>
      ${this.zoneSelect()}
      ${this.fieldWhen('submissionsOpenAt', m.submissionsOpenAt)}
      ${this.fieldWhen('votingOpensAt', m.votingOpensAt)}
      ${this.fieldWhen('votingClosesAt', m.votingClosesAt)}
      ${this.fieldWhen('resultsAt', m.resultsAt, false)}
      ${this.fieldInput('reason', m.editDatesReason, { maxlength: 1000 })}
      ${this.submitRow(m.save)}
      <p><button type="button" @click=${() => {
        this.open = false
      }}>${m.close}</button></p>
    </form>`
  }
}
