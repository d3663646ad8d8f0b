import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { unprocessable } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { renderPost } from '../../render/markdown.js'
import { lockSetting, putSetting } from '../../settings/store.js'
import type { CrisisBody, CrisisResponse } from './schema.js'
import { type CrisisState, crisisKey, defaultSlowModeSeconds, loadCrisis } from './state.js'

/** The public live channel open pages follow to show or drop the statement at once. */
export const crisisChannel = 'crisis'

/** Crisis mode as everyone may read it: when off, nothing of the last statement shows. */
export function presentCrisis(state: CrisisState): Static<typeof CrisisResponse> {
  if (!state.on)
    return { on: false, statement: '', statementHtml: '', categoryIds: null, slowModeSeconds: 0, since: null }
  const { on, statement, statementHtml, categoryIds, slowModeSeconds, since } = state
  return { on, statement, statementHtml, categoryIds, slowModeSeconds, since }
}

/**
 * Switches crisis mode on, off, or changes it while on (the caller checked the actor is an
 * admin). Exactly one audit entry per effective call: `crisis.on`, `crisis.off` or
 * `crisis.update`; asking to switch off what is already off changes nothing and records nothing.
 * Open pages learn of it on the `crisis` channel, and every instance forgets its copy.
 *
 * @example await setCrisis(app, admin, { on: true, categoryIds: [3], statement: 'We are on it.' })
 */
export async function setCrisis(
  app: FastifyInstance,
  actor: Viewer,
  input: Static<typeof CrisisBody>,
): Promise<CrisisState> {
  const categoryIds =
    input.categoryIds === undefined ? undefined : input.categoryIds && [...new Set(input.categoryIds)]
  if (categoryIds) {
    const missing: number[] = []
    for (const id of categoryIds) if (!(await app.categories.byId(id))) missing.push(id)
    if (missing.length)
      throw unprocessable('unknown_category', `No such category: ${missing.slice(0, 5).join(', ')}.`)
  }
  const statementHtml =
    input.statement === undefined
      ? undefined
      : (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, input.statement)).html

  let event: LiveEvent | null = null
  const state = await app.db.transaction().execute(async (trx) => {
    await lockSetting(trx, crisisKey)
    const previous = await loadCrisis(trx)
    if (!input.on && !previous.on) return previous
    const next: CrisisState = input.on
      ? {
          on: true,
          // Switching on afresh starts from "everywhere, 60 s" unless told otherwise; an update
          // keeps what it does not mention.
          categoryIds: categoryIds !== undefined ? categoryIds : previous.on ? previous.categoryIds : null,
          slowModeSeconds:
            input.slowModeSeconds ?? (previous.on ? previous.slowModeSeconds : defaultSlowModeSeconds),
          statement: input.statement ?? previous.statement,
          statementHtml: statementHtml ?? previous.statementHtml,
          since: previous.on && previous.since ? previous.since : app.clock().toISOString(),
        }
      : // The statement is kept for the next time, out of sight while off.
        { ...previous, on: false, since: null }
    const action = !input.on ? 'crisis.off' : previous.on ? 'crisis.update' : 'crisis.on'
    await putSetting(trx, crisisKey, next)
    await recordAudit(trx, {
      actorId: actor.id,
      action,
      targetType: 'community',
      targetId: crisisKey,
      data: {
        categoryIds: next.categoryIds,
        slowModeSeconds: next.slowModeSeconds,
        ...(input.statement !== undefined ? { statement: next.statement } : {}),
      },
    })
    event = await recordLiveEvent(trx, crisisChannel, 'crisis.changed', presentCrisis(next))
    return next
  })
  if (event) {
    await app.moderationPolicy.crisisChanged()
    await app.live.publish(event)
  }
  return state
}
