import type { Viewer } from '../accounts/viewer.js'
import { topicUrl } from '../forum/present.js'
import { canManage } from './policy.js'
import type { EventRow, MyRsvp } from './queries.js'
import type { RsvpStatus, Visibility } from './schema.js'

const iso = (d: Date | string) => new Date(d).toISOString()
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d))

export const eventPath = (id: number) => `/events/${id}`
export const icsPath = (id: number) => `/api/events/${id}/ics`

/** Whether members may still RSVP going or maybe: not cancelled, not ended, before the deadline. */
export function rsvpOpen(row: EventRow, now: Date): boolean {
  if (row.cancelledAt !== null) return false
  if (new Date(row.endsAt) <= now) return false
  return row.rsvpDeadline === null || now < new Date(row.rsvpDeadline)
}

export function presentRsvp(r: { status: RsvpStatus; position: number | null }) {
  return r.status === 'waitlisted' && r.position !== null
    ? { status: r.status, position: r.position }
    : { status: r.status }
}

/**
 * An event as the API shows it to this reader, with their own RSVP and what they may do.
 * Only the reader's permissions differ from one reader to the next.
 */
export function presentEvent(row: EventRow, viewer: Viewer | null, now: Date, mine: MyRsvp | null = null) {
  const open = rsvpOpen(row, now)
  const writer = viewer !== null && viewer.restriction === null
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    html: row.html,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    timeZone: row.timeZone,
    location: row.location,
    onlineUrl: row.onlineUrl,
    capacity: row.capacity,
    rsvpDeadline: isoOrNull(row.rsvpDeadline),
    visibility: row.visibility as Visibility,
    groupId: row.groupId,
    categoryId: row.categoryId,
    topicId: row.topicId,
    topicUrl: row.topicId === null || row.topicSlug === null ? null : topicUrl(row.topicSlug, row.topicId),
    url: eventPath(row.id),
    icsUrl: icsPath(row.id),
    goingCount: row.goingCount,
    waitlistCount: row.waitlistCount,
    maybeCount: row.maybeCount,
    placesLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.goingCount),
    status: row.cancelledAt === null ? ('scheduled' as const) : ('cancelled' as const),
    cancelledAt: isoOrNull(row.cancelledAt),
    cancelReason: row.cancelReason,
    rsvpOpen: open,
    qaOpen: row.qaOpen,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    myRsvp: mine ? presentRsvp(mine) : null,
    can: {
      edit: canManage(viewer) && row.cancelledAt === null,
      rsvp: viewer !== null && (viewer.restriction === null || viewer.restriction.kind === 'silence') && open,
      ask: writer && row.qaOpen && row.cancelledAt === null,
      moderate: canManage(viewer),
    },
  }
}

export type PresentedEvent = ReturnType<typeof presentEvent>
