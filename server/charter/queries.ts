import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../db/database.js'

export async function latestVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('charterVersions')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirstOrThrow()
  return row.version ?? 1
}

export async function charterAt(db: Db, version: number) {
  const head = await db
    .selectFrom('charterVersions')
    .select(['version', 'publishedAt', 'summary'])
    .where('version', '=', version)
    .executeTakeFirst()
  if (!head) return null
  const rules = await db
    .selectFrom('charterRules')
    .select(['ruleId as id', 'title', 'body'])
    .where('version', '=', version)
    .orderBy('position')
    .execute()
  return { ...head, rules }
}

/**
 * Publishes a new version, numbered after the latest, with its rules, in the caller's transaction.
 * Two admins publishing at once: the primary key lets one through, the other retries or fails.
 */
export async function insertVersion(
  trx: Transaction<Database>,
  summary: string,
  rules: { id: string; title: string; body: string }[],
): Promise<number> {
  const { version } = await trx
    .insertInto('charterVersions')
    .values({ version: sql<number>`(select coalesce(max(version), 0) + 1 from charter_versions)`, summary })
    .returning('version')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('charterRules')
    .values(rules.map((r, i) => ({ version, ruleId: r.id, position: i + 1, title: r.title, body: r.body })))
    .execute()
  return version
}
