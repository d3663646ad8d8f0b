import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import type { Database } from '../db/database.js'
import { checkTitle } from '../forum/load.js'
import { afterTopicCommit, prepareTopic, writeTopic } from '../forum/topics/service.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { notFound, unprocessable } from '../http/errors.js'
import { recordLiveEvent } from '../live/events.js'
import { renderPost } from '../render/markdown.js'
import { schedulePhaseJobs, syncContest } from './jobs.js'
import { assertInOrder, hasJury, parseDate, type Schedule, type TieBreak, type VotingMode } from './phase.js'
import { currentPhase, scheduleOf, standingOf } from './policy.js'
import { contestUrl, presentContest } from './present.js'
import { type ContestRow, findContest, selectContests } from './queries.js'
import { checkJury, checkPeople, defaultCategory } from './setup.js'

export interface NewContest {
  title: string
  rules: string
  submissionsOpenAt: string
  votingOpensAt: string
  votingClosesAt: string
  votesPerMember: number
  resultsAt?: string | undefined
  entriesPerMember?: number | undefined
  categoryId?: number | undefined
  votingMode?: VotingMode | undefined
  jurorIds?: number[] | undefined
  criteria?: { id: string; name: string }[] | undefined
  juryWeight?: number | undefined
  tieBreak?: TieBreak | undefined
  minAccountAgeDays?: number | undefined
  minTrustLevel?: number | undefined
  groupIds?: number[] | undefined
}

/**
 * Creates a contest (moderators) with its discussion topic, in one transaction: the topic is
 * written through the forum's own topic-creation steps, in `categoryId` or the first category
 * every reader may read. Phase jobs are scheduled and the creation audited in the same transaction.
 * @example await createContest(app, moderator, { title: 'Photo de l’été', rules: '…', submissionsOpenAt, votingOpensAt, votingClosesAt, votesPerMember: 3 })
 */
export async function createContest(app: FastifyInstance, actor: Viewer, input: NewContest) {
  const schedule: Schedule = {
    submissionsOpenAt: parseDate('submissionsOpenAt', input.submissionsOpenAt),
    votingOpensAt: parseDate('votingOpensAt', input.votingOpensAt),
    votingClosesAt: parseDate('votingClosesAt', input.votingClosesAt),
    resultsAt: input.resultsAt === undefined ? null : parseDate('resultsAt', input.resultsAt),
  }
  assertInOrder(schedule)
  const jury = checkJury(input)
  if (schedule.resultsAt && !hasJury(jury.mode))
    throw unprocessable(
      'no_jury',
      'resultsAt is the jury’s deadline: without a jury, results come out when voting closes.',
    )
  await checkPeople(app, jury.jurorIds, input.groupIds ?? [])
  const categoryId = input.categoryId ?? (await defaultCategory(app, actor))
  const rulesHtml = (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, input.rules)).html

  // The id first: the topic's opening post links to the contest's page.
  const { rows } = await sql<{
    id: number
  }>`select nextval(pg_get_serial_sequence('contests', 'id'))::int8 as id`.execute(app.db)
  const id = Number(rows[0]!.id)
  const prepared = await prepareTopic(app, actor, {
    categoryId,
    title: input.title,
    body: `${input.rules}\n\n[Participer et voter · Enter and vote](${contestUrl(id)})`,
  })
  const written = await app.db.transaction().execute(async (trx) => {
    const topic = await writeTopic(trx, prepared)
    await trx
      .insertInto('contests')
      .values({
        id,
        title: prepared.title,
        rules: input.rules,
        rulesHtml,
        topicId: topic.body.topic.id,
        createdBy: actor.id,
        ...schedule,
        votesPerMember: input.votesPerMember,
        entriesPerMember: input.entriesPerMember ?? 1,
        votingMode: jury.mode,
        juryWeight: jury.weight,
        criteria: JSON.stringify(jury.criteria),
        tieBreak: jury.tieBreak,
        minAccountAgeDays: input.minAccountAgeDays ?? null,
        minTrustLevel: input.minTrustLevel ?? null,
        publishedPhase: 'upcoming',
      })
      .execute()
    if (jury.jurorIds.length)
      await trx
        .insertInto('contestJurors')
        .values(jury.jurorIds.map((userId) => ({ contestId: id, userId })))
        .execute()
    if (input.groupIds?.length)
      await trx
        .insertInto('contestGroups')
        .values(input.groupIds.map((groupId) => ({ contestId: id, groupId })))
        .execute()
    await schedulePhaseJobs(trx, id, schedule)
    await audit(trx, actor, 'contest.created', id, {
      title: prepared.title,
      ...isoDates(schedule),
      votesPerMember: input.votesPerMember,
      votingMode: jury.mode,
      jurorIds: jury.jurorIds,
      topicId: topic.body.topic.id,
    })
    return topic
  })
  await afterTopicCommit(app, prepared, written)
  // A contest created with dates already past is brought in line at once (its jobs are due too).
  await syncContest(app, id)
  return getContest(app, actor, id)
}

export interface ContestPatch {
  title?: string | undefined
  rules?: string | undefined
  submissionsOpenAt?: string | undefined
  votingOpensAt?: string | undefined
  votingClosesAt?: string | undefined
  resultsAt?: string | null | undefined
  reason?: string | undefined
}

/**
 * Moves a contest's dates or rewrites its title and rules (moderators). Any date may move, past
 * ones included, as long as the order holds (422 otherwise); each move is audited and its job
 * moved in the same transaction. Moving the close back before now reopens voting: the results
 * announced earlier are announced again when it closes anew.
 * @example await updateContest(app, moderator, 12, { votingClosesAt: '2026-07-01T18:00:00Z', reason: 'One more week' })
 */
export async function updateContest(app: FastifyInstance, actor: Viewer, id: number, patch: ContestPatch) {
  const row = await loadContest(app, id)
  const before = scheduleOf(row)
  const after: Schedule = {
    submissionsOpenAt: patch.submissionsOpenAt
      ? parseDate('submissionsOpenAt', patch.submissionsOpenAt)
      : before.submissionsOpenAt,
    votingOpensAt: patch.votingOpensAt
      ? parseDate('votingOpensAt', patch.votingOpensAt)
      : before.votingOpensAt,
    votingClosesAt: patch.votingClosesAt
      ? parseDate('votingClosesAt', patch.votingClosesAt)
      : before.votingClosesAt,
    resultsAt:
      patch.resultsAt === undefined
        ? before.resultsAt
        : patch.resultsAt === null
          ? null
          : parseDate('resultsAt', patch.resultsAt),
  }
  assertInOrder(after)
  if (after.resultsAt && !hasJury(row.votingMode))
    throw unprocessable('no_jury', 'resultsAt is the jury’s deadline: this contest has no jury.')
  const title = patch.title === undefined ? undefined : checkTitle(patch.title)
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const k of ['submissionsOpenAt', 'votingOpensAt', 'votingClosesAt', 'resultsAt'] as const)
    if ((before[k]?.getTime() ?? null) !== (after[k]?.getTime() ?? null))
      changes[k] = { from: before[k]?.toISOString() ?? null, to: after[k]?.toISOString() ?? null }
  if (title !== undefined && title !== row.title) changes.title = { from: row.title, to: title }
  if (patch.rules !== undefined && patch.rules !== row.rules)
    changes.rules = { from: row.rules, to: patch.rules }
  if (Object.keys(changes).length === 0) return getContest(app, actor, id)
  const rulesHtml =
    changes.rules === undefined
      ? undefined
      : (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, patch.rules!)).html
  const datesMoved = Object.keys(changes).some((k) => k.endsWith('At'))

  const events = await app.db.transaction().execute(async (trx) => {
    await trx.selectFrom('contests').select('id').where('id', '=', id).forUpdate().execute()
    const reopened = after.votingClosesAt > app.clock()
    await trx
      .updateTable('contests')
      .set({
        ...after,
        ...(title !== undefined ? { title } : {}),
        ...(rulesHtml !== undefined ? { rules: patch.rules!, rulesHtml } : {}),
        // Voting (or judging) open again: the next close announces the results afresh.
        ...(reopened ? { resultsAnnouncedAt: null } : {}),
      })
      .where('id', '=', id)
      .execute()
    if (datesMoved) await schedulePhaseJobs(trx, id, after)
    const { title: t, rules: r, ...dates } = changes
    if (Object.keys(dates).length) await audit(trx, actor, 'contest.dates_moved', id, dates, patch.reason)
    if (t || r)
      await audit(
        trx,
        actor,
        'contest.updated',
        id,
        { ...(t ? { title: t } : {}), ...(r ? { rules: r } : {}) },
        patch.reason,
      )
    return [
      await recordLiveEvent(trx, `contest:${id}`, 'contest.updated', {
        contestId: id,
        changed: Object.keys(changes),
      }),
    ]
  })
  await app.contestRules.changed(id)
  await app.live.publish(events)
  // The phase may have changed with the dates: tell live readers (and announce) now, not at the next poll.
  if (datesMoved) await syncContest(app, id)
  return getContest(app, actor, id)
}

/** One contest as the reader sees it: its phase now, and the reader's own standing. */
export async function getContest(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const row = await loadContest(app, id)
  return present(app, row, viewer)
}

/** Contests, newest first (keyset on the id). */
export async function listContests(
  app: FastifyInstance,
  viewer: Viewer | null,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  const after = decodeKeys<[number]>(page.cursor, 'n')
  const limit = page.limit ?? 20
  const rows = await selectContests(app.db)
    .$if(after !== null, (q) => q.where('c.id', '<', after![0]))
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute()
  const shown = keysetPage(
    rows,
    limit,
    (last) => [last.id],
    (r) => r,
  )
  return {
    items: await Promise.all(shown.items.map((r) => present(app, r, viewer))),
    nextCursor: shown.nextCursor,
  }
}

export async function loadContest(app: FastifyInstance, id: number): Promise<ContestRow> {
  const row = await findContest(app.db, id)
  if (!row) throw notFound(`Contest ${id}`)
  return row
}

async function present(app: FastifyInstance, row: ContestRow, viewer: Viewer | null) {
  const now = app.clock()
  const [phase, me] = await Promise.all([
    currentPhase(app.db, row, now),
    standingOf(app.db, row, viewer, now),
  ])
  return presentContest(row, phase, viewer, me)
}

const isoDates = (s: Schedule) => ({
  submissionsOpenAt: s.submissionsOpenAt.toISOString(),
  votingOpensAt: s.votingOpensAt.toISOString(),
  votingClosesAt: s.votingClosesAt.toISOString(),
  resultsAt: s.resultsAt?.toISOString() ?? null,
})

export function audit(
  trx: Transaction<Database>,
  actor: Viewer,
  action: string,
  contestId: number,
  data: Record<string, unknown>,
  reason?: string,
) {
  return recordAudit(trx, {
    actorId: actor.id,
    action,
    targetType: 'contest',
    targetId: contestId,
    data,
    ...(reason ? { reason } : {}),
  })
}
