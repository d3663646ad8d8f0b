import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { badRequest, conflict, notFound, unprocessable } from '../http/errors.js'
import { recordLiveEvent } from '../live/events.js'
import { renderPost } from '../render/markdown.js'
import { type CleanImage, cleanImage } from './images.js'
import { syncContest } from './jobs.js'
import { currentPhase, ineligibility } from './policy.js'
import { presentEntry } from './present.js'
import { type ContestRow, scoresBy, selectEntries, standing, votedFor } from './queries.js'
import { audit, loadContest } from './service.js'

/**
 * Enters a contest (members, while submissions are open): a title, a Markdown body and an
 * optional image (re-encoded, see images.ts). One entry per member unless the contest's
 * `entriesPerMember` allows more: the database keeps the count (a slot per entry), so two entries
 * sent at once cannot both take the last place.
 * @example await createEntry(app, viewer, 12, { title: 'Coucher de soleil', body: 'Pris à Nice.' }, image)
 */
export async function createEntry(
  app: FastifyInstance,
  viewer: Viewer,
  contestId: number,
  input: { title?: string | undefined; body?: string | undefined },
  upload: Buffer | null,
) {
  const row = await loadContest(app, contestId)
  const now = app.clock()
  const phase = await currentPhase(app.db, row, now)
  if (phase !== 'submissions')
    throw unprocessable(
      'not_accepting_entries',
      phase === 'upcoming'
        ? `Entries open on ${new Date(row.submissionsOpenAt).toISOString()}.`
        : 'Entries are closed: this contest is past its submissions phase.',
    )
  const mine = await standing(app.db, contestId, viewer.id)
  if (mine.juror)
    throw unprocessable('juror_cannot_enter', 'Jurors judge this contest; they do not enter it.')
  const refusal = ineligibility(row, viewer, mine.createdAt, now)
  if (refusal) throw refusal
  if (mine.entries >= row.entriesPerMember) throw entryLimit(row)
  const title = (input.title ?? '').trim()
  if (title.length === 0 || title.length > 200)
    throw badRequest('invalid_title', 'An entry needs a title of 1 to 200 characters.')
  const body = input.body ?? ''
  if (body.trim() === '' && !upload) throw badRequest('empty_entry', 'An entry needs a text or an image.')
  const image: CleanImage | null = upload ? await cleanImage(upload) : null
  const html =
    body.trim() === '' ? '' : (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, body)).html

  const { entryId, events } = await app.db.transaction().execute(async (trx) => {
    const imageId = image
      ? (
          await trx
            .insertInto('contestImages')
            .values({
              uploaderId: viewer.id,
              contentType: image.contentType,
              width: image.width,
              height: image.height,
              byteSize: image.bytes.length,
              bytes: image.bytes,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : null
    // The member's lowest free slot; a concurrent entry taking it first makes this one try the next.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { rows } = await sql<{ id: number }>`
insert into contest_entries (contest_id, author_id, slot, title, body, html, image_id, created_at)
select ${contestId}::bigint, ${viewer.id}::bigint, s.slot, ${title}, ${body}, ${html}, ${imageId}::bigint, ${now}::timestamptz
from generate_series(1, ${row.entriesPerMember}::int) as s(slot)
where not exists (select from contest_entries x
  where x.contest_id = ${contestId}::bigint and x.author_id = ${viewer.id}::bigint and x.slot = s.slot)
order by s.slot limit 1
on conflict do nothing
returning id`.execute(trx)
      if (rows[0]) {
        const id = Number(rows[0].id)
        const event = await recordLiveEvent(trx, `contest:${contestId}`, 'entry.created', {
          contestId,
          entryId: id,
        })
        return { entryId: id, events: [event] }
      }
    }
    throw entryLimit(row)
  })
  await app.live.publish(events)
  return presentEntry(
    await selectEntries(app.db).where('e.id', '=', entryId).executeTakeFirstOrThrow(),
    viewer,
  )
}

function entryLimit(row: ContestRow) {
  return conflict(
    'entry_limit',
    row.entriesPerMember === 1
      ? 'You have already entered this contest.'
      : `You have already entered this contest ${row.entriesPerMember} times, the most it allows.`,
  )
}

/**
 * A page of a contest's entries in the order they came in. Disqualified entries only for
 * moderators; `voted` says which the reader voted for, and jurors get their own scores.
 */
export async function listEntries(
  app: FastifyInstance,
  viewer: Viewer | null,
  contestId: number,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  await loadContest(app, contestId)
  const after = decodeKeys<[number]>(page.cursor, 'n')
  const limit = page.limit ?? 20
  const rows = await selectEntries(app.db)
    .where('e.contestId', '=', contestId)
    .$if(!isStaff(viewer), (q) => q.where('e.disqualifiedAt', 'is', null))
    .$if(after !== null, (q) => q.where('e.id', '>', after![0]))
    .orderBy('e.id')
    .limit(limit + 1)
    .execute()
  const ids = rows.slice(0, limit).map((r) => r.id)
  const [voted, scores] = viewer
    ? await Promise.all([votedFor(app.db, viewer.id, ids), jurorScores(app, contestId, viewer.id, ids)])
    : [new Set<number>(), null]
  return keysetPage(
    rows,
    limit,
    (last) => [last.id],
    (r) =>
      presentEntry(r, viewer, {
        voted: voted.has(r.id),
        myScores: scores ? (scores.get(r.id) ?? {}) : undefined,
      }),
  )
}

/** A juror's own scores on these entries; null when the reader is not on the jury. */
async function jurorScores(app: FastifyInstance, contestId: number, userId: number, ids: number[]) {
  const juror = await app.db
    .selectFrom('contestJurors')
    .select('userId')
    .where('contestId', '=', contestId)
    .where('userId', '=', userId)
    .executeTakeFirst()
  return juror ? scoresBy(app.db, userId, ids) : null
}

export async function loadEntry(
  app: FastifyInstance,
  viewer: Viewer | null,
  contestId: number,
  entryId: number,
) {
  const row = await selectEntries(app.db)
    .where('e.id', '=', entryId)
    .where('e.contestId', '=', contestId)
    .executeTakeFirst()
  if (!row || (row.disqualifiedAt !== null && !isStaff(viewer))) throw notFound(`Entry ${entryId}`)
  const voted = viewer ? await votedFor(app.db, viewer.id, [entryId]) : new Set<number>()
  return presentEntry(row, viewer, { voted: voted.has(entryId) })
}

/**
 * Takes an entry out of the running (moderators), audited with the reason: it leaves the listing
 * and the results, its votes no longer count. With a jury, the jury may be done once it is gone.
 */
export async function disqualifyEntry(
  app: FastifyInstance,
  actor: Viewer,
  contestId: number,
  entryId: number,
  reason: string,
) {
  await loadContest(app, contestId)
  const events = await app.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('contestEntries')
      .set({ disqualifiedAt: app.clock(), disqualifiedBy: actor.id, disqualifiedReason: reason })
      .where('id', '=', entryId)
      .where('contestId', '=', contestId)
      .where('disqualifiedAt', 'is', null)
      .returning('authorId')
      .executeTakeFirst()
    if (!done) {
      const exists = await trx
        .selectFrom('contestEntries')
        .select('id')
        .where('id', '=', entryId)
        .where('contestId', '=', contestId)
        .executeTakeFirst()
      if (!exists) throw notFound(`Entry ${entryId}`)
      throw conflict('already_disqualified', 'This entry is already disqualified.')
    }
    await audit(
      trx,
      actor,
      'contest.entry_disqualified',
      contestId,
      { entryId, authorId: done.authorId },
      reason,
    )
    return [await recordLiveEvent(trx, `contest:${contestId}`, 'entry.disqualified', { contestId, entryId })]
  })
  await app.live.publish(events)
  await syncContest(app, contestId)
  return loadEntry(app, actor, contestId, entryId)
}

/** An entry's image, unless its entry was disqualified (moderators still see it). */
export async function loadImage(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const row = await app.db
    .selectFrom('contestImages as i')
    .innerJoin('contestEntries as e', 'e.imageId', 'i.id')
    .select(['i.bytes', 'i.contentType', 'e.disqualifiedAt'])
    .where('i.id', '=', id)
    .executeTakeFirst()
  if (!row || (row.disqualifiedAt !== null && !isStaff(viewer))) throw notFound(`Image ${id}`)
  return row
}
