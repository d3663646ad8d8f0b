import { type Kysely, sql } from 'kysely'

// Embeds: the articles of brand sites that have a comment section here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per article URL (normalised by the server): the key is what makes "create the topic
  // the first time" happen once, however many readers open the article at the same moment.
  await db.schema
    .createTable('embed_articles')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('topic_id', 'bigint', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index embed_articles_topic_idx on embed_articles (topic_id)`.execute(db)
}

// Forward-only, like every migration: a change is a new migration.
export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
