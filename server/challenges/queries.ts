import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../db/database.js'
import type { Recurrence } from './occurrences.js'

export type Executor = Db | Transaction<Database>
export type Action = 'reply' | 'topic' | 'reaction_received'

/** A challenge as stored (what a moderator writes, below), with its badge's names. */
export interface ChallengeRow extends ChallengeValues {
  id: number
  badgeNameEn: string | null
  badgeNameFr: string | null
  badgeDescriptionEn: string | null
  badgeDescriptionFr: string | null
  badgeIcon: string | null
  archivedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export function selectChallenges(db: Executor) {
  return db
    .selectFrom('challenges as c')
    .leftJoin('badges as b', 'b.slug', 'c.badgeSlug')
    .select([
      'c.id',
      'c.title',
      'c.description',
      'c.html',
      'c.points',
      'c.startsAt',
      'c.endsAt',
      'c.timeZone',
      'c.recurrence',
      'c.completion',
      'c.ruleAction',
      'c.ruleCount',
      'c.ruleCategoryId',
      'c.badgeSlug',
      'b.nameEn as badgeNameEn',
      'b.nameFr as badgeNameFr',
      'b.descriptionEn as badgeDescriptionEn',
      'b.descriptionFr as badgeDescriptionFr',
      'b.icon as badgeIcon',
      'c.archivedAt',
      'c.createdAt',
      'c.updatedAt',
    ])
}

const cast = (rows: unknown) => rows as ChallengeRow[]

export async function findChallenge(db: Executor, id: number): Promise<ChallengeRow | undefined> {
  return cast(await selectChallenges(db).where('c.id', '=', id).execute())[0]
}

export type ListState = 'current' | 'upcoming' | 'active' | 'ended' | 'archived'

/**
 * A page of challenges, newest first (keyset on the primary key), in one state at `now`, leaving
 * out those whose rule counts in a category the reader may not read (`readable`; null: all).
 */
export async function challengePage(
  db: Db,
  args: { state: ListState; now: Date; readable: number[] | null; before: number | null; limit: number },
): Promise<ChallengeRow[]> {
  const { now } = args
  const rows = await selectChallenges(db)
    .$call((q) => {
      switch (args.state) {
        case 'archived':
          return q.where('c.archivedAt', 'is not', null)
        case 'current':
          return q
            .where('c.archivedAt', 'is', null)
            .where((eb) => eb.or([eb('c.endsAt', 'is', null), eb('c.endsAt', '>', now)]))
        case 'upcoming':
          return q.where('c.archivedAt', 'is', null).where('c.startsAt', '>', now)
        case 'active':
          return q
            .where('c.archivedAt', 'is', null)
            .where('c.startsAt', '<=', now)
            .where((eb) => eb.or([eb('c.endsAt', 'is', null), eb('c.endsAt', '>', now)]))
        case 'ended':
          return q.where('c.archivedAt', 'is', null).where('c.endsAt', '<=', now)
      }
    })
    .$if(args.readable !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('c.ruleCategoryId', 'is', null),
          eb('c.ruleCategoryId', '=', sql<number>`any(${args.readable}::bigint[])`),
        ]),
      ),
    )
    .$if(args.before !== null, (q) => q.where('c.id', '<', args.before!))
    .orderBy('c.id', 'desc')
    .limit(args.limit + 1)
    .execute()
  return cast(rows)
}

/**
 * Challenges completed from activity that matter to the evaluation job at `now`: not archived and
 * not over for longer than `graceMs` (activity just before the end may be read just after it).
 */
export async function activityChallenges(db: Db, now: Date, graceMs: number): Promise<ChallengeRow[]> {
  const rows = await selectChallenges(db)
    .where('c.completion', '=', 'activity')
    .where('c.archivedAt', 'is', null)
    .where((eb) =>
      eb.or([eb('c.endsAt', 'is', null), eb('c.endsAt', '>', new Date(now.getTime() - graceMs))]),
    )
    .orderBy('c.id')
    .execute()
  return cast(rows)
}

export interface ChallengeValues {
  title: string
  description: string
  html: string
  points: number
  startsAt: Date
  endsAt: Date | null
  timeZone: string
  recurrence: Recurrence
  completion: 'activity' | 'submission'
  ruleAction: Action | null
  ruleCount: number | null
  ruleCategoryId: number | null
  badgeSlug: string | null
}

export async function insertChallenge(
  trx: Transaction<Database>,
  values: ChallengeValues & { createdBy: number; createdAt: Date },
): Promise<number> {
  const row = await trx
    .insertInto('challenges')
    .values({ ...values, updatedAt: values.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateChallenge(
  trx: Transaction<Database>,
  id: number,
  values: Partial<ChallengeValues> & { archivedAt?: Date | null; updatedAt: Date },
): Promise<void> {
  await trx.updateTable('challenges').set(values).where('id', '=', id).execute()
}

/** Whether anyone has completed or submitted to it: its recurrence and kind are then settled. */
export async function hasParticipants(db: Executor, id: number): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(eb.selectFrom('challengeCompletions').select('id').where('challengeId', '=', id)),
          eb.exists(eb.selectFrom('challengeSubmissions').select('id').where('challengeId', '=', id)),
        ])
        .as('any'),
    ])
    .executeTakeFirstOrThrow()
  return Boolean(row.any)
}

/** The members among `userIds` who completed this occurrence, with when. */
export async function completionsOf(
  db: Executor,
  challengeId: number,
  occurrence: string,
  userIds: number[],
): Promise<Map<number, Date>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('challengeCompletions')
    .select(['userId', 'completedAt'])
    .where('challengeId', '=', challengeId)
    .where('occurrence', '=', occurrence)
    .where('userId', '=', sql<number>`any(${userIds}::bigint[])`)
    .execute()
  return new Map(rows.map((r) => [r.userId, r.completedAt]))
}
