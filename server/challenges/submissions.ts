import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { conflict, forbidden, notFound, unprocessable } from '../http/errors.js'
import { recordLiveEvent } from '../live/events.js'
import { renderPost } from '../render/markdown.js'
import { recordCompletion } from './complete.js'
import { occurrenceAt, occurrenceByKey } from './occurrences.js'
import { presentSubmission, selectSubmissions, stateOf } from './present.js'
import { completionsOf, findChallenge } from './queries.js'
import type { Review, SubmissionCreate, SubmissionListQuery } from './schema.js'
import { loadVisible } from './service.js'

// Challenges completed by a submission: the member sends a text (and a link), a moderator approves
// it (the completion, points and badges follow in the same transaction) or rejects it with a
// reason; every review is audited and the member is told.

/**
 * A member submits for the occurrence open now: once, unless rejected (then they may try again).
 * @example await submit(app, member, 4, { text: 'My ride to the top', link: 'https://example.org/ride' })
 */
export async function submit(
  app: FastifyInstance,
  viewer: Viewer,
  challengeId: number,
  input: Static<typeof SubmissionCreate>,
) {
  const c = await loadVisible(app, viewer, challengeId)
  if (c.completion !== 'submission')
    throw unprocessable('not_by_submission', 'This challenge is completed by activity, not by a submission.')
  const now = app.clock()
  const occurrence = stateOf(c, now) === 'active' ? occurrenceAt(c, now) : null
  if (!occurrence)
    throw unprocessable('challenge_not_open', 'This challenge is not open for submissions now.')
  const link = input.link === undefined ? null : checkLink(input.link)
  if ((await completionsOf(app.db, c.id, occurrence.key, [viewer.id])).has(viewer.id))
    throw conflict('already_completed', 'You have already completed this challenge for this period.')
  const { html } = await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, input.text)
  const taken = () =>
    conflict('already_submitted', 'You have already submitted for this period; wait for the review.')
  let id: number
  try {
    const row = await app.db
      .insertInto('challengeSubmissions')
      .values({
        challengeId: c.id,
        userId: viewer.id,
        occurrence: occurrence.key,
        body: input.text,
        html,
        link,
        createdAt: now,
      })
      .onConflict((oc) =>
        oc.columns(['challengeId', 'userId', 'occurrence']).where('status', '<>', 'rejected').doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
    if (!row) throw taken()
    id = row.id
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw taken()
    throw err
  }
  return loadSubmission(app, id)
}

/** Only http(s) addresses: a link a moderator clicks must not run anything. */
function checkLink(link: string): string {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    throw unprocessable('invalid_link', 'The link must be a full http(s) address.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw unprocessable('invalid_link', 'The link must be a full http(s) address.')
  return url.toString()
}

export async function loadSubmission(app: FastifyInstance, id: number) {
  const row = await selectSubmissions(app.db).where('s.id', '=', id).executeTakeFirst()
  if (!row) throw notFound(`Submission ${id}`)
  return presentSubmission(row)
}

/** A challenge's submissions, newest first, by status (moderators). */
export async function listSubmissions(
  app: FastifyInstance,
  challengeId: number,
  query: Static<typeof SubmissionListQuery>,
) {
  if (!(await findChallenge(app.db, challengeId))) throw notFound(`Challenge ${challengeId}`)
  const before = decodeKeys<[number]>(query.cursor, 'n')?.[0] ?? null
  const limit = query.limit ?? 20
  const rows = await selectSubmissions(app.db)
    .where('s.challengeId', '=', challengeId)
    .$if(query.status !== undefined, (q) => q.where('s.status', '=', query.status!))
    .$if(before !== null, (q) => q.where('s.id', '<', before!))
    .orderBy('s.id', 'desc')
    .limit(limit + 1)
    .execute()
  return keysetPage(rows, limit, (s) => [s.id], presentSubmission)
}

/**
 * A moderator approves or rejects a pending submission (not their own). Approving completes the
 * challenge for its occurrence, even after that occurrence closed (a late review must not cost the
 * member); rejecting needs a reason. Audited; the member is notified.
 */
export async function review(
  app: FastifyInstance,
  actor: Viewer,
  submissionId: number,
  input: Static<typeof Review>,
) {
  const sub = await selectSubmissions(app.db).where('s.id', '=', submissionId).executeTakeFirst()
  if (!sub) throw notFound(`Submission ${submissionId}`)
  if (sub.userId === actor.id)
    throw forbidden('self_review', 'Another moderator must review your own submission.')
  if (sub.status !== 'pending')
    throw conflict('already_reviewed', 'This submission has already been reviewed.')
  if (input.decision === 'reject' && !input.reason?.trim())
    throw unprocessable('reason_required', 'Say why the submission is rejected: the member reads it.')
  const c = (await findChallenge(app.db, sub.challengeId))!
  const occurrence = occurrenceByKey(c, sub.occurrence) ?? {
    key: sub.occurrence,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
  }
  const now = app.clock()
  const status = input.decision === 'approve' ? 'approved' : 'rejected'
  const reason = input.reason?.trim() ?? null
  const events = await app.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('challengeSubmissions')
      .set({ status, reviewReason: reason, reviewedBy: actor.id, reviewedAt: now })
      .where('id', '=', submissionId)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw conflict('already_reviewed', 'This submission has already been reviewed.')
    await recordAudit(trx, {
      actorId: actor.id,
      action: `challenge.submission_${status}`,
      targetType: 'challenge_submission',
      targetId: submissionId,
      reason: reason ?? '',
      data: { challengeId: c.id, userId: sub.userId, occurrence: sub.occurrence },
    })
    const completed =
      status === 'approved'
        ? await recordCompletion(trx, c, sub.userId, occurrence, { via: 'submission', submissionId, at: now })
        : null
    return [
      await recordLiveEvent(trx, `user:${sub.userId}`, 'challenge.submission_reviewed', {
        challengeId: c.id,
        title: c.title,
        submissionId,
        status,
        reason,
      }),
      ...(completed ?? []),
    ]
  })
  await app.live.publish(events)
  return loadSubmission(app, submissionId)
}
