import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { CommunityPage, communityStyles } from '../events/community-page.js'
import type { CommunityEvent } from '../events/types.js'
import { pageStyles } from '../pages/page.js'
import { type StaffMessages, staffMessages } from './messages.js'
import { formStyles } from './staff-form.js'

/**
 * On an event's page, for moderators: "Edit" (to /events/:id/edit) and "Cancel the event", which
 * asks for a reason told to the attendees before it confirms. Tells the page the cancelled event
 * with `tribune-event-changed`.
 */
export class EventActions extends CommunityPage {
  static override styles = [pageStyles, communityStyles, formStyles]

  @property({ attribute: false }) event: CommunityEvent | null = null
  @state() private confirming = false
  @state() private busy = false
  private reason = ''

  get m(): StaffMessages {
    return this.strings(staffMessages)
  }

  private async cancel(): Promise<void> {
    const ev = this.event
    if (!ev || this.busy) return
    this.busy = true
    let saved: CommunityEvent | null = null
    await this.act(async () => {
      saved = (
        await this.api.post<{ event: CommunityEvent }>(`/api/events/${ev.id}/cancel`, {
          reason: this.reason.trim() || undefined,
        })
      ).event
    }, this.m.eventCancelled)
    this.busy = false
    if (saved) {
      this.confirming = false
      this.emit('event-changed', saved)
    }
  }

  override render() {
    const ev = this.event
    if (!ev) return nothing
    const m = this.m
    const open = ev.status === 'scheduled'
    return html`<div class="row">
        ${ev.can.edit ? html`<a class="button" href="/events/${ev.id}/edit">${m.edit}</a>` : nothing}
        ${
          ev.can.moderate && open && !this.confirming
            ? html`<button type="button" @click=${async () => {
                this.confirming = true
                await this.updateComplete
                ;(this.renderRoot.querySelector('#cancel-reason') as HTMLElement | null)?.focus()
              }}>${m.cancelEvent}</button>`
            : nothing
        }
      </div>
      ${
        this.confirming && open
          ? html`<form class="stack staff" aria-label=${m.cancelEvent} @submit=${(e: Event) => {
              e.preventDefault()
              void this.cancel()
            }}>
              <label for="cancel-reason">${m.cancelReason} <span class="quiet">${m.optional}</span></label>
              <textarea id="cancel-reason" maxlength="2000" aria-describedby="cancel-hint"
                @input=${(e: Event) => {
                  this.reason = (e.target as HTMLTextAreaElement).value
                }}></textarea>
              <p class="hint" id="cancel-hint">${m.cancelReasonHint}</p>
              <div class="row">
                <button type="submit" class="primary" ?disabled=${this.busy}>${m.confirmCancel}</button>
                <button type="button" @click=${() => {
                  this.confirming = false
                }}>${m.keepEvent}</button>
              </div>
            </form>`
          : nothing
      }
      ${this.statusLine()}`
  }
}
