import type { Transaction } from 'kysely'
import { awardBadge, type BadgeDefinition } from '../badges/award.js'
import type { Database } from '../db/database.js'
import { type LiveEvent, recordLiveEvent } from '../live/events.js'
import type { Occurrence } from './occurrences.js'
import { creditPoints } from './points.js'
import type { ChallengeRow } from './queries.js'

// Completing a challenge: the completion row (once per member and occurrence), the points, the
// badges it earns, and the member's notifications, all in one transaction.

export const firstChallengeBadge: BadgeDefinition = {
  slug: 'first-challenge',
  nameEn: 'First challenge',
  nameFr: 'Premier défi',
  descriptionEn: 'Completed a first challenge.',
  descriptionFr: 'A relevé un premier défi.',
  icon: 'flag',
}

export const pointBadges: { points: number; badge: BadgeDefinition }[] = [
  { points: 100, icon: 'star' },
  { points: 500, icon: 'medal' },
  { points: 1000, icon: 'trophy' },
].map(({ points, icon }) => ({
  points,
  badge: {
    slug: `points-${points}`,
    nameEn: `${points} points`,
    nameFr: `${points} points`,
    descriptionEn: `Earned ${points} points.`,
    descriptionFr: `A gagné ${points} points.`,
    icon,
  },
}))

/** Slugs a challenge may not hand out as its own badge: they mean something else. */
export function isReservedBadge(slug: string): boolean {
  return slug === firstChallengeBadge.slug || /^points-\d+$/.test(slug) || slug.startsWith('contest-')
}

/**
 * Records that `userId` completed `challenge` in `occurrence`, credits its points and awards the
 * badges it earns: the first challenge, each points milestone crossed, the challenge's own badge.
 * Returns the notifications to publish after commit, or null when this occurrence was already
 * completed (a retried job, the viewer's request racing the job): nothing is written twice.
 */
export async function recordCompletion(
  trx: Transaction<Database>,
  challenge: ChallengeRow,
  userId: number,
  occurrence: Occurrence,
  how: { via: 'activity' | 'submission'; submissionId?: number; at: Date },
): Promise<LiveEvent[] | null> {
  const done = await trx
    .insertInto('challengeCompletions')
    .values({
      challengeId: challenge.id,
      userId,
      occurrence: occurrence.key,
      points: challenge.points,
      via: how.via,
      submissionId: how.submissionId ?? null,
      completedAt: how.at,
    })
    .onConflict((oc) => oc.constraint('challenge_completions_once').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!done) return null
  const source = `challenge:${challenge.id}:${occurrence.key}`
  const total = await creditPoints(trx, {
    userId,
    amount: challenge.points,
    reason: 'challenge',
    source,
    at: how.at,
  })
  const channel = `user:${userId}`
  const events = [
    await recordLiveEvent(trx, channel, 'challenge.completed', {
      challengeId: challenge.id,
      title: challenge.title,
      occurrence: occurrence.key,
      points: total === null ? 0 : challenge.points,
      total,
    }),
  ]
  const earned: [BadgeDefinition, string][] = [[firstChallengeBadge, 'milestone:first-challenge']]
  if (total !== null)
    for (const m of pointBadges)
      if (total >= m.points && total - challenge.points < m.points)
        earned.push([m.badge, `milestone:points-${m.points}`])
  if (challenge.badgeSlug)
    earned.push([
      {
        slug: challenge.badgeSlug,
        nameEn: challenge.badgeNameEn ?? challenge.badgeSlug,
        nameFr: challenge.badgeNameFr ?? challenge.badgeSlug,
        icon: challenge.badgeIcon ?? 'star',
      },
      `challenge:${challenge.id}`,
    ])
  for (const [badge, why] of earned) {
    if (await awardBadge(trx, userId, badge, why))
      events.push(
        await recordLiveEvent(trx, channel, 'badge.awarded', {
          slug: badge.slug,
          nameEn: badge.nameEn,
          nameFr: badge.nameFr,
          icon: badge.icon ?? 'star',
          source: why,
          challengeId: challenge.id,
        }),
      )
  }
  return events
}
