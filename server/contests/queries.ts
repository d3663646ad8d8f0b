import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface Juror {
  id: number
  handle: string
  displayName: string
}

/** A contest with what the API shows beside its columns: jurors, eligible groups, entry count. */
export function selectContests(db: Executor) {
  return db
    .selectFrom('contests as c')
    .selectAll('c')
    .select([
      sql<Juror[]>`coalesce((select json_agg(json_build_object('id', u.id, 'handle', u.handle,
        'displayName', u.display_name) order by u.handle) from contest_jurors j
        join users u on u.id = j.user_id where j.contest_id = c.id), '[]')`.as('jurors'),
      sql<number[]>`coalesce((select json_agg(g.group_id order by g.group_id) from contest_groups g
        where g.contest_id = c.id), '[]')`.as('groupIds'),
      sql<number>`(select count(*) from contest_entries e where e.contest_id = c.id
        and e.disqualified_at is null)::int`.as('entryCount'),
      sql<string | null>`(select t.slug from topics t where t.id = c.topic_id)`.as('topicSlug'),
    ])
}

export type ContestRow = Awaited<ReturnType<ReturnType<typeof selectContests>['executeTakeFirstOrThrow']>>

export function findContest(db: Executor, id: number): Promise<ContestRow | undefined> {
  return selectContests(db).where('c.id', '=', id).executeTakeFirst()
}

/** The contest row locked for the rest of the transaction (phase sync, jury completion). */
export function lockContest(trx: Transaction<Database>, id: number): Promise<ContestRow | undefined> {
  return selectContests(trx).where('c.id', '=', id).forUpdate('c').executeTakeFirst()
}

/**
 * Whether every juror has scored every entry still in the running on every criterion. With no
 * entries there is nothing to judge: the jury is done.
 */
export async function juryComplete(db: Executor, contestId: number, criteriaCount: number): Promise<boolean> {
  const { rows } = await sql<{ expected: number; scored: number }>`
select
  (select count(*) from contest_jurors where contest_id = ${contestId}::bigint)
    * (select count(*) from contest_entries where contest_id = ${contestId}::bigint and disqualified_at is null)
    * ${criteriaCount}::int as expected,
  (select count(*) from contest_scores s join contest_entries e on e.id = s.entry_id
    where s.contest_id = ${contestId}::bigint and e.disqualified_at is null) as scored`.execute(db)
  const r = rows[0]!
  return Number(r.scored) >= Number(r.expected)
}

/** The reader's standing in a contest: entries, votes used, and whether their account is old enough. */
export async function standing(db: Executor, contestId: number, userId: number) {
  const { rows } = await sql<{ entries: number; votes: number; createdAt: Date; juror: boolean }>`
select
  (select count(*) from contest_entries where contest_id = ${contestId}::bigint and author_id = ${userId}::bigint)::int as entries,
  (select count(*) from contest_votes where contest_id = ${contestId}::bigint and voter_id = ${userId}::bigint)::int as votes,
  (select created_at from users where id = ${userId}::bigint) as created_at,
  exists (select from contest_jurors where contest_id = ${contestId}::bigint and user_id = ${userId}::bigint) as juror`.execute(
    db,
  )
  const r = rows[0]!
  return { ...r, createdAt: new Date(r.createdAt) }
}

const entryColumns = [
  'e.id',
  'e.contestId',
  'e.authorId',
  'e.title',
  'e.body',
  'e.html',
  'e.imageId',
  'e.createdAt',
  'e.disqualifiedAt',
  'e.disqualifiedReason',
  'u.handle as authorHandle',
  'u.displayName as authorDisplayName',
  'u.avatarUrl as authorAvatarUrl',
] as const

export function selectEntries(db: Executor) {
  return db
    .selectFrom('contestEntries as e')
    .innerJoin('users as u', 'u.id', 'e.authorId')
    .select(entryColumns)
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>

/** Which of these entries the member voted for. */
export async function votedFor(db: Executor, voterId: number, entryIds: number[]): Promise<Set<number>> {
  if (entryIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('contestVotes')
    .select('entryId')
    .where('voterId', '=', voterId)
    .where('entryId', 'in', entryIds)
    .execute()
  return new Set(rows.map((r) => r.entryId))
}

/** A juror's scores on these entries, by entry then criterion. */
export async function scoresBy(
  db: Executor,
  jurorId: number,
  entryIds: number[],
): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>()
  if (entryIds.length === 0) return out
  const rows = await db
    .selectFrom('contestScores')
    .select(['entryId', 'criterion', 'score'])
    .where('jurorId', '=', jurorId)
    .where('entryId', 'in', entryIds)
    .execute()
  for (const r of rows) {
    const scores = out.get(r.entryId) ?? {}
    scores[r.criterion] = r.score
    out.set(r.entryId, scores)
  }
  return out
}
