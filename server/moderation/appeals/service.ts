import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { conflict, forbidden, notFound } from '../../http/errors.js'
import { recordLiveEvent } from '../../live/events.js'
import { moderationChannel, recordNotice } from '../decision.js'
import { presentAppeal, presentSanction, selectSanctions } from '../sanctions/present.js'

/**
 * A sanctioned member appeals, once per decision (the database holds one appeal per sanction).
 * @example await fileAppeal(app, member, 12, 'I was quoting someone else.')
 */
export async function fileAppeal(app: FastifyInstance, viewer: Viewer, sanctionId: number, text: string) {
  const row = await selectSanctions(app.db).where('s.id', '=', sanctionId).executeTakeFirst()
  // Someone else's sanction does not exist, as far as a member can tell.
  if (!row || row.userId !== viewer.id) throw notFound(`Sanction ${sanctionId}`)
  if (row.appealId !== null)
    throw conflict('already_appealed', 'You have already appealed this decision; an appeal is heard once.')
  const { appealId, events } = await app.db.transaction().execute(async (trx) => {
    const appeal = await trx
      .insertInto('appeals')
      .values({ sanctionId, userId: viewer.id, text })
      .onConflict((oc) => oc.column('sanctionId').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!appeal)
      throw conflict('already_appealed', 'You have already appealed this decision; an appeal is heard once.')
    await recordAudit(trx, {
      actorId: viewer.id,
      action: 'appeal.filed',
      targetType: 'sanction',
      targetId: sanctionId,
      reason: text.slice(0, 500),
      data: { appealId: appeal.id },
    })
    const events = [
      await recordLiveEvent(trx, moderationChannel, 'appeal.changed', {
        appealId: appeal.id,
        change: 'filed',
      }),
    ]
    return { appealId: appeal.id, events }
  })
  await app.live.publish(events)
  return loadAppeal(app, appealId)
}

export async function loadAppeal(app: FastifyInstance, id: number) {
  const row = await selectSanctions(app.db).where('a.id', '=', id).executeTakeFirst()
  if (!row) throw notFound(`Appeal ${id}`)
  return presentAppeal(row)!
}

/**
 * A moderator other than the one who decided hears the appeal. Overturned, the sanction is lifted
 * at once; either way the member is told and the outcome logged.
 */
export async function decideAppeal(
  app: FastifyInstance,
  actor: Viewer,
  appealId: number,
  d: { outcome: 'upheld' | 'overturned'; reason: string },
) {
  const row = await selectSanctions(app.db).where('a.id', '=', appealId).executeTakeFirst()
  if (!row) throw notFound(`Appeal ${appealId}`)
  if (row.createdBy === actor.id)
    throw forbidden('same_moderator', 'A different moderator must hear the appeal of your own decision.')
  if (row.userId === actor.id) throw forbidden('self_moderation', 'You cannot decide your own appeal.')
  if (row.appealOutcome !== null) throw conflict('already_decided', 'This appeal has already been decided.')
  const events = await app.db.transaction().execute(async (trx) => {
    const decided = await trx
      .updateTable('appeals')
      .set({ outcome: d.outcome, decisionReason: d.reason, decidedBy: actor.id, decidedAt: sql`now()` })
      .where('id', '=', appealId)
      .where('outcome', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!decided) throw conflict('already_decided', 'This appeal has already been decided.')
    if (d.outcome === 'overturned')
      await trx
        .updateTable('sanctions')
        .set({ liftedAt: sql`now()`, liftedBy: actor.id })
        .where('id', '=', row.id)
        .where('liftedAt', 'is', null)
        .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      action: `appeal.${d.outcome}`,
      targetType: 'sanction',
      targetId: row.id,
      ruleId: row.ruleId,
      reason: d.reason,
      data: { appealId, userId: row.userId, kind: row.kind },
    })
    return [
      await recordNotice(trx, row.userId, {
        action: `appeal.${d.outcome}`,
        rule: null,
        reason: d.reason,
        sanctionId: row.id,
        appealId,
      }),
      await recordLiveEvent(trx, moderationChannel, 'appeal.changed', { appealId, change: d.outcome }),
    ]
  })
  await app.live.publish(events)
  if (d.outcome === 'overturned') await app.viewers.invalidateUser(row.userId)
  return loadAppeal(app, appealId)
}

/** Appeals waiting for a decision, oldest first, each with the sanction it contests. */
export async function pendingAppeals(app: FastifyInstance) {
  const rows = await selectSanctions(app.db)
    .where('a.id', 'is not', null)
    .where('a.outcome', 'is', null)
    .orderBy('a.createdAt')
    .limit(200)
    .execute()
  return rows.map((r) => ({ appeal: presentAppeal(r)!, sanction: presentSanction(r) }))
}
