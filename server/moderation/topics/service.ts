import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { visibleTopic } from '../../forum/load.js'
import { slugify } from '../../forum/slug.js'
import { badRequest, notFound, unprocessable } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { citeRule, recordNotice } from '../decision.js'

// Merging and splitting threads: posts change topic, keep their order and get numbers in their
// new thread; both topics' counters and activity follow, in one transaction with its audit entry.

/** Locks topics in id order, so a merge of A into B and one of B into A cannot deadlock. */
async function lockTopics(trx: Transaction<Database>, ids: number[]) {
  const rows = await trx
    .selectFrom('topics')
    .select(['id', 'categoryId', 'postCount', 'deletedAt', 'authorId', 'title'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute()
  return new Map(rows.map((r) => [r.id, r]))
}

/** Recomputes a topic's counters and last activity from its posts (published ones count). */
async function recount(trx: Transaction<Database>, topicId: number) {
  await sql`
    update topics t set
      post_count = coalesce((select max(post_number) from posts p where p.topic_id = t.id), 0),
      last_post_at = coalesce((select max(created_at) from posts p where p.topic_id = t.id
        and p.deleted_at is null and p.hidden_at is null), t.created_at),
      last_post_id = (select id from posts p where p.topic_id = t.id and p.deleted_at is null
        and p.hidden_at is null order by p.created_at desc, p.id desc limit 1),
      last_poster_id = (select author_id from posts p where p.topic_id = t.id and p.deleted_at is null
        and p.hidden_at is null order by p.created_at desc, p.id desc limit 1)
    where t.id = ${topicId}`.execute(trx)
}

async function changed(
  trx: Transaction<Database>,
  topicId: number,
  categoryId: number,
  data: Record<string, unknown>,
) {
  const payload = { topic: { id: topicId, ...data } }
  return [
    await recordLiveEvent(trx, `topic:${topicId}`, 'topic.updated', payload),
    await recordLiveEvent(trx, `category:${categoryId}`, 'topic.updated', payload),
  ]
}

/**
 * Merges a topic into another: its posts follow the target's, in the order they were written; the
 * merged topic is closed (deleted, its address answering 404) and the move logged under a rule.
 * @example await mergeTopic(app, moderator, 12, { intoTopicId: 7, ruleId: 'on-topic', reason: 'Doublon' })
 */
export async function mergeTopic(
  app: FastifyInstance,
  actor: Viewer,
  topicId: number,
  d: { intoTopicId: number; ruleId: string; reason: string },
) {
  if (d.intoTopicId === topicId) throw unprocessable('same_topic', 'A topic cannot be merged into itself.')
  await visibleTopic(app, actor, topicId)
  await visibleTopic(app, actor, d.intoTopicId)
  const rule = await citeRule(app, d.ruleId)
  const events = await app.db.transaction().execute(async (trx) => {
    const topics = await lockTopics(trx, [topicId, d.intoTopicId])
    const source = topics.get(topicId)
    const target = topics.get(d.intoTopicId)
    if (!source || source.deletedAt !== null) throw notFound(`Topic ${topicId}`)
    if (!target || target.deletedAt !== null) throw notFound(`Topic ${d.intoTopicId}`)
    const moved = await sql<{ id: number }>`
      update posts p set topic_id = ${d.intoTopicId}, post_number = ${target.postCount} + n.rank
      from (select id, row_number() over (order by created_at, id) as rank from posts where topic_id = ${topicId}) n
      where p.id = n.id
      returning p.id`.execute(trx)
    await recount(trx, d.intoTopicId)
    await trx
      .updateTable('topics')
      .set({ deletedAt: sql`now()`, postCount: 0 })
      .where('id', '=', topicId)
      .execute()
    await trx
      .updateTable('categories')
      .set((eb) => ({ topicCount: eb('topicCount', '-', 1) }))
      .where('id', '=', source.categoryId)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'topic.merged',
      targetType: 'topic',
      targetId: topicId,
      ruleId: rule.id,
      reason: d.reason,
      data: { into: d.intoTopicId, posts: moved.rows.length },
    })
    const notices =
      source.authorId === actor.id
        ? []
        : [
            await recordNotice(trx, source.authorId, {
              action: 'topic.merged',
              rule,
              reason: d.reason,
              topicId,
              topicTitle: source.title,
              intoTopicId: d.intoTopicId,
              intoTopicTitle: target.title,
            }),
          ]
    return [
      ...notices,
      ...(await changed(trx, topicId, source.categoryId, { deleted: true, mergedInto: d.intoTopicId })),
      ...(await changed(trx, d.intoTopicId, target.categoryId, { merged: true })),
    ]
  })
  await app.live.publish(events)
  return visibleTopic(app, actor, d.intoTopicId)
}

/**
 * Splits chosen replies off into a new topic, in the category given (the same by default); they
 * keep their order and are numbered from 1 there; the first of them opens the new topic.
 */
export async function splitTopic(
  app: FastifyInstance,
  actor: Viewer,
  topicId: number,
  d: { postIds: number[]; title: string; categoryId?: number | undefined; ruleId: string; reason: string },
) {
  const { topic } = await visibleTopic(app, actor, topicId)
  const rule = await citeRule(app, d.ruleId)
  const categoryId = d.categoryId ?? topic.categoryId
  if (d.categoryId !== undefined && !(await app.categories.byId(d.categoryId)))
    throw unprocessable('unknown_category', `There is no category ${d.categoryId}.`)
  const title = d.title.trim()
  if (title.length < 3) throw badRequest('invalid_title', 'A title has 3 to 200 characters.')
  const ids = [...new Set(d.postIds)]
  const { newTopicId, events } = await app.db.transaction().execute(async (trx) => {
    const locked = await lockTopics(trx, [topicId])
    if (!locked.get(topicId) || locked.get(topicId)!.deletedAt !== null) throw notFound(`Topic ${topicId}`)
    const posts = await trx
      .selectFrom('posts')
      .select(['id', 'postNumber', 'authorId', 'createdAt'])
      .where('topicId', '=', topicId)
      .where('id', 'in', ids)
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
    if (posts.length !== ids.length)
      throw unprocessable('invalid_posts', 'Every post to split off must be a post of this topic.')
    if (posts.some((p) => p.postNumber === 1))
      throw unprocessable('opening_post', 'The opening post stays with its topic; split off replies.')
    const first = posts[0]!
    const created = await trx
      .insertInto('topics')
      .values({
        categoryId,
        authorId: first.authorId,
        title,
        slug: slugify(title),
        createdAt: first.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await sql`
      update posts p set topic_id = ${created.id}, post_number = n.rank, reply_to_id = null
      from (select id, row_number() over (order by created_at, id) as rank from posts where id in (${sql.join(ids)})) n
      where p.id = n.id`.execute(trx)
    await recount(trx, created.id)
    await recount(trx, topicId)
    await trx
      .updateTable('categories')
      .set((eb) => ({ topicCount: eb('topicCount', '+', 1) }))
      .where('id', '=', categoryId)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'topic.split',
      targetType: 'topic',
      targetId: topicId,
      ruleId: rule.id,
      reason: d.reason,
      data: { newTopicId: created.id, posts: ids },
    })
    // The topic's author and the author of the new topic's opening post are told.
    const notices: LiveEvent[] = []
    for (const authorId of new Set([topic.authorId, first.authorId]))
      if (authorId !== actor.id)
        notices.push(
          await recordNotice(trx, authorId, {
            action: 'topic.split',
            rule,
            reason: d.reason,
            topicId,
            topicTitle: topic.title,
            newTopicId: created.id,
            newTopicTitle: title,
          }),
        )
    const events: LiveEvent[] = [
      ...notices,
      ...(await changed(trx, topicId, topic.categoryId, { split: true })),
      await recordLiveEvent(trx, `category:${categoryId}`, 'topic.updated', {
        topic: { id: created.id, split: true },
      }),
    ]
    return { newTopicId: created.id, events }
  })
  await app.live.publish(events)
  return visibleTopic(app, actor, newTopicId)
}
