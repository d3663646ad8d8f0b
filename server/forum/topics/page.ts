import type { FastifyInstance } from 'fastify'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Viewer } from '../../accounts/viewer.js'
import { badRequest, notFound } from '../../http/errors.js'
import { canRead } from '../categories/directory.js'
import { myReactions } from '../posts/service.js'
import { type PostRow, presentPost, presentTopic, type TopicRow } from '../present.js'
import { postColumns, selectTopics } from '../queries.js'
import type { TopicPageCache } from './page-cache.js'

export interface PageQuery {
  after?: number | undefined
  before?: number | undefined
  limit?: number | undefined
}

/**
 * A topic and one page of its posts, in order. The page comes from `cache` when it holds it, else
 * from one query; a member's own reactions on that page cost one more query, and their permissions
 * are worked out in memory. Visitors get the serialized answer: no query and no serialization.
 */
export async function topicPage(
  app: FastifyInstance,
  cache: TopicPageCache<PageData>,
  viewer: Viewer | null,
  id: number,
  q: PageQuery,
): Promise<string | ReturnType<typeof present>> {
  if (q.after !== undefined && q.before !== undefined)
    throw badRequest('invalid_request', 'Pass either after or before, not both.')
  const limit = q.limit ?? 25
  const key = `${id}:${q.after ?? ''}:${q.before ?? ''}:${limit}`
  let entry = cache.get(key)
  if (!entry) {
    const stamp = cache.stamp()
    const data = await loadPage(app, id, q, limit)
    // A topic that does not exist is not cached: its id may be taken by the next topic created.
    if (!data) throw notFound(`Topic ${id}`)
    entry = cache.set(key, id, data, [data.row.authorId, ...data.posts.map((p) => p.authorId)], stamp) ?? {
      topicId: id,
      data,
      authorIds: [],
    }
  }
  const { row, posts, cursors } = entry.data
  const category = await app.categories.byId(row.categoryId)
  if (!category || !canRead(viewer, category)) throw notFound(`Topic ${id}`)
  if (!viewer) {
    entry.json ??= JSON.stringify(present(row, posts, null, category, cursors, undefined))
    return entry.json
  }
  const mine = await myReactions(
    app,
    viewer.id,
    posts.map((p) => p.id),
  )
  return present(row, posts, viewer, category, cursors, mine)
}

export interface PageData {
  row: TopicRow
  posts: PostRow[]
  cursors: { nextCursor: number | null; prevCursor: number | null }
}

/** One query: the topic, one page of its posts (keyset on posts_topic_id_idx) and their authors. */
async function loadPage(
  app: FastifyInstance,
  id: number,
  q: PageQuery,
  limit: number,
): Promise<PageData | null> {
  const row = await selectTopics(app.db)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('posts as p')
          .innerJoin('users as pu', 'pu.id', 'p.authorId')
          .select(postColumns)
          .where('p.topicId', '=', id)
          .$if(q.after !== undefined, (s) => s.where('p.id', '>', q.after!))
          .$if(q.before !== undefined, (s) => s.where('p.id', '<', q.before!))
          .orderBy('p.id', q.before !== undefined ? 'desc' : 'asc')
          .limit(limit + 1),
      ).as('posts'),
    )
    .where('t.id', '=', id)
    .where('t.deletedAt', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const posts = (row.posts as unknown as PostRow[]).sort((a, b) => a.id - b.id)
  const more = posts.length > limit
  if (more) q.before !== undefined ? posts.shift() : posts.pop()
  const first = posts[0]
  const last = posts.at(-1)
  const cursors = {
    // Newer posts exist after a `before` page (the post it was cut at), or when this page overflowed.
    nextCursor: last && (q.before !== undefined || more) ? last.id : null,
    prevCursor: first && (q.after !== undefined || (q.before !== undefined && more)) ? first.id : null,
  }
  return { row, posts, cursors }
}

function present(
  row: TopicRow,
  posts: PostRow[],
  viewer: Viewer | null,
  category: NonNullable<Awaited<ReturnType<FastifyInstance['categories']['byId']>>>,
  cursors: { nextCursor: number | null; prevCursor: number | null },
  mine: Awaited<ReturnType<typeof myReactions>> | undefined,
) {
  return {
    topic: presentTopic(row, viewer, category),
    posts: posts.map((p) => presentPost(p, viewer, row, mine?.get(p.id))),
    ...cursors,
  }
}
