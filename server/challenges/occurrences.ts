import { DateTime, Info } from 'luxon'

// When a challenge can be completed. A one-off challenge has one occurrence, from its start to its
// end. A weekly one has one per calendar week (Monday 00:00 to the next Monday 00:00) and a monthly
// one per calendar month, both in the challenge's own time zone, clipped to its start and end.
//
// Occurrences are computed here, at read time, rather than opened by a job at each boundary: the
// occurrence an instant belongs to is a pure function of the challenge, so there is nothing to miss
// after downtime, nothing to move when a moderator edits the dates, and daylight-saving nights are
// luxon's calendar arithmetic (a week across the March change is 167 hours long, and still one week).

export type Recurrence = 'none' | 'weekly' | 'monthly'

export interface Schedule {
  startsAt: Date
  endsAt: Date | null
  timeZone: string
  recurrence: Recurrence
}

export interface Occurrence {
  /** Names it in completions and submissions: "once", "2026-03-30" (the Monday), "2026-03". */
  key: string
  startsAt: Date
  /** Null only for a one-off challenge without an end. */
  endsAt: Date | null
}

export const defaultTimeZone = 'Europe/Paris'

export function isTimeZone(zone: string): boolean {
  return Info.isValidIANAZone(zone)
}

const later = (x: Date, y: Date) => (x < y ? y : x)
const earlier = (x: Date, y: Date) => (x < y ? x : y)
const unit = (r: Recurrence) => (r === 'weekly' ? 'week' : 'month')

function period(s: Schedule, local: DateTime): Occurrence {
  const start = local.startOf(unit(s.recurrence))
  const end = start.plus(s.recurrence === 'weekly' ? { weeks: 1 } : { months: 1 })
  const key = s.recurrence === 'weekly' ? start.toISODate()! : start.toFormat('yyyy-MM')
  const from = start.toJSDate()
  const to = end.toJSDate()
  // Clipped to the challenge's own start and end.
  return { key, startsAt: later(from, s.startsAt), endsAt: s.endsAt ? earlier(to, s.endsAt) : to }
}

/**
 * The occurrence `at` falls in, or null before the start or from the end on.
 *
 * @example occurrenceAt({ startsAt, endsAt: null, timeZone: 'Europe/Paris', recurrence: 'weekly' }, new Date('2026-03-31T10:00:00Z'))
 *   // { key: '2026-03-30', startsAt: 2026-03-29T22:00:00Z, endsAt: 2026-04-05T22:00:00Z }
 */
export function occurrenceAt(s: Schedule, at: Date): Occurrence | null {
  if (at < s.startsAt || (s.endsAt && at >= s.endsAt)) return null
  if (s.recurrence === 'none') return { key: 'once', startsAt: s.startsAt, endsAt: s.endsAt }
  return period(s, DateTime.fromJSDate(at, { zone: s.timeZone }))
}

/** The occurrence open at `at`, or else the next one to open (null once the challenge is over). */
export function currentOrNext(s: Schedule, at: Date): Occurrence | null {
  if (s.endsAt && at >= s.endsAt) return null
  return occurrenceAt(s, at < s.startsAt ? s.startsAt : at)
}

/** The occurrence a key names, if the challenge has it (a submission reviewed after its week). */
export function occurrenceByKey(s: Schedule, key: string): Occurrence | null {
  if (s.recurrence === 'none') return key === 'once' ? occurrenceAt(s, s.startsAt) : null
  const local = DateTime.fromISO(s.recurrence === 'weekly' ? key : `${key}-01`, { zone: s.timeZone })
  if (!local.isValid) return null
  const o = period(s, local)
  if (o.key !== key || (o.endsAt && o.endsAt <= s.startsAt) || (s.endsAt && o.startsAt >= s.endsAt))
    return null
  return o
}
