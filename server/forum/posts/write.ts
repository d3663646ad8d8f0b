import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { lockChannelSql } from '../../live/events.js'
import type { Rendered } from '../../render/markdown.js'
import { type PostRow, presentPost } from '../present.js'

/** The next post id, drawn from the posts identity so the topic row can point at it in the same update. */
export const nextPostId = sql<number>`nextval(pg_get_serial_sequence('posts', 'id'))`

export interface NewPost {
  id: number
  topicId: number
  postNumber: number
  authorId: number
  replyToId: number | null
  body: string
  rendered: Rendered
  /** The opening post of a new topic also counts as the author's topic. */
  opensTopic: boolean
}

/**
 * Inserts a post whose number and id the caller took from the topic row, and counts it for its
 * author. Runs inside the caller's transaction, after the topic row update that serialises the thread.
 */
export async function insertPost(trx: Transaction<Database>, p: NewPost): Promise<PostRow> {
  const post = await trx
    .insertInto('posts')
    .values({
      id: p.id,
      topicId: p.topicId,
      authorId: p.authorId,
      postNumber: p.postNumber,
      replyToId: p.replyToId,
      body: p.body,
      html: p.rendered.html,
    })
    .returning([
      'id',
      'topicId',
      'postNumber',
      'authorId',
      'replyToId',
      'body',
      'html',
      'revision',
      'reactions',
      'createdAt',
      'editedAt',
      'deletedAt',
      'hiddenAt',
    ])
    .executeTakeFirstOrThrow()
  const author = await trx
    .updateTable('users')
    .set((eb) => ({
      postCount: eb('postCount', '+', 1),
      ...(p.opensTopic ? { topicCount: eb('topicCount', '+', 1) } : {}),
    }))
    .where('id', '=', p.authorId)
    .returning(['handle', 'displayName', 'avatarUrl', 'role'])
    .executeTakeFirstOrThrow()
  await insertMentions(trx, post.id, p.rendered.mentionedUserIds)
  return {
    ...post,
    authorHandle: author.handle,
    authorDisplayName: author.displayName,
    authorAvatarUrl: author.avatarUrl,
    authorRole: author.role,
  }
}

export async function insertMentions(trx: Transaction<Database>, postId: number, userIds: number[]) {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return
  await trx
    .insertInto('postMentions')
    .values(unique.map((userId) => ({ postId, userId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** A reply as the caller checked it: the rendered body, and the topic facts the events carry. */
export interface NewReply {
  topicId: number
  authorId: number
  /** Staff may reply to a locked topic. */
  staff: boolean
  replyToId: number | null
  body: string
  rendered: Rendered
  /** The post as a visitor sees it (presentPost with no viewer), without what only the insert knows. */
  eventTemplate: Record<string, unknown>
  reactionKinds: readonly string[]
}

export type ReplyRow = PostRow & {
  topicPostCount: number
  lastPostAt: Date
  locked: boolean
  categoryId: number
  postEventId: number
  topicEventId: number
  /** Notifications recorded for the members replied to and mentioned. */
  userEvents: { id: number; channel: string; type: string }[]
}

// ISO 8601 UTC with milliseconds, exactly as Date#toISOString prints what pg parses (truncated).
const isoSql = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)

/**
 * A reply in one statement, atomic on its own: number it on the topic row (which serialises the
 * thread), insert it, count it for its author, record its mentions and both live events (each
 * channel's lock taken first: see lockChannelSql). No row
 * comes back when the topic is gone, or locked for a non-staff author: nothing was written then.
 * Runs on the pool, or inside the caller's transaction (the Idempotency-Key path).
 */
export async function insertReply(db: Kysely<Database>, r: NewReply): Promise<ReplyRow | undefined> {
  const mentions = [...new Set(r.rendered.mentionedUserIds)]
  const { rows } = await sql<ReplyRow>`
with t as (
  update topics
  set post_count = post_count + 1, last_post_at = now(), last_poster_id = ${r.authorId}::bigint,
    last_post_id = ${nextPostId}
  where id = ${r.topicId}::bigint and deleted_at is null and (not locked or ${r.staff}::boolean)
  returning post_count, last_post_id, last_post_at, locked, category_id, author_id
),
p as (
  insert into posts (id, topic_id, author_id, post_number, reply_to_id, body, html)
  select t.last_post_id, ${r.topicId}::bigint, ${r.authorId}::bigint, t.post_count, ${r.replyToId}::bigint,
    ${r.body}::text, ${r.rendered.html}::text
  from t
  returning id, topic_id, post_number, author_id, reply_to_id, body, html, revision, reactions, created_at,
    edited_at, deleted_at, hidden_at
),
u as (
  update users set post_count = post_count + 1
  where id = ${r.authorId}::bigint and exists (select from p)
  returning handle, display_name, avatar_url, role
),
m as (
  insert into post_mentions (post_id, user_id)
  select p.id, mu.user_id from p, unnest(${mentions}::bigint[]) as mu(user_id)
  on conflict do nothing
),
e as (
  insert into live_events (channel, type, data)
  select 'topic:' || p.topic_id, 'post.created', jsonb_build_object('post', ${JSON.stringify(r.eventTemplate)}::jsonb
    || jsonb_build_object(
      'id', p.id, 'topicId', p.topic_id, 'postNumber', p.post_number,
      'author', jsonb_build_object('id', p.author_id, 'handle', u.handle, 'displayName', u.display_name,
        'avatarUrl', u.avatar_url, 'role', u.role),
      'body', p.body, 'html', p.html, 'replyToId', p.reply_to_id,
      'createdAt', ${isoSql('p.created_at')}, 'editedAt', ${isoSql('p.edited_at')}, 'revision', p.revision,
      'reactions', (select jsonb_object_agg(k, coalesce((p.reactions ->> k)::numeric, 0))
        from unnest(${r.reactionKinds}::text[]) as k),
      'deleted', p.deleted_at is not null, 'hidden', p.hidden_at is not null))
  from p, u, (select ${lockChannelSql(`topic:${r.topicId}`)}) as locked
  union all
  select 'category:' || t.category_id, 'topic.updated', jsonb_build_object('topic', jsonb_build_object(
    'id', ${r.topicId}::bigint, 'postCount', t.post_count, 'lastPostAt', ${isoSql('t.last_post_at')},
    'lastPosterId', ${r.authorId}::bigint))
  from t, lateral (select ${lockChannelSql(sql`'category:' || t.category_id`)}) as locked
  union all
  -- Notifications on user:<id>: the author replied to (else the topic's), and everyone mentioned.
  select 'user:' || n.user_id, n.kind, jsonb_build_object('postId', p.id, 'topicId', p.topic_id,
    'postNumber', p.post_number, 'by', jsonb_build_object('id', p.author_id, 'handle', u.handle,
    'displayName', u.display_name))
  from p, u, (
    select user_id, max(kind) as kind from (
      select coalesce((select author_id from posts where id = ${r.replyToId}::bigint), t.author_id) as user_id,
        'reply' as kind from t
      union all
      select mu.user_id, 'mention' from unnest(${mentions}::bigint[]) as mu(user_id)
    ) x
    -- Kinds the member turned off (server/notifications): before grouping, so a mention still
    -- reaches someone who wants mentions but not replies.
    where not exists (select from users pu where pu.id = x.user_id
      and pu.notification_prefs -> (case x.kind when 'reply' then 'replies' else 'mentions' end) = 'false'::jsonb)
    group by user_id order by user_id
  ) n, lateral (select ${lockChannelSql(sql`'user:' || n.user_id`)}) as locked
  where n.user_id <> p.author_id
  returning id, channel, type
)
select p.*, u.handle as author_handle, u.display_name as author_display_name, u.avatar_url as author_avatar_url,
  u.role as author_role, t.post_count as topic_post_count, t.last_post_at, t.locked, t.category_id,
  (select id from e where type = 'post.created') as post_event_id,
  (select id from e where type = 'topic.updated') as topic_event_id,
  (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'channel', channel, 'type', type)), '[]')
    from e where channel like 'user:%') as user_events
from t, p, u`.execute(db)
  return rows[0]
}

/**
 * The post.created event's post as insertReply fills it in: what only the insert knows (id,
 * number, author, dates) the statement writes itself, over this template.
 */
export function replyEventTemplate(
  p: { topicId: number; authorId: number; replyToId: number | null; body: string; html: string },
  topic: { authorId: number; locked: boolean },
) {
  return presentPost(
    {
      id: 0,
      topicId: p.topicId,
      postNumber: 0,
      authorId: p.authorId,
      replyToId: p.replyToId,
      body: p.body,
      html: p.html,
      revision: 1,
      reactions: {},
      createdAt: new Date(0),
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      authorHandle: '',
      authorDisplayName: '',
      authorAvatarUrl: null,
      authorRole: '',
    },
    null,
    topic,
  )
}
