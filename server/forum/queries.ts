import type { Kysely } from 'kysely'
import type { Database, Db } from '../db/database.js'
import type { PostRow, TopicRow } from './present.js'

// The columns every topic and post answer is built from, shared by the page, the lists and the writes.

export const topicColumns = [
  't.id',
  't.categoryId',
  't.authorId',
  't.title',
  't.slug',
  't.pinned',
  't.locked',
  't.postCount',
  't.createdAt',
  't.lastPostAt',
  't.lastPostId',
  't.lastPosterId',
  't.slowModeSeconds',
  'tu.handle as authorHandle',
  'tu.displayName as authorDisplayName',
] as const

export const postColumns = [
  'p.id',
  'p.topicId',
  'p.postNumber',
  'p.authorId',
  'p.replyToId',
  'p.body',
  'p.html',
  'p.revision',
  'p.reactions',
  'p.createdAt',
  'p.editedAt',
  'p.deletedAt',
  'p.hiddenAt',
  'p.heldAt',
  'pu.handle as authorHandle',
  'pu.displayName as authorDisplayName',
  'pu.avatarUrl as authorAvatarUrl',
  'pu.role as authorRole',
] as const

export function selectTopics(db: Kysely<Database>) {
  return db.selectFrom('topics as t').innerJoin('users as tu', 'tu.id', 't.authorId').select(topicColumns)
}

export function selectPosts(db: Kysely<Database>) {
  return db.selectFrom('posts as p').innerJoin('users as pu', 'pu.id', 'p.authorId').select(postColumns)
}

/** A live topic (not deleted), with its author; undefined when there is none. */
export async function findTopic(db: Db, id: number): Promise<TopicRow | undefined> {
  return (await selectTopics(db)
    .where('t.id', '=', id)
    .where('t.deletedAt', 'is', null)
    .executeTakeFirst()) as TopicRow | undefined
}

/** A post with its author and the facts of its topic that the rules need. */
export async function findPost(db: Db, id: number) {
  const row = await selectPosts(db)
    .innerJoin('topics as t', 't.id', 'p.topicId')
    .select(['t.categoryId', 't.locked as topicLocked', 't.authorId as topicAuthorId'])
    .where('p.id', '=', id)
    .where('t.deletedAt', 'is', null)
    .executeTakeFirst()
  return row as (PostRow & { categoryId: number; topicLocked: boolean; topicAuthorId: number }) | undefined
}
