import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import type { LiveEvent } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { notFoundView } from '../pages/forum-pages.js'
import { pageStyles } from '../pages/page.js'
import { eventWhen } from './calendar.js'
import { CommunityPage, communityStyles } from './community-page.js'
import { type EventMessages, eventMessages } from './messages.js'
import {
  type Attendee,
  type CommunityEvent,
  isFull,
  mergeQuestion,
  type Page,
  type Question,
  type Rsvp,
  sortQuestions,
} from './types.js'

const eventStyles = css`
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--tribune-space-xs, 0.25rem) var(--tribune-space-m, 1rem);
    margin: var(--tribune-space-m, 1rem) 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  .cancelled {
    border-inline-start: 4px solid var(--tribune-color-danger, #c92a2a);
    padding-inline-start: var(--tribune-space-s, 0.5rem);
  }
  .question {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: start;
  }
  .question.answered {
    border-inline-start: 4px solid var(--tribune-color-brand-fill, #1d5fc2);
  }
  .question.hidden {
    opacity: 0.7;
  }
  .vote {
    flex-direction: column;
    min-width: 3.5rem;
    padding: var(--tribune-space-xs, 0.25rem);
    line-height: 1.2;
  }
  label.switch {
    display: inline-flex;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
  }
`

/**
 * `/events/:id`: an event, the reader's RSVP (going, waitlisted with a position, maybe, not
 * going), its .ics file and discussion; for moderators the attendees (and their CSV) and the Q&A
 * switch; the live Q&A when open. Follows `event:<id>`: counts, edits and questions arrive live.
 */
export class EventPage extends CommunityPage {
  static override styles = [pageStyles, communityStyles, eventStyles]

  @property({ type: Number }) eventId = 0
  @state() private event: CommunityEvent | null = null
  @state() private missing = false
  @state() private questions: Question[] = []
  @state() private questionsCursor: string | null = null
  @state() private attendees: Attendee[] | null = null
  @state() private attendeesCursor: string | null = null
  @state() private busy = false
  private draft = ''
  private refreshing: Promise<void> | null = null

  get e(): EventMessages {
    return this.strings(eventMessages)
  }

  protected override liveChannel(): string | null {
    return this.event && !this.missing ? `event:${this.event.id}` : null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (changed.has('eventId')) void this.load()
    else if (keys.has('viewer') && this.hasUpdated) void this.load()
    if (keys.has('uiLang') && this.event) this.announce(this.event.title)
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    try {
      const { event } = await this.api.get<{ event: CommunityEvent }>(`/api/events/${this.eventId}`)
      this.event = event
      this.announce(event.title)
      await Promise.all([this.loadQuestions(), this.loadAttendees()])
    } catch (err) {
      this.event = null
      if (err instanceof ApiError && [400, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  /** Reads the event again (counts, the reader's RSVP) without a loading state; calls overlap into one. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const { event } = await this.api.get<{ event: CommunityEvent }>(`/api/events/${this.eventId}`)
        const opened = event.qaOpen && !this.event?.qaOpen
        this.event = event
        if (opened) await this.loadQuestions()
        if (event.can.moderate) await this.loadAttendees()
      } catch {
        // The next event or a reload tries again; the page keeps what it shows.
      } finally {
        this.refreshing = null
      }
    })()
    return this.refreshing
  }

  private async loadQuestions(more = false): Promise<void> {
    const ev = this.event
    if (!ev || (!ev.qaOpen && !ev.can.moderate)) {
      this.questions = []
      this.questionsCursor = null
      return
    }
    const cursor = more && this.questionsCursor ? `&cursor=${encodeURIComponent(this.questionsCursor)}` : ''
    const page = await this.api
      .get<Page<Question>>(`/api/events/${ev.id}/questions?limit=50${cursor}`)
      .catch(() => null)
    if (!page) return
    this.questions = more ? sortQuestions([...this.questions, ...page.items]) : page.items
    this.questionsCursor = page.nextCursor
  }

  private async loadAttendees(more = false): Promise<void> {
    const ev = this.event
    if (!ev?.can.moderate) {
      this.attendees = null
      return
    }
    const cursor = more && this.attendeesCursor ? `&cursor=${encodeURIComponent(this.attendeesCursor)}` : ''
    const page = await this.api
      .get<Page<Attendee>>(`/api/events/${ev.id}/attendees?limit=100${cursor}`)
      .catch(() => null)
    if (!page) return
    this.attendees = more ? [...(this.attendees ?? []), ...page.items] : page.items
    this.attendeesCursor = page.nextCursor
  }

  protected override onLive(e: LiveEvent): void {
    const data = e.data as { question?: Question; questionId?: number }
    switch (e.type) {
      case 'rsvp.changed':
      case 'event.updated':
      case 'event.cancelled':
        void this.refresh()
        break
      case 'question.created':
      case 'question.updated':
        if (data.question && (this.event?.qaOpen || this.event?.can.moderate))
          this.questions = mergeQuestion(this.questions, data.question, {
            signedIn: this.viewer !== null,
            staff: this.event?.can.moderate ?? false,
            id: this.viewer?.id ?? null,
          })
        break
      case 'question.hidden':
        this.questions = this.event?.can.moderate
          ? this.questions.map((q) => (q.id === data.questionId ? { ...q, hidden: true } : q))
          : this.questions.filter((q) => q.id !== data.questionId)
        break
    }
  }

  protected override onLiveReset(): void {
    void this.refresh().then(() => this.loadQuestions())
  }

  private async rsvp(status: 'going' | 'maybe' | 'not_going'): Promise<void> {
    const ev = this.event
    if (!ev || this.busy) return
    this.busy = true
    let saved: Rsvp | null = null
    await this.act(async () => {
      saved = (await this.api.put<{ rsvp: Rsvp }>(`/api/events/${ev.id}/rsvp`, { status })).rsvp
    })
    if (saved) {
      const r: Rsvp = saved
      this.event = { ...ev, myRsvp: r }
      this.notice = `${this.e.rsvpSaved[r.status]}${r.position ? ` ${this.e.waitlistPosition(r.position)}` : ''}`
      await this.refresh()
    }
    this.busy = false
  }

  private async withdraw(): Promise<void> {
    const ev = this.event
    if (!ev || this.busy) return
    this.busy = true
    if (await this.act(() => this.api.delete(`/api/events/${ev.id}/rsvp`), this.e.withdrawn)) {
      this.event = { ...ev, myRsvp: null }
      await this.refresh()
    }
    this.busy = false
  }

  private async switchQa(open: boolean): Promise<void> {
    const ev = this.event
    if (!ev) return
    const ok = await this.act(
      async () => {
        const { event } = await this.api.patch<{ event: CommunityEvent }>(`/api/events/${ev.id}`, {
          qaOpen: open,
        })
        this.event = event
      },
      open ? this.e.qaOpened : this.e.qaClosedNow,
    )
    if (ok) await this.loadQuestions()
  }

  private async ask(form: HTMLFormElement): Promise<void> {
    const ev = this.event
    const body = this.draft.trim()
    if (!ev) return
    if (!body) {
      this.problem = this.e.needQuestion
      return
    }
    const ok = await this.act(async () => {
      const { question } = await this.api.post<{ question: Question }>(`/api/events/${ev.id}/questions`, {
        body,
      })
      // The answer is the reader's own copy (with what they may do): it replaces the live one.
      this.questions = sortQuestions([...this.questions.filter((q) => q.id !== question.id), question])
    }, this.e.asked)
    if (ok) {
      this.draft = ''
      form.reset()
    }
  }

  private async toggleVote(q: Question): Promise<void> {
    const ev = this.event
    if (!ev) return
    await this.act(async () => {
      const path = `/api/events/${ev.id}/questions/${q.id}/vote`
      const { question } = q.voted
        ? await this.api.delete<{ question: Question }>(path)
        : await this.api.put<{ question: Question }>(path)
      this.questions = sortQuestions(this.questions.map((x) => (x.id === question.id ? question : x)))
    }, '')
  }

  private async moderate(q: Question, change: { answered?: boolean; hidden?: boolean }): Promise<void> {
    const ev = this.event
    if (!ev) return
    await this.act(async () => {
      const { question } = await this.api.patch<{ question: Question }>(
        `/api/events/${ev.id}/questions/${q.id}`,
        change,
      )
      this.questions = sortQuestions(this.questions.map((x) => (x.id === question.id ? question : x)))
    })
  }

  private renderFacts(ev: CommunityEvent) {
    const e = this.e
    const when = eventWhen(ev, this.uiLang, this.readerZone)
    return html`<dl class="facts">
      <dt>${e.when}</dt>
      <dd><time datetime=${ev.startsAt}>${when.reader}</time>
        ${when.local ? html`<br /><span class="meta">${e.localTime(ev.timeZone, when.local)}</span>` : nothing}</dd>
      ${
        ev.location || ev.onlineUrl
          ? html`<dt>${e.where}</dt>
            <dd>${ev.location ?? nothing}${ev.location && ev.onlineUrl ? html`<br />` : nothing}
              ${ev.onlineUrl ? html`<a href=${ev.onlineUrl} rel="external noopener" target="_blank">${e.joinOnline}</a>` : nothing}</dd>`
          : nothing
      }
      <dt>${e.attendees}</dt>
      <dd>${e.going(ev.goingCount, ev.capacity)}
        ${isFull(ev) ? html` · <span class="pill warn">${e.full}</span>` : ev.placesLeft !== null ? html` · ${e.placesLeft(ev.placesLeft)}` : nothing}
        ${ev.waitlistCount > 0 ? html` · ${e.waitlist(ev.waitlistCount)}` : nothing}</dd>
    </dl>`
  }

  private renderRsvp(ev: CommunityEvent) {
    const e = this.e
    const mine = ev.myRsvp
    const pressed = (s: 'going' | 'maybe' | 'not_going') =>
      mine && (mine.status === s || (s === 'going' && mine.status === 'waitlisted')) ? 'true' : 'false'
    return html`<section aria-labelledby="rsvp-title">
      <h2 id="rsvp-title">${e.rsvpTitle}</h2>
      ${
        !this.viewer
          ? this.signInLink(e.rsvpWhat)
          : html`<p class="rsvp-state">${mine ? e.yourAnswer[mine.status] : e.noAnswer}
              ${mine?.position ? html` <strong>${e.waitlistPosition(mine.position)}</strong>` : nothing}</p>
            ${ev.rsvpDeadline && ev.rsvpOpen ? html`<p class="hint">${e.rsvpDeadline(this.when(ev.rsvpDeadline))}</p>` : nothing}
            ${ev.can.rsvp ? nothing : html`<p class="hint">${ev.status === 'cancelled' ? e.cancelled : e.rsvpClosed}</p>`}
            <div class="row" role="group" aria-label=${e.rsvpChoices}>
              ${(['going', 'maybe', 'not_going'] as const).map(
                (
                  s,
                ) => html`<button type="button" aria-pressed=${pressed(s)} ?disabled=${!ev.can.rsvp || this.busy}
                  @click=${() => void this.rsvp(s)}>${e.choice[s]}</button>`,
              )}
              ${mine ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.withdraw()}>${e.withdraw}</button>` : nothing}
            </div>`
      }
    </section>`
  }

  private renderQuestion(q: Question) {
    const e = this.e
    return html`<li class="card question ${q.answered ? 'answered' : ''} ${q.hidden ? 'hidden' : ''}">
      <button type="button" class="vote" aria-pressed=${q.voted ? 'true' : 'false'} ?disabled=${!q.can.vote}
        @click=${() => void this.toggleVote(q)}>
        <span aria-hidden="true">▲</span><span>${this.num(q.votes)}<span class="visually-hidden">${e.upvote(q.votes)}</span></span>
      </button>
      <div>
        <div class="html">${unsafeHTML(sanitizePostHtml(q.html))}</div>
        <p class="meta">${q.author?.displayName ?? e.anonymous} · ${this.ago(q.createdAt)}
          ${q.answered ? html` · <span class="pill">${e.answered}</span>` : nothing}
          ${q.hidden ? html` · <span class="pill warn">${e.hidden}</span>` : nothing}</p>
        ${
          q.can.moderate
            ? html`<p class="row">
                <button type="button" @click=${() => void this.moderate(q, { answered: !q.answered })}>
                  ${q.answered ? e.markUnanswered : e.markAnswered}</button>
                ${q.hidden ? nothing : html`<button type="button" @click=${() => void this.moderate(q, { hidden: true })}>${e.hide}</button>`}
              </p>`
            : nothing
        }
      </div>
    </li>`
  }

  private renderQa(ev: CommunityEvent) {
    const e = this.e
    if (!ev.qaOpen && !ev.can.moderate && this.questions.length === 0) return nothing
    return html`<section aria-labelledby="qa-title">
      <h2 id="qa-title">${e.qa}</h2>
      ${
        ev.can.moderate
          ? html`<p><label class="switch"><input type="checkbox" role="switch" .checked=${ev.qaOpen}
              ?disabled=${ev.status === 'cancelled'}
              @change=${(x: Event) => void this.switchQa((x.target as HTMLInputElement).checked)} />${e.qaSwitch}</label></p>`
          : nothing
      }
      <p class="hint">${ev.qaOpen ? e.qaOpen : e.qaClosed}</p>
      ${
        ev.can.ask
          ? html`<form class="stack" @submit=${(x: Event) => {
              x.preventDefault()
              void this.ask(x.target as HTMLFormElement)
            }}>
              <label for="question">${e.askLabel}</label>
              <textarea id="question" maxlength="1000" required
                @input=${(x: Event) => {
                  this.draft = (x.target as HTMLTextAreaElement).value
                }}></textarea>
              <p><button type="submit" class="primary">${e.ask}</button></p>
            </form>`
          : ev.qaOpen
            ? this.signInLink(e.askWhat)
            : nothing
      }
      ${
        this.questions.length === 0
          ? html`<p>${e.noQuestions}</p>`
          : html`<ol class="cards" aria-label=${e.qa}>${this.questions.map((q) => this.renderQuestion(q))}</ol>`
      }
      ${this.questionsCursor ? html`<button type="button" @click=${() => void this.loadQuestions(true)}>${this.c.loadMore}</button>` : nothing}
    </section>`
  }

  private renderAttendees(ev: CommunityEvent) {
    const e = this.e
    if (!ev.can.moderate) return nothing
    const list = this.attendees ?? []
    return html`<section aria-labelledby="attendees-title">
      <h2 id="attendees-title">${e.attendees}</h2>
      <p><a href="/api/events/${ev.id}/attendees?format=csv" download>${e.exportCsv}</a></p>
      ${
        list.length === 0
          ? html`<p>${e.noAttendees}</p>`
          : html`<div class="table-wrap"><table>
              <thead><tr><th scope="col">${e.attendeeName}</th><th scope="col">${e.attendeeStatus}</th><th scope="col">${e.attendeeSince}</th></tr></thead>
              <tbody>${list.map(
                (a) => html`<tr>
                  <td><a href="/u/${encodeURIComponent(a.user.handle)}">${a.user.displayName}</a></td>
                  <td>${a.status === 'waitlisted' ? e.waitlisted(a.position ?? null) : e.choice[a.status]}</td>
                  <td>${this.ago(a.since)}</td>
                </tr>`,
              )}</tbody>
            </table></div>`
      }
      ${this.attendeesCursor ? html`<button type="button" @click=${() => void this.loadAttendees(true)}>${this.c.loadMore}</button>` : nothing}
    </section>`
  }

  override render() {
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const ev = this.event
    if (!ev) return this.loadingView()
    const e = this.e
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/events">${e.eventsTitle}</a></li><li aria-current="page">${ev.title}</li></ol>
      </nav>
      <h1 tabindex="-1">${ev.title}</h1>
      ${
        ev.status === 'cancelled'
          ? html`<p class="cancelled"><strong>${ev.cancelReason ? e.cancelledBecause(ev.cancelReason) : e.cancelled}</strong></p>`
          : nothing
      }
      ${this.renderFacts(ev)}
      <p class="row">
        <a class="button" href=${ev.icsUrl} download>${e.addToCalendar}</a>
        ${ev.topicUrl ? html`<a class="button" href=${ev.topicUrl}>${this.c.discussion}</a>` : nothing}
      </p>
      ${
        ev.can.edit || ev.can.moderate
          ? html`<tribune-event-actions .event=${ev} @tribune-event-changed=${(
              x: CustomEvent<CommunityEvent>,
            ) => {
              this.event = x.detail
            }}></tribune-event-actions>`
          : nothing
      }
      <div class="html">${unsafeHTML(sanitizePostHtml(ev.html))}</div>
      ${this.statusLine()}
      ${this.renderRsvp(ev)}
      ${this.renderQa(ev)}
      ${this.renderAttendees(ev)}`
  }
}
