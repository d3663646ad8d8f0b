import type { Charter } from '../../charter/service.js'
import type { Db } from '../../db/database.js'
import type { Bus } from '../../live/bus.js'
import type { Mailer } from '../../mail/mailer.js'
import { CachedValue, getSetting } from '../../settings/store.js'
import { type CrisisState, crisisApplies, loadCrisis } from '../crisis/state.js'
import { moderatorsOnDuty, nextChange } from '../duty/schedule.js'
import { loadShifts, type ShiftRow } from '../duty/service.js'
import { deliverAlert, type OnCall, type UrgentAlert } from './alerts.js'
import { type ModerationSettings, parseSettings, settingKey } from './settings.js'

export type HoldReason = 'crisis' | 'off_hours' | 'new_member'

export interface PostAuthor {
  id: number
  role: string
  trustLevel: number
  /** Posts already written (before this one). */
  postCount: number
}

interface Log {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface PolicyDeps {
  db: Db
  bus: Bus
  charter: Charter
  clock: () => Date
  mailer: Mailer
  log: Log
  publicUrl: string
}

/** Bus topics on which writers announce a change, so that every instance forgets its copy. */
export const topics = { settings: 'moderation-settings', duty: 'duty-schedule', crisis: 'crisis' } as const

const isStaffRole = (role: string) => role === 'moderator' || role === 'admin'

/**
 * The policy the forum's write path and the flagging code apply: what is held, hidden, slowed or
 * limited, and who is alerted, given the admin's settings, the duty schedule and crisis mode. Read
 * on every post, so all three are remembered per instance and forgotten when a writer says so.
 *
 * @example
 *   const reason = await app.moderationPolicy.holdReason({ categoryId, author })
 *   if (reason) // store the post held, with `reason`, and queue it for review
 */
export class ModerationPolicy {
  private readonly settingsCache: CachedValue<ModerationSettings>
  private readonly shiftsCache: CachedValue<ShiftRow[]>
  private readonly crisisCache: CachedValue<CrisisState>
  private readonly stopCharter: () => void
  private readonly pending = new Set<Promise<void>>()

  constructor(private readonly deps: PolicyDeps) {
    const { db, bus, charter } = deps
    this.settingsCache = new CachedValue(bus, topics.settings, async () => {
      const [stored, current] = await Promise.all([getSetting(db, settingKey), charter.current()])
      return parseSettings(stored, current?.rules.map((r) => r.id) ?? [])
    })
    // Who is a moderator changes without a schedule write (a role taken away): a minute at most.
    this.shiftsCache = new CachedValue(bus, topics.duty, () => loadShifts(db), 60_000)
    this.crisisCache = new CachedValue(bus, topics.crisis, () => loadCrisis(db))
    // The default urgent rules follow the charter's rule ids.
    this.stopCharter = bus.subscribe('charter', () => this.settingsCache.forget())
  }

  settings(): Promise<ModerationSettings> {
    return this.settingsCache.get()
  }

  crisis(): Promise<CrisisState> {
    return this.crisisCache.get()
  }

  shifts(): Promise<ShiftRow[]> {
    return this.shiftsCache.get()
  }

  /**
   * True when the schedule leaves `now` uncovered. A community with no schedule at all is always
   * covered: a fresh community is not put in strict mode before anyone set up duty hours.
   */
  async offHours(now: Date = this.deps.clock()): Promise<boolean> {
    const shifts = await this.shifts()
    return shifts.length > 0 && moderatorsOnDuty(shifts, now).length === 0
  }

  /** The flag weight past which an item is hidden pending review, now. */
  async autoHideWeight(): Promise<number> {
    const s = await this.settings()
    return (await this.offHours()) ? s.offHoursAutoHideWeight : s.autoHideWeight
  }

  /** What a flag from a member of this trust level weighs. */
  async flagWeight(trustLevel: number): Promise<number> {
    return trustLevel >= 2 ? (await this.settings()).trustedFlagWeight : 1
  }

  /** Whether a flag citing this rule is urgent (it alerts the moderator on call). */
  async isUrgentRule(ruleId: string): Promise<boolean> {
    return (await this.settings()).urgentRuleIds.includes(ruleId)
  }

  /**
   * Why a new post should be held for approval, or null to publish it: crisis mode in its category
   * first, then off hours for low-trust members, then a new member's first posts. Staff are never held.
   */
  async holdReason(input: { categoryId: number; author: PostAuthor }): Promise<HoldReason | null> {
    const { author } = input
    if (isStaffRole(author.role)) return null
    if (crisisApplies(await this.crisis(), input.categoryId)) return 'crisis'
    const s = await this.settings()
    if (author.trustLevel < s.offHoursHoldTrustBelow && (await this.offHours())) return 'off_hours'
    if (author.postCount < s.holdNewMembersPosts) return 'new_member'
    return null
  }

  /** The slow mode in force in a topic: its own, or crisis mode's where that is longer. */
  async slowModeSeconds(categoryId: number, topicSlowModeSeconds: number): Promise<number> {
    const crisis = await this.crisis()
    return crisisApplies(crisis, categoryId)
      ? Math.max(topicSlowModeSeconds, crisis.slowModeSeconds)
      : topicSlowModeSeconds
  }

  /** What a member may put in a post: trust-0 members are limited, null meaning no limit. */
  async linkLimits(author: {
    role: string
    trustLevel: number
  }): Promise<{ maxLinks: number | null; imagesAllowed: boolean }> {
    if (isStaffRole(author.role) || author.trustLevel > 0) return { maxLinks: null, imagesAllowed: true }
    const s = await this.settings()
    return { maxLinks: s.newMemberMaxLinks, imagesAllowed: s.newMemberImages }
  }

  /**
   * The moderators to alert now: those on duty; off hours, those due next; with no schedule (or
   * nobody due), every moderator, or the admins when there is no moderator.
   */
  async onCall(now: Date = this.deps.clock()): Promise<OnCall[]> {
    const shifts = await this.shifts()
    let ids = moderatorsOnDuty(shifts, now)
    if (ids.length === 0 && shifts.length > 0) {
      const next = nextChange(shifts, now)
      if (next) ids = moderatorsOnDuty(shifts, next)
    }
    const base = this.deps.db
      .selectFrom('users')
      .select(['id', 'handle', 'displayName', 'email'])
      // System accounts (the comments author) have no mailbox and are nobody to call.
      .where('email', 'like', '%@%')
      .orderBy('id')
    if (ids.length) return base.where('id', 'in', ids).execute()
    const moderators = await base.where('role', '=', 'moderator').execute()
    return moderators.length ? moderators : base.where('role', '=', 'admin').execute()
  }

  /**
   * Alerts the moderators on call about an urgent flag by webhook and email. Never throws; resolves
   * once delivery is done or has failed (logged). A request path should not wait for it:
   * `void app.moderationPolicy.alertUrgent(alert)`; shutdown waits for alerts still on their way.
   */
  alertUrgent(alert: UrgentAlert): Promise<void> {
    const task = this.deliver(alert).catch((err) =>
      this.deps.log.error({ err, itemId: alert.itemId }, 'urgent alert: delivery failed'),
    )
    this.pending.add(task)
    void task.finally(() => this.pending.delete(task))
    return task
  }

  private async deliver(alert: UrgentAlert): Promise<void> {
    const now = this.deps.clock()
    const [s, onCall, offHours] = await Promise.all([this.settings(), this.onCall(now), this.offHours(now)])
    await deliverAlert(
      alert,
      onCall,
      {
        webhookUrl: s.alertWebhookUrl,
        extraEmails: s.alertEmail ? [s.alertEmail] : [],
        publicUrl: this.deps.publicUrl,
        offHours,
        sentAt: now,
      },
      this.deps.mailer,
      this.deps.log,
    )
  }

  settingsChanged(): Promise<void> {
    return this.settingsCache.changed()
  }

  scheduleChanged(): Promise<void> {
    return this.shiftsCache.changed()
  }

  crisisChanged(): Promise<void> {
    return this.crisisCache.changed()
  }

  /** Waits for alerts on their way, then lets go of the bus and the mail transport. */
  async close(): Promise<void> {
    await Promise.all([...this.pending])
    for (const c of [this.settingsCache, this.shiftsCache, this.crisisCache]) c.close()
    this.stopCharter()
    this.deps.mailer.close()
  }
}
