import { type Kysely, sql } from 'kysely'

// Contests: moderators run them (submissions, then voting, then judging when there is a jury, then
// results, each phase computed from the dates); members enter, vote and discuss them in a topic of
// their own. What must never happen is enforced here rather than trusted to the code: dates out of
// order, two votes of one member for one entry, more votes than the allowance (one row per slot),
// a vote for an entry of another contest, a score off the 0..10 scale.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contests')
    // By default, not always: the id is drawn before the discussion topic's opening post (which
    // links to the contest's page) is written, in the same transaction.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('rules_html', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'bigint', (c) => c.notNull().references('topics.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submissions_open_at', 'timestamptz', (c) => c.notNull())
    .addColumn('voting_opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('voting_closes_at', 'timestamptz', (c) => c.notNull())
    // The jury's deadline: results come out when every juror has scored, or at this time.
    .addColumn('results_at', 'timestamptz')
    .addColumn('votes_per_member', 'integer', (c) =>
      c.notNull().check(sql`votes_per_member between 1 and 100`),
    )
    .addColumn('entries_per_member', 'integer', (c) =>
      c.notNull().defaultTo(1).check(sql`entries_per_member between 1 and 20`),
    )
    .addColumn('voting_mode', 'text', (c) =>
      c.notNull().defaultTo('members').check(sql`voting_mode in ('members', 'jury', 'both')`),
    )
    .addColumn('jury_weight', 'double precision', (c) =>
      c.notNull().defaultTo(0).check(sql`jury_weight >= 0 and jury_weight <= 1`),
    )
    // [{id, name}]: what each juror scores every entry on.
    .addColumn('criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('tie_break', 'text', (c) =>
      c.notNull().defaultTo('earliest_entry').check(sql`tie_break in ('earliest_entry', 'jury', 'shared')`),
    )
    // Who may enter and vote, besides the core rule (accounts created before submissions opened).
    .addColumn('min_account_age_days', 'integer', (c) => c.check(sql`min_account_age_days >= 0`))
    .addColumn('min_trust_level', 'integer', (c) => c.check(sql`min_trust_level >= 0`))
    // The last phase told to live readers, so that a retried job does not tell it twice.
    .addColumn('published_phase', 'text', (c) => c.notNull().defaultTo('upcoming'))
    .addColumn('results_announced_at', 'timestamptz')
    .addColumn('announcement_post_id', 'bigint', (c) => c.references('posts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'contests_dates_in_order',
      sql`submissions_open_at < voting_opens_at and voting_opens_at < voting_closes_at
        and (results_at is null or results_at >= voting_closes_at)`,
    )
    .execute()

  // Eligibility by group: when a contest has rows here, only members of one of these groups enter and vote.
  await db.schema
    .createTable('contest_groups')
    .addColumn('contest_id', 'bigint', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contest_groups_pkey', ['contest_id', 'group_id'])
    .execute()

  await db.schema
    .createTable('contest_jurors')
    .addColumn('contest_id', 'bigint', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contest_jurors_pkey', ['contest_id', 'user_id'])
    .execute()

  // Images are re-encoded on upload (server/contests/images.ts) and kept in the database, so that
  // every instance serves them and the embedded database needs no folder of its own.
  await db.schema
    .createTable('contest_images')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('uploader_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('image/webp', 'image/jpeg')`),
    )
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('contest_entries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contest_id', 'bigint', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // A member's first, second… entry: unique per member, so the allowance holds under concurrency.
    .addColumn('slot', 'integer', (c) => c.notNull().check(sql`slot between 1 and 20`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('image_id', 'bigint', (c) => c.references('contest_images.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disqualified_at', 'timestamptz')
    .addColumn('disqualified_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('disqualified_reason', 'text')
    .addUniqueConstraint('contest_entries_slot', ['contest_id', 'author_id', 'slot'])
    // The target of the votes' and scores' foreign keys: an entry of this very contest.
    .addUniqueConstraint('contest_entries_contest_id', ['contest_id', 'id'])
    .execute()

  await db.schema
    .createTable('contest_votes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contest_id', 'bigint', (c) => c.notNull())
    .addColumn('entry_id', 'bigint', (c) => c.notNull())
    .addColumn('voter_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Which of the member's N votes this is (1..N, N read from the contest in the inserting
    // statement): two concurrent votes cannot take the same slot, so N is never exceeded.
    .addColumn('slot', 'integer', (c) => c.notNull().check(sql`slot between 1 and 100`))
    // The network address the vote came from, for the integrity report.
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disqualified_at', 'timestamptz')
    .addColumn('disqualified_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('disqualified_reason', 'text')
    .addForeignKeyConstraint(
      'contest_votes_entry_fk',
      ['contest_id', 'entry_id'],
      'contest_entries',
      ['contest_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('contest_votes_once_per_entry', ['entry_id', 'voter_id'])
    .addUniqueConstraint('contest_votes_slot', ['contest_id', 'voter_id', 'slot'])
    .execute()
  // Counting an entry's votes and listing a contest's votes in order (audit, integrity).
  await sql`create index contest_votes_contest_idx on contest_votes (contest_id, id)`.execute(db)

  await db.schema
    .createTable('contest_scores')
    .addColumn('contest_id', 'bigint', (c) => c.notNull())
    .addColumn('entry_id', 'bigint', (c) => c.notNull())
    .addColumn('juror_id', 'bigint', (c) => c.notNull())
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 10`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contest_scores_pkey', ['entry_id', 'juror_id', 'criterion'])
    .addForeignKeyConstraint(
      'contest_scores_entry_fk',
      ['contest_id', 'entry_id'],
      'contest_entries',
      ['contest_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'contest_scores_juror_fk',
      ['contest_id', 'juror_id'],
      'contest_jurors',
      ['contest_id', 'user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await sql`create index contest_scores_contest_idx on contest_scores (contest_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
