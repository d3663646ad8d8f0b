import { type Kysely, sql } from 'kysely'

// The forum: categories (some restricted to groups), topics, posts with their revisions,
// reactions and mentions, and the full-text search configuration they are indexed with.
export async function up(db: Kysely<any>): Promise<void> {
  // Accent-insensitive stemming in both community languages.
  for (const [name, base, stem] of [
    ['tribune_fr', 'french', 'french_stem'],
    ['tribune_en', 'english', 'english_stem'],
  ] as const) {
    await sql.raw(`create text search configuration ${name} (copy = ${base})`).execute(db)
    await sql
      .raw(
        `alter text search configuration ${name} alter mapping for hword, hword_part, word with unaccent, ${stem}`,
      )
      .execute(db)
  }

  await db.schema
    .createTable('categories')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('color', 'text')
    // Who may start topics and reply: every member, or moderators only (announcements).
    .addColumn('posting', 'text', (c) =>
      c.notNull().defaultTo('members').check(sql`posting in ('members', 'moderators')`),
    )
    .addColumn('topic_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // A category with rows here is restricted: only these groups (and moderators) read it.
  await db.schema
    .createTable('category_groups')
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('can_post', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('category_groups_pkey', ['category_id', 'group_id'])
    .execute()

  await db.schema
    .createTable('topics')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('categories.id'))
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_post_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_post_id', 'bigint')
    .addColumn('last_poster_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('tribune_fr', title) || to_tsvector('tribune_en', title)`).stored(),
    )
    .execute()
  await sql`create index topics_category_activity_idx on topics (category_id, pinned desc, last_post_at desc, id desc) where deleted_at is null`.execute(
    db,
  )
  await sql`create index topics_activity_idx on topics (last_post_at desc, id desc) where deleted_at is null`.execute(
    db,
  )
  await sql`create index topics_search_idx on topics using gin (search)`.execute(db)

  await db.schema
    .createTable('posts')
    // By default, not always: a reply draws its id from this identity in the topic row update
    // (which also numbers it), then inserts with that id.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('topic_id', 'bigint', (c) => c.notNull().references('topics.id'))
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('post_number', 'integer', (c) => c.notNull())
    .addColumn('reply_to_id', 'bigint', (c) => c.references('posts.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    // Counts per reaction kind, kept exact by updating under the post's row lock.
    .addColumn('reactions', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    // Who wrote the current version and why, when it is an edit; earlier versions keep theirs in post_revisions.
    .addColumn('edited_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('edit_reason', 'text')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('hidden_rule_id', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('tribune_fr', body) || to_tsvector('tribune_en', body)`).stored(),
    )
    .addUniqueConstraint('posts_topic_number_key', ['topic_id', 'post_number'])
    .execute()
  await db.schema.createIndex('posts_topic_id_idx').on('posts').columns(['topic_id', 'id']).execute()
  await sql`create index posts_author_idx on posts (author_id, id desc)`.execute(db)
  await sql`create index posts_search_idx on posts using gin (search)`.execute(db)
  // Search ranks the newest matches of a word: the planner must know how rare a word is to choose
  // between the GIN index (rare words) and a backward walk of the newest posts (common ones). With
  // the default statistics a rare word looked like 10,000 matches and took seconds on 1M posts.
  await sql`alter table posts alter column search set statistics 10000`.execute(db)
  await sql`alter table topics alter column search set statistics 10000`.execute(db)

  // Every earlier version of a post, kept when it is edited.
  await db.schema
    .createTable('post_revisions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('editor_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    // When this version was written (the post's creation or an earlier edit).
    .addColumn('written_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('post_revisions_post_revision_key', ['post_id', 'revision'])
    .execute()

  await db.schema
    .createTable('reactions')
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('like', 'love', 'insightful', 'funny', 'disagree')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('reactions_pkey', ['post_id', 'user_id', 'kind'])
    .execute()
  await db.schema.createIndex('reactions_user_idx').on('reactions').columns(['user_id', 'post_id']).execute()

  await db.schema
    .createTable('post_mentions')
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_mentions_pkey', ['post_id', 'user_id'])
    .execute()
  await db.schema.createIndex('post_mentions_user_idx').on('post_mentions').columns(['user_id']).execute()
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
