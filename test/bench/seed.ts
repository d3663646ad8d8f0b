import { createHmac, randomBytes } from 'node:crypto'
import pg from 'pg'
import { hashPassword } from '../../server/accounts/passwords.js'
import { hashToken } from '../../server/accounts/sessions.js'
import { openDatabase } from '../../server/db/database.js'
import { migrateToLatest } from '../../server/db/migrate.js'
import { metaOf, migrationHashes, readMeta, resetWrites, reuseReason, writeMeta } from './meta.js'
import { parseOptions, type Sizes, usage } from './options.js'
import { seconds, step } from './progress.js'
import {
  ambassadorEvery,
  dropPlan,
  fixCounters,
  planPosts,
  seedCategories,
  seedMembers,
  seedPosts,
  seedTopics,
  staffCount,
} from './seed-sql.js'

/** Every bench member signs in with this password (the API's login works with it too). */
export const benchPassword = 'bench-password-2026'
/** How many members get a session whose bearer token the bench can compute. */
export const sessionCount = 500
const sessionAgent = 'tribune-bench'

export interface SeedOutcome {
  /** False when an earlier seed of the same sizes was reused. */
  seeded: boolean
  /** How long the seed took (the earlier one's, when reused). */
  seedMs: number
  seededAt: string
}

/**
 * Makes sure the bench database holds a community of exactly these sizes: reuses the one an
 * earlier run seeded (recorded in `bench_meta`, a table of the bench's own, not a migration)
 * when sizes and migrations match, otherwise drops the database and seeds it again.
 *
 *     await ensureSeeded({ databaseUrl, sizes: smallSizes, reseed: false })
 */
export async function ensureSeeded(opts: { databaseUrl: string; sizes: Sizes; reseed: boolean }) {
  const { databaseUrl, sizes } = opts
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`bench database name must be [A-Za-z0-9_]+, got "${name}"`)
  const adminUrl = new URL(databaseUrl)
  adminUrl.pathname = '/postgres'

  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0
    if (exists && !opts.reseed) {
      const reason = await reuseReason(databaseUrl, sizes)
      if (reason === null) {
        await migrate(databaseUrl)
        await resetWrites(databaseUrl)
        const meta = await readMeta(databaseUrl)
        return { seeded: false, seedMs: Number(meta.seedMs), seededAt: String(meta.seededAt) } as SeedOutcome
      }
      console.log(`Bench database ${name}: ${reason}; seeding it again.`)
    }
    if (exists) await admin.query(`drop database ${name} with (force)`)
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  return seed(databaseUrl, sizes)
}

async function seed(databaseUrl: string, sizes: Sizes): Promise<SeedOutcome> {
  const started = Date.now()
  const fmt = (n: number) => n.toLocaleString('en')
  console.log(
    `Seeding ${fmt(sizes.posts)} posts in ${fmt(sizes.topics)} topics by ${fmt(sizes.members)} members` +
      ` (one topic with ${fmt(sizes.bigTopic)} replies)…`,
  )
  await step('migrations', () => migrate(databaseUrl))
  // Two connections: the posts step runs on both cores.
  const clients = [0, 1].map(() => new pg.Client({ connectionString: databaseUrl }))
  await Promise.all(clients.map((c) => c.connect()))
  const c = clients[0]!
  try {
    for (const client of clients)
      await client.query(
        `set work_mem = '256MB'; set maintenance_work_mem = '1GB'; set synchronous_commit = off;
         set statement_timeout = 0`,
      )
    // The rows are consistent by construction: per-row foreign-key triggers would only check
    // that again, at a third of the cost of the posts step. (Superuser only; fine on a bench.)
    for (const client of clients) await client.query(`set session_replication_role = replica`)
    const passwordHash = await hashPassword(benchPassword)
    await step('members', () => seedMembers(c, sizes, passwordHash))
    await step('categories', () => seedCategories(c))
    await step('plan (who writes what, when)', () => planPosts(c, sizes))
    await step('topics', () => seedTopics(c))
    // Filling GIN indexes row by row costs several times building them once afterwards.
    const gin = await step('drop full-text indexes', () => dropGinIndexes(c))
    await seedPosts(clients, sizes)
    await step('rebuild full-text indexes', async () => {
      await Promise.all(gin.map((def, i) => clients[i % clients.length]!.query(def)))
    })
    await step('counters', () => fixCounters(c))
    const secret = randomBytes(32).toString('base64url')
    await step('sessions', () => seedSessions(c, sizes, secret))
    await step('drop the plan', () => dropPlan(c))
    await step('vacuum analyze', async () => {
      await c.query('vacuum analyze')
      await c.query('checkpoint')
    })
    const seedMs = Date.now() - started
    const seededAt = new Date().toISOString()
    const max = (
      await c.query('select (select max(id) from posts) as post, (select max(id) from live_events) as ev')
    ).rows[0]
    await writeMeta(c, {
      secret,
      maxPostId: Number(max.post),
      maxLiveEventId: Number(max.ev ?? 0),
      migrations: await migrationHashes(),
      seedMs,
      seededAt,
      // Written last: a seed interrupted before this line is not reused.
      sizes,
    })
    console.log(`Seeded in ${seconds(seedMs)}.`)
    return { seeded: true, seedMs, seededAt }
  } finally {
    await Promise.all(clients.map((client) => client.end()))
  }
}

async function migrate(databaseUrl: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl, statementTimeoutMs: 0, poolSize: 2 })
  try {
    await migrateToLatest(handle.db)
  } finally {
    await handle.close()
  }
}

async function dropGinIndexes(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as def
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     join pg_am am on am.oid = i.relam
     where am.amname = 'gin' and t.relname = 'posts' and t.relnamespace = 'public'::regnamespace`,
  )
  for (const row of rows) await c.query(`drop index "${row.name}"`)
  return rows.map((r) => r.def)
}

/** Bench members' bearer tokens, derived from a per-seed secret so that no token is stored. */
export function benchToken(secret: string, userId: number): string {
  return createHmac('sha256', secret).update(`session:${userId}`).digest('base64url')
}

async function seedSessions(c: pg.Client, sizes: Sizes, secret: string): Promise<void> {
  // Ordinary members spread over the whole range, ambassadors among them.
  const first = staffCount + 1
  const stride = Math.max(1, Math.floor((sizes.members - first) / sessionCount))
  const ids: number[] = []
  for (let id = first; id <= sizes.members && ids.length < sessionCount; id += stride) ids.push(id)
  if (!ids.some((id) => id % ambassadorEvery === 0)) ids.push(ambassadorEvery)
  await c.query(
    `insert into sessions (user_id, token_hash, expires_at, last_used_at, user_agent)
     select u, h, now() + interval '10 years', now(), $3 from unnest($1::bigint[], $2::text[]) x(u, h)`,
    [ids, ids.map((id) => hashToken(benchToken(secret, id))), sessionAgent],
  )
}

export async function benchSessions(c: pg.Client): Promise<{ userId: number; token: string }[]> {
  const meta = await metaOf(c)
  const { rows } = await c.query<{ user_id: string }>(
    'select user_id from sessions where user_agent = $1 and revoked_at is null order by user_id',
    [sessionAgent],
  )
  return rows.map((r) => ({
    userId: Number(r.user_id),
    token: benchToken(String(meta.secret), Number(r.user_id)),
  }))
}

// `tsx test/bench/seed.ts [--small] [--reseed] …`: seed without measuring.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const opts = parseOptions(process.argv.slice(2))
    if (opts.help) console.log(usage)
    else await ensureSeeded(opts)
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
