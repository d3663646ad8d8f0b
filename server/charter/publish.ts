import type { FastifyInstance } from 'fastify'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import { unprocessable } from '../http/errors.js'
import { charterAt, insertVersion } from './queries.js'

/**
 * Publishes a new charter version. Rule ids are the stable names decisions cite, so a rule kept
 * keeps its id; earlier versions stay readable. Members (not staff) must accept it before their
 * next post: every instance forgets the version it remembered.
 * @example await publishCharter(app, admin, { summary: 'Règle sur la publicité', rules })
 */
export async function publishCharter(
  app: FastifyInstance,
  actor: Viewer,
  input: { summary: string; rules: { id: string; title: string; body: string }[] },
) {
  const ids = input.rules.map((r) => r.id)
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i)
  if (twice.length)
    throw unprocessable(
      'duplicate_rule_id',
      `Each rule needs its own id; repeated: ${[...new Set(twice)].join(', ')}.`,
    )
  const version = await app.db.transaction().execute(async (trx) => {
    const v = await insertVersion(trx, input.summary.trim(), input.rules)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'charter.published',
      targetType: 'charter',
      targetId: v,
      reason: input.summary.trim(),
      data: { rules: ids },
    })
    return v
  })
  await app.charter.published()
  return (await charterAt(app.db, version))!
}
