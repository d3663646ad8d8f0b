import { sql } from 'kysely'
import type { TestApp } from '../helpers/app.js'

// Rows written straight to the database: the forum's HTTP routes are not what these tests test.
let seq = 0

/** A category; with `groups`, restricted to them (and moderators). */
export async function makeCategory(t: TestApp, opts: { groups?: number[] } = {}): Promise<number> {
  const n = ++seq
  const { id } = await t.db
    .insertInto('categories')
    .values({ slug: `cat-${n}`, name: `Category ${n}`, position: n })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const groupId of opts.groups ?? [])
    await t.db.insertInto('categoryGroups').values({ categoryId: id, groupId }).execute()
  await t.app.categories.changed()
  return id
}

export async function makeTopic(
  t: TestApp,
  opts: { categoryId: number; authorId: number; title: string; slug?: string; deleted?: boolean },
): Promise<number> {
  const { id } = await t.db
    .insertInto('topics')
    .values({
      categoryId: opts.categoryId,
      authorId: opts.authorId,
      title: opts.title,
      slug: opts.slug ?? `topic-${++seq}`,
      deletedAt: opts.deleted ? sql`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function makePost(
  t: TestApp,
  opts: { topicId: number; authorId: number; body: string; hidden?: boolean; deleted?: boolean },
): Promise<number> {
  const { n } = await t.db
    .selectFrom('posts')
    .select(sql<number>`coalesce(max(post_number), 0) + 1`.as('n'))
    .where('topicId', '=', opts.topicId)
    .executeTakeFirstOrThrow()
  const { id } = await t.db
    .insertInto('posts')
    .values({
      topicId: opts.topicId,
      authorId: opts.authorId,
      postNumber: n,
      body: opts.body,
      html: `<p>${opts.body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
      hiddenAt: opts.hidden ? sql`now()` : null,
      deletedAt: opts.deleted ? sql`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A topic with its first post, in one call. */
export async function makeThread(
  t: TestApp,
  opts: { categoryId: number; authorId: number; title: string; body: string; slug?: string },
): Promise<{ topicId: number; postId: number }> {
  const topicId = await makeTopic(t, opts)
  const postId = await makePost(t, { topicId, authorId: opts.authorId, body: opts.body })
  return { topicId, postId }
}

/** The part of a search hit tests look at. */
export interface Hit {
  type: 'post'
  post: { id: number; postNumber: number; author: { id: number; handle: string }; createdAt: string }
  topic: { id: number; title: string; slug: string; url: string; categoryId: number }
  snippet: string
  rank: number
}
