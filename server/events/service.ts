import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import type { CategoryInfo } from '../forum/categories/directory.js'
import { ensureOpenCategory } from '../forum/categories/service.js'
import { afterTopicCommit, prepareTopic, writeTopic } from '../forum/topics/service.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { notFound, unprocessable } from '../http/errors.js'
import { type IdempotencyClaim, idempotent, isReplay } from '../http/idempotency.js'
import { renderPost } from '../render/markdown.js'
import { canSee } from './policy.js'
import { eventPath, presentEvent } from './present.js'
import { eventPage, findEvent, nextEventId, rsvpsOf, selectEvents } from './queries.js'
import { scheduleReminders } from './reminders.js'
import type { EventCreate, EventListQuery } from './schema.js'
import { checkEvent, type EventFields } from './validate.js'

/** An event the reader may see, with their own RSVP; 404 when it does not exist or is not theirs to see. */
export async function getEvent(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const row = await findEvent(app.db, id)
  if (!row || !canSee(viewer, row)) throw notFound(`Event ${id}`)
  const mine = viewer ? ((await rsvpsOf(app.db, viewer.id, [id]))[0] ?? null) : null
  return presentEvent(row, viewer, app.clock(), mine)
}

/**
 * The events the reader may see that have not ended by `from` (default: now), by start.
 * @example await listEvents(app, null, { limit: 20 }) // { items, nextCursor }
 */
export async function listEvents(
  app: FastifyInstance,
  viewer: Viewer | null,
  query: Static<typeof EventListQuery>,
) {
  const after = decodeKeys<[number, number]>(query.cursor, 'nn')
  const limit = query.limit ?? 20
  const now = app.clock()
  const rows = await eventPage(app.db, viewer, {
    from: query.from ? new Date(query.from) : now,
    to: query.to ? new Date(query.to) : null,
    after,
    limit,
  })
  const shown = rows.slice(0, limit).map((r) => r.id)
  const mine = new Map(viewer ? (await rsvpsOf(app.db, viewer.id, shown)).map((r) => [r.eventId, r]) : [])
  return keysetPage(
    rows,
    limit,
    (r) => [Number(r.startsMicros), r.id],
    (r) => presentEvent(r, viewer, now, mine.get(r.id) ?? null),
  )
}

async function checkGroup(app: FastifyInstance, groupId: number | null): Promise<void> {
  if (groupId === null) return
  const group = await app.db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst()
  if (!group) throw unprocessable('unknown_group', `There is no group ${groupId}.`)
}

/** Readers of a category restricted to exactly this group, no more: a group event's discussion stays in it. */
export const onlyGroup = (c: CategoryInfo, groupId: number) =>
  c.readGroups?.length === 1 && c.readGroups[0] === groupId

/**
 * Where an event's discussion topic goes: the category asked for, or the community's "events"
 * category, or its first category open to everyone (for a group event, the first restricted to
 * exactly that group). A group event's
 * topic may not sit where others than the group read it.
 */
async function pickCategory(
  app: FastifyInstance,
  actor: Viewer,
  fields: EventFields,
  categoryId: number | undefined,
) {
  if (categoryId !== undefined) {
    const category = await app.categories.byId(categoryId)
    if (!category) throw unprocessable('unknown_category', `There is no category ${categoryId}.`)
    if (fields.groupId !== null && !onlyGroup(category, fields.groupId))
      throw unprocessable(
        'category_too_open',
        'A group event’s discussion goes in a category restricted to that group alone.',
      )
    return category
  }
  const all = await app.categories.all()
  if (fields.groupId === null)
    // Its "events" category, else the first open to everyone (not the one made for contests); a
    // community with none yet (just installed) gets an "events" category the first time.
    return (
      all.find((c) => c.slug === 'events' && c.readGroups === null) ??
      all.find((c) => c.readGroups === null && c.slug !== 'contests') ??
      ensureOpenCategory(app, actor, {
        slug: 'events',
        name: 'Events',
        description: 'Discussions of the community’s events.',
      })
    )
  const category = all.find((c) => onlyGroup(c, fields.groupId!))
  if (!category)
    throw unprocessable(
      'no_category',
      'No category is restricted to this group alone: create one, or pass categoryId.',
    )
  return category
}

/** The discussion topic's opening post: the description, then when and where, and a link to the event. */
function topicBody(app: FastifyInstance, id: number, f: EventFields): string {
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: f.timeZone })
  const start = at(f.startsAt)
  const end = at(f.endsAt)
  const sameDay = start.hasSame(end, 'day')
  const when = `${start.toFormat('yyyy-MM-dd HH:mm')} – ${end.toFormat(sameDay ? 'HH:mm' : 'yyyy-MM-dd HH:mm')} (${f.timeZone})`
  const where = [f.location, f.onlineUrl].filter(Boolean).join(' · ')
  return [
    f.description.trim(),
    '',
    `📅 ${when}${where ? `  \n📍 ${where}` : ''}`,
    '',
    `[Événement · Event](${app.config.publicUrl}${eventPath(id)})`,
  ]
    .join('\n')
    .trim()
}

export const renderDescription = async (app: FastifyInstance, description: string) =>
  description.trim() === ''
    ? ''
    : (await renderPost({ db: app.db, publicUrl: app.config.publicUrl }, description)).html

/**
 * Creates an event with its discussion topic, in one transaction (moderators), its reminders
 * scheduled and the creation audited. With an Idempotency-Key, a retry answers the first response
 * and creates nothing twice.
 * @example await createEvent(app, moderator, { title: 'Sortie vélo', description: '', startsAt, endsAt, timeZone: 'Europe/Paris', capacity: 20 })
 */
export async function createEvent(
  app: FastifyInstance,
  actor: Viewer,
  input: Static<typeof EventCreate>,
  claim?: IdempotencyClaim,
) {
  const fields = checkEvent(input)
  await checkGroup(app, fields.groupId)
  const category = await pickCategory(app, actor, fields, input.categoryId)
  const html = await renderDescription(app, fields.description)
  const id = await nextEventId(app.db)
  const prepared = await prepareTopic(app, actor, {
    categoryId: category.id,
    title: fields.title,
    body: topicBody(app, id, fields),
  })
  const now = app.clock()
  const outcome = await app.db.transaction().execute((trx) =>
    idempotent(
      trx,
      claim,
      async () => {
        const topic = await writeTopic(trx, prepared)
        await trx
          .insertInto('events')
          .values({
            id,
            ...fields,
            html,
            categoryId: category.id,
            topicId: topic.body.topic.id,
            createdBy: actor.id,
          })
          .execute()
        await scheduleReminders(trx, { id, startsAt: fields.startsAt }, now)
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'event.created',
          targetType: 'event',
          targetId: id,
          data: {
            title: fields.title,
            startsAt: fields.startsAt.toISOString(),
            topicId: topic.body.topic.id,
          },
        })
        const row = await selectEvents(trx).where('e.id', '=', id).executeTakeFirstOrThrow()
        return { statusCode: 201, body: { event: presentEvent(row, actor, now) }, topic }
      },
      (r) => r.body,
    ),
  )
  if (!isReplay(outcome)) await afterTopicCommit(app, prepared, outcome.topic)
  return outcome
}
