import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import type { Database } from '../db/database.js'
import { insertMentions } from '../forum/posts/write.js'
import { forbidden, notFound, unprocessable } from '../http/errors.js'
import type { LiveEvent } from '../live/events.js'
import type { Rendered } from '../render/markdown.js'
import { recordQueueChange } from './queue/events.js'
import { openItem } from './queue/queries.js'
import type { Match } from './watched-words/matcher.js'

// Posts moderation keeps back: held ones are written hidden (every reader path already leaves
// hidden posts out; their author and moderators read them) and queued for approval.

export interface HeldPost {
  topicId: number
  replyToId: number | null
  body: string
  rendered: Rendered
  reason: string
}

/**
 * Writes a reply held for approval, inside the caller's transaction: it takes the next number in
 * its thread (so its place is kept) but moves neither the topic's activity nor its author's count
 * until approved, and no one is notified before then. Returns the post id and the queue events.
 */
export async function insertHeldReply(
  trx: Transaction<Database>,
  viewer: Viewer,
  staff: boolean,
  p: HeldPost,
): Promise<{ postId: number; events: LiveEvent[] }> {
  if (p.replyToId !== null) {
    const target = await trx
      .selectFrom('posts')
      .select('id')
      .where('id', '=', p.replyToId)
      .where('topicId', '=', p.topicId)
      .executeTakeFirst()
    if (!target) throw unprocessable('invalid_reply_to', 'replyToId must be a post of the same topic.')
  }
  const topic = await trx
    .updateTable('topics')
    .set((eb) => ({ postCount: eb('postCount', '+', 1) }))
    .where('id', '=', p.topicId)
    .where('deletedAt', 'is', null)
    .where((eb) => (staff ? eb.val(true) : eb('locked', '=', false)))
    .returning('postCount')
    .executeTakeFirst()
  if (!topic) {
    const locked = await trx
      .selectFrom('topics')
      .select('locked')
      .where('id', '=', p.topicId)
      .executeTakeFirst()
    if (locked?.locked) throw forbidden('topic_locked', 'This topic is locked: no new replies.')
    throw notFound(`Topic ${p.topicId}`)
  }
  return insertHeld(trx, viewer, p, topic.postCount)
}

/** The opening post of a topic held with it: the topic stays out of every list until approved. */
export async function insertHeldOpening(
  trx: Transaction<Database>,
  viewer: Viewer,
  p: HeldPost,
): Promise<{ postId: number; events: LiveEvent[] }> {
  await trx.updateTable('topics').set({ hiddenAt: sql`now()` }).where('id', '=', p.topicId).execute()
  return insertHeld(trx, viewer, p, 1)
}

async function insertHeld(trx: Transaction<Database>, viewer: Viewer, p: HeldPost, postNumber: number) {
  const post = await trx
    .insertInto('posts')
    .values({
      topicId: p.topicId,
      authorId: viewer.id,
      postNumber,
      replyToId: p.replyToId,
      body: p.body,
      html: p.rendered.html,
      hiddenAt: sql`now()`,
      heldAt: sql`now()`,
      heldReason: p.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Kept now, so that approval tells the members mentioned (a hidden post notifies no one before).
  await insertMentions(trx, post.id, p.rendered.mentionedUserIds)
  const item = await openItem(trx, {
    kind: 'held',
    targetType: 'post',
    targetId: post.id,
    memberId: viewer.id,
    detail: p.reason,
  })
  return { postId: post.id, events: await recordQueueChange(trx, [item.id], 'added') }
}

/** A published post that used words to look at: queued for a moderator, without hiding it. */
export async function queueWatchedHit(
  app: FastifyInstance,
  postId: number,
  memberId: number,
  matches: Match[],
) {
  if (matches.length === 0) return
  const detail = [...new Set(matches.map((m) => m.phrase))].join(', ')
  const events = await app.db.transaction().execute(async (trx) => {
    const item = await openItem(trx, {
      kind: 'watched',
      targetType: 'post',
      targetId: postId,
      memberId,
      detail,
    })
    return recordQueueChange(trx, [item.id], item.created ? 'added' : 'updated')
  })
  await app.live.publish(events)
}
