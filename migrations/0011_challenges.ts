import { type Kysely, sql } from 'kysely'

// Challenges, their completions and reviewed submissions; the points ledger and the running totals
// the leaderboards read; the watermark of the job that completes challenges from forum activity.
export async function up(db: Kysely<any>): Promise<void> {
  // A challenge is completed from activity (rule_*) or by a reviewed submission. A recurring one
  // has no rows per occurrence: its weeks or months are computed from the recurrence and the time
  // zone (server/challenges/occurrences.ts), and completions name the occurrence they belong to.
  await db.schema
    .createTable('challenges')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points between 1 and 100000`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Paris'))
    .addColumn('recurrence', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`recurrence in ('none', 'weekly', 'monthly')`),
    )
    .addColumn('completion', 'text', (c) => c.notNull().check(sql`completion in ('activity', 'submission')`))
    .addColumn('rule_action', 'text', (c) =>
      c.check(sql`rule_action in ('reply', 'topic', 'reaction_received')`),
    )
    .addColumn('rule_count', 'integer', (c) => c.check(sql`rule_count between 1 and 10000`))
    .addColumn('rule_category_id', 'bigint', (c) => c.references('categories.id'))
    .addColumn('badge_slug', 'text', (c) => c.references('badges.slug'))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('challenges_dates_in_order', sql`ends_at is null or ends_at > starts_at`)
    .addCheckConstraint(
      'challenges_rule_iff_activity',
      sql`(completion = 'activity') = (rule_action is not null and rule_count is not null)
        and (rule_action is not null or rule_category_id is null)`,
    )
    .execute()

  await db.schema
    .createTable('challenge_submissions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('challenge_id', 'bigint', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  // One submission waiting or accepted per member and occurrence; after a rejection they may try again.
  await sql`create unique index challenge_submissions_once on challenge_submissions
    (challenge_id, user_id, occurrence) where status <> 'rejected'`.execute(db)
  // The moderators' list: a challenge's submissions by status, newest first.
  await sql`create index challenge_submissions_review_idx on challenge_submissions
    (challenge_id, status, id desc)`.execute(db)

  // A challenge earns its points once per member and occurrence: the database says so.
  await db.schema
    .createTable('challenge_completions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('challenge_id', 'bigint', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('activity', 'submission')`))
    .addColumn('submission_id', 'bigint', (c) =>
      c.references('challenge_submissions.id').onDelete('set null'),
    )
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('challenge_completions_once', ['challenge_id', 'user_id', 'occurrence'])
    .execute()
  await sql`create index challenge_completions_user_idx on challenge_completions (user_id, id desc)`.execute(
    db,
  )

  // The points ledger: every point a member holds has a row saying why. `source` names what earned
  // it ("challenge:12:2026-03-02"), once per member: a retried job or a double review adds nothing.
  await db.schema
    .createTable('points')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('points_once', ['user_id', 'source'])
    .execute()
  await sql`create index points_user_idx on points (user_id, id desc)`.execute(db)

  // Running totals, written in the ledger's transaction: scope 'all', 'week:2026-03-02' (the
  // Monday, community time) or 'month:2026-03'. A leaderboard page is one range of this index.
  await db.schema
    .createTable('points_totals')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('points_totals_pkey', ['scope', 'user_id'])
    .execute()
  await sql`create index points_totals_rank_idx on points_totals (scope, total desc, user_id)`.execute(db)

  // Where the evaluation job has read the forum up to (one row). Starting at the forum's present,
  // a community that adopts challenges late is not re-read from its first post.
  await db.schema
    .createTable('challenge_watermark')
    .addColumn('id', 'integer', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('post_id', 'bigint', (c) => c.notNull())
    .addColumn('reactions_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into challenge_watermark (id, post_id, reactions_at)
    select 1, coalesce(max(id), 0), now() from posts`.execute(db)
  // Reactions have no id: the job finds the recent ones by time.
  await sql`create index reactions_created_at_idx on reactions (created_at)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
