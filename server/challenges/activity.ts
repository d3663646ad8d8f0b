import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { Action } from './queries.js'

// What members did in the forum, read from the forum's own tables (read only, never on its write
// path). Only published posts count: not deleted, not hidden, not held for approval, in a topic
// that is itself neither deleted nor hidden. The forum has no exported reading of this kind, and
// these counts are the challenges' rules rather than the forum's: they live here.

export interface Rule {
  action: Action
  count: number
  categoryId: number | null
}

const published = sql`p.deleted_at is null and p.hidden_at is null and p.held_at is null
  and t.deleted_at is null and t.hidden_at is null`

/**
 * How far each of `userIds` has got under `rule` within [from, to): distinct topics replied to
 * (their own topics left out), topics started, or reactions received from other members. Members
 * with nothing are absent from the map. One grouped query over posts_author_idx.
 *
 * @example await countActivity(db, { action: 'reply', count: 3, categoryId: null }, [7, 9], monday, nextMonday) // Map { 7 => 2 }
 */
export async function countActivity(
  db: Db,
  rule: Rule,
  userIds: number[],
  from: Date,
  to: Date | null,
): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map()
  const ids = sql`any(${userIds}::bigint[])`
  const until = to ?? new Date('9999-12-31T00:00:00Z')
  const category = rule.categoryId === null ? sql`true` : sql`t.category_id = ${rule.categoryId}::bigint`
  let query: ReturnType<typeof sql<{ userId: number; n: number }>>
  switch (rule.action) {
    case 'reply':
      query = sql<{ userId: number; n: number }>`
select p.author_id as user_id, count(distinct p.topic_id)::int as n
from posts p join topics t on t.id = p.topic_id
where p.author_id = ${ids} and p.post_number > 1 and t.author_id <> p.author_id
  and p.created_at >= ${from} and p.created_at < ${until} and ${published} and ${category}
group by p.author_id`
      break
    case 'topic':
      query = sql<{ userId: number; n: number }>`
select p.author_id as user_id, count(*)::int as n
from posts p join topics t on t.id = p.topic_id
where p.author_id = ${ids} and p.post_number = 1
  and p.created_at >= ${from} and p.created_at < ${until} and ${published} and ${category}
group by p.author_id`
      break
    case 'reaction_received':
      query = sql<{ userId: number; n: number }>`
select p.author_id as user_id, count(*)::int as n
from posts p join topics t on t.id = p.topic_id join reactions r on r.post_id = p.id
where p.author_id = ${ids} and r.user_id <> p.author_id
  and r.created_at >= ${from} and r.created_at < ${until} and ${published} and ${category}
group by p.author_id`
      break
  }
  const { rows } = await query.execute(db)
  return new Map(rows.map((r) => [Number(r.userId), r.n]))
}

export interface Activity {
  userId: number
  /** When it happened (database time): which occurrence it counts in. */
  at: Date
  kind: 'post' | 'reaction'
}

export interface Scan {
  activity: Activity[]
  /** The watermark to store once this scan is evaluated. */
  next: { postId: number; reactionsAt: Date }
  /** The batch was full: more is waiting now. */
  more: boolean
}

/**
 * What happened since the watermark, at most `batch` posts and `batch` reactions. Ids and
 * timestamps are drawn before commit, so a row may appear a moment after a later one; the
 * watermark therefore stays `overlapMs` behind the database's clock and rows in that margin are
 * read again next time (evaluating a member twice is harmless: completions are unique).
 */
export async function scanActivity(
  db: Db,
  since: { postId: number; reactionsAt: Date },
  batch: number,
  overlapMs: number,
): Promise<Scan> {
  const { rows: clock } = await sql<{ now: Date }>`select now() as now`.execute(db)
  const settled = new Date(clock[0]!.now.getTime() - overlapMs)
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'authorId', 'createdAt'])
    .where('id', '>', since.postId)
    .orderBy('id')
    .limit(batch)
    .execute()
  const reactions = await db
    .selectFrom('reactions as r')
    .innerJoin('posts as p', 'p.id', 'r.postId')
    .select(['p.authorId', 'r.createdAt'])
    .where('r.createdAt', '>=', since.reactionsAt)
    .orderBy('r.createdAt')
    .limit(batch)
    .execute()
  const postsFull = posts.length === batch
  const reactionsFull = reactions.length === batch
  // Posts: up to the last one old enough that nothing drawn before it can still commit; a full
  // batch moves on regardless (a burst of `batch` posts within the margin must not stall the job).
  let postId = since.postId
  for (const p of posts) if (postsFull || p.createdAt < settled) postId = Math.max(postId, p.id)
  const reactionsAt = reactionsFull
    ? reactions.at(-1)!.createdAt
    : new Date(Math.max(since.reactionsAt.getTime(), settled.getTime()))
  return {
    activity: [
      ...posts.map((p) => ({ userId: p.authorId, at: p.createdAt, kind: 'post' as const })),
      ...reactions.map((r) => ({ userId: r.authorId, at: r.createdAt, kind: 'reaction' as const })),
    ],
    next: { postId, reactionsAt },
    more: postsFull || reactionsFull,
  }
}

/** The newest post id and the database's clock: where the job starts again after idling. */
export async function watermarkNow(
  db: Db,
  overlapMs: number,
): Promise<{ postId: number; reactionsAt: Date }> {
  const { rows } = await sql<{ postId: number | null; now: Date }>`
select (select max(id) from posts) as post_id, now() as now`.execute(db)
  return {
    postId: Number(rows[0]?.postId ?? 0),
    reactionsAt: new Date(rows[0]!.now.getTime() - overlapMs),
  }
}

export async function readWatermark(db: Db): Promise<{ postId: number; reactionsAt: Date }> {
  const row = await db
    .selectFrom('challengeWatermark')
    .select(['postId', 'reactionsAt'])
    .where('id', '=', 1)
    .executeTakeFirst()
  return row ?? watermarkNow(db, 0)
}

/** Moves the watermark forward, never back (two runs racing leave the furthest). */
export async function storeWatermark(db: Db, to: { postId: number; reactionsAt: Date }): Promise<void> {
  await sql`
insert into challenge_watermark (id, post_id, reactions_at, updated_at)
values (1, ${to.postId}, ${to.reactionsAt}, now())
on conflict (id) do update set
  post_id = greatest(challenge_watermark.post_id, excluded.post_id),
  reactions_at = greatest(challenge_watermark.reactions_at, excluded.reactions_at),
  updated_at = now()`.execute(db)
}
