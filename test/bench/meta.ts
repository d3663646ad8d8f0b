import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { migrationsDir } from '../../server/db/migrate.js'
import type { Sizes } from './options.js'
import { step } from './progress.js'

// What the bench remembers about the community it seeded, in a table of its own (`bench_meta`,
// not a migration: the application knows nothing of it), so that a later run reuses it.

export async function migrationHashes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const file of (await fs.readdir(migrationsDir)).sort())
    out[file] = createHash('sha256')
      .update(await fs.readFile(path.join(migrationsDir, file)))
      .digest('hex')
  return out
}

/** Null when the database can be reused as it is; otherwise why not. */
export async function reuseReason(databaseUrl: string, sizes: Sizes): Promise<string | null> {
  const meta = await readMeta(databaseUrl).catch(() => ({}) as Record<string, unknown>)
  if (!meta.sizes) return 'no complete seed recorded'
  if (JSON.stringify(meta.sizes) !== JSON.stringify(sizes))
    return `it holds other sizes (${JSON.stringify(meta.sizes)})`
  // Migrations added since are applied on top; one edited since the seed means another schema.
  const now = await migrationHashes()
  const then = (meta.migrations ?? {}) as Record<string, string>
  const changed = Object.keys(then).filter((f) => now[f] !== then[f])
  return changed.length > 0 ? `migrations changed since it was seeded (${changed.join(', ')})` : null
}

export async function metaOf(c: pg.Client): Promise<Record<string, unknown>> {
  const { rows } = await c.query<{ key: string; value: unknown }>('select key, value from bench_meta')
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

export async function readMeta(databaseUrl: string): Promise<Record<string, unknown>> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    return await metaOf(c)
  } finally {
    await c.end()
  }
}

export async function writeMeta(c: pg.Client, values: Record<string, unknown>): Promise<void> {
  await c.query('create table if not exists bench_meta (key text primary key, value jsonb not null)')
  for (const [key, value] of Object.entries(values))
    await c.query(
      'insert into bench_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
      [key, JSON.stringify(value)],
    )
}

/**
 * Puts back the seeded state after an earlier run's post-creation scenario: its posts go, and
 * the counters they moved are recomputed, so every run measures the same community.
 */
export async function resetWrites(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const meta = await metaOf(c)
    const maxPostId = Number(meta.maxPostId)
    // The live events those writes published would otherwise be replayed to later readers.
    await c.query('delete from live_events where id > $1', [Number(meta.maxLiveEventId ?? 0)])
    const { rows } = await c.query('select count(*)::int as n from posts where id > $1', [maxPostId])
    if (rows[0].n === 0) return
    await step(`remove ${rows[0].n} posts an earlier run wrote`, async () => {
      await c.query('begin')
      await c.query(
        `create temp table bench_touched on commit drop as
         select distinct topic_id, author_id from posts where id > $1`,
        [maxPostId],
      )
      // Without an index on posts.reply_to_id, the self-referencing foreign key makes each deleted
      // post scan the whole table (10 minutes for 2,000 posts); this one lives for the delete only.
      await c.query('create index bench_reset_reply_to_idx on posts (reply_to_id)')
      await c.query('delete from posts where id > $1', [maxPostId])
      await c.query('drop index bench_reset_reply_to_idx')
      await c.query(
        `update topics t set post_count = x.n, last_post_id = x.last_id, last_post_at = p.created_at,
           last_poster_id = p.author_id
         from (select topic_id, count(*)::int as n, max(id) as last_id from posts
               where topic_id in (select topic_id from bench_touched) group by topic_id) x
         join posts p on p.id = x.last_id
         where t.id = x.topic_id`,
      )
      await c.query(
        `update users u set post_count = (select count(*) from posts p where p.author_id = u.id)
         where u.id in (select author_id from bench_touched)`,
      )
      await c.query('commit')
      await c.query('vacuum analyze posts, topics')
    })
  } catch (err) {
    await c.query('rollback').catch(() => {})
    throw new Error(
      `could not remove an earlier run's writes (${(err as Error).message}); run with --reseed`,
      { cause: err },
    )
  } finally {
    await c.end()
  }
}
