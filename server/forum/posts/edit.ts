import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { isStaff, type Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { notFound, unprocessable } from '../../http/errors.js'
import { recordLiveEvent } from '../../live/events.js'
import { renderPost } from '../../render/markdown.js'
import { checkBody, visiblePost } from '../load.js'
import { assertCanEditPost } from '../policy.js'
import { iso } from '../present.js'
import { getPost } from './service.js'
import { insertMentions } from './write.js'

/**
 * Replaces a post's text. The version it replaces goes to post_revisions with who wrote it, why and
 * when, so every version stays readable.
 * @example await editPost(app, viewer, 7, { body: 'Corrigé', reason: 'typo' })
 */
export async function editPost(
  app: FastifyInstance,
  viewer: Viewer,
  id: number,
  input: { body: string; reason?: string | undefined },
) {
  const body = checkBody(input.body)
  const { post, topic } = await visiblePost(app, viewer, id)
  const facts = { authorId: post.authorId, deleted: post.deletedAt !== null, hidden: post.hiddenAt !== null }
  if (facts.deleted) throw unprocessable('post_deleted', 'This post was deleted and cannot be edited.')
  assertCanEditPost(viewer, topic, facts)
  const reason = input.reason?.trim() || null
  // A moderator changing someone's words says why: the member is told, and the log keeps it.
  if (viewer.id !== post.authorId && reason === null)
    throw unprocessable('reason_required', 'Say why you edit a member’s post: they will read it.')
  if (body === post.body && reason === null) return getPost(app, viewer, id)
  const rendered = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)

  const event = await app.db.transaction().execute(async (trx) => {
    // Under the row lock, so two edits at once each keep the version they replaced.
    const current = await trx
      .selectFrom('posts')
      .select([
        'topicId',
        'revision',
        'body',
        'html',
        'authorId',
        'editedBy',
        'editReason',
        'editedAt',
        'createdAt',
      ])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!current) throw unprocessable('post_deleted', 'This post was deleted and cannot be edited.')
    await trx
      .insertInto('postRevisions')
      .values({
        postId: id,
        revision: current.revision,
        body: current.body,
        html: current.html,
        editorId: current.editedBy ?? current.authorId,
        reason: current.editReason,
        writtenAt: current.editedAt ?? current.createdAt,
      })
      .execute()
    await trx
      .updateTable('posts')
      .set((eb) => ({
        body,
        html: rendered.html,
        revision: eb('revision', '+', 1),
        editedAt: sql`now()`,
        editedBy: viewer.id,
        editReason: reason,
      }))
      .where('id', '=', id)
      .execute()
    const mentioned = [...new Set(rendered.mentionedUserIds)]
    await trx
      .deleteFrom('postMentions')
      .where('postId', '=', id)
      .$if(mentioned.length > 0, (q) => q.where('userId', 'not in', mentioned))
      .execute()
    await insertMentions(trx, id, mentioned)
    const events = [
      await recordLiveEvent(trx, `topic:${current.topicId}`, 'post.edited', {
        postId: id,
        revision: current.revision + 1,
      }),
    ]
    if (viewer.id !== current.authorId) {
      await recordAudit(trx, {
        actorId: viewer.id,
        action: 'post.edited',
        targetType: 'post',
        targetId: id,
        reason: reason ?? '',
        data: { revision: current.revision + 1 },
      })
      events.push(
        await recordLiveEvent(trx, `user:${current.authorId}`, 'moderation.notice', {
          action: 'post.edited',
          ruleId: null,
          ruleTitle: null,
          ruleBody: null,
          reason: reason ?? '',
          postId: id,
          topicId: current.topicId,
        }),
      )
    }
    return events
  })
  await app.live.publish(event)
  return getPost(app, viewer, id)
}

/** Every version of a post, oldest first, the current one last. Text of deleted or hidden posts stays with moderators. */
export async function revisions(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const { post } = await visiblePost(app, viewer, id)
  if ((post.deletedAt !== null || post.hiddenAt !== null) && !isStaff(viewer)) throw notFound(`Post ${id}`)
  const [earlier, current] = await Promise.all([
    app.db
      .selectFrom('postRevisions as r')
      .leftJoin('users as u', 'u.id', 'r.editorId')
      .select([
        'r.revision',
        'r.body',
        'r.html',
        'r.reason',
        'r.writtenAt',
        'u.id',
        'u.handle',
        'u.displayName',
      ])
      .where('r.postId', '=', id)
      .orderBy('r.revision')
      .execute(),
    app.db
      .selectFrom('posts as p')
      .innerJoin('users as u', (join) => join.on(sql`u.id`, '=', sql`coalesce(p.edited_by, p.author_id)`))
      .select([
        'p.revision',
        'p.body',
        'p.html',
        'p.editReason as reason',
        'u.id',
        'u.handle',
        'u.displayName',
      ])
      .select((eb) => eb.fn.coalesce('p.editedAt', 'p.createdAt').as('writtenAt'))
      .where('p.id', '=', id)
      .executeTakeFirstOrThrow(),
  ])
  return [...earlier, current].map((r) => ({
    revision: r.revision,
    body: r.body,
    html: r.html,
    editor: r.id === null ? null : { id: r.id, handle: r.handle!, displayName: r.displayName! },
    reason: r.reason,
    writtenAt: iso(r.writtenAt),
  }))
}
