import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Rendered } from '../../render/markdown.js'
import type { PostRow } from '../present.js'

/** The next post id, drawn from the posts identity so the topic row can point at it in the same update. */
export const nextPostId = sql<number>`nextval(pg_get_serial_sequence('posts', 'id'))`

export interface NewPost {
  id: number
  topicId: number
  postNumber: number
  authorId: number
  replyToId: number | null
  body: string
  rendered: Rendered
  /** The opening post of a new topic also counts as the author's topic. */
  opensTopic: boolean
}

/**
 * Inserts a post whose number and id the caller took from the topic row, and counts it for its
 * author. Runs inside the caller's transaction, after the topic row update that serialises the thread.
 */
export async function insertPost(trx: Transaction<Database>, p: NewPost): Promise<PostRow> {
  const post = await trx
    .insertInto('posts')
    .values({
      id: p.id,
      topicId: p.topicId,
      authorId: p.authorId,
      postNumber: p.postNumber,
      replyToId: p.replyToId,
      body: p.body,
      html: p.rendered.html,
    })
    .returning([
      'id',
      'topicId',
      'postNumber',
      'authorId',
      'replyToId',
      'body',
      'html',
      'revision',
      'reactions',
      'createdAt',
      'editedAt',
      'deletedAt',
      'hiddenAt',
    ])
    .executeTakeFirstOrThrow()
  const author = await trx
    .updateTable('users')
    .set((eb) => ({
      postCount: eb('postCount', '+', 1),
      ...(p.opensTopic ? { topicCount: eb('topicCount', '+', 1) } : {}),
    }))
    .where('id', '=', p.authorId)
    .returning(['handle', 'displayName', 'avatarUrl', 'role'])
    .executeTakeFirstOrThrow()
  await insertMentions(trx, post.id, p.rendered.mentionedUserIds)
  return {
    ...post,
    authorHandle: author.handle,
    authorDisplayName: author.displayName,
    authorAvatarUrl: author.avatarUrl,
    authorRole: author.role,
  }
}

export async function insertMentions(trx: Transaction<Database>, postId: number, userIds: number[]) {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return
  await trx
    .insertInto('postMentions')
    .values(unique.map((userId) => ({ postId, userId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}
