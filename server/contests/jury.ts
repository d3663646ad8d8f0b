import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { forbidden, notFound, unprocessable } from '../http/errors.js'
import { syncContest } from './jobs.js'
import { currentPhase } from './policy.js'
import type { Criterion } from './present.js'
import { juryComplete, scoresBy } from './queries.js'
import { loadContest } from './service.js'

/**
 * A juror scores an entry on every criterion, 0 to 10 (while voting is open or during judging);
 * scoring again replaces their scores. When this completes the jury's work after voting closed,
 * the results come out at once.
 * @example await scoreEntry(app, juror, 12, 340, { originality: 8, technique: 6 }) // { scores, juryComplete }
 */
export async function scoreEntry(
  app: FastifyInstance,
  viewer: Viewer,
  contestId: number,
  entryId: number,
  scores: Record<string, number>,
) {
  const row = await loadContest(app, contestId)
  if (!row.jurors.some((j) => j.id === viewer.id))
    throw forbidden('not_a_juror', 'Only the contest’s jurors score its entries.')
  const phase = await currentPhase(app.db, row, app.clock())
  if (phase !== 'voting' && phase !== 'closed')
    throw unprocessable('not_judging', 'Jurors score entries while voting is open and until results are out.')
  const criteria = row.criteria as unknown as Criterion[]
  const unknown = Object.keys(scores).filter((k) => !criteria.some((c) => c.id === k))
  const missing = criteria.filter((c) => !(c.id in scores)).map((c) => c.id)
  if (unknown.length)
    throw unprocessable('unknown_criterion', `This contest has no criterion ${unknown.join(', ')}.`)
  if (missing.length)
    throw unprocessable('missing_criterion', `Score every criterion: ${missing.join(', ')} missing.`)
  const entry = await app.db
    .selectFrom('contestEntries')
    .select(['id', 'disqualifiedAt'])
    .where('id', '=', entryId)
    .where('contestId', '=', contestId)
    .executeTakeFirst()
  if (!entry || entry.disqualifiedAt !== null) throw notFound(`Entry ${entryId}`)

  const complete = await app.db.transaction().execute(async (trx) => {
    const now = app.clock()
    await trx
      .insertInto('contestScores')
      .values(
        criteria.map((c) => ({
          contestId,
          entryId,
          jurorId: viewer.id,
          criterion: c.id,
          score: scores[c.id]!,
          updatedAt: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['entryId', 'jurorId', 'criterion'])
          .doUpdateSet({ score: sql`excluded.score`, updatedAt: now }),
      )
      .execute()
    return juryComplete(trx, contestId, criteria.length)
  })
  // The last score after voting closed brings the results out now, not at the jury's deadline.
  if (complete) await syncContest(app, contestId)
  const mine = await scoresBy(app.db, viewer.id, [entryId])
  return { scores: mine.get(entryId) ?? {}, juryComplete: complete }
}
