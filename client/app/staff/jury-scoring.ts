import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import type { Contest } from '../contests/types.js'
import { StaffFormPage } from './staff-form.js'

interface ScoredEntry {
  id: number
  title: string
  author: { displayName: string }
  disqualified: boolean
  myScores?: Record<string, number>
}

/** A juror's scores for one entry, by criterion, as the inputs hold them. */
export type ScoreDraft = Record<string, string>

/**
 * The scores to send for an entry (0 to 10 on every criterion), or the first criterion whose
 * input is empty or out of range.
 */
export function scoresBody(
  criteria: { id: string }[],
  draft: ScoreDraft,
): { scores: Record<string, number> } | { bad: string } {
  const scores: Record<string, number> = {}
  for (const c of criteria) {
    const raw = (draft[c.id] ?? '').trim()
    const n = Number(raw)
    if (raw === '' || !Number.isInteger(n) || n < 0 || n > 10) return { bad: c.id }
    scores[c.id] = n
  }
  return { scores }
}

/**
 * On a contest's page, for its jurors while they may judge: each entry with a score from 0 to 10
 * per criterion (their own scores filled in), saved with PUT /api/contests/:id/entries/:entryId/scores.
 */
export class ContestJury extends StaffFormPage<Record<string, ScoreDraft>> {
  @property({ attribute: false }) contest: Contest | null = null
  @state() private criteria: { id: string; name: string }[] = []
  @state() private entries: ScoredEntry[] = []
  @state() private nextCursor: string | null = null
  @state() private savedEntry: number | null = null

  constructor() {
    super()
    this.draft = {}
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const before = changed.get('contest') as Contest | null | undefined
    if (changed.has('contest') && before?.id !== this.contest?.id) void this.load()
  }

  private async load(more = false): Promise<void> {
    const c = this.contest
    if (!c?.can.judge) return
    if (!more) {
      const full = await this.api
        .get<{ contest: { criteria: { id: string; name: string }[] } }>(`/api/contests/${c.id}`)
        .catch(() => null)
      this.criteria = full?.contest.criteria ?? []
    }
    const cursor = more && this.nextCursor ? `&cursor=${encodeURIComponent(this.nextCursor)}` : ''
    const page = await this.api
      .get<{ items: ScoredEntry[]; nextCursor: string | null }>(
        `/api/contests/${c.id}/entries?limit=50${cursor}`,
      )
      .catch(() => null)
    if (!page) return
    const items = page.items.filter((e) => !e.disqualified)
    this.entries = more ? [...this.entries, ...items] : items
    this.nextCursor = page.nextCursor
    const draft = { ...this.draft }
    for (const e of items)
      draft[String(e.id)] ??= Object.fromEntries(
        this.criteria.map((k) => [k.id, e.myScores?.[k.id] === undefined ? '' : String(e.myScores[k.id])]),
      )
    this.draft = draft
  }

  private async save(entry: ScoredEntry): Promise<void> {
    const c = this.contest
    if (!c) return
    const key = String(entry.id)
    const built = scoresBody(this.criteria, this.draft[key] ?? {})
    this.savedEntry = entry.id
    const done = await this.submit(
      'bad' in built
        ? {
            problem: (m) => m.scoreFor(this.criteria.find((k) => k.id === built.bad)?.name ?? built.bad),
            field: `score-${entry.id}-${built.bad}`,
          }
        : { body: built },
      (body) => this.api.put(`/api/contests/${c.id}/entries/${entry.id}/scores`, body),
      this.m.scoresSaved,
    )
    if (done) this.savedEntry = entry.id
  }

  override render() {
    const m = this.m
    if (!this.contest?.can.judge) return nothing
    return html`<section aria-labelledby="jury-title">
      <h2 id="jury-title">${m.scoring}</h2>
      ${
        this.entries.length === 0
          ? html`<p>${m.noEntriesToScore}</p>`
          : html`<ul class="cards">${this.entries.map((e) => {
              const key = String(e.id)
              return html`<li class="card">
                <form class="stack staff" novalidate aria-labelledby="jury-entry-${e.id}" @submit=${(
                  x: Event,
                ) => {
                  x.preventDefault()
                  void this.save(e)
                }}>
                  <h3 id="jury-entry-${e.id}">${e.title} <span class="meta">· ${e.author.displayName}</span></h3>
                  ${this.criteria.map((k) => {
                    const id = `score-${e.id}-${k.id}`
                    return html`<div class="field"><label for=${id}>${m.scoreFor(k.name)}</label>
                      <input id=${id} type="number" min="0" max="10" step="1" inputmode="numeric" required
                        .value=${this.draft[key]?.[k.id] ?? ''} aria-invalid=${this.badField === id ? 'true' : 'false'}
                        aria-describedby=${this.badField === id ? 'form-problem' : nothing}
                        @input=${(x: Event) => {
                          this.draft = {
                            ...this.draft,
                            [key]: { ...this.draft[key], [k.id]: (x.target as HTMLInputElement).value },
                          }
                          if (this.badField === id) this.badField = null
                        }} /></div>`
                  })}
                  ${
                    this.savedEntry === e.id
                      ? this.submitRow(m.saveScores)
                      : html`<p><button type="submit" class="primary" ?disabled=${this.saving}>${m.saveScores}</button></p>`
                  }
                </form>
              </li>`
            })}</ul>`
      }
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(true)}>${this.c.loadMore}</button>` : nothing}
    </section>`
  }
}
