import { DateTime } from 'luxon'

// VTIMEZONE blocks from the time zone database Node ships with (through luxon), so that an
// event's DTSTART can say TZID=Europe/Paris and calendar apps show it at its local time, daylight
// saving included. Each transition of the years asked for is written as its own observance
// (no RRULE): exact whatever the zone's rules were in those years.

const dayMs = 86_400_000
const cache = new Map<string, string | null>()

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`
}

const offsetAt = (zone: string, ms: number) => DateTime.fromMillis(ms, { zone }).offset

/** The first millisecond in (lo, hi] at which the zone's offset is no longer what it was at lo. */
function transitionBetween(zone: string, lo: number, hi: number): number {
  const before = offsetAt(zone, lo)
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (offsetAt(zone, mid) === before) lo = mid
    else hi = mid
  }
  return hi
}

/**
 * The VTIMEZONE of `zone` covering the years `fromYear` to `toYear` (their transitions, and the
 * offset in force as the first year begins), or null for a zone luxon does not know.
 * @example vtimezone('Europe/Paris', 2026, 2026) // "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n…"
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string | null {
  const key = `${zone} ${fromYear} ${toYear}`
  if (cache.has(key)) return cache.get(key)!
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'UTC' })
  if (!start.setZone(zone).isValid) return null
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'UTC' }).toMillis()
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', atMs: number, from: number, to: number) => {
    const local = DateTime.fromMillis(atMs, { zone: 'UTC' }).plus({ minutes: from })
    const name = DateTime.fromMillis(atMs, { zone }).toFormat('ZZZZ', { locale: 'en-GB' })
    return [
      `BEGIN:${kind}`,
      `DTSTART:${local.toFormat("yyyyMMdd'T'HHmmss")}`,
      `TZOFFSETFROM:${offsetText(from)}`,
      `TZOFFSETTO:${offsetText(to)}`,
      ...(/^[A-Za-z]{2,6}$/.test(name) ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ]
  }
  let t = start.toMillis()
  let offset = offsetAt(zone, t)
  const first = DateTime.fromMillis(t, { zone })
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance(first.isInDST ? 'DAYLIGHT' : 'STANDARD', t, offset, offset),
  ]
  // Offsets change at most a few times a year: look day by day, then find the second.
  for (let day = t + dayMs; t < end; t = day, day += dayMs) {
    const next = offsetAt(zone, day)
    if (next === offset) continue
    const at = transitionBetween(zone, t, day)
    const dst = DateTime.fromMillis(at, { zone }).isInDST
    lines.push(...observance(dst ? 'DAYLIGHT' : 'STANDARD', at, offset, next))
    offset = next
  }
  lines.push('END:VTIMEZONE')
  const text = lines.join('\r\n')
  if (cache.size >= 1000) cache.clear()
  cache.set(key, text)
  return text
}
