import { IANAZone } from 'luxon'
import { badRequest, unprocessable } from '../http/errors.js'
import type { Visibility } from './schema.js'

/** An event's fields once checked: what is stored. */
export interface EventFields {
  title: string
  description: string
  startsAt: Date
  endsAt: Date
  timeZone: string
  location: string | null
  onlineUrl: string | null
  capacity: number | null
  rsvpDeadline: Date | null
  visibility: Visibility
  groupId: number | null
  qaOpen: boolean
}

/** The fields as a client sends them (create: every required one; edit: the current values merged in). */
export interface EventInput {
  title: string
  description: string
  startsAt: string | Date
  endsAt: string | Date
  timeZone: string
  location?: string | null | undefined
  onlineUrl?: string | null | undefined
  capacity?: number | null | undefined
  rsvpDeadline?: string | Date | null | undefined
  visibility?: Visibility | undefined
  groupId?: number | null | undefined
  qaOpen?: boolean | undefined
}

const zoneShape = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/

/**
 * An IANA zone in its canonical spelling (`europe/paris` → `Europe/Paris`); 422 for anything else,
 * offsets such as `+01:00` included: an event keeps its zone's rules, so its local time survives
 * daylight-saving changes.
 */
export function checkZone(zone: string): string {
  if (!zoneShape.test(zone) || !IANAZone.isValidZone(zone))
    throw unprocessable('unknown_time_zone', `"${zone}" is not an IANA time zone (e.g. Europe/Paris).`)
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
}

function date(value: string | Date, field: string): Date {
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) throw badRequest('invalid_date', `${field} is not a date.`)
  return d
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** http(s) links only: a `javascript:` or `data:` link on an event page would run in members' browsers. */
export function checkOnlineUrl(value: string | null | undefined): string | null {
  const raw = text(value)
  if (raw === null) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw unprocessable('invalid_online_url', 'onlineUrl must be a full http or https address.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw unprocessable('invalid_online_url', 'onlineUrl must be an http or https address.')
  return url.toString()
}

/** Who may see it: a groupId alone means the group; `group` needs one, the others none. */
export function resolveVisibility(
  visibility: Visibility | undefined,
  groupId: number | null | undefined,
): { visibility: Visibility; groupId: number | null } {
  const v = visibility ?? (groupId != null ? 'group' : 'public')
  if (v === 'group') {
    if (groupId == null) throw unprocessable('group_required', 'A group event needs a groupId.')
    return { visibility: v, groupId }
  }
  if (groupId != null)
    throw unprocessable('invalid_visibility', `groupId goes with visibility "group", not "${v}".`)
  return { visibility: v, groupId: null }
}

/**
 * Checks an event's fields together: 400 for malformed values, 422 for those a rule refuses
 * (an unknown zone, an end not after the start, a deadline after the start, fewer than one place).
 */
export function checkEvent(input: EventInput): EventFields {
  const title = input.title.trim()
  if (title.length < 3 || title.length > 200)
    throw badRequest('invalid_title', 'A title has 3 to 200 characters.')
  const startsAt = date(input.startsAt, 'startsAt')
  const endsAt = date(input.endsAt, 'endsAt')
  if (endsAt <= startsAt) throw unprocessable('invalid_dates', 'endsAt must be after startsAt.')
  const rsvpDeadline = input.rsvpDeadline == null ? null : date(input.rsvpDeadline, 'rsvpDeadline')
  if (rsvpDeadline && rsvpDeadline > startsAt)
    throw unprocessable('invalid_rsvp_deadline', 'rsvpDeadline must be at or before startsAt.')
  const capacity = input.capacity ?? null
  if (capacity !== null && capacity < 1)
    throw unprocessable('invalid_capacity', 'capacity is at least 1 (leave it out for unlimited places).')
  return {
    title,
    description: input.description,
    startsAt,
    endsAt,
    timeZone: checkZone(input.timeZone),
    location: text(input.location),
    onlineUrl: checkOnlineUrl(input.onlineUrl),
    capacity,
    rsvpDeadline,
    ...resolveVisibility(input.visibility, input.groupId),
    qaOpen: input.qaOpen ?? false,
  }
}
