import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { decodeKeys, encodeCursor } from '../../http/cursor.js'
import { conflict, notFound } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { recordNotice } from '../decision.js'
import { recordQueueChange } from './events.js'
import { presentItems } from './present.js'
import { findItem, listOpen, type QueueKind, resolveItemsFor } from './queries.js'

/** A claim older than this is forgotten: a moderator who walked away does not hold an item forever. */
export const claimTtlMs = 30 * 60 * 1000

/**
 * The open queue, urgent first then oldest.
 * @example await queue(app, moderator, { limit: 50 }) // { items, nextCursor }
 */
export async function queue(
  app: FastifyInstance,
  viewer: Viewer,
  page: { cursor?: string | undefined; limit?: number | undefined; kind?: QueueKind | undefined },
) {
  const after = decodeKeys<[boolean, number, number]>(page.cursor, 'bnn')
  const limit = page.limit ?? 50
  const rows = await listOpen(app.db, after, limit, page.kind).execute()
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: await presentItems(app, viewer, shown),
    nextCursor:
      rows.length > limit && last ? encodeCursor([!last.urgent, Number(last.createdMicros), last.id]) : null,
  }
}

/** One item with everything behind it: every flag, the thread around the post, the member's history. */
export async function queueItem(app: FastifyInstance, viewer: Viewer, id: number) {
  const row = await findItem(app.db, id)
  if (!row) throw notFound(`Queue item ${id}`)
  const [item] = await presentItems(app, viewer, [row], true)
  const topicId = item!.post?.topicId
  const postNumber = item!.post?.postNumber
  const [context, history] = await Promise.all([
    topicId === undefined
      ? []
      : app.db
          .selectFrom('posts as p')
          .innerJoin('users as u', 'u.id', 'p.authorId')
          .select([
            'p.id',
            'p.postNumber',
            'p.body',
            'p.createdAt',
            'p.hiddenAt',
            'p.deletedAt',
            'u.handle',
            'u.displayName',
          ])
          .where('p.topicId', '=', topicId)
          .where('p.postNumber', '>=', Math.max(1, postNumber! - 3))
          .where('p.postNumber', '<=', postNumber! + 2)
          .orderBy('p.postNumber')
          .execute(),
    row.memberId === null
      ? []
      : app.db
          .selectFrom('sanctions')
          .select(['id', 'kind', 'ruleId', 'reason', 'createdAt', 'endsAt', 'liftedAt'])
          .where('userId', '=', row.memberId)
          .orderBy('id', 'desc')
          .limit(20)
          .execute(),
  ])
  return {
    ...item!,
    context: context.map((p) => ({
      id: p.id,
      postNumber: p.postNumber,
      author: { handle: p.handle, displayName: p.displayName },
      body: p.body,
      createdAt: new Date(p.createdAt).toISOString(),
      hidden: p.hiddenAt !== null,
      deleted: p.deletedAt !== null,
    })),
    history: history.map((s) => ({
      id: s.id,
      kind: s.kind,
      ruleId: s.ruleId,
      reason: s.reason,
      createdAt: new Date(s.createdAt).toISOString(),
      endsAt: s.endsAt ? new Date(s.endsAt).toISOString() : null,
      liftedAt: s.liftedAt ? new Date(s.liftedAt).toISOString() : null,
    })),
  }
}

/**
 * Claims an item so two moderators don't handle it at once: refused while another moderator's
 * claim is fresh; taking over a stale claim is allowed.
 */
export async function claim(app: FastifyInstance, viewer: Viewer, id: number) {
  const events = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('queueItems')
      .set({ claimedBy: viewer.id, claimedAt: sql`now()` })
      .where('id', '=', id)
      .where('resolvedAt', 'is', null)
      .where((eb) =>
        eb.or([
          eb('claimedBy', 'is', null),
          eb('claimedBy', '=', viewer.id),
          eb('claimedAt', '<', sql<Date>`now() - ${`${claimTtlMs} milliseconds`}::interval`),
        ]),
      )
      .returning('id')
      .executeTakeFirst()
    if (!row) await refuse(trx, id)
    return recordQueueChange(trx, [id], 'claimed', {
      claimedBy: { id: viewer.id, handle: viewer.handle, displayName: viewer.displayName },
    })
  })
  await app.live.publish(events)
  return queueItem(app, viewer, id)
}

/** Why a claim or a decision on an item was refused: gone, settled, or someone else's. */
async function refuse(db: Parameters<typeof findItem>[0], id: number): Promise<never> {
  const item = await findItem(db, id)
  if (!item) throw notFound(`Queue item ${id}`)
  if (item.resolvedAt !== null) throw conflict('already_resolved', 'This item has already been handled.')
  throw conflict('claimed', `Another moderator is handling this item (claimed by user ${item.claimedBy}).`)
}

export async function release(app: FastifyInstance, viewer: Viewer, id: number) {
  const events = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('queueItems')
      .set({ claimedBy: null, claimedAt: null })
      .where('id', '=', id)
      .where('resolvedAt', 'is', null)
      .where('claimedBy', '=', viewer.id)
      .returning('id')
      .executeTakeFirst()
    if (!row) await refuse(trx, id)
    return recordQueueChange(trx, [id], 'released')
  })
  await app.live.publish(events)
}

/**
 * Dismisses an item: the flags were unfounded (or the watched word harmless). A post hidden only
 * by the flags' weight, with no moderator's decision, is shown again; flaggers' flags are closed.
 */
export async function dismiss(app: FastifyInstance, viewer: Viewer, id: number, reason: string) {
  const events = await app.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('queueItems')
      .select(['id', 'kind', 'targetType', 'targetId', 'claimedBy', 'claimedAt', 'resolvedAt', 'memberId'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!item) throw notFound(`Queue item ${id}`)
    if (item.resolvedAt !== null) throw conflict('already_resolved', 'This item has already been handled.')
    const fresh = item.claimedAt !== null && Date.now() - new Date(item.claimedAt).getTime() < claimTtlMs
    if (item.claimedBy !== null && item.claimedBy !== viewer.id && fresh) await refuse(trx, id)
    if (item.kind === 'held')
      throw conflict('held_post', 'A held post is approved or rejected, not dismissed.')
    const out: LiveEvent[] = []
    let postId: number | null = item.targetType === 'post' ? item.targetId : null
    if (item.targetType === 'topic') {
      const opener = await trx
        .selectFrom('posts')
        .select('id')
        .where('topicId', '=', item.targetId)
        .where('postNumber', '=', 1)
        .executeTakeFirst()
      postId = opener?.id ?? null
    }
    if (postId !== null) {
      const shown = await trx
        .updateTable('posts')
        .set({ hiddenAt: null, hiddenRuleId: null, hiddenReason: null })
        .where('id', '=', postId)
        .where('hiddenAt', 'is not', null)
        .where('hiddenBy', 'is', null)
        .where('heldAt', 'is', null)
        .returning(['topicId', 'authorId'])
        .executeTakeFirst()
      if (shown) {
        out.push(
          await recordLiveEvent(trx, `topic:${shown.topicId}`, 'post.edited', { post: { id: postId } }),
        )
        out.push(
          await recordNotice(trx, shown.authorId, {
            action: 'post.unhidden',
            rule: null,
            reason,
            postId,
            topicId: shown.topicId,
          }),
        )
      }
    }
    const settled = await resolveItemsFor(
      trx,
      item.targetType as 'post',
      item.targetId,
      viewer.id,
      'dismissed',
      ['flagged', 'watched'],
    )
    await recordAudit(trx, {
      actorId: viewer.id,
      action: 'queue.dismissed',
      targetType: item.targetType,
      targetId: item.targetId,
      reason,
      data: { itemId: id, kind: item.kind },
    })
    out.push(...(await recordQueueChange(trx, settled, 'resolved', { resolution: 'dismissed' })))
    return out
  })
  await app.live.publish(events)
  return queueItem(app, viewer, id)
}
