import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ApiError } from '../../shared/api.js'
import { eventMessages } from '../events/messages.js'
import { notFoundView } from '../pages/forum-pages.js'
import { type EventDraft, type EventShape, emptyEventDraft, eventBody, eventDraftOf } from './payloads.js'
import { StaffFormPage } from './staff-form.js'
import { browserZone } from './zoned.js'

/**
 * `/events/new` and `/events/:id/edit` (moderators): every field of POST /api/events, the times
 * as datetime-local inputs read in a chosen IANA zone (the browser's by default, the event's own
 * when editing). Saved, it goes to the event's page.
 */
export class EventFormPage extends StaffFormPage<EventDraft> {
  /** 0: a new event; otherwise the event edited (PATCH). */
  @property({ type: Number }) eventId = 0
  @state() private missing = false
  @state() private loaded = false

  constructor() {
    super()
    this.draft = emptyEventDraft(browserZone())
  }

  private get formTitle(): string {
    return this.eventId ? this.m.editEvent : this.m.newEvent
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (changed.has('eventId') || (keys.has('viewer') && this.hasUpdated)) void this.load()
    if (keys.has('uiLang') && this.hasUpdated) this.announce(this.formTitle)
  }

  private async load(): Promise<void> {
    this.announce(this.formTitle)
    this.missing = false
    this.failed = null
    if (!this.isStaff) {
      this.loaded = true
      return
    }
    void this.loadGroups()
    if (!this.eventId) {
      void this.loadCategories()
      this.draft = emptyEventDraft(browserZone())
      this.loaded = true
      return
    }
    this.loaded = false
    try {
      const { event } = await this.api.get<{ event: EventShape }>(`/api/events/${this.eventId}`)
      this.draft = eventDraftOf(event)
      this.announce(`${this.m.editEvent} · ${event.title}`)
    } catch (err) {
      if (err instanceof ApiError && [400, 404].includes(err.status)) this.missing = true
      else this.failed = err
    }
    this.loaded = true
  }

  private async save(): Promise<void> {
    const edit = this.eventId > 0
    const saved = await this.submit(
      eventBody(this.draft, edit),
      (body) =>
        edit
          ? this.api.patch<{ event: { id: number; url: string } }>(`/api/events/${this.eventId}`, body)
          : this.api.post<{ event: { id: number; url: string } }>('/api/events', body),
      edit ? this.m.eventSaved : this.m.eventCreated,
    )
    if (saved) this.emit('navigate', { url: saved.event.url || `/events/${saved.event.id}`, replace: !edit })
  }

  override render() {
    const m = this.m
    if (!this.isStaff) return this.forbiddenView(this.formTitle)
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    if (!this.loaded) return this.loadingView()
    const d = this.draft
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/events">${this.strings(eventMessages).eventsTitle}</a></li>
        ${this.eventId ? html`<li><a href="/events/${this.eventId}">${d.title}</a></li>` : nothing}
        <li aria-current="page">${this.formTitle}</li></ol>
      </nav>
      <h1 tabindex="-1">${this.formTitle}</h1>
      <form class="stack staff" @submit=${(e: Event) => {
        e.preventDefault()
        void this.save()
      }}>
        ${this.fieldInput('title', m.title, { required: true, maxlength: 200 })}
        ${this.fieldArea('description', m.description, { maxlength: 20_000, hint: m.markdownHint })}
        ${this.zoneSelect()}
        ${this.fieldWhen('startsAt', m.startsAt)}
        ${this.fieldWhen('endsAt', m.endsAt)}
        ${this.fieldInput('location', m.location, { maxlength: 300 })}
        ${this.fieldInput('onlineUrl', m.onlineUrl, { type: 'url', maxlength: 2000, hint: m.onlineUrlHint })}
        ${this.fieldInput('capacity', m.capacity, { type: 'number', min: 1, max: 1_000_000, step: 1, hint: m.capacityHint })}
        ${this.fieldInput('rsvpDeadline', m.rsvpDeadline, { type: 'datetime-local', hint: m.rsvpDeadlineHint })}
        ${this.fieldSelect('visibility', m.visibility, [
          ['public', m.visibilities.public],
          ['members', m.visibilities.members],
          ['group', m.visibilities.group],
        ])}
        ${
          d.visibility === 'group'
            ? this.fieldSelect('groupId', m.group, [
                ['', '—'],
                ...this.groups.map((g) => [String(g.id), g.name] as const),
              ])
            : nothing
        }
        ${
          this.eventId
            ? nothing
            : this.fieldSelect(
                'categoryId',
                m.category,
                [['', m.defaultChoice], ...this.categories.map((c) => [String(c.id), c.name] as const)],
                { required: false },
              )
        }
        <label class="choice"><input type="checkbox" id="qaOpen" .checked=${d.qaOpen}
          @change=${(e: Event) => this.setField('qaOpen', (e.target as HTMLInputElement).checked)} />${m.qaOpen}</label>
        ${this.submitRow(this.eventId ? m.save : m.createEvent)}
      </form>`
  }
}
