import type { TestApp } from '../helpers/app.js'
import type { Member } from '../helpers/factories.js'

export const hour = 3_600_000
export const day = 24 * hour

/** A clock tests move by hand: `clock.now` is what app.clock() answers. */
export function movableClock(start = new Date('2030-06-01T08:00:00Z')) {
  const clock = {
    now: start,
    read: () => clock.now,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms)
    },
  }
  return clock
}

/** The fields of the API's event (and its list items) the tests read. */
export interface EventJson {
  id: number
  title: string
  topicId: number
  startsAt: string
  endsAt: string
  visibility: string
  categoryId: number
}
export interface QuestionJson {
  id: number
  votes: number
  voted: boolean
  hidden: boolean
}
export interface AttendeeJson {
  user: { id: number }
  status: string
  position?: number
}

export interface EventBody {
  title?: string
  description?: string
  startsAt?: string
  endsAt?: string
  timeZone?: string
  location?: string | null
  onlineUrl?: string | null
  capacity?: number | null
  rsvpDeadline?: string | null
  visibility?: string
  groupId?: number | null
  categoryId?: number
  qaOpen?: boolean
}

/** A valid body, starting `inMs` after `from` for two hours; `over` replaces any field. */
export function eventBody(from: Date, over: EventBody = {}, inMs = 3 * day): EventBody {
  const start = new Date(from.getTime() + inMs)
  return {
    title: 'Sortie vélo du dimanche',
    description: 'On roule **ensemble** jusqu’à Villefranche.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * hour).toISOString(),
    timeZone: 'Europe/Paris',
    location: 'Place Masséna, Nice',
    ...over,
  }
}

export async function createEvent(a: TestApp, moderator: Member, body: EventBody) {
  const res = await a.inject({ method: 'POST', url: '/api/events', headers: moderator.auth, payload: body })
  if (res.statusCode !== 201) throw new Error(`createEvent: ${res.statusCode} ${res.body}`)
  return res.json().event as EventJson
}

export async function rsvp(a: TestApp, member: Member, eventId: number, status: string) {
  return a.inject({
    method: 'PUT',
    url: `/api/events/${eventId}/rsvp`,
    headers: member.auth,
    payload: { status },
  })
}

/** A small RFC 4180 reader (csv-parse is not a dependency): rows of cells, the BOM dropped. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) rows.push([...row, cell])
  const [header, ...data] = rows
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])))
}
