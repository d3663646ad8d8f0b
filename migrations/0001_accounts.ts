import { type Kysely, sql } from 'kysely'

// Accounts: members, sessions, groups, the usage charter they accept, sanctions that restrict
// them, and the audit log every moderation and administration action writes to.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db)
  await sql`create extension if not exists pg_trgm`.execute(db)

  await db.schema
    .createTable('charter_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  await db.schema
    .createTable('charter_rules')
    .addColumn('version', 'integer', (c) => c.notNull().references('charter_versions.version'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('charter_rules_pkey', ['version', 'rule_id'])
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) =>
      c.notNull().defaultTo('member').check(sql`role in ('member', 'moderator', 'admin')`),
    )
    .addColumn('trust_level', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('charter_version', 'integer', (c) => c.references('charter_versions.version'))
    .addColumn('locale', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatar_url', 'text')
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('topic_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz')
    .execute()
  // Logins are case-insensitive; two accounts may not differ only by case.
  await sql`create unique index users_email_key on users (lower(email))`.execute(db)
  await sql`create unique index users_handle_key on users (lower(handle))`.execute(db)

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // sha-256 of the random token: a leaked table cannot be replayed.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('groups')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('group_members_pkey', ['group_id', 'user_id'])
    .execute()
  await db.schema.createIndex('group_members_user_id_idx').on('group_members').column('user_id').execute()

  await db.schema
    .createTable('sanctions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('warning', 'silence', 'suspension', 'ban')`),
    )
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ends_at', 'timestamptz')
    .addColumn('lifted_at', 'timestamptz')
    .addColumn('lifted_by', 'bigint', (c) => c.references('users.id'))
    .execute()
  await sql`create index sanctions_active_idx on sanctions (user_id) where lifted_at is null`.execute(db)

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('actor_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Brand-site members signed in by SSO: the brand's own user id, linked to a Tribune account.
  await db.schema
    .createTable('sso_identities')
    .addColumn('external_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // Every SSO token's jti, kept until the token would have expired anyway: a replay finds it here.
  await db.schema
    .createTable('sso_token_uses')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  // Community-wide settings an admin edits (SSO secret, embed origins…), seeded from the environment.
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Retried writes: the key is stored in the same transaction as the write it guards.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'key'])
    .execute()

  // What the live layer publishes: one row per committed change, its id monotonic, so a
  // reconnecting reader asks for everything after the last id it saw.
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('live_events_channel_idx')
    .on('live_events')
    .columns(['channel', 'id'])
    .execute()

  // The first charter, so that a fresh community can take registrations at once.
  await db.insertInto('charter_versions').values({ version: 1, summary: 'Charte initiale' }).execute()
  await db
    .insertInto('charter_rules')
    .values([
      {
        version: 1,
        rule_id: 'respect',
        position: 1,
        title: 'Respect / Be respectful',
        body: 'Pas d’insultes, de harcèlement ni de propos discriminatoires.\n\nNo insults, harassment or discrimination.',
      },
      {
        version: 1,
        rule_id: 'on-topic',
        position: 2,
        title: 'Rester dans le sujet / Stay on topic',
        body: 'Postez dans la bonne catégorie et restez dans le sujet du fil.\n\nPost in the right category and keep to the thread’s subject.',
      },
      {
        version: 1,
        rule_id: 'no-spam',
        position: 3,
        title: 'Pas de spam / No spam',
        body: 'Pas de publicité, de liens répétés ni de messages en double.\n\nNo advertising, repeated links or duplicate posts.',
      },
      {
        version: 1,
        rule_id: 'privacy',
        position: 4,
        title: 'Vie privée / Privacy',
        body: 'Ne publiez pas d’informations personnelles, les vôtres ou celles d’autrui.\n\nDo not post personal information, yours or anyone else’s.',
      },
      {
        version: 1,
        rule_id: 'legal',
        position: 5,
        title: 'Légalité / Lawfulness',
        body: 'Aucun contenu illégal, menaçant ou contrefaisant.\n\nNo unlawful, threatening or infringing content.',
      },
    ])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
