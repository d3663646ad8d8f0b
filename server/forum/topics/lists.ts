import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { fromMicros, decodeKeys as keys, keysetPage, microsOf } from '../../http/cursor.js'
import { notFound } from '../../http/errors.js'
import { canRead } from '../categories/directory.js'
import { presentTopic, type TopicRow } from '../present.js'
import { selectTopics } from '../queries.js'

const activityMicros = microsOf('t.last_post_at')

/**
 * A category's topics: pinned first, then by last activity (keyset on topics_category_activity_idx).
 * @example await categoryTopics(app, viewer, 'general', { limit: 20 }) // { items, nextCursor }
 */
export async function categoryTopics(
  app: FastifyInstance,
  viewer: Viewer | null,
  slug: string,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  const category = await app.categories.bySlug(slug)
  if (!category || !canRead(viewer, category)) throw notFound(`Category "${slug}"`)
  const after = keys<[boolean, number, number]>(page.cursor, 'bnn')
  const limit = page.limit ?? 20
  const rows = await selectTopics(app.db)
    .select(activityMicros.as('activityMicros'))
    .where('t.categoryId', '=', category.id)
    .where('t.deletedAt', 'is', null)
    .where('t.hiddenAt', 'is', null)
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(t.pinned, t.last_post_at, t.id) < (${after![0]}, ${fromMicros(after![1])}, ${after![2]})`,
      ),
    )
    .orderBy('t.pinned', 'desc')
    .orderBy('t.lastPostAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute()
  return keysetPage(
    rows,
    limit,
    (last) => [last.pinned, Number(last.activityMicros), last.id],
    (r) => presentTopic(r as TopicRow, viewer, category),
  )
}

/** The latest topics across every category the reader may see (keyset on topics_activity_idx). */
export async function latestTopics(
  app: FastifyInstance,
  viewer: Viewer | null,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  const categories = new Map((await app.categories.readable(viewer)).map((c) => [c.id, c]))
  const after = keys<[number, number]>(page.cursor, 'nn')
  const limit = page.limit ?? 20
  if (categories.size === 0) return { items: [], nextCursor: null }
  const rows = await selectTopics(app.db)
    .select(activityMicros.as('activityMicros'))
    .where('t.categoryId', 'in', [...categories.keys()])
    .where('t.deletedAt', 'is', null)
    .where('t.hiddenAt', 'is', null)
    .$if(after !== null, (q) =>
      q.where(sql<boolean>`(t.last_post_at, t.id) < (${fromMicros(after![0])}, ${after![1]})`),
    )
    .orderBy('t.lastPostAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute()
  return keysetPage(
    rows,
    limit,
    (last) => [Number(last.activityMicros), last.id],
    (r) => presentTopic(r as TopicRow, viewer, categories.get(r.categoryId)!),
  )
}
