import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { isStaff } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { forbidden, unprocessable } from '../../http/errors.js'
import { type IdempotencyClaim, idempotent, isReplay } from '../../http/idempotency.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { citeRule, recordNotice } from '../../moderation/decision.js'
import { insertHeldOpening, queueWatchedHit } from '../../moderation/held.js'
import { screenPost } from '../../moderation/screen.js'
import type { Match } from '../../moderation/watched-words/matcher.js'
import { type Rendered, renderPost } from '../../render/markdown.js'
import { type CategoryInfo, canRead } from '../categories/directory.js'
import { checkBody, checkTitle, visibleCategory, visibleTopic } from '../load.js'
import { assertCanStartTopic, canEditTopic } from '../policy.js'
import { insertPost, nextPostId } from '../posts/write.js'
import { type PostRow, presentPost, presentTopic, type TopicRow } from '../present.js'
import { selectPosts } from '../queries.js'
import { slugify } from '../slug.js'

/**
 * Starts a topic with its opening post, in one transaction.
 * @example await createTopic(app, viewer, { categoryId: 1, title: 'Bonjour', body: 'Salut à tous' }, claim)
 */
export async function createTopic(
  app: FastifyInstance,
  viewer: Viewer,
  input: { categoryId: number; title: string; body: string },
  claim: IdempotencyClaim | undefined,
) {
  const prepared = await prepareTopic(app, viewer, input)
  const outcome = await app.db.transaction().execute((trx) =>
    idempotent(
      trx,
      claim,
      () => writeTopic(trx, prepared),
      (r) => r.body,
    ),
  )
  if (!isReplay(outcome)) await afterTopicCommit(app, prepared, outcome)
  return outcome
}

/** A new topic checked and rendered, ready to be written by `writeTopic` in the caller's transaction. */
export interface PreparedTopic {
  viewer: Viewer
  category: CategoryInfo
  title: string
  body: string
  rendered: Rendered
  hold: string | null
  flagged: Match[]
}

/**
 * Everything createTopic checks before it writes (title, category the viewer may read and post
 * in, moderation's screening, rendering), for another domain that writes a topic together with
 * its own rows (an event's discussion): `prepareTopic`, then `writeTopic(trx, prepared)` inside
 * its transaction, then `afterTopicCommit` once committed.
 */
export async function prepareTopic(
  app: FastifyInstance,
  viewer: Viewer,
  input: { categoryId: number; title: string; body: string },
): Promise<PreparedTopic> {
  const title = checkTitle(input.title)
  const category = await visibleCategory(app, viewer, input.categoryId)
  assertCanStartTopic(viewer, category)
  const screened = await screenPost(app, viewer, { categoryId: category.id, body: checkBody(input.body) })
  const body = screened.body
  const rendered = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)
  return { viewer, category, title, body, rendered, hold: screened.hold, flagged: screened.flagged }
}

/** Writes a prepared topic and its opening post inside the caller's transaction; publish `events` after commit. */
export async function writeTopic(trx: Transaction<Database>, prepared: PreparedTopic) {
  const { viewer, category, title, body, rendered } = prepared
  const slug = slugify(title)
  const topic = await trx
    .insertInto('topics')
    .values({
      categoryId: category.id,
      authorId: viewer.id,
      title,
      slug,
      postCount: 1,
      lastPosterId: viewer.id,
      lastPostId: nextPostId,
    })
    .returning(['id', 'createdAt', 'lastPostAt', 'lastPostId'])
    .executeTakeFirstOrThrow()
  const held = prepared.hold
    ? await insertHeldOpening(trx, viewer, {
        topicId: topic.id,
        replyToId: null,
        body,
        rendered,
        reason: prepared.hold,
      })
    : null
  if (held) {
    await trx.updateTable('topics').set({ lastPostId: held.postId }).where('id', '=', topic.id).execute()
    topic.lastPostId = held.postId
  }
  const post = held
    ? ((await selectPosts(trx).where('p.id', '=', held.postId).executeTakeFirstOrThrow()) as PostRow)
    : await insertPost(trx, {
        id: topic.lastPostId!,
        topicId: topic.id,
        postNumber: 1,
        authorId: viewer.id,
        replyToId: null,
        body,
        rendered,
        opensTopic: true,
      })
  await trx
    .updateTable('categories')
    .set((eb) => ({ topicCount: eb('topicCount', '+', 1) }))
    .where('id', '=', category.id)
    .execute()
  const row: TopicRow = {
    ...topic,
    categoryId: category.id,
    authorId: viewer.id,
    title,
    slug,
    pinned: false,
    locked: false,
    postCount: 1,
    lastPosterId: viewer.id,
    authorHandle: post.authorHandle,
    authorDisplayName: post.authorDisplayName,
  }
  const facts = { authorId: viewer.id, locked: false }
  const result = { topic: presentTopic(row, viewer, category), post: presentPost(post, viewer, facts) }
  // A held topic is news to nobody but the moderators until approved.
  if (held) return { statusCode: 201, body: result, events: held.events }
  const events = [
    await recordLiveEvent(trx, `category:${category.id}`, 'topic.created', {
      topic: presentTopic(row, null, category),
    }),
    await recordLiveEvent(trx, `topic:${topic.id}`, 'post.created', {
      post: presentPost(post, null, facts),
    }),
  ]
  return { statusCode: 201, body: result, events }
}

/** After the topic's transaction committed: its live events, and the watched words that flag it. */
export async function afterTopicCommit(
  app: FastifyInstance,
  prepared: PreparedTopic,
  written: Awaited<ReturnType<typeof writeTopic>>,
): Promise<void> {
  await app.live.publish(written.events)
  await queueWatchedHit(app, written.body.post.id, prepared.viewer.id, prepared.flagged)
}

export interface TopicPatch {
  title?: string | undefined
  pinned?: boolean | undefined
  locked?: boolean | undefined
  categoryId?: number | undefined
  slowModeSeconds?: number | undefined
  ruleId?: string | undefined
  reason?: string | undefined
}

/**
 * Authors retitle their open topic; moderators also pin, lock and move it, each change audited.
 * @example await updateTopic(app, moderator, 42, { locked: true })
 */
export async function updateTopic(app: FastifyInstance, viewer: Viewer, id: number, patch: TopicPatch) {
  const title = patch.title === undefined ? undefined : checkTitle(patch.title)
  const { topic } = await visibleTopic(app, viewer, id)
  if (!canEditTopic(viewer, topic)) throw forbidden('forbidden', 'You cannot edit this topic.')
  const staff = isStaff(viewer)
  if (
    !staff &&
    (patch.pinned !== undefined ||
      patch.locked !== undefined ||
      patch.categoryId !== undefined ||
      patch.slowModeSeconds !== undefined ||
      patch.ruleId !== undefined)
  )
    throw forbidden('forbidden', 'Only moderators pin, lock, move or slow down topics.')
  const rule = patch.ruleId === undefined ? null : await citeRule(app, patch.ruleId)
  if (patch.categoryId !== undefined && patch.categoryId !== topic.categoryId) {
    const target = await app.categories.byId(patch.categoryId)
    if (!target || !canRead(viewer, target))
      throw unprocessable('unknown_category', `There is no category ${patch.categoryId}.`)
  }

  const changes: Record<string, [unknown, unknown]> = {}
  if (title !== undefined && title !== topic.title) changes.title = [topic.title, title]
  if (patch.pinned !== undefined && patch.pinned !== topic.pinned)
    changes.pinned = [topic.pinned, patch.pinned]
  if (patch.locked !== undefined && patch.locked !== topic.locked)
    changes.locked = [topic.locked, patch.locked]
  if (patch.categoryId !== undefined && patch.categoryId !== topic.categoryId)
    changes.categoryId = [topic.categoryId, patch.categoryId]
  if (patch.slowModeSeconds !== undefined && patch.slowModeSeconds !== (topic.slowModeSeconds ?? 0))
    changes.slowModeSeconds = [topic.slowModeSeconds ?? 0, patch.slowModeSeconds]
  if (Object.keys(changes).length === 0) return presentFresh(app, viewer, id)

  const events = await app.db.transaction().execute(async (trx) => {
    const notices: LiveEvent[] = []
    const after = await trx
      .updateTable('topics')
      .set({
        ...(title !== undefined ? { title, slug: slugify(title) } : {}),
        ...(patch.pinned !== undefined ? { pinned: patch.pinned } : {}),
        ...(patch.locked !== undefined ? { locked: patch.locked } : {}),
        ...(patch.categoryId !== undefined ? { categoryId: patch.categoryId } : {}),
        ...(patch.slowModeSeconds !== undefined ? { slowModeSeconds: patch.slowModeSeconds } : {}),
      })
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .returning(['categoryId'])
      .executeTakeFirstOrThrow()
    if (changes.categoryId) {
      // Both counters in one statement, so two opposite moves lock the rows in the same order.
      await trx
        .updateTable('categories')
        .set({ topicCount: sql`topic_count + case when id = ${topic.categoryId} then -1 else 1 end` })
        .where('id', 'in', [topic.categoryId, after.categoryId])
        .execute()
    }
    if (staff) {
      for (const [field, [from, to]] of Object.entries(changes)) {
        if (field === 'title' && viewer.id === topic.authorId) continue
        await recordAudit(trx, {
          actorId: viewer.id,
          action: auditAction(field, to),
          targetType: 'topic',
          targetId: id,
          ruleId: rule?.id ?? null,
          reason: patch.reason ?? '',
          data: { from, to },
        })
      }
    }
    // The topic's author is told what the moderators did to it (a pin is no decision about them).
    const decided = Object.keys(changes).filter((f) => f !== 'pinned' && f !== 'title')
    if (staff && decided.length && topic.authorId !== viewer.id)
      for (const field of decided)
        notices.push(
          await recordNotice(trx, topic.authorId, {
            action: auditAction(field, changes[field]![1]),
            rule,
            reason: patch.reason ?? '',
            topicId: id,
            topicTitle: title ?? topic.title,
          }),
        )
    const data = {
      topic: { id, ...Object.fromEntries(Object.entries(changes).map(([k, [, to]]) => [k, to])) },
    }
    const list: LiveEvent[] = [...notices, await recordLiveEvent(trx, `topic:${id}`, 'topic.updated', data)]
    for (const c of new Set([topic.categoryId, after.categoryId]))
      list.push(await recordLiveEvent(trx, `category:${c}`, 'topic.updated', data))
    return list
  })
  await app.live.publish(events)
  return presentFresh(app, viewer, id)
}

function auditAction(field: string, to: unknown): string {
  if (field === 'pinned') return to ? 'topic.pinned' : 'topic.unpinned'
  if (field === 'locked') return to ? 'topic.locked' : 'topic.unlocked'
  if (field === 'categoryId') return 'topic.moved'
  if (field === 'slowModeSeconds') return 'topic.slow_mode'
  return 'topic.retitled'
}

async function presentFresh(app: FastifyInstance, viewer: Viewer, id: number) {
  const { topic, category } = await visibleTopic(app, viewer, id)
  return presentTopic(topic, viewer, category)
}
