import type { Kysely } from 'kysely'

// A member's own theme, overriding the community's (which lives in settings under 'theme').
// Null follows the community. Not a foreign key: themes are files in themes/, and a theme
// removed from there makes readers fall back to the community's theme, not fail.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('theme', 'text').execute()
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
