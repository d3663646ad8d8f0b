import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { visiblePost, visibleTopic } from '../../forum/load.js'
import { conflict, notFound, unprocessable } from '../../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { type CitedRule, citeRule, loadMember, recordNotice } from '../decision.js'
import { recordQueueChange } from '../queue/events.js'
import { openItem, type TargetType } from '../queue/queries.js'

export interface FlagInput {
  ruleId: string
  note?: string | undefined
}

/** What a flag is about, resolved and checked: the post to hide past the threshold, the member concerned. */
interface FlagTarget {
  type: TargetType
  id: number
  memberId: number
  /** The post that is hidden pending review when the flags weigh enough (a topic's opening post). */
  postId: number | null
  topicId: number | null
  url: string
}

async function resolveTarget(
  app: FastifyInstance,
  viewer: Viewer,
  type: TargetType,
  id: number,
): Promise<FlagTarget> {
  if (type === 'post') {
    const { post } = await visiblePost(app, viewer, id)
    if (post.deletedAt !== null) throw notFound(`Post ${id}`)
    return {
      type,
      id,
      memberId: post.authorId,
      postId: id,
      topicId: post.topicId,
      url: `/t/-/${post.topicId}#post-${id}`,
    }
  }
  if (type === 'topic') {
    const { topic } = await visibleTopic(app, viewer, id)
    const first = await app.db
      .selectFrom('posts')
      .select('id')
      .where('topicId', '=', id)
      .where('postNumber', '=', 1)
      .executeTakeFirst()
    return {
      type,
      id,
      memberId: topic.authorId,
      postId: first?.id ?? null,
      topicId: id,
      url: `/t/${topic.slug}/${id}`,
    }
  }
  const member = await loadMember(app.db, id)
  return { type, id, memberId: member.id, postId: null, topicId: null, url: `/u/${member.handle}` }
}

/**
 * A member flags a post, a topic or a member, citing a charter rule: one flag per member per item.
 * The flag joins the item's review-queue entry; flags from trusted members weigh more, and past
 * the threshold (lower off hours) the content is hidden pending review. Flags citing an urgent
 * rule (threats, personal data) alert the moderator on call.
 * @example await flag(app, member, 'post', 42, { ruleId: 'respect', note: 'Insulte' })
 */
export async function flag(
  app: FastifyInstance,
  viewer: Viewer,
  type: TargetType,
  id: number,
  input: FlagInput,
) {
  const target = await resolveTarget(app, viewer, type, id)
  if (target.memberId === viewer.id)
    throw unprocessable(
      'own_content',
      type === 'user' ? 'You cannot flag yourself.' : 'You cannot flag your own content.',
    )
  const rule = await citeRule(app, input.ruleId)
  const policy = app.moderationPolicy
  const [weight, urgent, threshold] = await Promise.all([
    policy.flagWeight(viewer.trustLevel),
    policy.isUrgentRule(rule.id),
    policy.autoHideWeight(),
  ])
  const note = input.note?.trim() ?? ''

  const outcome = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('flags')
      .values({ targetType: type, targetId: id, flaggerId: viewer.id, ruleId: rule.id, note, weight, urgent })
      .onConflict((oc) => oc.columns(['targetType', 'targetId', 'flaggerId']).doNothing())
      .returning(['id', 'createdAt'])
      .executeTakeFirst()
    if (!row) throw conflict('already_flagged', 'You have already flagged this; moderators will review it.')
    const item = await openItem(trx, {
      kind: 'flagged',
      targetType: type,
      targetId: id,
      memberId: target.memberId,
      urgent,
      flagWeight: weight,
    })
    const events: LiveEvent[] = await recordQueueChange(trx, [item.id], item.created ? 'added' : 'updated')
    let hidden = false
    if (target.postId !== null && item.flagWeight >= threshold) {
      const auto = await hidePendingReview(trx, target, rule, item.flagCount)
      hidden = auto.length > 0
      events.push(...auto)
    }
    return {
      flag: { id: row.id, createdAt: row.createdAt },
      itemId: item.id,
      firstUrgent: urgent && item.created,
      hidden,
      events,
    }
  })
  await app.live.publish(outcome.events)
  if (outcome.firstUrgent)
    void policy.alertUrgent({
      itemId: outcome.itemId,
      kind: type,
      ruleId: rule.id,
      note,
      url: target.url,
      flaggedBy: viewer.handle,
    })
  return {
    id: outcome.flag.id,
    targetType: type,
    targetId: id,
    ruleId: rule.id,
    note,
    weight,
    urgent,
    createdAt: new Date(outcome.flag.createdAt).toISOString(),
    itemHidden: outcome.hidden,
  }
}

/**
 * Hides the flagged post until a moderator looks: no moderator decided yet, so the audit entry
 * has no actor, and the author is told it is pending review, not a sanction.
 */
async function hidePendingReview(
  trx: Transaction<Database>,
  target: FlagTarget,
  rule: CitedRule,
  flagCount: number,
): Promise<LiveEvent[]> {
  const reason = `Hidden pending review after ${flagCount} flag(s) / Masqué en attendant une modération après ${flagCount} signalement(s)`
  const hidden = await trx
    .updateTable('posts')
    .set({ hiddenAt: sql`now()`, hiddenBy: null, hiddenRuleId: rule.id, hiddenReason: reason })
    .where('id', '=', target.postId!)
    .where('hiddenAt', 'is', null)
    .where('deletedAt', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!hidden) return []
  await recordAudit(trx, {
    actorId: null,
    action: 'post.auto_hidden',
    targetType: 'post',
    targetId: target.postId!,
    ruleId: rule.id,
    reason,
    data: { flags: flagCount },
  })
  return [
    await recordLiveEvent(trx, `topic:${target.topicId}`, 'post.hidden', { postId: target.postId }),
    await recordNotice(trx, target.memberId, {
      action: 'post.auto_hidden',
      rule,
      reason,
      postId: target.postId,
      topicId: target.topicId,
    }),
  ]
}
