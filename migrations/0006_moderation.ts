import { type Kysely, sql } from 'kysely'

// Moderation under the charter: flags, the review queue, appeals, watched words, the duty
// schedule. Sanctions and the audit log exist since 0001; the audit log becomes append-only here.
export async function up(db: Kysely<any>): Promise<void> {
  // A post held for approval is stored hidden (every reader path already leaves hidden posts
  // out) and says why, so approving it is clearing two columns.
  await db.schema
    .alterTable('posts')
    .addColumn('held_at', 'timestamptz')
    .addColumn('held_reason', 'text')
    .execute()
  await db.schema
    .alterTable('topics')
    .addColumn('slow_mode_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_at', 'timestamptz')
    .execute()

  // One flag per member per item; `weight` is fixed at flagging time from the flagger's trust.
  await db.schema
    .createTable('flags')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('post', 'topic', 'user')`))
    .addColumn('target_id', 'bigint', (c) => c.notNull())
    .addColumn('flagger_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('flags_one_per_member', ['target_type', 'target_id', 'flagger_id'])
    .execute()

  // The review queue: one open item per kind and target. Flags, held posts and watched-word
  // hits all land here; a moderator claims an item before acting so two don't handle it at once.
  await db.schema
    .createTable('queue_items')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('flagged', 'held', 'watched')`))
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('post', 'topic', 'user')`))
    .addColumn('target_id', 'bigint', (c) => c.notNull())
    .addColumn('member_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_weight', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('claimed_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('resolution', 'text')
    .execute()
  await sql`create unique index queue_items_open_key on queue_items (kind, target_type, target_id)
    where resolved_at is null`.execute(db)
  // Listing order: urgent first, then oldest; keyset-paginated on this index alone (`not urgent`
  // so that one row comparison walks it in a single direction).
  await sql`create index queue_items_open_order_idx on queue_items ((not urgent), created_at, id)
    where resolved_at is null`.execute(db)

  // Sanctions gain what appeals and notices need.
  await sql`create index sanctions_user_idx on sanctions (user_id, created_at desc)`.execute(db)

  // Once per decision: the unique sanction id.
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('sanction_id', 'bigint', (c) =>
      c.notNull().unique().references('sanctions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('upheld', 'overturned')`))
    .addColumn('decision_reason', 'text')
    .execute()

  // Watched words and phrases, stored normalised (lower case, no accents, single spaces) so the
  // check compares like with like; `action` says what a hit does.
  await db.schema
    .createTable('watched_words')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('block', 'hold', 'censor', 'flag')`))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('watched_words_normalized_key', ['normalized'])
    .execute()

  // Who is on duty when: weekly shifts in the moderator's own time zone.
  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('moderator_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 0 and 6`))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // The audit log cannot be edited or deleted through the product, nor by a bug in it.
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'the audit log is append-only'; end $$`.execute(db)
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each statement execute function audit_log_append_only()`.execute(db)
  await sql`create index audit_log_target_idx on audit_log (target_type, target_id, id desc)`.execute(db)
  await sql`create index audit_log_actor_idx on audit_log (actor_id, id desc)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
