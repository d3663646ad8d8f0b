import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { pageStyles } from '../pages/page.js'
import { newLink } from '../staff/links.js'
import {
  type CalendarDay,
  dayIn,
  dayTitle,
  eventsByDay,
  eventWhen,
  monthGrid,
  monthIn,
  monthQuery,
  monthTitle,
  shiftMonth,
  weekdays,
} from './calendar.js'
import { CommunityPage, communityStyles } from './community-page.js'
import { type EventMessages, eventMessages } from './messages.js'
import { type CommunityEvent, isFull, type Page } from './types.js'

const calendarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
    justify-content: space-between;
  }
  .month-nav {
    display: flex;
    flex-wrap: wrap;
    margin-block: var(--tribune-space-s, 0.5rem);
    gap: var(--tribune-space-xs, 0.25rem);
    align-items: center;
  }
  table.month {
    table-layout: fixed;
    font-size: 0.875rem;
  }
  table.month caption {
    font-weight: 700;
    font-size: 1.125rem;
    text-align: start;
    padding-block: var(--tribune-space-s, 0.5rem);
  }
  table.month th,
  table.month td {
    padding: var(--tribune-space-xs, 0.25rem);
  }
  table.month th {
    text-align: center;
    font-size: 0.8125rem;
  }
  table.month td {
    vertical-align: top;
    height: 4.5rem;
    border: 1px solid var(--tribune-color-border, #dde1e7);
  }
  table.month td.out {
    color: var(--tribune-color-text-quiet, #5f6b7a);
    background: var(--tribune-color-surface-sunken, transparent);
  }
  table.month td[aria-current='date'] .day {
    background: var(--tribune-color-brand-fill, #1d5fc2);
    color: var(--tribune-color-on-brand, #fff);
    border-radius: var(--tribune-radius-s, 0.25rem);
    padding: 0 0.25em;
  }
  table.month ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  table.month li a {
    display: block;
    overflow-wrap: break-word;
    hyphens: auto;
    font-size: 0.8125rem;
    line-height: 1.3;
    margin-top: 0.125rem;
  }
  .when-local {
    display: block;
  }
`

/**
 * `/events`: the upcoming events as a list, or a month's as a calendar (`?view=calendar&month=2026-03`),
 * with the link to subscribe to the community's calendar feed. Moving between months or views
 * changes the address in place (no new history entry) and keeps the keyboard where it was.
 */
export class EventsPage extends CommunityPage {
  static override styles = [pageStyles, communityStyles, calendarStyles]

  @property() view: 'list' | 'calendar' = 'list'
  @property() month: string | null = null

  @state() private shownView: 'list' | 'calendar' = 'list'
  @state() private shownMonth = ''
  @state() private events: CommunityEvent[] | null = null
  @state() private nextCursor: string | null = null
  private loading = 0

  get e(): EventMessages {
    return this.strings(eventMessages)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (keys.has('uiLang') || !this.hasUpdated) this.announce(this.e.eventsTitle)
    if (changed.has('view') || changed.has('month') || !this.hasUpdated) {
      this.shownView = this.view
      this.shownMonth = this.month ?? monthIn(new Date(), this.readerZone)
      void this.load()
    } else if (keys.has('viewer') && this.hasUpdated) void this.load()
  }

  private async load(): Promise<void> {
    const ticket = ++this.loading
    this.failed = null
    this.events = null
    this.nextCursor = null
    try {
      if (this.shownView === 'list') {
        const page = await this.api.get<Page<CommunityEvent>>('/api/events?limit=20')
        if (ticket !== this.loading) return
        this.events = page.items
        this.nextCursor = page.nextCursor
      } else {
        // A month holds a few dozen events at most; follow the pages to have them all.
        const { from, to } = monthQuery(this.shownMonth)
        const items: CommunityEvent[] = []
        let cursor: string | null = null
        for (let i = 0; i < 5; i++) {
          const q = new URLSearchParams({ from, to, limit: '100' })
          if (cursor) q.set('cursor', cursor)
          const page: Page<CommunityEvent> = await this.api.get<Page<CommunityEvent>>(`/api/events?${q}`)
          items.push(...page.items)
          cursor = page.nextCursor
          if (!cursor) break
        }
        if (ticket !== this.loading) return
        this.events = items
      }
    } catch (err) {
      if (ticket === this.loading) this.failed = err
    }
  }

  private async more(): Promise<void> {
    if (!this.nextCursor || !this.events) return
    const cursor = encodeURIComponent(this.nextCursor)
    await this.act(async () => {
      const page = await this.api.get<Page<CommunityEvent>>(`/api/events?limit=20&cursor=${cursor}`)
      this.events = [...(this.events ?? []), ...page.items]
      this.nextCursor = page.nextCursor
    }, '')
  }

  /** Shows another view or month, writing it in the address so a reload or a shared link lands here. */
  private show(view: 'list' | 'calendar', month = this.shownMonth): void {
    this.shownView = view
    this.shownMonth = month
    const q = new URLSearchParams()
    if (view === 'calendar') {
      q.set('view', 'calendar')
      if (month !== monthIn(new Date(), this.readerZone)) q.set('month', month)
    }
    const search = q.toString()
    history.replaceState(history.state, '', `/events${search ? `?${search}` : ''}`)
    void this.load()
  }

  private renderWhen(ev: CommunityEvent) {
    const when = eventWhen(ev, this.uiLang, this.readerZone)
    return html`<time datetime=${ev.startsAt}>${when.reader}</time>${
      when.local
        ? html`<span class="when-local meta">${this.e.localTime(ev.timeZone, when.local)}</span>`
        : nothing
    }`
  }

  private renderCounts(ev: CommunityEvent) {
    const e = this.e
    if (ev.status === 'cancelled') return html`<span class="pill warn">${e.cancelled}</span>`
    return html`<span>${e.going(ev.goingCount, ev.capacity)}</span>
      ${isFull(ev) ? html` · <span class="pill warn">${e.full}</span>` : nothing}
      ${ev.waitlistCount > 0 ? html` · <span>${e.waitlist(ev.waitlistCount)}</span>` : nothing}`
  }

  private renderList(events: CommunityEvent[]) {
    const e = this.e
    if (events.length === 0) return html`<p>${e.noEvents}</p>`
    return html`<ul class="cards">
        ${events.map(
          (ev) => html`<li class="card">
            <h2><a href=${ev.url}>${ev.title}</a></h2>
            <p class="meta">${this.renderWhen(ev)}</p>
            <p class="meta">${ev.location ? html`<span>${ev.location}</span>` : nothing}${ev.location && ev.onlineUrl ? ' · ' : ''}${ev.onlineUrl ? html`<span>${e.online}</span>` : nothing}</p>
            <p class="meta">${this.renderCounts(ev)}</p>
          </li>`,
        )}
      </ul>
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.more()}>${this.c.loadMore}</button>` : nothing}`
  }

  private renderCalendar(events: CommunityEvent[]) {
    const e = this.e
    const month = this.shownMonth
    const byDay = eventsByDay(events, this.readerZone)
    const today = dayIn(new Date(), this.readerZone)
    const days = weekdays(this.uiLang)
    const inMonth = [...byDay.keys()].some((d) => d.startsWith(month))
    const cell = (d: CalendarDay) => {
      const list = byDay.get(d.date) ?? []
      return html`<td class=${d.inMonth ? '' : 'out'} aria-current=${d.date === today ? 'date' : nothing}>
        <span class="day" aria-hidden=${list.length ? 'true' : nothing}>${d.day}</span>
        ${
          list.length
            ? html`<span class="visually-hidden">${e.eventsOn(dayTitle(d.date, this.uiLang), list.length)}</span>
              <ul>${list.map((ev) => html`<li><a href=${ev.url}>${ev.title}</a></li>`)}</ul>`
            : nothing
        }
      </td>`
    }
    return html`<div class="toolbar">
        <div class="month-nav" role="group" aria-label=${monthTitle(month, this.uiLang)}>
          <button type="button" @click=${() => this.show('calendar', shiftMonth(month, -1))}>
            <span aria-hidden="true">‹</span> ${e.previousMonth}</button>
          <button type="button" @click=${() => this.show('calendar', monthIn(new Date(), this.readerZone))}
            ?disabled=${month === monthIn(new Date(), this.readerZone)}>${e.thisMonth}</button>
          <button type="button" @click=${() => this.show('calendar', shiftMonth(month, 1))}>
            ${e.nextMonth} <span aria-hidden="true">›</span></button>
        </div>
      </div>
      <div class="table-wrap">
        <table class="month">
          <caption aria-live="polite">${monthTitle(month, this.uiLang)}</caption>
          <thead><tr>${days.map((d) => html`<th scope="col"><abbr title=${d.long}>${d.short}</abbr></th>`)}</tr></thead>
          <tbody>${monthGrid(month).map((week) => html`<tr>${week.map(cell)}</tr>`)}</tbody>
        </table>
      </div>
      ${inMonth ? nothing : html`<p>${e.noEventsMonth}</p>`}`
  }

  override render() {
    const e = this.e
    const view = this.shownView
    return html`<h1 tabindex="-1">${e.eventsTitle}</h1>
      ${newLink(this.viewer, this.uiLang, 'event')}
      <div class="toolbar">
        <div class="row" role="group" aria-label=${e.views}>
          <button type="button" aria-pressed=${view === 'list' ? 'true' : 'false'} @click=${() => this.show('list')}>${e.list}</button>
          <button type="button" aria-pressed=${view === 'calendar' ? 'true' : 'false'} @click=${() => this.show('calendar')}>${e.calendar}</button>
        </div>
        <p class="row"><a href="/api/calendar.ics" aria-describedby="subscribe-hint">${e.subscribe}</a></p>
      </div>
      <p class="hint" id="subscribe-hint">${e.subscribeHint}</p>
      ${this.statusLine()}
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.errorText(this.failed)}
              <button type="button" @click=${() => void this.load()}>${this.t.retry}</button></p>`
          : this.events === null
            ? this.loadingView()
            : view === 'list'
              ? this.renderList(this.events)
              : this.renderCalendar(this.events)
      }`
  }
}
