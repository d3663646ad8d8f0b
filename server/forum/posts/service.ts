import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { isStaff, type Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { forbidden, notFound, unprocessable } from '../../http/errors.js'
import { type IdempotencyClaim, idempotent, isReplay } from '../../http/idempotency.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { insertHeldReply, queueWatchedHit } from '../../moderation/held.js'
import { screenPost } from '../../moderation/screen.js'
import { promoteAfterPost } from '../../moderation/trust.js'
import { type Rendered, renderPost } from '../../render/markdown.js'
import { checkBody, visiblePost, visibleTopic } from '../load.js'
import { assertCanDeletePost, assertCanReply } from '../policy.js'
import { type PostRow, presentPost } from '../present.js'
import { selectPosts } from '../queries.js'
import { type ReactionKind, reactionKinds } from '../schema.js'
import { insertReply, replyEventTemplate } from './write.js'

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
  const { topic, category } = await visibleTopic(app, viewer, topicId)
  assertCanReply(viewer, category, topic)
  const screened = await screenPost(app, viewer, {
    categoryId: category.id,
    body: checkBody(input.body),
    slowModeSeconds: topic.slowModeSeconds ?? 0,
    lastPostAt: () => lastPostIn(app, topicId, viewer.id),
  })
  const body = screened.body
  const rendered = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)
  if (screened.hold)
    return replyHeld(
      app,
      viewer,
      { topicId, topic, body, rendered, replyToId: input.replyToId ?? null, reason: screened.hold },
      claim,
    )

  const facts = { authorId: topic.authorId, locked: topic.locked }
  const write = async (db: Kysely<Database>) => {
    if (input.replyToId !== undefined) {
      const target = await db
        .selectFrom('posts')
        .select('id')
        .where('id', '=', input.replyToId)
        .where('topicId', '=', topicId)
        .executeTakeFirst()
      if (!target) throw unprocessable('invalid_reply_to', 'replyToId must be a post of the same topic.')
    }
    // What only the insert knows (id, number, author, dates) the statement fills in itself.
    const eventTemplate = replyEventTemplate(
      { topicId, authorId: viewer.id, replyToId: input.replyToId ?? null, body, html: rendered.html },
      facts,
    )
    const row = await insertReply(db, {
      topicId,
      authorId: viewer.id,
      staff: isStaff(viewer),
      replyToId: input.replyToId ?? null,
      body,
      rendered,
      eventTemplate,
      reactionKinds,
    })
    if (!row) {
      // Nothing was written: the topic is gone, or was locked between our check and the row lock.
      const now = await db
        .selectFrom('topics')
        .select('locked')
        .where('id', '=', topicId)
        .where('deletedAt', 'is', null)
        .executeTakeFirst()
      if (now?.locked) throw forbidden('topic_locked', 'This topic is locked: no new replies.')
      throw notFound(`Topic ${topicId}`)
    }
    const postFacts = { authorId: topic.authorId, locked: row.locked }
    const events: LiveEvent[] = [
      {
        id: row.postEventId,
        channel: `topic:${topicId}`,
        type: 'post.created',
        data: { post: presentPost(row, null, postFacts) },
      },
      {
        id: row.topicEventId,
        channel: `category:${row.categoryId}`,
        type: 'topic.updated',
        data: {
          topic: {
            id: topicId,
            postCount: row.topicPostCount,
            lastPostAt: row.lastPostAt,
            lastPosterId: viewer.id,
          },
        },
      },
      // Readers of user:<id> get the notification from the database; the signal is enough here.
      ...row.userEvents.map((e) => ({ ...e, data: null })),
    ]
    return { statusCode: 201, body: { post: presentPost(row, viewer, postFacts) }, events }
  }
  // Without a key the statement is atomic on its own; with one, the key row shares its transaction.
  const outcome = claim
    ? await app.db.transaction().execute((trx) =>
        idempotent(
          trx,
          claim,
          () => write(trx),
          (r) => r.body,
        ),
      )
    : await write(app.db)
  if (!isReplay(outcome)) {
    await app.live.publish(outcome.events)
    await queueWatchedHit(app, outcome.body.post.id, viewer.id, screened.flagged)
    // Not on the member's clock: their answer does not wait for a promotion.
    void promoteAfterPost(app, viewer).catch((err) => app.log.warn({ err }, 'trust promotion'))
  }
  return outcome
}

/** When this member last wrote in a topic (slow mode counts from it). */
async function lastPostIn(app: FastifyInstance, topicId: number, authorId: number): Promise<Date | null> {
  const row = await app.db
    .selectFrom('posts')
    .select('createdAt')
    .where('topicId', '=', topicId)
    .where('authorId', '=', authorId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? new Date(row.createdAt) : null
}

/** A reply moderation holds for approval: written hidden, queued, and shown to its author as pending. */
async function replyHeld(
  app: FastifyInstance,
  viewer: Viewer,
  p: {
    topicId: number
    topic: { authorId: number; locked: boolean }
    body: string
    rendered: Rendered
    replyToId: number | null
    reason: string
  },
  claim: IdempotencyClaim | undefined,
) {
  const outcome = await app.db.transaction().execute((trx) =>
    idempotent(
      trx,
      claim,
      async () => {
        const { postId, events } = await insertHeldReply(trx, viewer, isStaff(viewer), p)
        const row = (await selectPosts(trx).where('p.id', '=', postId).executeTakeFirstOrThrow()) as PostRow
        const post = presentPost(row, viewer, { authorId: p.topic.authorId, locked: p.topic.locked })
        return { statusCode: 201, body: { post }, events }
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
