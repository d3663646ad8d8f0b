import pg from 'pg'
import type { Sizes } from './options.js'
import { benchSessions } from './seed.js'
import { bigTopicId, categories, restrictedCategoryId } from './seed-sql.js'
import { searchQueries, sentencePool } from './text.js'

/** What the scenarios request, read from the seeded database once before measuring. */
export interface Fixtures {
  tokens: string[]
  userIds: number[]
  /** Topics members open: thousands, in categories every member reads. */
  memberTopicIds: number[]
  /** Topics no other scenario reads, each read once: pages that are not in the cache. */
  coldTopicIds: number[]
  /** Topics anonymous readers open: a few hundred, so a page cache holds them all. */
  anonymousTopicIds: number[]
  /** Topics members reply to (open to members' posts, the long topic left alone). */
  postTopicIds: number[]
  bigTopicId: number
  /** The post before page 400 of the long topic, 25 per page: the page holds its last 25. */
  deepAfterId: number
  categorySlugs: string[]
  searchQueries: { kind: string; q: string }[]
  sentences: string[]
  /** How many posts each search query matches, printed so the mix reads for what it is. */
  searchHits: { q: string; kind: string; posts: number }[]
}

export async function loadFixtures(databaseUrl: string, sizes: Sizes): Promise<Fixtures> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const publicIds = categories.filter((x) => x.id !== restrictedCategoryId).map((x) => x.id)
    const postable = categories
      .filter((x) => x.id !== restrictedCategoryId && x.posting === 'members')
      .map((x) => x.id)
    // Hash order: a spread over the whole history, the same one on every run.
    const topics = async (ids: number[], limit: number, salt: number) =>
      (
        await c.query<{ id: number }>(
          `select id from topics where category_id = any($1) and id <> $2 and deleted_at is null and not locked
           order by hashint8extended(id, $4) limit $3`,
          [ids, bigTopicId, limit, salt],
        )
      ).rows.map((r) => Number(r.id))
    const deep = await c.query<{ id: number }>(
      'select id from posts where topic_id = $1 and post_number = $2',
      [bigTopicId, sizes.bigTopic - 25],
    )
    const searchHits = []
    for (const s of searchQueries) {
      const { rows } = await c.query(
        `select count(*)::int as n from posts
         where search @@ (plainto_tsquery('tribune_fr', $1) || plainto_tsquery('tribune_en', $1))`,
        [s.q],
      )
      searchHits.push({ ...s, posts: rows[0].n as number })
    }
    const memberTopicIds = await topics(publicIds, 5_000, 1)
    const anonymousTopicIds = await topics(publicIds, 300, 2)
    const seen = new Set([...memberTopicIds, ...anonymousTopicIds])
    const userIds: number[] = []
    for (let id = 1; id <= sizes.members; id++) userIds.push(id)
    return {
      tokens: (await benchSessions(c)).map((s) => s.token),
      userIds,
      memberTopicIds,
      coldTopicIds: (await topics(publicIds, 30_000, 4)).filter((id) => !seen.has(id)),
      anonymousTopicIds,
      postTopicIds: await topics(postable, 2_000, 3),
      bigTopicId,
      deepAfterId: Number(deep.rows[0]?.id ?? 0),
      categorySlugs: categories.filter((x) => x.id !== restrictedCategoryId).map((x) => x.slug),
      searchQueries,
      sentences: sentencePool(2_000, 99).sentences,
      searchHits,
    }
  } finally {
    await c.end()
  }
}
