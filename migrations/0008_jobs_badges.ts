import { type Kysely, sql } from 'kysely'

// Jobs: what must happen at a given time (a contest's phase change, an event's reminder, a
// recurring challenge) is a row, so it survives restarts and is caught up after downtime. Any
// instance claims a due row for a while (locked_until); a unique key lets a domain move its job
// (a contest's dates change) instead of piling up copies.
// Badges: awarded by contests (winners) and challenges (milestones), shown on profiles.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index jobs_due_idx on jobs (run_at) where done_at is null and failed_at is null`.execute(
    db,
  )

  await db.schema
    .createTable('badges')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_fr', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('icon', 'text', (c) => c.notNull().defaultTo('star'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createTable('user_badges')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('badge_id', 'integer', (c) => c.notNull().references('badges.id').onDelete('cascade'))
    // What earned it ("contest:12", "challenge:3", "milestone:100-points"): the same badge may be
    // earned again for another reason, never twice for the same one.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('awarded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('user_badges_once', ['user_id', 'badge_id', 'source'])
    .execute()
  await sql`create index user_badges_user_idx on user_badges (user_id, awarded_at desc)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
