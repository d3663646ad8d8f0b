import { type Kysely, sql } from 'kysely'

// Notifications are the live events on user:<id> (replies, mentions, moderation notices); a
// member's read state is the id of the last one they have seen, so "unread" is one index range.
// Preferences say which kinds a member wants recorded at all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('notifications_seen_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('notification_prefs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
