import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import { badRequest, unprocessable } from '../../http/errors.js'
import { getSetting, lockSetting, putSetting } from '../../settings/store.js'
import {
  builtInUrgentRules,
  type ModerationSettings,
  parseSettings,
  type SettingsBody,
  settingKey,
} from './settings.js'

// One address, no spaces or angle brackets: enough to refuse typos without rejecting real mailboxes.
const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/

/**
 * Changes the moderation settings an admin sent (fields left out keep their value), checked,
 * in one transaction with one audit entry listing what changed; every instance forgets its copy.
 *
 * @example await updateModerationSettings(app, admin, { offHoursAutoHideWeight: 2 })
 */
export async function updateModerationSettings(
  app: FastifyInstance,
  actor: Viewer,
  input: Static<typeof SettingsBody>,
): Promise<ModerationSettings> {
  if (input.alertWebhookUrl != null && !isHttpUrl(input.alertWebhookUrl))
    throw badRequest('invalid_url', 'The alert webhook must be an http:// or https:// address.')
  if (input.alertEmail != null && !emailPattern.test(input.alertEmail))
    throw badRequest('invalid_email', 'The alert email must be one email address.')
  const charter = await app.charter.current()
  const ruleIds = charter?.rules.map((r) => r.id) ?? []
  if (input.urgentRuleIds) {
    const unknown = input.urgentRuleIds.filter(
      (id) => !ruleIds.includes(id) && !builtInUrgentRules.includes(id),
    )
    if (unknown.length)
      throw unprocessable(
        'unknown_rule',
        `The charter in force has no rule: ${unknown.slice(0, 5).join(', ')}.`,
      )
  }

  const next = await app.db.transaction().execute(async (trx) => {
    await lockSetting(trx, settingKey)
    const previous = parseSettings(await getSetting(trx, settingKey), ruleIds)
    const merged: ModerationSettings = {
      ...previous,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    }
    merged.urgentRuleIds = [...new Set(merged.urgentRuleIds)]
    if (merged.offHoursAutoHideWeight > merged.autoHideWeight)
      throw unprocessable(
        'off_hours_not_stricter',
        `Off hours the auto-hide weight must be at most the usual one (${merged.autoHideWeight}).`,
      )
    const changed = (Object.keys(merged) as (keyof ModerationSettings)[]).filter(
      (k) => JSON.stringify(merged[k]) !== JSON.stringify(previous[k]),
    )
    await putSetting(trx, settingKey, merged)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'moderation_settings.update',
      targetType: 'community',
      targetId: settingKey,
      data: {
        from: Object.fromEntries(changed.map((k) => [k, previous[k]])),
        to: Object.fromEntries(changed.map((k) => [k, merged[k]])),
      },
    })
    return merged
  })
  await app.moderationPolicy.settingsChanged()
  return next
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}
