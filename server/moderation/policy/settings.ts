import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'

/** How moderation behaves, as admins set it (`settings` key 'moderation'). */
export interface ModerationSettings {
  /** Flag weight past which an item is hidden pending review. */
  autoHideWeight: number
  /** The same, off hours (no moderator on duty): lower, so less waits for a person. */
  offHoursAutoHideWeight: number
  /** How many of a member's first posts are held for approval (0: none). */
  holdNewMembersPosts: number
  /** Off hours, posts of members under this trust level are held for approval (0: none). */
  offHoursHoldTrustBelow: number
  /** Links a trust-0 member may put in one post. */
  newMemberMaxLinks: number
  /** Whether trust-0 members may show images. */
  newMemberImages: boolean
  /** The weight of a flag from a member of trust level 2 or more (others weigh 1). */
  trustedFlagWeight: number
  /** Where urgent flags are POSTed as JSON, or null. */
  alertWebhookUrl: string | null
  /** A team mailbox urgent flags are also emailed to (SMTP_URL must be set), or null. */
  alertEmail: string | null
  /** Charter rules whose flags are urgent: they alert the moderator on call. */
  urgentRuleIds: string[]
}

export const settingKey = 'moderation'

/** Rules every community treats as urgent, whether or not its charter names them so. */
export const builtInUrgentRules = ['privacy', 'legal']
const urgentWords = /threat|menace/i

export const defaults: Omit<ModerationSettings, 'urgentRuleIds'> = {
  autoHideWeight: 5,
  offHoursAutoHideWeight: 3,
  holdNewMembersPosts: 0,
  offHoursHoldTrustBelow: 1,
  newMemberMaxLinks: 2,
  newMemberImages: false,
  trustedFlagWeight: 3,
  alertWebhookUrl: null,
  alertEmail: null,
}

/** Until an admin picks them: privacy, legal, and any rule of the charter about threats. */
export function defaultUrgentRules(charterRuleIds: readonly string[]): string[] {
  return [...new Set([...builtInUrgentRules, ...charterRuleIds.filter((id) => urgentWords.test(id))])]
}

/**
 * The stored value over the defaults. Anything unreadable (a hand-edited row, a field from an
 * older version) falls back to its default rather than breaking every post.
 */
export function parseSettings(stored: unknown, charterRuleIds: readonly string[]): ModerationSettings {
  const v = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>
  const int = (k: keyof typeof defaults, min: number) => {
    const x = v[k]
    return typeof x === 'number' && Number.isInteger(x) && x >= min ? x : (defaults[k] as number)
  }
  const text = (k: 'alertWebhookUrl' | 'alertEmail') => (typeof v[k] === 'string' ? (v[k] as string) : null)
  const urgent = v.urgentRuleIds
  return {
    autoHideWeight: int('autoHideWeight', 1),
    offHoursAutoHideWeight: int('offHoursAutoHideWeight', 1),
    holdNewMembersPosts: int('holdNewMembersPosts', 0),
    offHoursHoldTrustBelow: int('offHoursHoldTrustBelow', 0),
    newMemberMaxLinks: int('newMemberMaxLinks', 0),
    newMemberImages: typeof v.newMemberImages === 'boolean' ? v.newMemberImages : defaults.newMemberImages,
    trustedFlagWeight: int('trustedFlagWeight', 1),
    alertWebhookUrl: text('alertWebhookUrl'),
    alertEmail: text('alertEmail'),
    urgentRuleIds:
      Array.isArray(urgent) && urgent.every((x) => typeof x === 'string')
        ? (urgent as string[])
        : defaultUrgentRules(charterRuleIds),
  }
}

const weight = (description: string) => Type.Integer({ minimum: 1, maximum: 1000, description })

const fields = {
  autoHideWeight: weight('Flag weight past which an item is hidden pending review (default 5).'),
  offHoursAutoHideWeight: weight(
    'The same when no moderator is on duty (default 3); at most autoHideWeight. With no duty schedule at all, the community is always covered and this never applies.',
  ),
  holdNewMembersPosts: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: 'How many of a member’s first posts are held for approval (default 0: none).',
  }),
  offHoursHoldTrustBelow: Type.Integer({
    minimum: 0,
    maximum: 5,
    description: 'Off hours, posts by members under this trust level are held (default 1; 0: none).',
  }),
  newMemberMaxLinks: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: 'Links a trust-0 member may put in one post (default 2).',
  }),
  newMemberImages: Type.Boolean({ description: 'Whether trust-0 members may show images (default false).' }),
  trustedFlagWeight: Type.Integer({
    minimum: 1,
    maximum: 100,
    description: 'Weight of a flag from trust level 2 or more; other flags weigh 1 (default 3).',
  }),
  alertWebhookUrl: Nullable(
    Type.String({
      maxLength: 2000,
      description:
        'An http(s) address urgent flags are POSTed to as JSON (with a `text` line chat tools show).',
    }),
  ),
  alertEmail: Nullable(
    Type.String({
      maxLength: 254,
      description: 'A mailbox urgent flags are also emailed to (needs SMTP_URL).',
    }),
  ),
  urgentRuleIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: 100,
    description:
      'Charter rules whose flags are urgent and alert the moderator on call (default: privacy, legal and any rule whose id contains "threat" or "menace").',
  }),
}

export const SettingsResponse = Type.Object(fields)

export const SettingsBody = Type.Partial(Type.Object(fields, { additionalProperties: false }), {
  additionalProperties: false,
  description: 'The settings to change; those left out keep their value.',
})
