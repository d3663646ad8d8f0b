import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { formatDate } from '../../shared/i18n.js'
import { CommunityPage, communityStyles } from '../events/community-page.js'
import { pageStyles } from '../pages/page.js'
import { type ChallengeMessages, challengeMessages } from './messages.js'
import { type Leaderboard, type Period, tabFor } from './types.js'

const periods: readonly Period[] = ['week', 'month', 'all']

const leaderboardStyles = css`
  .rank,
  .points {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  tr.me {
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
    font-weight: 600;
  }
`

/**
 * `/leaderboard`: points for the week, the month and all time, as tabs (arrow keys move between
 * them), with the reader's own rank. The period is in the address (`?period=month`).
 */
export class LeaderboardPage extends CommunityPage {
  static override styles = [pageStyles, communityStyles, leaderboardStyles]

  @property() period: Period = 'week'
  @state() private shown: Period = 'week'
  @state() private board: Leaderboard | null = null
  private ticket = 0

  get m(): ChallengeMessages {
    return this.strings(challengeMessages)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (keys.has('uiLang') || !this.hasUpdated) this.announce(this.m.leaderboardTitle)
    if (changed.has('period') || !this.hasUpdated) {
      this.shown = this.period
      void this.load()
    } else if (keys.has('viewer')) void this.load()
  }

  private async load(more = false): Promise<void> {
    const ticket = ++this.ticket
    this.failed = null
    if (!more) this.board = null
    try {
      const cursor =
        more && this.board?.nextCursor ? `&cursor=${encodeURIComponent(this.board.nextCursor)}` : ''
      const page = await this.api.get<Leaderboard>(`/api/leaderboard?period=${this.shown}&limit=20${cursor}`)
      if (ticket !== this.ticket) return
      this.board = more && this.board ? { ...page, items: [...this.board.items, ...page.items] } : page
    } catch (err) {
      if (ticket === this.ticket) this.failed = err
    }
  }

  private select(period: Period, focus = false): void {
    if (period !== this.shown) {
      this.shown = period
      history.replaceState(
        history.state,
        '',
        period === 'week' ? '/leaderboard' : `/leaderboard?period=${period}`,
      )
      void this.load()
    }
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#tab-${period}`)?.focus(),
      )
  }

  private renderBoard(b: Leaderboard) {
    const m = this.m
    const me = this.viewer?.id
    const span =
      b.startsAt && b.endsAt
        ? m.periodSpan(
            formatDate(b.startsAt, this.uiLang, this.readerZone),
            // The period ends at midnight: its last day is the one before.
            formatDate(
              new Date(new Date(b.endsAt).getTime() - 1).toISOString(),
              this.uiLang,
              this.readerZone,
            ),
          )
        : null
    return html`${span ? html`<p class="meta">${span}</p>` : nothing}
      ${this.viewer ? html`<p class="ok">${b.me ? m.myRank(b.me.rank, this.num(b.me.points)) : m.myNoPoints}</p>` : nothing}
      ${
        b.items.length === 0
          ? html`<p>${m.noPoints}</p>`
          : html`<div class="table-wrap"><table>
              <caption class="visually-hidden">${m.leaderboardTitle} — ${m.periods[b.period]}</caption>
              <thead><tr><th scope="col" class="rank">${m.rankHeader}</th><th scope="col">${m.memberHeader}</th><th scope="col" class="points">${m.pointsHeader}</th></tr></thead>
              <tbody>${b.items.map(
                (r) => html`<tr class=${r.user.id === me ? 'me' : ''}>
                  <td class="rank">${this.num(r.rank)}</td>
                  <td><a href="/u/${encodeURIComponent(r.user.handle)}">${r.user.displayName}</a></td>
                  <td class="points">${this.num(r.points)}</td>
                </tr>`,
              )}</tbody>
            </table></div>`
      }
      ${b.nextCursor ? html`<p><button type="button" @click=${() => void this.load(true)}>${this.c.loadMore}</button></p>` : nothing}`
  }

  override render() {
    const m = this.m
    return html`<h1 tabindex="-1">${m.leaderboardTitle}</h1>
      <p><a href="/challenges">${m.allChallenges}</a></p>
      <div role="tablist" aria-label=${m.periodsLabel}>
        ${periods.map(
          (p) => html`<button type="button" role="tab" id="tab-${p}" aria-controls="board"
            aria-selected=${p === this.shown ? 'true' : 'false'} tabindex=${p === this.shown ? '0' : '-1'}
            @click=${() => this.select(p)}
            @keydown=${(e: KeyboardEvent) => {
              const next = tabFor(periods, this.shown, e.key)
              if (!next) return
              e.preventDefault()
              this.select(next, true)
            }}>${m.periods[p]}</button>`,
        )}
      </div>
      <div role="tabpanel" id="board" aria-labelledby="tab-${this.shown}" tabindex="0">
        ${
          this.failed
            ? html`<p role="alert" class="error">${this.errorText(this.failed)}
                <button type="button" @click=${() => void this.load()}>${this.t.retry}</button></p>`
            : this.board
              ? this.renderBoard(this.board)
              : this.loadingView()
        }
      </div>`
  }
}
