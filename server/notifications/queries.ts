import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../db/database.js'

/** Reply and mention notifications point at a post; they leave the list when it does. */
export const postKinds = ['reply', 'mention'] as const

/** Counting unread stops here: a badge needs no more, and the count stays one short index range. */
export const unreadCap = 999

export interface NotificationRow {
  id: number
  type: string
  data: Record<string, unknown>
  createdAt: Date
  postId: number | null
  topicId: number | null
  postNumber: number | null
  topicTitle: string | null
  byId: number | null
  byHandle: string | null
  byDisplayName: string | null
}

// A number inside the event's data, or null: events of kinds written later may carry anything,
// and a bad cast must not turn the whole list into a 500.
const dataId = (path: string) =>
  sql.raw(
    `case when jsonb_typeof(e.data #> '{${path}}') = 'number' then (e.data #>> '{${path}}')::bigint end`,
  )

/**
 * The channel's events the member may meet: reply and mention events only while their post, its
 * topic and its category are still there for the reader (not deleted, not hidden, readable);
 * every other kind always. `categoryIds` are the categories the reader may read.
 */
function visible(categoryIds: number[]): RawBuilder<boolean> {
  return sql<boolean>`(e.type <> all(${postKinds as unknown as string[]}::text[]) or (
    p.deleted_at is null and p.hidden_at is null and t.deleted_at is null and t.hidden_at is null
    and t.category_id = any(${categoryIds}::bigint[])))`
}

const from = sql`live_events e
  left join posts p on p.id = ${dataId('postId')}
  left join topics t on t.id = coalesce(p.topic_id, ${dataId('topicId')})`

/** A page of a member's notifications, newest first, after the keyset cursor `before` (an id). */
export async function notificationPage(
  db: Db,
  args: { userId: number; categoryIds: number[]; before: number | null; limit: number },
): Promise<NotificationRow[]> {
  const { rows } = await sql<NotificationRow>`
select e.id, e.type, e.data, e.created_at, p.id as post_id, coalesce(p.topic_id, t.id) as topic_id,
  p.post_number,
  case when t.deleted_at is null and t.hidden_at is null and t.category_id = any(${args.categoryIds}::bigint[])
    then t.title end as topic_title,
  bu.id as by_id, bu.handle as by_handle, bu.display_name as by_display_name
from ${from}
  left join users bu on bu.id = ${dataId('by,id')}
where e.channel = ${`user:${args.userId}`} and e.id < ${args.before ?? Number.MAX_SAFE_INTEGER}::bigint
  and ${visible(args.categoryIds)}
order by e.id desc
limit ${args.limit}`.execute(db)
  return rows
}

/** How many of the member's notifications are above their read marker (at most `unreadCap`). */
export async function unreadCount(
  db: Db,
  args: { userId: number; categoryIds: number[]; seenId: number },
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
select count(*)::int as n from (
  select 1 from ${from}
  where e.channel = ${`user:${args.userId}`} and e.id > ${args.seenId}::bigint and ${visible(args.categoryIds)}
  limit ${unreadCap}
) unread`.execute(db)
  return rows[0]?.n ?? 0
}

/** The member's read marker and preferences as stored. */
export async function notificationState(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['notificationsSeenId', 'notificationPrefs'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/**
 * Moves the read marker forward to `upTo`, never back, and never past the newest event on the
 * member's channel (a marker beyond it would silently mark future notifications read).
 */
export async function advanceSeen(db: Db, userId: number, upTo: number): Promise<void> {
  await sql`
update users set notifications_seen_id = greatest(notifications_seen_id, least(${upTo}::bigint,
  coalesce((select max(id) from live_events where channel = ${`user:${userId}`}), 0)))
where id = ${userId}::bigint`.execute(db)
}

export async function storePrefs(db: Db, userId: number, prefs: Record<string, boolean>): Promise<void> {
  await db
    .updateTable('users')
    .set({ notificationPrefs: JSON.stringify(prefs) })
    .where('id', '=', userId)
    .execute()
}
