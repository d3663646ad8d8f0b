import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import type { Database } from '../db/database.js'
import { forbidden, notFound, unprocessable } from '../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../live/events.js'

// What every moderation decision shares: the charter rule it applies, whom it may touch, and
// the notice that tells the member which rule was applied and why.

export interface CitedRule {
  id: string
  title: string
  body: string
}

/** The rule of the charter in force a decision cites; 422 when the charter has no such rule. */
export async function citeRule(app: FastifyInstance, ruleId: string): Promise<CitedRule> {
  const charter = await app.charter.current()
  const rule = charter?.rules.find((r) => r.id === ruleId)
  if (!rule)
    throw unprocessable(
      'unknown_rule',
      `The charter in force has no rule "${ruleId}"; cite one of: ${charter?.rules.map((r) => r.id).join(', ')}.`,
    )
  return rule
}

/**
 * Moderators act on members, never on admins or on themselves; admins act on anyone but
 * themselves. `targetRole` is the role of the member the decision falls on.
 */
export function assertMayActOn(actor: Viewer, target: { id: number; role: string }): void {
  if (target.id === actor.id)
    throw forbidden('self_moderation', 'You cannot take a moderation decision about yourself.')
  if (target.role === 'admin' && actor.role !== 'admin')
    throw forbidden('target_is_admin', 'Moderators cannot act against an admin.')
}

/** The member a decision falls on, with their role; 404 when there is none. */
export async function loadMember(db: Transaction<Database> | FastifyInstance['db'], id: number) {
  const row = await db
    .selectFrom('users')
    .select(['id', 'handle', 'displayName', 'role', 'trustLevel', 'createdAt', 'postCount'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound(`User ${id}`)
  return row
}

export interface Notice {
  /** What was decided: `post.hidden`, `sanction.silence`, `appeal.overturned`… */
  action: string
  rule: CitedRule | null
  reason: string
  /** Anything the member needs to find what it is about (postId, topicId, sanctionId, endsAt). */
  [key: string]: unknown
}

/**
 * Tells a member about a decision on their `user:<id>` channel, in the decision's transaction,
 * with the full text of the rule applied: the member reads the rule, not just its name.
 */
export function recordNotice(trx: Transaction<Database>, userId: number, notice: Notice): Promise<LiveEvent> {
  const { rule, ...rest } = notice
  return recordLiveEvent(trx, `user:${userId}`, 'moderation.notice', {
    ...rest,
    ruleId: rule?.id ?? null,
    ruleTitle: rule?.title ?? null,
    ruleBody: rule?.body ?? null,
  })
}

/** The channel moderators follow: the queue and appeals change live for all of them. */
export const moderationChannel = 'moderation'
