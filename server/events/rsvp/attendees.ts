import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { RsvpStatus } from '../schema.js'

// The attendee list moderators read and export: going first (by when they got their place), then
// the waitlist in queue order with positions, then maybe and not going. Keyset-paginated on
// (rank, sort key, user id); positions are counted over the whole waitlist, whatever the page.

export interface AttendeeRow {
  userId: number
  handle: string
  displayName: string
  status: RsvpStatus
  position: number | null
  statusAt: Date
  createdAt: Date
  rank: number
  sortKey: number
}

export type AttendeeKeys = [number, number, number]

export async function attendeePage(
  db: Db,
  eventId: number,
  args: { status?: RsvpStatus | undefined; after: AttendeeKeys | null; limit: number },
): Promise<AttendeeRow[]> {
  const { rows } = await sql<AttendeeRow>`
    select * from (
      select r.user_id, u.handle, u.display_name, r.status, r.status_at, r.created_at,
        case when r.status = 'waitlisted'
          then (row_number() over (partition by r.status = 'waitlisted' order by r.queue_seq))::int end as position,
        case r.status when 'going' then 0 when 'waitlisted' then 1 when 'maybe' then 2 else 3 end as rank,
        case when r.status = 'waitlisted' then r.queue_seq
          else (extract(epoch from r.status_at) * 1000000)::bigint end as sort_key
      from event_rsvps r join users u on u.id = r.user_id
      where r.event_id = ${eventId}::bigint
    ) a
    where (${args.status ?? null}::text is null or a.status = ${args.status ?? null}::text)
      and (${args.after === null}::boolean or (a.rank, a.sort_key, a.user_id) > (
        ${args.after?.[0] ?? 0}::int, ${args.after?.[1] ?? 0}::bigint, ${args.after?.[2] ?? 0}::bigint))
    order by a.rank, a.sort_key, a.user_id
    limit ${args.limit}`.execute(db)
  return rows
}

export function presentAttendee(r: AttendeeRow) {
  return {
    user: { id: r.userId, handle: r.handle, displayName: r.displayName },
    status: r.status,
    ...(r.position !== null ? { position: r.position } : {}),
    since: new Date(r.statusAt).toISOString(),
    respondedAt: new Date(r.createdAt).toISOString(),
  }
}

/** Every attendee, a thousand at a time, so a big event's export never holds its list in memory. */
export async function* allAttendees(db: Db, eventId: number, status?: RsvpStatus) {
  let after: AttendeeKeys | null = null
  for (;;) {
    const rows = await attendeePage(db, eventId, { status, after, limit: 1000 })
    yield* rows
    if (rows.length < 1000) return
    const last = rows.at(-1)!
    after = [last.rank, Number(last.sortKey), last.userId]
  }
}
