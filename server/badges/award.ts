import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'

export interface BadgeDefinition {
  slug: string
  nameEn: string
  nameFr: string
  descriptionEn?: string
  descriptionFr?: string
  /** An icon name the client draws (star, trophy, medal, flame…). */
  icon?: string
}

/**
 * Awards a badge for a reason (`source`, e.g. "contest:12"), creating the badge the first time it
 * is awarded. Awarding it again for the same reason changes nothing, so a retried job is harmless.
 * Returns whether the member got it just now (to notify them once).
 *
 *   await awardBadge(trx, userId, { slug: 'contest-winner', nameEn: 'Contest winner', nameFr: 'Gagnant de concours', icon: 'trophy' }, `contest:${id}`)
 */
export async function awardBadge(
  trx: Transaction<Database>,
  userId: number | string,
  badge: BadgeDefinition,
  source: string,
): Promise<boolean> {
  await trx
    .insertInto('badges')
    .values({
      slug: badge.slug,
      nameEn: badge.nameEn,
      nameFr: badge.nameFr,
      descriptionEn: badge.descriptionEn ?? '',
      descriptionFr: badge.descriptionFr ?? '',
      icon: badge.icon ?? 'star',
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute()
  const inserted = await trx
    .insertInto('userBadges')
    .columns(['userId', 'badgeId', 'source'])
    .expression((eb) =>
      eb
        .selectFrom('badges')
        .select([eb.val(String(userId)).as('userId'), 'id', eb.val(source).as('source')])
        .where('slug', '=', badge.slug),
    )
    .onConflict((oc) => oc.columns(['userId', 'badgeId', 'source']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}
