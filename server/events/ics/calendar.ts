import { ICalCalendar, ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { eventPath } from '../present.js'
import type { EventRow } from '../queries.js'
import { vtimezone } from './vtimezone.js'

/** The description as plain text: calendar apps show DESCRIPTION as it is, Markdown included. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, (_m, label: string, href: string) =>
      label && label !== href ? `${label} (${href})` : href,
    )
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Whether this instant's wall-clock time in `zone` happens twice (the hour repeated when clocks go
 * back). RFC 5545 reads such a TZID time as its first occurrence, some readers (ical.js) as the
 * second: such events are written in UTC instead, which every reader agrees on.
 */
export function ambiguousLocal(zone: string, at: Date): boolean {
  const t = DateTime.fromJSDate(at).setZone(zone)
  for (const hours of [-3, 3]) {
    const other = t.plus({ hours }).offset
    if (other === t.offset) continue
    // The same wall time under the other offset: a real instant of this zone too?
    const twin = at.getTime() + (t.offset - other) * 60_000
    if (DateTime.fromMillis(twin).setZone(zone).offset === other) return true
  }
  return false
}

/**
 * An iCalendar document of these events. Times are written in each event's own zone (TZID, with
 * its VTIMEZONE; UTC for a time the zone repeats), so a calendar shows an event at its local time even across a daylight-saving
 * change; the UID is stable (`event-<id>@<host>`), SEQUENCE goes up with each change, and a
 * cancelled event says STATUS:CANCELLED so subscribed calendars drop it.
 */
export function eventCalendar(opts: {
  name: string
  publicUrl: string
  events: EventRow[]
  /** How often subscribed calendars should fetch the feed again. */
  ttlSeconds?: number
}): string {
  const host = new URL(opts.publicUrl).hostname
  const years = opts.events.flatMap((e) =>
    [new Date(e.startsAt), new Date(e.endsAt)].map((d) => d.getUTCFullYear()),
  )
  const fromYear = Math.min(...years) - 1
  const toYear = Math.max(...years) + 1
  const calendar = new ICalCalendar({
    prodId: { company: 'Tribune', product: 'Tribune events', language: 'EN' },
    name: opts.name,
    url: opts.publicUrl,
    ...(opts.ttlSeconds ? { ttl: opts.ttlSeconds } : {}),
    timezone: { name: null, generator: (zone) => (years.length ? vtimezone(zone, fromYear, toYear) : null) },
  })
  for (const e of opts.events) {
    const local = ![e.startsAt, e.endsAt].some((d) => ambiguousLocal(e.timeZone, new Date(d)))
    const zoned = (d: Date | string) =>
      local ? DateTime.fromJSDate(new Date(d)).setZone(e.timeZone) : new Date(d)
    const url = `${opts.publicUrl}${eventPath(e.id)}`
    const description = [plainText(e.description), url].filter(Boolean).join('\n\n')
    const where = e.location ?? e.onlineUrl
    calendar.createEvent({
      id: `event-${e.id}@${host}`,
      sequence: e.sequence,
      stamp: new Date(e.updatedAt),
      lastModified: new Date(e.updatedAt),
      created: new Date(e.createdAt),
      start: zoned(e.startsAt),
      end: zoned(e.endsAt),
      ...(local ? { timezone: e.timeZone } : {}),
      summary: e.title,
      description,
      ...(where ? { location: where } : {}),
      url,
      status: e.cancelledAt === null ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    })
  }
  return calendar.toString()
}
