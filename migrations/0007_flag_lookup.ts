import { type Kysely, sql } from 'kysely'

// The queue shows each item's latest open flags: read newest first from this index, a pile-on of
// hundreds of flags costs the five it shows, not all of them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index flags_open_target_idx on flags (target_type, target_id, id desc)
    where resolved_at is null`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
