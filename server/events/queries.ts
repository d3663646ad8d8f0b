import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import type { Database, Db } from '../db/database.js'
import { fromMicros, microsOf } from '../http/cursor.js'
import { visibleTo } from './policy.js'
import type { RsvpStatus } from './schema.js'

type Executor = Db | Transaction<Database>

export const eventColumns = [
  'e.id',
  'e.title',
  'e.description',
  'e.html',
  'e.startsAt',
  'e.endsAt',
  'e.timeZone',
  'e.location',
  'e.onlineUrl',
  'e.capacity',
  'e.rsvpDeadline',
  'e.visibility',
  'e.groupId',
  'e.categoryId',
  'e.topicId',
  'e.qaOpen',
  'e.goingCount',
  'e.waitlistCount',
  'e.maybeCount',
  'e.notGoingCount',
  'e.sequence',
  'e.createdBy',
  'e.createdAt',
  'e.updatedAt',
  'e.cancelledAt',
  'e.cancelReason',
] as const

export function selectEvents(db: Executor) {
  return db
    .selectFrom('events as e')
    .select(eventColumns)
    .select(sql<string | null>`(select t.slug from topics t where t.id = e.topic_id)`.as('topicSlug'))
}

export type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>

export function findEvent(db: Executor, id: number): Promise<EventRow | undefined> {
  return selectEvents(db).where('e.id', '=', id).executeTakeFirst()
}

/**
 * The event row, locked until the transaction ends: every RSVP, promotion and edit of an event
 * takes this lock first, so places are handed out one at a time and counts never drift.
 */
export function lockEvent(trx: Transaction<Database>, id: number): Promise<EventRow | undefined> {
  return selectEvents(trx).where('e.id', '=', id).forUpdate().executeTakeFirst()
}

/** The id the next event will have: drawn first so its topic's opening post can link to it. */
export async function nextEventId(db: Executor): Promise<number> {
  const { rows } = await sql<{ id: string | number }>`
    select nextval(pg_get_serial_sequence('events', 'id')) as id`.execute(db)
  return Number(rows[0]!.id)
}

/**
 * A page of the events the viewer may see that have not ended by `from`, by start then id,
 * after the keyset `after` ([start in microseconds, id]); one extra row tells whether more follow.
 */
export function eventPage(
  db: Db,
  viewer: Viewer | null,
  args: { from: Date; to: Date | null; after: [number, number] | null; limit: number },
) {
  return selectEvents(db)
    .select(microsOf('e.starts_at').as('startsMicros'))
    .where(visibleTo(viewer))
    .where('e.endsAt', '>', args.from)
    .$if(args.to !== null, (q) => q.where('e.startsAt', '<', args.to!))
    .$if(args.after !== null, (q) =>
      q.where(sql<boolean>`(e.starts_at, e.id) > (${fromMicros(args.after![0])}, ${args.after![1]})`),
    )
    .orderBy('e.startsAt')
    .orderBy('e.id')
    .limit(args.limit + 1)
    .execute()
}

export interface MyRsvp {
  eventId: number
  status: RsvpStatus
  position: number | null
}

/** The viewer's own answers to these events, waitlisted ones with their place in the queue. */
export async function rsvpsOf(db: Executor, userId: number, eventIds: number[]): Promise<MyRsvp[]> {
  if (eventIds.length === 0) return []
  const { rows } = await sql<MyRsvp>`
    select r.event_id, r.status,
      case when r.status = 'waitlisted' then (
        select count(*)::int from event_rsvps w
        where w.event_id = r.event_id and w.status = 'waitlisted' and w.queue_seq <= r.queue_seq
      ) end as position
    from event_rsvps r
    where r.user_id = ${userId}::bigint and r.event_id = any(${eventIds}::bigint[])`.execute(db)
  return rows.map((r) => ({ ...r, eventId: Number(r.eventId) }))
}
