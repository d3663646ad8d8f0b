import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
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
    ]
  })
  await app.live.publish(events)
  return getPost(app, actor, postId)
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
