import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../db/database.js'

/**
 * How many of the newest matching posts (and topics by title) are ranked. Ranking every post
 * that contains a common word would read and score hundreds of thousands of rows; the newest
 * hundred keep the cost flat. They are looked for in two steps whose cost is bounded whatever
 * the words: first a backward walk over the newest posts only (a common word fills the quota
 * there at once), then, when that window held too few, the GIN index over everything (the words
 * are then rare enough for the index to be cheap). Left to itself, the planner walks backwards
 * for words that are each common but rarely together (one English, one French) and reads the
 * whole table: 700 ms instead of 20.
 */
export const bodyCandidates = 100
export const titleCandidates = 30
const recentPosts = 10_000
const recentTopics = 2_000

// Private-use characters as highlight markers: no member text keeps them (they are stripped
// before the headline), so after escaping, only these become <mark> tags.
export const markStart = '\uE000'
export const markStop = '\uE001'

export interface SearchArgs {
  q: string
  categoryIds: number[]
  after: { rank: number; id: number } | null
  limit: number
}

export interface HitRow {
  id: number
  postNumber: number
  createdAt: Date
  rank: number
  authorId: number
  authorHandle: string
  authorDisplayName: string
  topicId: number
  topicTitle: string
  topicSlug: string
  categoryId: number
  headline: string
}

// Markdown that would only clutter an extract: link targets, line markers (headings, quotes,
// list bullets), emphasis and code marks. Tags are left for the escaping to show as text.
function plainText(column: RawBuilder<string>): RawBuilder<string> {
  const links = sql`regexp_replace(left(${column}, 20000), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g')`
  const lines = sql`regexp_replace(${links}, '^[ \\t]*(#{1,6}[ \\t]+|>[> \\t]*|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)', '', 'gn')`
  return sql<string>`regexp_replace(${lines}, '[\\uE000\\uE001*~\`\\\\]+|(^|\\s)_+|_+(\\s|$)', ' ', 'g')`
}

function headline(
  config: 'tribune_fr' | 'tribune_en',
  text: RawBuilder<string>,
  query: RawBuilder<unknown>,
): RawBuilder<string> {
  return sql<string>`ts_headline(${sql.lit(config)}, ${text}, ${query}, ${sql.lit(
    `StartSel=${markStart}, StopSel=${markStop}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`,
  )})`
}

/**
 * One page of posts matching `q` in the given categories, best first, ties by id desc, with a
 * headline computed for that page only. Hidden and deleted posts and deleted topics never match.
 */
export async function searchPosts(db: Db, args: SearchArgs): Promise<HitRow[]> {
  if (args.categoryIds.length === 0) return []
  return (await searchQuery(args).execute(db)).rows
}

/** The statement searchPosts runs, apart so that its plan can be measured (EXPLAIN ANALYZE). */
export function searchQuery(args: SearchArgs): RawBuilder<HitRow> {
  const cats = sql.join(args.categoryIds)
  // Written out wherever it is used rather than held in a CTE: with the words in view, the
  // planner estimates how many posts match and walks the newest posts backwards for a common
  // word instead of fetching every match through the GIN index.
  const query = sql`(websearch_to_tsquery('tribune_fr', ${args.q}) || websearch_to_tsquery('tribune_en', ${args.q}))`
  const body = sql<string>`p.body`
  const after = args.after
    ? sql`where (r.rank, r.id) < (${args.after.rank}::float8, ${args.after.id}::bigint)`
    : sql``
  const readable = (topicId: RawBuilder<unknown>) =>
    sql`(select t.category_id from topics t where t.id = ${topicId} and t.deleted_at is null and t.hidden_at is null) in (${cats})`
  return sql<HitRow>`
    with bounds as materialized (
      select (select max(id) from posts) - ${sql.lit(recentPosts)} as post_id,
        (select max(id) from topics) - ${sql.lit(recentTopics)} as topic_id
    ),
    body_recent as materialized (
      select p.id
      from posts p
      join topics t on t.id = p.topic_id
      where p.id > (select post_id from bounds) and p.search @@ ${query}
        and p.deleted_at is null and p.hidden_at is null
        and t.deleted_at is null and t.hidden_at is null and t.category_id in (${cats})
      order by p.id desc
      limit ${sql.lit(bodyCandidates)}
    ),
    body_older as materialized (
      select p.id, p.topic_id
      from posts p
      where (select count(*) from body_recent) < ${sql.lit(bodyCandidates)}
        and p.search @@ ${query} and p.deleted_at is null and p.hidden_at is null
    ),
    body_hits as (
      select id from body_recent
      union
      -- Newest first, then readable: the topic is looked up for as few posts as it takes
      -- (offset 0 keeps the planner from checking every match before sorting).
      (select o.id from (select * from body_older order by id desc offset 0) o
       where ${readable(sql`o.topic_id`)} limit ${sql.lit(bodyCandidates)})
    ),
    title_recent as materialized (
      select t.id
      from topics t
      where t.id > (select topic_id from bounds) and t.search @@ ${query}
        and t.deleted_at is null and t.hidden_at is null and t.category_id in (${cats})
      order by t.id desc
      limit ${sql.lit(titleCandidates)}
    ),
    title_older as materialized (
      select t.id
      from topics t
      where (select count(*) from title_recent) < ${sql.lit(titleCandidates)}
        and t.search @@ ${query} and t.deleted_at is null and t.hidden_at is null and t.category_id in (${cats})
    ),
    title_hits as (
      select p.id
      from (select id from title_recent union (select id from title_older order by id desc limit ${sql.lit(titleCandidates)})) c
      join posts p on p.topic_id = c.id and p.post_number = 1
      where p.deleted_at is null and p.hidden_at is null
    ),
    ranked as (
      select p.id,
        ts_rank(p.search, ${query})::float8
          + case when p.post_number = 1 and t.search @@ ${query} then 1 + ts_rank(t.search, ${query}) else 0 end
          as rank
      from (select id from body_hits union select id from title_hits) c
      join posts p on p.id = c.id
      join topics t on t.id = p.topic_id
    ),
    page as materialized (
      select r.id, r.rank from ranked r
      ${after}
      order by r.rank desc, r.id desc
      limit ${args.limit}
    )
    select p.id, p.post_number, p.created_at, page.rank,
      u.id as author_id, u.handle as author_handle, u.display_name as author_display_name,
      t.id as topic_id, t.title as topic_title, t.slug as topic_slug, t.category_id,
      coalesce(case when strpos(h.fr, ${markStart}) > 0 then h.fr else ${headline('tribune_en', plainText(body), query)} end, '')
        as headline
    from page
    join posts p on p.id = page.id
    join topics t on t.id = p.topic_id
    join users u on u.id = p.author_id
    cross join lateral (select ${headline('tribune_fr', plainText(body), query)} as fr) h
    order by page.rank desc, page.id desc
  `
}
