// Dates for the events pages, as pure functions (no DOM: tested in Node, test/client/community-pages.test.ts).
// A month is written `YYYY-MM`, a day `YYYY-MM-DD`; both are calendar dates in the reader's zone.

import type { Lang } from '../../shared/i18n.js'

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' }

export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string
  /** Day of the month, 1–31. */
  day: number
  /** False for the days of the previous and next months that fill the first and last weeks. */
  inMonth: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

function parseMonth(month: string): { year: number; index: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) throw new Error(`not a month: ${month}`)
  return { year: Number(m[1]), index: Number(m[2]) - 1 }
}

/**
 * The weeks of a month, Monday first (as in France and Britain), each seven days long: the first
 * and last weeks are filled with the neighbouring months' days. Four to six weeks.
 *
 * @example monthGrid('2026-03')[0][0] // { date: '2026-02-23', day: 23, inMonth: false }
 */
export function monthGrid(month: string): CalendarDay[][] {
  const { year, index } = parseMonth(month)
  const first = new Date(Date.UTC(year, index, 1))
  const lead = (first.getUTCDay() + 6) % 7
  const days = new Date(Date.UTC(year, index + 1, 0)).getUTCDate()
  const weeks: CalendarDay[][] = []
  const cursor = new Date(Date.UTC(year, index, 1 - lead))
  for (let w = 0; w < Math.ceil((lead + days) / 7); w++) {
    const week: CalendarDay[] = []
    for (let i = 0; i < 7; i++) {
      week.push({ date: ymd(cursor), day: cursor.getUTCDate(), inMonth: cursor.getUTCMonth() === index })
      cursor.setUTCDate(cursor.getUTCDate() + 1)
    }
    weeks.push(week)
  }
  return weeks
}

/** The month `delta` months away: shiftMonth('2026-01', -1) is '2025-12'. */
export function shiftMonth(month: string, delta: number): string {
  const { year, index } = parseMonth(month)
  const d = new Date(Date.UTC(year, index + delta, 1))
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone (the runtime's if none). */
export function dayIn(iso: string | Date, timeZone?: string | null): string {
  const key = timeZone ?? ''
  let f = dayFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: timeZone ?? undefined,
    })
    dayFormats.set(key, f)
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** The month (`YYYY-MM`) an instant falls in, in a time zone. */
export function monthIn(iso: string | Date, timeZone?: string | null): string {
  return dayIn(iso, timeZone).slice(0, 7)
}

/**
 * What to ask the API for a month's events: from a day before the month to two days after it, in
 * UTC, wide enough for any reader's zone; the page then places each event on its days in the
 * reader's zone (eventDays) and leaves out those outside the month.
 */
export function monthQuery(month: string): { from: string; to: string } {
  const { year, index } = parseMonth(month)
  return {
    from: new Date(Date.UTC(year, index, 0)).toISOString(),
    to: new Date(Date.UTC(year, index + 1, 2)).toISOString(),
  }
}

/**
 * The days an event covers in the reader's zone: its start day to the day it ends (an event ending
 * at midnight does not spill onto the next day), at most 62 days.
 */
export function eventDays(startsAt: string, endsAt: string, timeZone?: string | null): string[] {
  const first = dayIn(startsAt, timeZone)
  // One millisecond before the end: 18:00–00:00 stays on its day.
  const endMs = Math.max(new Date(startsAt).getTime(), new Date(endsAt).getTime() - 1)
  const last = dayIn(new Date(endMs), timeZone)
  const out: string[] = []
  const cursor = new Date(`${first}T00:00:00Z`)
  while (out.length < 62) {
    const d = ymd(cursor)
    out.push(d)
    if (d >= last) break
    cursor.setUTCDate(cursor.getUTCDate() + 1)
  }
  return out
}

/** Groups events by the days they cover in the reader's zone (an event on each of its days). */
export function eventsByDay<E extends { startsAt: string; endsAt: string }>(
  events: E[],
  timeZone?: string | null,
): Map<string, E[]> {
  const byDay = new Map<string, E[]>()
  for (const e of events)
    for (const d of eventDays(e.startsAt, e.endsAt, timeZone)) {
      const list = byDay.get(d)
      if (list) list.push(e)
      else byDay.set(d, [e])
    }
  return byDay
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>()
function rangeFormat(lang: Lang, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}:${timeZone ?? ''}`
  let f = rangeFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    })
    rangeFormats.set(key, f)
  }
  return f
}

/** "Sat, 14 Mar 2026, 18:00–20:00 CET" in a zone (the runtime's if none). */
export function formatSpan(startsAt: string, endsAt: string, lang: Lang, timeZone?: string | null): string {
  const f = rangeFormat(lang, timeZone ?? undefined)
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  return end > start ? f.formatRange(start, end) : f.format(start)
}

/**
 * When an event happens, in the reader's zone, and in the event's own zone when that reads
 * differently (a reader in London of an event in Paris sees both; one in Brussels, one line).
 */
export function eventWhen(
  e: { startsAt: string; endsAt: string; timeZone: string },
  lang: Lang,
  readerZone?: string | null,
): { reader: string; local: string | null } {
  const reader = formatSpan(e.startsAt, e.endsAt, lang, readerZone)
  let local: string | null
  try {
    local = formatSpan(e.startsAt, e.endsAt, lang, e.timeZone)
  } catch {
    // A zone this browser does not know: the reader's line is enough.
    local = null
  }
  return { reader, local: local === reader ? null : local }
}

/** "March 2026", "mars 2026". */
export function monthTitle(month: string, lang: Lang): string {
  const { year, index } = parseMonth(month)
  return new Intl.DateTimeFormat(locales[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, index, 1)),
  )
}

/** The days of the week, Monday first: short ("Mon") and long ("Monday") names. */
export function weekdays(lang: Lang): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locales[lang], { weekday: 'short', timeZone: 'UTC' })
  const long = new Intl.DateTimeFormat(locales[lang], { weekday: 'long', timeZone: 'UTC' })
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i))
    return { short: short.format(d), long: long.format(d) }
  })
}

/** "Saturday 14 March 2026", for a day cell's accessible name. */
export function dayTitle(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  )
}
