import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { getPost } from '../../forum/posts/service.js'
import { conflict, notFound } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { assertMayActOn, citeRule, loadMember, recordNotice } from '../decision.js'
import { recordQueueChange } from '../queue/events.js'
import { resolveItemsFor } from '../queue/queries.js'

// What moderators do to a post: hide it under a rule, show it again, approve or reject it when it
// was held. Each is one transaction: the post, its audit entry, the member's notice, the queue
// items it settles, and the live events readers and moderators get.

async function target(app: FastifyInstance, actor: Viewer, postId: number) {
  const post = await app.db
    .selectFrom('posts as p')
    .innerJoin('topics as t', 't.id', 'p.topicId')
    .select(['p.id', 'p.topicId', 'p.authorId', 'p.hiddenAt', 'p.heldAt', 'p.deletedAt', 'p.postNumber'])
    .where('p.id', '=', postId)
    .where('t.deletedAt', 'is', null)
    .executeTakeFirst()
  if (!post || post.deletedAt !== null) throw notFound(`Post ${postId}`)
  assertMayActOn(actor, await loadMember(app.db, post.authorId))
  return post
}

/**
 * Hides a post under a charter rule: readers keep its place in the thread without its text, live
 * readers get it retracted, its author is told which rule and why.
 * @example await hidePost(app, moderator, 42, { ruleId: 'respect', reason: 'Insult' })
 */
export async function hidePost(
  app: FastifyInstance,
  actor: Viewer,
  postId: number,
  d: { ruleId: string; reason: string },
) {
  const post = await target(app, actor, postId)
  const rule = await citeRule(app, d.ruleId)
  if (post.hiddenAt !== null && post.heldAt === null) return getPost(app, actor, postId)
  const events = await app.db.transaction().execute(async (trx) => {
    const hidden = await trx
      .updateTable('posts')
      .set({
        hiddenAt: sql`now()`,
        hiddenBy: actor.id,
        hiddenRuleId: rule.id,
        hiddenReason: d.reason,
        heldAt: null,
      })
      .where('id', '=', postId)
      .where((eb) => eb.or([eb('hiddenAt', 'is', null), eb('heldAt', 'is not', null)]))
      .returning('id')
      .executeTakeFirst()
    if (!hidden) return [] as LiveEvent[]
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'post.hidden',
      targetType: 'post',
      targetId: postId,
      ruleId: rule.id,
      reason: d.reason,
    })
    const settled = await resolveItemsFor(trx, 'post', postId, actor.id, 'hidden')
    return [
      await recordLiveEvent(trx, `topic:${post.topicId}`, 'post.hidden', { postId }),
      await recordNotice(trx, post.authorId, {
        action: 'post.hidden',
        rule,
        reason: d.reason,
        postId,
        topicId: post.topicId,
      }),
      ...(await recordQueueChange(trx, settled, 'resolved', { resolution: 'hidden' })),
    ]
  })
  await app.live.publish(events)
  return getPost(app, actor, postId)
}

/** Shows a hidden post again (a mistake, or an appeal that succeeded); the member is told. */
export async function unhidePost(app: FastifyInstance, actor: Viewer, postId: number, d: { reason: string }) {
  const post = await target(app, actor, postId)
  if (post.hiddenAt === null || post.heldAt !== null)
    throw conflict(
      'not_hidden',
      post.heldAt !== null ? 'This post waits for approval: approve it instead.' : 'This post is not hidden.',
    )
  const events = await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('posts')
      .set({ hiddenAt: null, hiddenBy: null, hiddenRuleId: null, hiddenReason: null })
      .where('id', '=', postId)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'post.unhidden',
      targetType: 'post',
      targetId: postId,
      reason: d.reason,
    })
    const settled = await resolveItemsFor(trx, 'post', postId, actor.id, 'kept')
    return [
      // Live readers get the post back with its text: the live layer reads it as it is now.
      await recordLiveEvent(trx, `topic:${post.topicId}`, 'post.edited', { post: { id: postId } }),
      await recordNotice(trx, post.authorId, {
        action: 'post.unhidden',
        rule: null,
        reason: d.reason,
        postId,
        topicId: post.topicId,
      }),
      ...(await recordQueueChange(trx, settled, 'resolved', { resolution: 'kept' })),
    ]
  })
  await app.live.publish(events)
  return getPost(app, actor, postId)
}

/**
 * Releases a post held for approval: it takes its place in the thread as if just written, counts
 * for its author and moves the topic's activity.
 */
export async function approvePost(app: FastifyInstance, actor: Viewer, postId: number) {
  const post = await target(app, actor, postId)
  if (post.heldAt === null) throw conflict('not_held', 'This post is not waiting for approval.')
  const events = await app.db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('posts')
      .set({ hiddenAt: null, heldAt: null, heldReason: null })
      .where('id', '=', postId)
      .where('heldAt', 'is not', null)
      .returning(['topicId', 'authorId'])
      .executeTakeFirst()
    if (!released) return [] as LiveEvent[]
    await trx
      .updateTable('users')
      .set((eb) => ({ postCount: eb('postCount', '+', 1) }))
      .where('id', '=', post.authorId)
      .execute()
    const topic = await trx
      .updateTable('topics')
      .set({ lastPostAt: sql`now()`, lastPostId: postId, lastPosterId: post.authorId, hiddenAt: null })
      .where('id', '=', post.topicId)
      .returning(['categoryId', 'postCount', 'lastPostAt'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'post.approved',
      targetType: 'post',
      targetId: postId,
    })
    const settled = await resolveItemsFor(trx, 'post', postId, actor.id, 'approved')
    return [
      await recordLiveEvent(trx, `topic:${post.topicId}`, 'post.created', { post: { id: postId } }),
      await recordLiveEvent(trx, `category:${topic.categoryId}`, 'topic.updated', {
        topic: {
          id: post.topicId,
          postCount: topic.postCount,
          lastPostAt: topic.lastPostAt,
          lastPosterId: post.authorId,
        },
      }),
      await recordNotice(trx, post.authorId, {
        action: 'post.approved',
        rule: null,
        reason: '',
        postId,
        topicId: post.topicId,
      }),
      ...(await recordQueueChange(trx, settled, 'resolved', { resolution: 'approved' })),
      ...(await notifyReleased(trx, postId)),
    ]
  })
  await app.live.publish(events)
  return getPost(app, actor, postId)
}

/**
 * What a post notifies when it is published, for a held post at its approval: the member it
 * replies to (else the topic's author) and the members it mentions, as the write path does,
 * honouring their preferences and never the author themself.
 */
async function notifyReleased(trx: Transaction<Database>, postId: number): Promise<LiveEvent[]> {
  const { rows } = await sql<{ userId: number; kind: 'reply' | 'mention' }>`
    select user_id as "userId", max(kind) as kind from (
      select coalesce(r.author_id, t.author_id) as user_id, 'reply' as kind
        from posts p join topics t on t.id = p.topic_id left join posts r on r.id = p.reply_to_id
        where p.id = ${postId} and p.post_number > 1
      union all
      select user_id, 'mention' from post_mentions where post_id = ${postId}
    ) x
    where not exists (select from users pu where pu.id = x.user_id
      and pu.notification_prefs -> (case x.kind when 'reply' then 'replies' else 'mentions' end) = 'false'::jsonb)
      and x.user_id <> (select author_id from posts where id = ${postId})
    group by user_id order by user_id`.execute(trx)
  if (rows.length === 0) return []
  const post = await trx
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.authorId')
    .select(['posts.topicId', 'posts.postNumber', 'users.id', 'users.handle', 'users.displayName'])
    .where('posts.id', '=', postId)
    .executeTakeFirstOrThrow()
  const data = {
    postId,
    topicId: post.topicId,
    postNumber: post.postNumber,
    by: { id: post.id, handle: post.handle, displayName: post.displayName },
  }
  const events: LiveEvent[] = []
  for (const r of rows) events.push(await recordLiveEvent(trx, `user:${r.userId}`, r.kind, data))
  return events
}

/** Refuses a held post under a rule: it stays hidden for good, and its author is told why. */
export async function rejectPost(
  app: FastifyInstance,
  actor: Viewer,
  postId: number,
  d: { ruleId: string; reason: string },
) {
  const post = await target(app, actor, postId)
  if (post.heldAt === null) throw conflict('not_held', 'This post is not waiting for approval.')
  return hidePost(app, actor, postId, d)
}
