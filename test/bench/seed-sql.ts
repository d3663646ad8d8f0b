import type pg from 'pg'
import type { Sizes } from './options.js'
import { counter } from './progress.js'
import { sentencePool, titlePool } from './text.js'

// The bulk statements of the seed. Everything is set-based (INSERT … SELECT over
// generate_series) with explicit ids, so that counters and cursors can be computed before the
// rows exist and no statement is issued per row. Hashes of the id stand in for randomness
// wherever the value must be the same on every seed.

/** Staff: 1 is the admin, 2–10 are moderators; every 20th member is an ambassador. */
export const staffCount = 10
export const ambassadorEvery = 20

export const categories = [
  { id: 1, slug: 'annonces', name: 'Annonces', posting: 'moderators', share: 1 },
  { id: 2, slug: 'discussions', name: 'Discussions générales', posting: 'members', share: 30 },
  { id: 3, slug: 'entraide', name: 'Entraide et support', posting: 'members', share: 30 },
  { id: 4, slug: 'idees', name: 'Idées et suggestions', posting: 'members', share: 15 },
  { id: 5, slug: 'produits', name: 'Nos produits', posting: 'members', share: 19 },
  { id: 6, slug: 'club-ambassadeurs', name: 'Club des ambassadeurs', posting: 'members', share: 5 },
] as const
/** The category restricted to the ambassadors' group. */
export const restrictedCategoryId = 6
/** The long topic: the oldest one, in a public category, so its replies span the whole history. */
export const bigTopicId = 1

const firstNames =
  `Camille Léa Manon Chloé Inès Jade Louise Alice Lina Emma Hugo Lucas Louis Nathan Jules Gabriel
Arthur Raphaël Adam Paul Olivia Noah Liam Amélie Zoé Théo Maël Sacha Anaïs Élodie Mathis Clément Margaux Julien
Sarah Thomas Nicolas Céline Éric Sophie`.split(/\s+/)
const lastNames = `Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre
Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François
Martinez Smith Jones Taylor Brown Wilson`.split(/\s+/)

export async function seedMembers(c: pg.Client, sizes: Sizes, passwordHash: string): Promise<void> {
  const m = sizes.members
  await c.query(
    `insert into users (id, email, handle, display_name, password_hash, role, trust_level, charter_version,
       locale, created_at, last_seen_at)
     overriding system value
     select i, 'member' || i || '@bench.tribune.test',
       case when i = 1 then 'bench_admin'
            else lower(unaccent(($2::text[])[1 + i % cardinality($2::text[])])) || '_' || i end,
       ($2::text[])[1 + i % cardinality($2::text[])] || ' ' || ($3::text[])[1 + (i / 7) % cardinality($3::text[])],
       $4, case when i = 1 then 'admin' when i <= $5 then 'moderator' else 'member' end,
       i % 4, 1, case when i % 10 < 7 then 'fr' else 'en' end,
       now() - interval '4 years' + i * (interval '365 days' / $1),
       now() - (i % 30) * interval '1 day'
     from generate_series(1, $1::int) i`,
    [m, firstNames, lastNames, passwordHash, staffCount],
  )
  await c.query(
    `insert into groups (id, slug, name, description) overriding system value
     values (1, 'ambassadeurs', 'Ambassadeurs', 'Les membres qui représentent la marque')`,
  )
  await c.query(
    'insert into group_members (group_id, user_id) select 1, i from generate_series($2::int, $1::int, $2::int) i',
    [m, ambassadorEvery],
  )
}

export async function seedCategories(c: pg.Client): Promise<void> {
  for (const [i, cat] of categories.entries())
    await c.query(
      `insert into categories (id, slug, name, description, position, posting) overriding system value
       values ($1, $2, $3, $4, $5, $6)`,
      [cat.id, cat.slug, cat.name, `${cat.name} (bench)`, i + 1, cat.posting],
    )
  await c.query('insert into category_groups (category_id, group_id, can_post) values ($1, 1, true)', [
    restrictedCategoryId,
  ])
}

/**
 * Decides every post before writing any: which topic it belongs to, when it was written, by
 * whom, its id (in time order across topics, as a live community's ids are) and its number in
 * its topic. Topics are interleaved in time so that a topic's posts lie on scattered heap pages,
 * as they do in production, rather than on a few contiguous ones.
 */
export async function planPosts(c: pg.Client, sizes: Sizes): Promise<void> {
  const { topics: t, members: m, bigTopic: b } = sizes
  const others = sizes.posts - t - b
  const bounds = categories.map((_, i) => categories.slice(0, i + 1).reduce((sum, x) => sum + x.share, 0))
  const catCase = categories.map((cat, i) => `when h < ${bounds[i]} then ${cat.id}`).join(' ')
  await c.query(
    `create unlogged table bench_topic_plan as
     select i as id, case when i = ${bigTopicId} then 2 else (case ${catCase} else 2 end) end as category_id,
       now() - interval '3 years' + (i - 1) * (interval '3 years' - interval '1 hour') / $1::int as created_at
     from generate_series(1, $1::int) i, lateral (select abs(hashint4(i)) % 100 as h) x`,
    [t],
  )
  await c.query('alter table bench_topic_plan add primary key (id)')
  await c.query('select setseed(0.42)')
  // A few members write most posts; inlined (not a lateral subquery) so it is drawn per row.
  const a = 'floor($4::bigint * power(random(), 2))::bigint'
  await c.query(
    `create unlogged table bench_posts as
     with plan as (
       select id as topic_id, created_at as at, 0 as ord from bench_topic_plan
       union all
       select ${bigTopicId}, tp.created_at + (now() - tp.created_at) * random(), g
       from generate_series(1, $2::int) g, bench_topic_plan tp where tp.id = ${bigTopicId}
       union all
       -- Half the replies spread evenly, half crowd into older topics: a tail of long threads.
       select x.topic_id, tp.created_at + (now() - tp.created_at) * power(random(), 2), x.g
       from (select g, 2 + floor(case when random() < 0.5 then random() * ($1::int - 1)
                                      else ($1::int - 1) * power(random(), 1.5) end)::int as topic_id
             from generate_series(1, $3::int) g) x
       join bench_topic_plan tp on tp.id = x.topic_id
     )
     select row_number() over (order by p.at, p.topic_id, p.ord) as id, p.topic_id, p.at,
       row_number() over (partition by p.topic_id order by p.at, p.ord)::int as post_number,
       (case tp.category_id
          when 1 then 1 + ${a} % ${staffCount}
          when ${restrictedCategoryId} then ${ambassadorEvery} * (1 + ${a} % greatest(1, $4::bigint / ${ambassadorEvery}))
          else 1 + (${a} * 1000003) % $4::bigint end)::bigint as author_id
     from plan p join bench_topic_plan tp on tp.id = p.topic_id`,
    [t, b, others, m],
  )
  await c.query('alter table bench_posts add primary key (id)')
  await c.query('create index on bench_posts (topic_id, post_number)')
}

export async function seedTopics(c: pg.Client): Promise<void> {
  const titles = titlePool(5_000)
  await c.query(
    `create unlogged table bench_titles as
     select (n - 1)::int as id, title, slug from unnest($1::text[], $2::text[]) with ordinality u(title, slug, n)`,
    [titles.map((x) => x.title), titles.map((x) => x.slug)],
  )
  await c.query(
    `insert into topics (id, category_id, author_id, title, slug, pinned, post_count, created_at,
       last_post_at, last_post_id, last_poster_id)
     overriding system value
     select t.id, t.category_id, first.author_id,
       case when t.id = ${bigTopicId} then 'Le grand fil de la communauté' else tt.title end,
       case when t.id = ${bigTopicId} then 'le-grand-fil-de-la-communaute' else tt.slug end,
       t.category_id = 1 and t.id % 7 = 0, agg.n, t.created_at, last.at, last.id, last.author_id
     from bench_topic_plan t
     join (select topic_id, count(*)::int as n, max(id) as last_id from bench_posts group by topic_id) agg
       on agg.topic_id = t.id
     join bench_posts last on last.id = agg.last_id
     join bench_posts first on first.topic_id = t.id and first.post_number = 1
     join bench_titles tt on tt.id = t.id % $1`,
    [titles.length],
  )
}

/** Writes the posts in chunks of ids, `parallel` chunks at a time (one connection each). */
export async function seedPosts(clients: pg.Client[], sizes: Sizes): Promise<void> {
  const pool = sentencePool(20_000)
  const [first] = clients
  await first!.query(
    `create unlogged table bench_sentences as
     select (n - 1)::int as id, text from unnest($1::text[]) with ordinality u(text, n)`,
    [pool.sentences],
  )
  await first!.query(
    `create unlogged table bench_rare as
     select (n - 1)::int as id, text from unnest($1::text[]) with ordinality u(text, n)`,
    [pool.rare],
  )
  await first!.query('alter table bench_sentences add primary key (id)')
  await first!.query('alter table bench_rare add primary key (id)')
  await first!.query('analyze bench_sentences; analyze bench_rare; analyze bench_posts')

  const chunk = 25_000
  const progress = counter('posts', sizes.posts)
  let next = 1
  const worker = async (c: pg.Client) => {
    while (next <= sizes.posts) {
      const from = next
      next += chunk
      const to = Math.min(from + chunk - 1, sizes.posts)
      await c.query(insertPostsSql, [
        from,
        to,
        pool.frCount,
        pool.sentences.length - pool.frCount,
        pool.rare.length,
      ])
      progress.add(to - from + 1)
    }
  }
  await Promise.all(clients.map(worker))
  progress.stop()
}

// One to six sentences in the post's language (7 in 10 French), shorter posts more common,
// and one post in 23 carrying a rare word. The draws are computed once per row (OFFSET 0 keeps
// the planner from inlining them into every join condition).
const sentenceSlots = [1, 2, 3, 4, 5, 6]
const h = (stream: number) => `abs(hashint8extended(p.id, ${stream}))`
export const insertPostsSql = `
  insert into posts (id, topic_id, author_id, post_number, body, html, created_at)
  overriding system value
  select p.id, p.topic_id, p.author_id, p.post_number, b.body, '<p>' || b.body || '</p>', p.at
  from (
    select p.*,
      ${sentenceSlots.map((j) => `case when p.n >= ${j} then p.base + ${h(10 + j)} % p.span end as i${j}`).join(',\n      ')},
      case when ${h(3)} % 23 = 0 then ${h(4)} % $5 end as ir
    from (
      select p.*,
        1 + floor(6 * power((${h(1)} % 1000000) / 1e6::float8, 1.5))::int as n,
        case when ${h(2)} % 10 < 7 then 0 else $3::int end as base,
        case when ${h(2)} % 10 < 7 then $3::int else $4::int end as span
      from bench_posts p
      where p.id between $1 and $2
      offset 0
    ) p
    offset 0
  ) p
  ${sentenceSlots.map((j) => `left join bench_sentences s${j} on s${j}.id = p.i${j}`).join('\n  ')}
  left join bench_rare r on r.id = p.ir
  cross join lateral (select concat_ws(' ', ${sentenceSlots.map((j) => `s${j}.text`).join(', ')}, r.text) as body) b`

/** Counters the API shows, made consistent with the rows, and identity sequences moved past them. */
export async function fixCounters(c: pg.Client): Promise<void> {
  await c.query(
    `update users u set post_count = x.n
     from (select author_id, count(*)::int as n from posts group by author_id) x where x.author_id = u.id`,
  )
  await c.query(
    `update users u set topic_count = x.n
     from (select author_id, count(*)::int as n from topics group by author_id) x where x.author_id = u.id`,
  )
  await c.query(
    `update categories c set topic_count = x.n
     from (select category_id, count(*)::int as n from topics where deleted_at is null group by category_id) x
     where x.category_id = c.id`,
  )
  for (const table of ['users', 'groups', 'categories', 'topics', 'posts'])
    await c.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`)
}

export async function dropPlan(c: pg.Client): Promise<void> {
  for (const table of ['bench_topic_plan', 'bench_posts', 'bench_titles', 'bench_sentences', 'bench_rare'])
    await c.query(`drop table if exists ${table}`)
}
