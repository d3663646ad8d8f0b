import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { unprocessable } from '../../http/errors.js'
import { recordLiveEvent } from '../../live/events.js'
import { visiblePost } from '../load.js'
import { canReact } from '../policy.js'
import { reactionCounts } from '../present.js'
import type { ReactionKind } from '../schema.js'

/**
 * Adds (`on`) or withdraws a reaction. Idempotent: the reactions primary key admits one of each kind
 * per member, and the count moves only when a row did, in an update that holds the post's row lock.
 * @example await react(app, viewer, 7, 'like', true) // { reactions: { like: 1, … }, myReactions: ['like'] }
 */
export async function react(
  app: FastifyInstance,
  viewer: Viewer,
  postId: number,
  kind: ReactionKind,
  on: boolean,
) {
  const { post } = await visiblePost(app, viewer, postId)
  const facts = { authorId: post.authorId, deleted: post.deletedAt !== null, hidden: post.hiddenAt !== null }
  if (!canReact(viewer, facts)) throw unprocessable('post_unavailable', 'This post was deleted or hidden.')

  const result = await app.db.transaction().execute(async (trx) => {
    const changed = on
      ? await trx
          .insertInto('reactions')
          .values({ postId, userId: viewer.id, kind })
          .onConflict((oc) => oc.doNothing())
          .returning('kind')
          .executeTakeFirst()
      : await trx
          .deleteFrom('reactions')
          .where('postId', '=', postId)
          .where('userId', '=', viewer.id)
          .where('kind', '=', kind)
          .returning('kind')
          .executeTakeFirst()
    const delta = changed ? (on ? 1 : -1) : 0
    const { reactions } =
      delta === 0
        ? await trx.selectFrom('posts').select('reactions').where('id', '=', postId).executeTakeFirstOrThrow()
        : await trx
            .updateTable('posts')
            .set({
              reactions: sql`jsonb_set(reactions, array[${kind}::text], to_jsonb(greatest(coalesce((reactions->>${kind})::int, 0) + ${delta}::int, 0)))`,
            })
            .where('id', '=', postId)
            .returning('reactions')
            .executeTakeFirstOrThrow()
    const mine = await trx
      .selectFrom('reactions')
      .select('kind')
      .where('postId', '=', postId)
      .where('userId', '=', viewer.id)
      .orderBy('createdAt')
      .execute()
    const counts = reactionCounts(reactions)
    const event = delta
      ? await recordLiveEvent(trx, `topic:${post.topicId}`, 'reactions.changed', {
          postId,
          reactions: counts,
        })
      : null
    return { counts, mine: mine.map((r) => r.kind as ReactionKind), event }
  })
  if (result.event) await app.live.publish(result.event)
  return { reactions: result.counts, myReactions: result.mine }
}
