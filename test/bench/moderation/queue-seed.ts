import pg from 'pg'
import { openDatabase } from '../../../server/db/database.js'
import { migrateToLatest } from '../../../server/db/migrate.js'
import { migrationHashes } from '../meta.js'
import { seconds, step } from '../progress.js'

// The review queue's own community, in a database of its own next to the main bench's: a backlog
// far larger than any real one (issue 5's 100,000 flags and 20,000 held posts) on a small forum,
// seeded set-based with explicit ids and hashes of ids for randomness, so every seed is the same.

/** Bump when the seed below changes: a database seeded by another version is seeded again. */
const seedVersion = 1

export const queueSizes = {
  members: 5_000,
  moderators: 2,
  topics: 2_000,
  postsPerTopic: 50,
  /** Posts whose id ends in 1, 4 or 7 are flagged; 2 or 5, held; 0, 3, 6, 8 or 9, resolved items. */
  flaggedPosts: 30_000,
  flags: 100_000,
  heldPosts: 20_000,
  resolvedItems: 50_000,
  /** One flagged item in this many is urgent (a flag citing an urgent rule): 500, 1% of the open queue. */
  urgentEvery: 60,
  sanctions: 1_500,
} as const

/** The queue bench's database: the main bench's URL with another name. */
export function queueDatabaseUrl(benchUrl: string): string {
  const url = new URL(benchUrl)
  url.pathname = '/tribune_bench_queue'
  return url.toString()
}

/**
 * Reuses the database when it holds a complete seed of this version over the same migrations (the
 * bench only reads it; the one session it opens is deleted after), otherwise drops and seeds it.
 */
export async function ensureQueueSeed(databaseUrl: string): Promise<{ seeded: boolean; seedMs: number }> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  const adminUrl = new URL(databaseUrl)
  adminUrl.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0
    if (exists) {
      const reason = await reuseReason(databaseUrl)
      if (reason === null) {
        const seedMs = Number((await readMeta(databaseUrl)).seedMs)
        console.log(`  Queue seed: reused ${name} (seeded in ${seconds(seedMs)}).`)
        return { seeded: false, seedMs }
      }
      console.log(`  Queue seed: ${name} ${reason}; seeding it again.`)
      await admin.query(`drop database ${name} with (force)`)
    }
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const started = Date.now()
  await step('queue seed: migrations', async () => {
    const handle = await openDatabase({ databaseUrl, statementTimeoutMs: 0, poolSize: 2 })
    try {
      await migrateToLatest(handle.db)
    } finally {
      await handle.close()
    }
  })
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    await c.query(`set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set synchronous_commit = off`)
    // Consistent by construction: the foreign-key triggers would only check it again (superuser only).
    await c.query('set session_replication_role = replica')
    // Filling the full-text index row by row costs several times building it once afterwards.
    const { rows: gin } = await c.query<{ name: string; def: string }>(
      `select i.relname as name, pg_get_indexdef(i.oid) as def from pg_index x
       join pg_class i on i.oid = x.indexrelid join pg_am am on am.oid = i.relam
       where am.amname = 'gin' and x.indrelid = 'posts'::regclass`,
    )
    for (const { name } of gin) await c.query(`drop index "${name}"`)
    for (const [label, statements] of seedSteps) await step(`queue seed: ${label}`, () => run(c, statements))
    await step('queue seed: full-text index', () =>
      run(
        c,
        gin.map((g) => g.def),
      ),
    )
    await c.query('set session_replication_role = origin')
    await step('queue seed: vacuum analyze', () => c.query('vacuum analyze'))
    const seedMs = Date.now() - started
    await c.query('create table bench_queue_meta (key text primary key, value jsonb not null)')
    await c.query(
      `insert into bench_queue_meta values ('migrations', $1), ('seedMs', $2), ('version', $3), ('sizes', $4)`,
      [JSON.stringify(await migrationHashes()), seedMs, seedVersion, JSON.stringify(queueSizes)],
    )
    console.log(`  Queue seed: ${seconds(seedMs)}.`)
    return { seeded: true, seedMs }
  } finally {
    await c.end()
  }
}

async function run(c: pg.Client, statements: string[]) {
  for (const s of statements) await c.query(s)
}

async function readMeta(databaseUrl: string): Promise<Record<string, unknown>> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const { rows } = await c.query<{ key: string; value: unknown }>('select key, value from bench_queue_meta')
    return Object.fromEntries(rows.map((r) => [r.key, r.value]))
  } finally {
    await c.end()
  }
}

async function reuseReason(databaseUrl: string): Promise<string | null> {
  const meta = await readMeta(databaseUrl).catch(() => ({}) as Record<string, unknown>)
  if (meta.version === undefined) return 'holds no complete seed'
  if (meta.version !== seedVersion || !same(meta.sizes, queueSizes))
    return `holds another seed (version ${String(meta.version)}, sizes ${JSON.stringify(meta.sizes)})`
  return same(meta.migrations, await migrationHashes()) ? null : 'was seeded over other migrations'
}

/** Equal flat objects, whatever their key order (jsonb keeps its own). */
function same(stored: unknown, wanted: Record<string, unknown>): boolean {
  const canonical = (o: object) => JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
  return typeof stored === 'object' && stored !== null && canonical(stored) === canonical(wanted)
}

const z = queueSizes
const posts = z.topics * z.postsPerTopic
const staff = z.moderators
const author = (p: string) => `(${staff + 1} + abs(hashint4(${p})) % ${z.members})`
/** Seconds back from now, drawn from the id and a stream number, below `span`. */
const ago = (id: string, stream: number, span: string) =>
  `(now() - (abs(hashint8extended(${id}, ${stream})) % extract(epoch from interval '${span}')::bigint) * interval '1 second')`
const sentences = [
  'Bonjour à tous, je reviens sur ce que disait le message précédent.',
  'Je ne suis pas du tout d’accord avec cette analyse, les chiffres disent autre chose.',
  'Quelqu’un a-t-il essayé la dernière mise à jour ? Chez moi elle plante au démarrage.',
  'Merci pour le partage, c’est exactement ce que je cherchais depuis des semaines.',
  'Honestly this thread keeps going in circles, can a moderator step in?',
  'Voici le lien vers la documentation officielle, la réponse est au chapitre trois.',
  'Offre exceptionnelle, contactez-moi en privé pour un prix imbattable.',
  'I had the same issue last week; resetting the settings fixed it for me.',
]
const sentence = (stream: number) =>
  `(array[${sentences.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}])[1 + abs(hashint4(p + ${stream})) % ${sentences.length}]`
const heldReasons = [
  'Premier message d’un nouveau membre : relu avant publication.',
  'Mot surveillé : « prix imbattable ».',
  'Lien vers un site externe non approuvé.',
]
const rules = `(array['respect', 'spam', 'hors-sujet', 'vie-privee'])`
/** The post of the j-th flagged item (j from 0): ids ending in 1, 4 or 7. */
const flaggedPost = (j: string) => `(10 * (${j} / 3) + (array[1, 4, 7])[1 + ${j} % 3])`

const seedSteps: [string, string[]][] = [
  [
    `${(z.members + staff).toLocaleString('en')} members, a category, ${z.topics.toLocaleString('en')} topics`,
    [
      `insert into users (id, email, handle, display_name, role, trust_level, locale, created_at)
       overriding system value
       select i, 'queue' || i || '@bench.tribune.test',
         case when i <= ${staff} then 'moderateur_' || i else 'membre_' || i end,
         case when i <= ${staff} then 'Modératrice ' || i else 'Membre ' || i end,
         case when i <= ${staff} then 'moderator' else 'member' end,
         case when i <= ${staff} then 3 else i % 4 end, case when i % 10 < 7 then 'fr' else 'en' end,
         now() - interval '3 years' + i * interval '4 hours'
       from generate_series(1, ${z.members + staff}) i`,
      `insert into categories (id, slug, name, description, position) overriding system value
       values (1, 'discussions', 'Discussions', 'Le banc de la file de modération', 1)`,
      `insert into topics (id, category_id, author_id, title, slug, post_count, created_at, last_post_at)
       overriding system value
       select t, 1, ${author(`(t - 1) * ${z.postsPerTopic} + 1`)}, 'Sujet numéro ' || t, 'sujet-numero-' || t,
         ${z.postsPerTopic}, now() - interval '210 days' + ((t - 1) * ${z.postsPerTopic} + 1) * interval '3 minutes',
         now() - interval '210 days' + t * ${z.postsPerTopic} * interval '3 minutes'
       from generate_series(1, ${z.topics}) t`,
    ],
  ],
  [
    `${posts.toLocaleString('en')} posts, ${z.heldPosts.toLocaleString('en')} of them held`,
    [
      `insert into posts (id, topic_id, author_id, post_number, body, html, created_at, hidden_at, held_at, held_reason)
       overriding system value
       select p, (p - 1) / ${z.postsPerTopic} + 1, ${author('p')}, (p - 1) % ${z.postsPerTopic} + 1,
         b.body, '<p>' || b.body || '</p>',
         case when h.held then h.at else now() - interval '210 days' + p * interval '3 minutes' end,
         case when h.held then h.at end, case when h.held then h.at end,
         case when h.held then (array[${heldReasons.map((r) => `'${r.replaceAll("'", "''")}'`).join(', ')}])[1 + p % ${heldReasons.length}] end
       from generate_series(1, ${posts}) p,
         lateral (select p % 10 in (2, 5) as held, ${ago('p', 1, '14 days')} as at) h,
         lateral (select ${sentence(0)} || ' ' || ${sentence(1)} || ' (message ' || p || ')' as body) b`,
      `update topics t set last_post_id = t.id * ${z.postsPerTopic}, last_poster_id = p.author_id
       from posts p where p.id = t.id * ${z.postsPerTopic}`,
      `update users u set post_count = x.n
       from (select author_id, count(*)::int as n from posts group by author_id) x where x.author_id = u.id`,
      `update users u set topic_count = x.n
       from (select author_id, count(*)::int as n from topics group by author_id) x where x.author_id = u.id`,
      `update categories set topic_count = ${z.topics}`,
    ],
  ],
  [
    `${z.flags.toLocaleString('en')} flags on ${z.flaggedPosts.toLocaleString('en')} posts`,
    [
      // Every flagged post has one flag; the rest crowd onto a few (up to ~400 on one), as a
      // pile-on does. The k-th flagger of an item is distinct for k below the member count.
      `select setseed(0.5)`,
      `insert into flags (target_type, target_id, flagger_id, rule_id, note, weight, urgent, created_at)
       select 'post', ${flaggedPost('x.j')}, x.flagger,
         case when x.urgent then 'vie-privee' else ${rules}[1 + (x.j + x.k) % 3] end,
         case when x.k % 3 = 1 then 'Ce message enfreint la charte, merci de regarder.' else '' end,
         case when x.flagger % 4 >= 2 then 2 else 1 end, x.urgent, x.at
       from (
         select j, k, ${staff + 1} + (abs(hashint4(j)) + k * 7919) % ${z.members} as flagger,
           j % ${z.urgentEvery} = 0 and k = 1 as urgent,
           least(now(), ${ago('j', 2, '30 days')} + k * interval '7 minutes') as at
         from (select j, row_number() over (partition by j) as k
               from (select j from generate_series(0, ${z.flaggedPosts - 1}) j
                     union all
                     select floor(${z.flaggedPosts} * power(random(), 2))::int
                     from generate_series(1, ${z.flags - z.flaggedPosts})) a) n
       ) x
       order by x.at`,
    ],
  ],
  [
    `open items, ${z.resolvedItems.toLocaleString('en')} resolved ones, their flags, ${z.sanctions.toLocaleString('en')} sanctions`,
    [
      // Resolved items span the last 90 days, so the open ones lie among them in the heap.
      `insert into flags (target_type, target_id, flagger_id, rule_id, weight, created_at, resolved_at)
       select 'post', p, ${staff + 1} + (abs(hashint4(p)) + k * 7919) % ${z.members}, ${rules}[1 + (p + k) % 3], 1,
         ${ago('p', 3, '90 days')}, ${ago('p', 3, '90 days')} + interval '5 hours'
       from generate_series(1, ${posts}) p, generate_series(1, 1 + p % 2) k
       where p % 10 in (0, 3, 6)`,
      `insert into queue_items (kind, target_type, target_id, member_id, urgent, flag_count, flag_weight, detail,
         created_at, resolved_at, resolved_by, resolution)
       select kind, 'post', target_id, member_id, urgent, flag_count, flag_weight, detail, created_at,
         resolved_at, resolved_by, resolution
       from (
         select 'flagged' as kind, f.target_id, p.author_id as member_id, bool_or(f.urgent) as urgent,
           count(*)::int as flag_count, sum(f.weight)::int as flag_weight, '' as detail,
           min(f.created_at) as created_at, null::timestamptz as resolved_at, null::bigint as resolved_by,
           null as resolution
         from flags f join posts p on p.id = f.target_id where f.resolved_at is null
         group by f.target_id, p.author_id
         union all
         select 'held', p.id, p.author_id, false, 0, 0, p.held_reason, p.held_at, null, null, null
         from posts p where p.held_at is not null
         union all
         select case when p.id % 10 in (0, 3, 6) then 'flagged' else 'held' end, p.id, p.author_id, false,
           case when p.id % 10 in (0, 3, 6) then 1 + p.id % 2 else 0 end,
           case when p.id % 10 in (0, 3, 6) then 1 + p.id % 2 else 0 end, '',
           ${ago('p.id', 3, '90 days')}, ${ago('p.id', 3, '90 days')} + interval '5 hours', 1 + p.id % ${staff},
           case when p.id % 10 in (8, 9) then 'approved' when p.id % 3 = 0 then 'hidden' else 'dismissed' end
         from posts p where p.id % 10 in (0, 3, 6, 8, 9)
       ) i
       order by created_at`,
      // Standing: mostly warnings, some silences and suspensions, a few still in force.
      `insert into sanctions (user_id, kind, rule_id, reason, created_by, created_at, ends_at)
       select ${staff + 1} + (k * 37) % ${z.members}, (array['warning', 'warning', 'warning', 'silence', 'suspension'])[1 + k % 5],
         ${rules}[1 + k % 3], 'Manquement à la charte (banc)', 1 + k % ${staff}, now() - (k % 300) * interval '1 day',
         case when k % 5 >= 3 then now() - (k % 300) * interval '1 day' + interval '7 days' end
       from generate_series(1, ${z.sanctions}) k`,
      ...['users', 'categories', 'topics', 'posts'].map(
        (t) => `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`,
      ),
    ],
  ],
]
