import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { isStaff, type Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { forbidden, notFound, unprocessable } from '../../http/errors.js'
import { type IdempotencyClaim, idempotent, isReplay } from '../../http/idempotency.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { renderPost } from '../../render/markdown.js'
import { checkBody, visiblePost, visibleTopic } from '../load.js'
import { assertCanDeletePost, assertCanReply } from '../policy.js'
import { presentPost } from '../present.js'
import type { ReactionKind } from '../schema.js'
import { insertPost, nextPostId } from './write.js'

/**
 * Replies to a topic: numbered by the topic row update, so 50 replies at once get 50 distinct
 * numbers and exact counters.
 * @example await reply(app, viewer, 42, { body: 'Merci !' }, claim) // { statusCode: 201, body: { post } }
 */
export async function reply(
  app: FastifyInstance,
  viewer: Viewer,
  topicId: number,
  input: { body: string; replyToId?: number | undefined },
  claim: IdempotencyClaim | undefined,
) {
  const body = checkBody(input.body)
  const { topic, category } = await visibleTopic(app, viewer, topicId)
  assertCanReply(viewer, category, topic)
  const rendered = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)

  const outcome = await app.db.transaction().execute((trx) =>
    idempotent(
      trx,
      claim,
      async () => {
        if (input.replyToId !== undefined) {
          const target = await trx
            .selectFrom('posts')
            .select('id')
            .where('id', '=', input.replyToId)
            .where('topicId', '=', topicId)
            .executeTakeFirst()
          if (!target) throw unprocessable('invalid_reply_to', 'replyToId must be a post of the same topic.')
        }
        const t = await trx
          .updateTable('topics')
          .set((eb) => ({
            postCount: eb('postCount', '+', 1),
            lastPostAt: sql`now()`,
            lastPosterId: viewer.id,
            lastPostId: nextPostId,
          }))
          .where('id', '=', topicId)
          .where('deletedAt', 'is', null)
          .returning(['postCount', 'lastPostId', 'lastPostAt', 'locked', 'categoryId'])
          .executeTakeFirst()
        if (!t) throw notFound(`Topic ${topicId}`)
        // Locked between our check and this row lock: the lock wins.
        if (t.locked && !isStaff(viewer))
          throw forbidden('topic_locked', 'This topic is locked: no new replies.')
        const row = await insertPost(trx, {
          id: t.lastPostId!,
          topicId,
          postNumber: t.postCount,
          authorId: viewer.id,
          replyToId: input.replyToId ?? null,
          body,
          rendered,
          opensTopic: false,
        })
        const facts = { authorId: topic.authorId, locked: t.locked }
        const events = [
          await recordLiveEvent(trx, `topic:${topicId}`, 'post.created', {
            post: presentPost(row, null, facts),
          }),
          await recordLiveEvent(trx, `category:${t.categoryId}`, 'topic.updated', {
            topic: { id: topicId, postCount: t.postCount, lastPostAt: t.lastPostAt, lastPosterId: viewer.id },
          }),
        ]
        return { statusCode: 201, body: { post: presentPost(row, viewer, facts) }, events }
      },
      (r) => r.body,
    ),
  )
  if (!isReplay(outcome)) await app.live.publish(outcome.events)
  return outcome
}

/** One post, with the reader's own reactions. */
export async function getPost(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const { post, topic } = await visiblePost(app, viewer, id)
  const mine = viewer ? await myReactions(app, viewer.id, [id]) : new Map<number, ReactionKind[]>()
  return presentPost(post, viewer, topic, mine.get(id))
}

export async function myReactions(app: FastifyInstance, userId: number, postIds: number[]) {
  const out = new Map<number, ReactionKind[]>()
  if (postIds.length === 0) return out
  const rows = await app.db
    .selectFrom('reactions')
    .select(['postId', 'kind'])
    .where('userId', '=', userId)
    .where('postId', 'in', postIds)
    .orderBy('createdAt')
    .execute()
  for (const r of rows) out.set(r.postId, [...(out.get(r.postId) ?? []), r.kind as ReactionKind])
  return out
}

/**
 * Soft-deletes a post: it keeps its place (and number) in the thread without its text. Deleting the
 * opening post deletes the topic with it.
 */
export async function deletePost(app: FastifyInstance, viewer: Viewer, id: number): Promise<void> {
  const { post } = await visiblePost(app, viewer, id)
  const facts = { authorId: post.authorId, deleted: post.deletedAt !== null, hidden: post.hiddenAt !== null }
  if (facts.deleted) return
  assertCanDeletePost(viewer, facts)
  const events = await app.db.transaction().execute(async (trx) => {
    const gone = await trx
      .updateTable('posts')
      .set({ deletedAt: sql`now()`, deletedBy: viewer.id })
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .returning(['topicId', 'postNumber', 'authorId'])
      .executeTakeFirst()
    if (!gone) return [] as LiveEvent[]
    await trx
      .updateTable('users')
      .set((eb) => ({ postCount: eb('postCount', '-', 1) }))
      .where('id', '=', gone.authorId)
      .execute()
    if (viewer.id !== gone.authorId)
      await recordAudit(trx, { actorId: viewer.id, action: 'post.deleted', targetType: 'post', targetId: id })
    const list = [await recordLiveEvent(trx, `topic:${gone.topicId}`, 'post.deleted', { postId: id })]
    if (gone.postNumber === 1) list.push(...(await deleteTopic(trx, gone.topicId)))
    return list
  })
  await app.live.publish(events)
}

async function deleteTopic(trx: Parameters<typeof recordAudit>[0], topicId: number): Promise<LiveEvent[]> {
  const topic = await trx
    .updateTable('topics')
    .set({ deletedAt: sql`now()` })
    .where('id', '=', topicId)
    .where('deletedAt', 'is', null)
    .returning(['categoryId', 'authorId'])
    .executeTakeFirst()
  if (!topic) return []
  await trx
    .updateTable('categories')
    .set((eb) => ({ topicCount: eb('topicCount', '-', 1) }))
    .where('id', '=', topic.categoryId)
    .execute()
  await trx
    .updateTable('users')
    .set((eb) => ({ topicCount: eb('topicCount', '-', 1) }))
    .where('id', '=', topic.authorId)
    .execute()
  const data = { topic: { id: topicId, deleted: true } }
  return [
    await recordLiveEvent(trx, `topic:${topicId}`, 'topic.updated', data),
    await recordLiveEvent(trx, `category:${topic.categoryId}`, 'topic.updated', data),
  ]
}
