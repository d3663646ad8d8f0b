import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { isStaff } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { decodeKeys, keysetPage } from '../../http/cursor.js'
import { badRequest, notFound, unprocessable } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { renderPost } from '../../render/markdown.js'
import { eventChannel } from '../live.js'
import { canSee } from '../policy.js'
import { type EventRow, findEvent } from '../queries.js'
import { presentQuestion, type QuestionRow, selectQuestions } from './queries.js'

// The live Q&A of an event: members ask while a moderator has it open, upvote others' questions
// (once each: the primary key of event_question_votes), moderators mark them answered or hide
// them. Every change goes out on `event:<id>` after commit.

async function visibleEvent(app: FastifyInstance, viewer: Viewer | null, id: number): Promise<EventRow> {
  const event = await findEvent(app.db, id)
  if (!event || !canSee(viewer, event)) throw notFound(`Event ${id}`)
  return event
}

function assertQaOpen(event: EventRow): void {
  if (event.cancelledAt !== null) throw unprocessable('event_cancelled', 'This event was cancelled.')
  if (!event.qaOpen) throw unprocessable('qa_closed', 'The Q&A of this event is not open.')
}

/** A question of this event the viewer may see: hidden ones are for moderators only (404 otherwise). */
async function loadQuestion(app: FastifyInstance, viewer: Viewer | null, eventId: number, id: number) {
  const row = await selectQuestions(app.db)
    .where('q.id', '=', id)
    .where('q.eventId', '=', eventId)
    .executeTakeFirst()
  if (!row || (row.hiddenAt !== null && !isStaff(viewer))) throw notFound(`Question ${id}`)
  return row
}

async function votedBy(app: FastifyInstance, viewer: Viewer | null, ids: number[]): Promise<Set<number>> {
  if (!viewer || ids.length === 0) return new Set()
  const rows = await app.db
    .selectFrom('eventQuestionVotes')
    .select('questionId')
    .where('userId', '=', viewer.id)
    .where('questionId', 'in', ids)
    .execute()
  return new Set(rows.map((r) => r.questionId))
}

async function presentOne(app: FastifyInstance, viewer: Viewer | null, eventId: number, id: number) {
  const row = await loadQuestion(app, viewer, eventId, id)
  return presentQuestion(row, viewer, (await votedBy(app, viewer, [id])).has(id))
}

/**
 * The event's questions, most upvoted first, then oldest; hidden ones only for moderators.
 * Keyset on (votes, asked at, id): a question upvoted between two pages may show twice or not at
 * all, which a live Q&A corrects through its channel.
 */
export async function listQuestions(
  app: FastifyInstance,
  viewer: Viewer | null,
  eventId: number,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  await visibleEvent(app, viewer, eventId)
  const after = decodeKeys<[number, number, number]>(page.cursor, 'nnn')
  const limit = page.limit ?? 50
  const rows = await selectQuestions(app.db)
    .select(sql<number>`(extract(epoch from q.created_at) * 1000000)::bigint`.as('micros'))
    .where('q.eventId', '=', eventId)
    .$if(!isStaff(viewer), (q) => q.where('q.hiddenAt', 'is', null))
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(-q.vote_count, q.created_at, q.id) > (${-after![0]}::int,
          timestamptz 'epoch' + ${after![1]}::bigint * interval '1 microsecond', ${after![2]}::bigint)`,
      ),
    )
    .orderBy('q.voteCount', 'desc')
    .orderBy('q.createdAt')
    .orderBy('q.id')
    .limit(limit + 1)
    .execute()
  const voted = await votedBy(
    app,
    viewer,
    rows.map((r) => r.id),
  )
  return keysetPage(
    rows,
    limit,
    (r) => [r.voteCount, Number(r.micros), r.id],
    (r) => presentQuestion(r, viewer, voted.has(r.id)),
  )
}

/**
 * Asks a question while the Q&A is open (Markdown, rendered like posts).
 * @example await askQuestion(app, viewer, 12, 'Will the ride go ahead in the rain?')
 */
export async function askQuestion(app: FastifyInstance, viewer: Viewer, eventId: number, body: string) {
  if (body.trim() === '') throw badRequest('empty_body', 'Write something: the question is empty.')
  const event = await visibleEvent(app, viewer, eventId)
  assertQaOpen(event)
  const { html } = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)
  const { id, live } = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('eventQuestions')
      .values({ eventId, authorId: viewer.id, body, html })
      .returning('id')
      .executeTakeFirstOrThrow()
    const question = await selectQuestions(trx).where('q.id', '=', row.id).executeTakeFirstOrThrow()
    const live = await recordLiveEvent(trx, eventChannel(eventId), 'question.created', {
      question: presentQuestion(question, null),
    })
    return { id: row.id, live }
  })
  await app.live.publish(live)
  return presentOne(app, viewer, eventId, id)
}

/**
 * Upvotes (`up`) or takes back an upvote; doing either twice changes nothing and counts nothing.
 * Members vote for others' questions, while the Q&A is open.
 */
export async function voteQuestion(
  app: FastifyInstance,
  viewer: Viewer,
  eventId: number,
  questionId: number,
  up: boolean,
) {
  const event = await visibleEvent(app, viewer, eventId)
  const question = await loadQuestion(app, viewer, eventId, questionId)
  assertQaOpen(event)
  if (question.hiddenAt !== null) throw unprocessable('question_hidden', 'This question is hidden.')
  if (question.authorId === viewer.id)
    throw unprocessable('own_question', 'You cannot upvote your own question.')
  const live = await app.db.transaction().execute(async (trx) => {
    const changed = up
      ? await trx
          .insertInto('eventQuestionVotes')
          .values({ questionId, userId: viewer.id })
          .onConflict((oc) => oc.doNothing())
          .returning('questionId')
          .executeTakeFirst()
      : await trx
          .deleteFrom('eventQuestionVotes')
          .where('questionId', '=', questionId)
          .where('userId', '=', viewer.id)
          .returning('questionId')
          .executeTakeFirst()
    if (!changed) return []
    const row = await trx
      .updateTable('eventQuestions')
      .set({ voteCount: sql`vote_count + ${up ? 1 : -1}` })
      .where('id', '=', questionId)
      .returning('id')
      .executeTakeFirstOrThrow()
    return [
      await recordLiveEvent(trx, eventChannel(eventId), 'question.updated', { question: { id: row.id } }),
    ]
  })
  await app.live.publish(live)
  return presentOne(app, viewer, eventId, questionId)
}

/**
 * Moderators mark a question answered (or not) and hide (or show) it, audited; a hidden question
 * leaves every member's list and live readers get it retracted.
 */
export async function moderateQuestion(
  app: FastifyInstance,
  actor: Viewer,
  eventId: number,
  questionId: number,
  input: { answered?: boolean | undefined; hidden?: boolean | undefined; reason?: string | undefined },
) {
  await visibleEvent(app, actor, eventId)
  const before = await loadQuestion(app, actor, eventId, questionId)
  const changes: { answered?: boolean; hidden?: boolean } = {}
  if (input.answered !== undefined && input.answered !== (before.answeredAt !== null))
    changes.answered = input.answered
  if (input.hidden !== undefined && input.hidden !== (before.hiddenAt !== null)) changes.hidden = input.hidden
  if (Object.keys(changes).length === 0) return presentOne(app, actor, eventId, questionId)
  const live = await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('eventQuestions')
      .set({
        ...(changes.answered !== undefined
          ? {
              answeredAt: changes.answered ? sql`now()` : null,
              answeredBy: changes.answered ? actor.id : null,
            }
          : {}),
        ...(changes.hidden !== undefined
          ? { hiddenAt: changes.hidden ? sql`now()` : null, hiddenBy: changes.hidden ? actor.id : null }
          : {}),
      })
      .where('id', '=', questionId)
      .execute()
    const events: LiveEvent[] = []
    for (const [field, value] of Object.entries(changes)) {
      const action =
        field === 'answered'
          ? value
            ? 'event.question_answered'
            : 'event.question_unanswered'
          : value
            ? 'event.question_hidden'
            : 'event.question_shown'
      await recordAudit(trx, {
        actorId: actor.id,
        action,
        targetType: 'event_question',
        targetId: questionId,
        reason: input.reason ?? '',
        data: { eventId },
      })
    }
    events.push(
      changes.hidden
        ? await recordLiveEvent(trx, eventChannel(eventId), 'question.hidden', { questionId })
        : await recordLiveEvent(trx, eventChannel(eventId), 'question.updated', {
            question: { id: questionId },
          }),
    )
    return events
  })
  await app.live.publish(live)
  return presentOne(app, actor, eventId, questionId)
}

export type { QuestionRow }
