import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../db/database.js'
import { badRequest, conflict, unprocessable } from '../http/errors.js'
import { renderPost } from '../render/markdown.js'
import { isReservedBadge } from './complete.js'
import { isTimeZone } from './occurrences.js'
import type * as q from './queries.js'
import type { BadgeInput } from './schema.js'

// What a challenge may be: checked before anything is written (4xx, never a 500).

export interface Draft {
  title: string
  description: string
  points: number
  startsAt: string | Date
  endsAt: string | Date | null
  timeZone: string
  recurrence: q.ChallengeValues['recurrence']
  rule: { action: q.Action; count: number; categoryId?: number | null | undefined } | null
  html?: string
}

/** Checks what a challenge would become and gives its stored values (the description rendered). */
export async function checked(app: FastifyInstance, d: Draft): Promise<Omit<q.ChallengeValues, 'badgeSlug'>> {
  const title = d.title.trim()
  if (title === '') throw badRequest('invalid_title', 'A challenge needs a title.')
  if (!isTimeZone(d.timeZone))
    throw unprocessable(
      'unknown_time_zone',
      `Unknown time zone "${d.timeZone}" (use an IANA name such as Europe/Paris).`,
    )
  const startsAt = new Date(d.startsAt)
  const endsAt = d.endsAt === null ? null : new Date(d.endsAt)
  if (Number.isNaN(startsAt.getTime()) || (endsAt && Number.isNaN(endsAt.getTime())))
    throw badRequest('invalid_date', 'startsAt and endsAt must be ISO 8601 dates.')
  if (endsAt && endsAt <= startsAt) throw unprocessable('invalid_dates', 'endsAt must come after startsAt.')
  const categoryId = d.rule?.categoryId ?? null
  if (categoryId !== null && !(await app.categories.byId(categoryId)))
    throw unprocessable('unknown_category', `There is no category ${categoryId}.`)
  const html =
    d.html ?? (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, d.description)).html
  return {
    title,
    description: d.description,
    html,
    points: d.points,
    startsAt,
    endsAt,
    timeZone: d.timeZone,
    recurrence: d.recurrence,
    completion: d.rule ? 'activity' : 'submission',
    ruleAction: d.rule?.action ?? null,
    ruleCount: d.rule?.count ?? null,
    ruleCategoryId: categoryId,
  }
}

/**
 * The badge a challenge hands out: an existing one named by its slug alone, or a new one with
 * both its names. Milestone and contest badges are not a challenge's to give.
 */
export async function defineBadge(trx: Transaction<Database>, b: Static<typeof BadgeInput>): Promise<string> {
  if (isReservedBadge(b.slug))
    throw unprocessable('reserved_badge', `The badge "${b.slug}" is awarded by Tribune itself.`)
  const exists = await trx.selectFrom('badges').select('id').where('slug', '=', b.slug).executeTakeFirst()
  const described = [b.nameEn, b.nameFr, b.descriptionEn, b.descriptionFr, b.icon].some(
    (v) => v !== undefined,
  )
  if (exists) {
    if (described)
      throw conflict(
        'badge_exists',
        `The badge "${b.slug}" already exists: name it by its slug alone to reuse it.`,
      )
    return b.slug
  }
  if (!b.nameEn?.trim() || !b.nameFr?.trim())
    throw unprocessable('badge_names_required', 'A new badge needs a name in English and in French.')
  await trx
    .insertInto('badges')
    .values({
      slug: b.slug,
      nameEn: b.nameEn.trim(),
      nameFr: b.nameFr.trim(),
      descriptionEn: b.descriptionEn ?? '',
      descriptionFr: b.descriptionFr ?? '',
      icon: b.icon ?? 'star',
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute()
  return b.slug
}
