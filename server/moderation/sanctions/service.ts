import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { isStaff } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.js'
import { assertMayActOn, citeRule, loadMember, recordNotice } from '../decision.js'
import { recordQueueChange } from '../queue/events.js'
import { resolveItemsFor } from '../queue/queries.js'
import type { SanctionKind } from '../schema.js'
import { presentSanction, selectSanctions } from './present.js'

export interface NewSanction {
  kind: SanctionKind
  ruleId: string
  reason: string
  endsAt?: string | undefined
}

/** The longest a timed sanction may run: past that, it is a ban and should say so. */
const maxMs = 10 * 365 * 24 * 3600 * 1000

/**
 * Sanctions a member under a charter rule. It takes effect at once everywhere: the member's
 * cached sessions are dropped on every instance and their open sockets asked again (a suspended
 * or banned member's are closed, a silenced one can no longer type or post).
 * @example await sanction(app, moderator, 7, { kind: 'silence', ruleId: 'respect', reason: '…', endsAt: '2026-12-03T00:00:00Z' })
 */
export async function sanction(app: FastifyInstance, actor: Viewer, userId: number, input: NewSanction) {
  const member = await loadMember(app.db, userId)
  assertMayActOn(actor, member)
  const rule = await citeRule(app, input.ruleId)
  const now = app.clock()
  let endsAt: Date | null = null
  if (input.endsAt !== undefined) {
    if (input.kind === 'warning') throw unprocessable('invalid_ends_at', 'A warning has no end date.')
    endsAt = new Date(input.endsAt)
    if (Number.isNaN(endsAt.getTime())) throw unprocessable('invalid_ends_at', 'endsAt is not a date.')
    if (endsAt <= now) throw unprocessable('invalid_ends_at', 'endsAt must be in the future.')
    if (endsAt.getTime() - now.getTime() > maxMs)
      throw unprocessable('invalid_ends_at', 'A sanction lasts at most ten years; ban the member instead.')
  }
  const { id, events } = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('sanctions')
      .values({
        userId,
        kind: input.kind,
        ruleId: rule.id,
        reason: input.reason,
        createdBy: actor.id,
        endsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: actor.id,
      action: `sanction.${input.kind}`,
      targetType: 'user',
      targetId: userId,
      ruleId: rule.id,
      reason: input.reason,
      data: { sanctionId: row.id, endsAt: endsAt?.toISOString() ?? null },
    })
    // Flags about the member are settled by the decision.
    const settled = await resolveItemsFor(trx, 'user', userId, actor.id, `sanction.${input.kind}`)
    const events = [
      await recordNotice(trx, userId, {
        action: `sanction.${input.kind}`,
        rule,
        reason: input.reason,
        sanctionId: row.id,
        endsAt: endsAt?.toISOString() ?? null,
      }),
      ...(await recordQueueChange(trx, settled, 'resolved', { resolution: `sanction.${input.kind}` })),
    ]
    return { id: row.id, events }
  })
  await app.live.publish(events)
  await app.viewers.invalidateUser(userId)
  return loadSanction(app, id)
}

export async function loadSanction(app: FastifyInstance, id: number) {
  const row = await selectSanctions(app.db).where('s.id', '=', id).executeTakeFirst()
  if (!row) throw notFound(`Sanction ${id}`)
  return presentSanction(row)
}

/** A member's sanctions, newest first: moderators see anyone's, members their own. */
export async function sanctionsOf(app: FastifyInstance, viewer: Viewer, userId: number) {
  if (!isStaff(viewer) && viewer.id !== userId)
    throw forbidden('forbidden', 'You can only see your own sanctions.')
  await loadMember(app.db, userId)
  const rows = await selectSanctions(app.db)
    .where('s.userId', '=', userId)
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute()
  return rows.map(presentSanction)
}

/** Ends a sanction before its time (a mistake, a member who made amends); the member is told. */
export async function liftSanction(app: FastifyInstance, actor: Viewer, id: number, reason: string) {
  const current = await loadSanction(app, id)
  assertMayActOn(actor, await loadMember(app.db, current.userId))
  if (current.kind === 'warning')
    throw conflict('not_liftable', 'A warning is a record, not a restriction: nothing to lift.')
  if (!current.active) throw conflict('not_active', 'This sanction is no longer in force.')
  const events = await app.db.transaction().execute(async (trx) => {
    const lifted = await trx
      .updateTable('sanctions')
      .set({ liftedAt: sql`now()`, liftedBy: actor.id })
      .where('id', '=', id)
      .where('liftedAt', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!lifted) throw conflict('not_active', 'This sanction is no longer in force.')
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'sanction.lifted',
      targetType: 'user',
      targetId: current.userId,
      ruleId: current.ruleId,
      reason,
      data: { sanctionId: id, kind: current.kind },
    })
    return [
      await recordNotice(trx, current.userId, {
        action: 'sanction.lifted',
        rule: null,
        reason,
        sanctionId: id,
        kind: current.kind,
      }),
    ]
  })
  await app.live.publish(events)
  await app.viewers.invalidateUser(current.userId)
  return loadSanction(app, id)
}
