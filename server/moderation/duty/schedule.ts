/**
 * Who is on duty when: pure functions over weekly shifts, each written in its moderator's own
 * time zone. A shift is wall-clock time ("Mondays 18:00–23:00 in Paris"), so it follows the
 * zone's daylight-saving changes: on the night clocks go forward it is an hour shorter, on the
 * night they go back an hour longer, exactly as the moderator lives it.
 */

export interface Shift {
  moderatorId: number
  /** An IANA zone, e.g. "Europe/Paris". */
  timeZone: string
  /** 0 = Sunday … 6 = Saturday, the day the shift starts on. */
  weekday: number
  /** "HH:MM", 00:00–23:59. */
  startsAt: string
  /** "HH:MM", up to "24:00"; at or before `startsAt`, the shift ends the next day. */
  endsAt: string
}

const day = 1440
const week = 7 * day
/** 1970-01-01, where epoch minutes start, was a Thursday. */
const epochWeekday = 4

export const startPattern = '^([01][0-9]|2[0-3]):[0-5][0-9]$'
export const endPattern = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Whether Intl knows this IANA zone (and it is spelled as a zone, not an offset). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

/** The zone's offset from UTC at an instant, in minutes (Paris in summer: 120). */
function offsetAt(zone: string, epochMinute: number): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(zone).formatToParts(new Date(epochMinute * 60_000)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) / 60_000
  return wall - epochMinute
}

const mod = (n: number, m: number) => ((n % m) + m) % m

/** Minute of the local week (0 = Sunday 00:00) for an epoch minute under an offset. */
const weekMinute = (epochMinute: number, offset: number) =>
  mod(epochMinute + offset + epochWeekday * day, week)

/** Where a shift lies in the local week: its start minute and its length. */
function span(shift: Shift): { start: number; length: number } {
  const start = shift.weekday * day + minutes(shift.startsAt)
  const end = minutes(shift.endsAt)
  const length =
    end > minutes(shift.startsAt) ? end - minutes(shift.startsAt) : end + day - minutes(shift.startsAt)
  return { start, length }
}

function covers(shift: Shift, localWeekMinute: number): boolean {
  const { start, length } = span(shift)
  return mod(localWeekMinute - start, week) < length
}

/**
 * The shifts running at an instant, each judged on its own zone's wall clock.
 *
 * @example onDutyAt(shifts, new Date('2025-03-30T07:00:00Z')) // Paris Sunday 09:00 (CEST)
 */
export function onDutyAt<S extends Shift>(shifts: readonly S[], instant: Date): S[] {
  const epochMinute = Math.floor(instant.getTime() / 60_000)
  const offsets = new Map<string, number>()
  return shifts.filter((s) => {
    let offset = offsets.get(s.timeZone)
    if (offset === undefined) {
      offset = offsetAt(s.timeZone, epochMinute)
      offsets.set(s.timeZone, offset)
    }
    return covers(s, weekMinute(epochMinute, offset))
  })
}

/** The moderators on duty at an instant, each once, in the order of their first shift. */
export function moderatorsOnDuty(shifts: readonly Shift[], instant: Date): number[] {
  return [...new Set(onDutyAt(shifts, instant).map((s) => s.moderatorId))]
}

/** How far ahead `nextChange` looks: a week and a day covers every weekly boundary. */
const horizon = 8 * day

/**
 * The next instant after `instant` at which the set of moderators on duty changes, or null when it
 * never does (no schedule, or the same people round the clock).
 *
 * Changes happen only where some zone's wall clock crosses a shift's start or end, or jumps (a
 * daylight-saving change). Each zone's offset is sampled hourly over the horizon and every change
 * pinned to its minute; within a stretch of constant offset, each boundary falls at a minute that
 * is plain arithmetic. Those candidates are then checked in order against `moderatorsOnDuty`.
 */
export function nextChange(shifts: readonly Shift[], instant: Date): Date | null {
  if (shifts.length === 0) return null
  const now = Math.floor(instant.getTime() / 60_000)
  const end = now + horizon
  const candidates = new Set<number>()
  for (const zone of new Set(shifts.map((s) => s.timeZone))) {
    const boundaries = new Set<number>()
    for (const s of shifts.filter((x) => x.timeZone === zone)) {
      const { start, length } = span(s)
      boundaries.add(start)
      boundaries.add(mod(start + length, week))
    }
    for (const [from, to, offset] of stretches(zone, now, end)) {
      if (from > now) candidates.add(from)
      for (const b of boundaries)
        for (let m = from + mod(b - weekMinute(from, offset), week); m < to; m += week)
          if (m > now) candidates.add(m)
    }
  }
  const key = (m: number) =>
    moderatorsOnDuty(shifts, new Date(m * 60_000))
      .sort((a, b) => a - b)
      .join(',')
  const current = key(now)
  for (const m of [...candidates].sort((a, b) => a - b)) if (key(m) !== current) return new Date(m * 60_000)
  return null
}

/** [from, to, offset] stretches of constant offset covering [start, end), in epoch minutes. */
function stretches(zone: string, start: number, end: number): [number, number, number][] {
  const out: [number, number, number][] = []
  let from = start
  let offset = offsetAt(zone, start)
  // Zones change offset at most once an hour (twice a year in practice): sampling hourly finds each.
  for (let prev = start; prev < end; ) {
    const at = Math.min(prev + 60, end)
    const next = offsetAt(zone, at)
    if (next !== offset) {
      // The first minute at which the new offset holds.
      let lo = prev
      let hi = at
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (offsetAt(zone, mid) === offset) lo = mid
        else hi = mid
      }
      out.push([from, hi, offset])
      from = hi
      offset = next
    }
    prev = at
  }
  if (from < end) out.push([from, end, offset])
  return out
}
