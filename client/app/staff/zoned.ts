// Wall-clock times in a chosen IANA zone, as the staff forms read and write them: a
// `datetime-local` input holds "2026-03-29T02:30" with no zone; the API wants an instant.
// Pure functions over Intl (no DOM), so tests run in Node.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, f)
  }
  return f
}

/** Whether the runtime knows this IANA zone. */
export function isZone(zone: string): boolean {
  if (!zone) return false
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The wall clock in `zone` at an instant, as milliseconds since the epoch read as UTC. */
function wallClock(ms: number, zone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
}

/** How far `zone` is ahead of UTC at an instant, in milliseconds. */
export function zoneOffset(ms: number, zone: string): number {
  return wallClock(Math.floor(ms / 1000) * 1000, zone) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant a `datetime-local` value means in `zone`, as ISO 8601 UTC; null when the value or
 * the zone is not valid. A time the clocks skip (spring forward) is read with the offset before
 * the change (02:30 in Paris on the last Sunday of March is 03:30 summer time); a time the clocks
 * repeat (fall back) is its first occurrence.
 */
export function zonedToIso(local: string, zone: string): string | null {
  const m = LOCAL.exec(local)
  if (!m || !isZone(zone)) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s || 0)
  const check = new Date(wall)
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59) return null
  // The offset a few hours before and after: around a change they differ, and each is tried.
  const before = zoneOffset(wall - 864e5 / 2, zone)
  const after = zoneOffset(wall + 864e5 / 2, zone)
  const candidates = [wall - Math.max(before, after), wall - Math.min(before, after)]
  for (const ms of candidates) if (wallClock(ms, zone) === wall) return new Date(ms).toISOString()
  // Skipped by the clocks: the offset in force before the change.
  return new Date(wall - before).toISOString()
}

/** An instant as a `datetime-local` value ("2026-03-29T03:30") in `zone`; '' if unreadable. */
export function isoToZoned(iso: string | null | undefined, zone: string): string {
  if (!iso || !isZone(zone)) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(wallClock(ms, zone)).toISOString().slice(0, 16)
}

/** The browser's zone, UTC when it cannot tell. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/** The zones a select offers: the runtime's list, with `current` and UTC always in it. */
export function zoneChoices(current: string): string[] {
  let all: string[] = []
  try {
    all =
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
  } catch {
    all = []
  }
  const set = new Set(all)
  set.add('UTC')
  if (current) set.add(current)
  return [...set].sort((a, b) => a.localeCompare(b))
}
