import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import type { Database, Db } from '../db/database.js'
import { findTopic } from '../forum/queries.js'
import { conflict, notFound, unprocessable } from '../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../live/events.js'
import { eventChannel } from './live.js'
import { notifyMembers } from './notify.js'
import { eventPath } from './present.js'
import { type EventRow, findEvent, lockEvent } from './queries.js'
import { cancelReminders, scheduleReminders } from './reminders.js'
import { fillPlaces } from './rsvp/service.js'
import type { EventPatch, Visibility } from './schema.js'
import { getEvent, onlyGroup, renderDescription } from './service.js'
import { checkEvent, resolveVisibility } from './validate.js'

// Moderators editing and cancelling events: each change under the event's lock, audited, the
// members who answered told when it matters, reminders and calendars following.

/** What a change means for members who answered: told when it moves or changes place. */
const noticeFields = new Set(['startsAt', 'endsAt', 'timeZone', 'location', 'onlineUrl'])
/** Changes calendar apps should pick up (the iCalendar SEQUENCE goes up). */
const calendarFields = new Set([...noticeFields, 'title', 'description'])

/**
 * Who sees the event after an edit: visibility and groupId merged into the event's. A groupId
 * alone makes it a group event; `groupId: null` alone cannot say who sees a group event now.
 */
function mergeVisibility(
  event: EventRow,
  patch: Static<typeof EventPatch>,
): { visibility: Visibility; groupId: number | null } {
  if (patch.visibility === undefined && patch.groupId === undefined)
    return { visibility: event.visibility as Visibility, groupId: event.groupId }
  if (patch.visibility !== undefined) {
    const groupId =
      patch.groupId !== undefined ? patch.groupId : patch.visibility === 'group' ? event.groupId : null
    return resolveVisibility(patch.visibility, groupId)
  }
  if (patch.groupId != null) return resolveVisibility('group', patch.groupId)
  if (event.visibility !== 'group') return { visibility: event.visibility as Visibility, groupId: null }
  throw unprocessable('group_required', 'Say who sees the event instead: visibility public or members.')
}

/** Members who answered going, waitlisted or maybe. */
async function attendeeIds(db: Db | Transaction<Database>, eventId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('eventRsvps')
    .select('userId')
    .where('eventId', '=', eventId)
    .where('status', 'in', ['going', 'waitlisted', 'maybe'])
    .execute()
  return rows.map((r) => r.userId)
}

/**
 * Edits an event (moderators), audited with what changed. Raising the capacity (or removing it)
 * promotes from the waitlist at once; lowering it below the members already going is refused.
 * Moving the start reschedules the reminders; members who answered are told of a new time or place.
 * @example await updateEvent(app, moderator, 12, { capacity: 40 })
 */
export async function updateEvent(
  app: FastifyInstance,
  actor: Viewer,
  id: number,
  patch: Static<typeof EventPatch>,
) {
  const html = patch.description === undefined ? undefined : await renderDescription(app, patch.description)
  // Where the discussion is now (it may have been moved), read before the transaction: nothing
  // inside it may wait on the pool (PGlite has a single connection).
  const current = await findEvent(app.db, id)
  if (!current) throw notFound(`Event ${id}`)
  const topic = current.topicId === null ? undefined : await findTopic(app.db, current.topicId)
  const topicCategory = topic ? await app.categories.byId(topic.categoryId) : undefined
  const now = app.clock()
  const live = await app.db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, id)
    if (!event) throw notFound(`Event ${id}`)
    if (event.cancelledAt !== null) throw conflict('event_cancelled', 'A cancelled event cannot be edited.')
    const fields = checkEvent({
      title: patch.title ?? event.title,
      description: patch.description ?? event.description,
      startsAt: patch.startsAt ?? event.startsAt,
      endsAt: patch.endsAt ?? event.endsAt,
      timeZone: patch.timeZone ?? event.timeZone,
      location: patch.location === undefined ? event.location : patch.location,
      onlineUrl: patch.onlineUrl === undefined ? event.onlineUrl : patch.onlineUrl,
      capacity: patch.capacity === undefined ? event.capacity : patch.capacity,
      rsvpDeadline: patch.rsvpDeadline === undefined ? event.rsvpDeadline : patch.rsvpDeadline,
      ...mergeVisibility(event, patch),
      qaOpen: patch.qaOpen ?? event.qaOpen,
    })
    if (fields.groupId !== null && fields.groupId !== event.groupId) {
      const group = await trx
        .selectFrom('groups')
        .select('id')
        .where('id', '=', fields.groupId)
        .executeTakeFirst()
      if (!group) throw unprocessable('unknown_group', `There is no group ${fields.groupId}.`)
      if (topicCategory && !onlyGroup(topicCategory, fields.groupId))
        throw unprocessable(
          'category_too_open',
          'Move the event’s discussion topic to a category restricted to that group alone first.',
        )
    }
    if (fields.capacity !== null && fields.capacity < event.goingCount)
      throw unprocessable(
        'capacity_below_going',
        `${event.goingCount} members are already going: the capacity cannot go below that.`,
      )
    const before: Record<string, unknown> = {
      ...event,
      startsAt: new Date(event.startsAt).toISOString(),
      endsAt: new Date(event.endsAt).toISOString(),
      rsvpDeadline: event.rsvpDeadline && new Date(event.rsvpDeadline).toISOString(),
    }
    const after: Record<string, unknown> = {
      ...fields,
      startsAt: fields.startsAt.toISOString(),
      endsAt: fields.endsAt.toISOString(),
      rsvpDeadline: fields.rsvpDeadline?.toISOString() ?? null,
    }
    const changes = Object.fromEntries(
      Object.keys(fields)
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    )
    const changed = Object.keys(changes)
    if (changed.length === 0) return []
    await trx
      .updateTable('events')
      .set({
        ...fields,
        ...(html !== undefined ? { html } : {}),
        updatedAt: sql`now()`,
        ...(changed.some((k) => calendarFields.has(k)) ? { sequence: sql`sequence + 1` } : {}),
      })
      .where('id', '=', id)
      .execute()
    if (changes.startsAt) await scheduleReminders(trx, { id, startsAt: fields.startsAt }, now)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'event.updated',
      targetType: 'event',
      targetId: id,
      data: { changes: changes.description ? { ...changes, description: { changed: true } } : changes },
    })
    const events: LiveEvent[] = [
      await recordLiveEvent(trx, eventChannel(id), 'event.updated', {
        eventId: id,
        changed,
      }),
    ]
    // A raised (or removed) capacity: the earliest waitlisted take the new places at once.
    if (changes.capacity) events.push(...(await fillPlaces(trx, id)))
    if (changed.some((k) => noticeFields.has(k)))
      events.push(
        ...(await notifyMembers(trx, await attendeeIds(trx, id), 'event.changed', {
          eventId: id,
          title: fields.title,
          startsAt: fields.startsAt.toISOString(),
          endsAt: fields.endsAt.toISOString(),
          timeZone: fields.timeZone,
          location: fields.location,
          onlineUrl: fields.onlineUrl,
          changed: changed.filter((k) => noticeFields.has(k)),
          url: eventPath(id),
        })),
      )
    return events
  })
  await app.live.publish(live)
  return getEvent(app, actor, id)
}

/**
 * Cancels an event (moderators): its reminders are dropped, members who answered are told, its
 * .ics says STATUS:CANCELLED so calendars remove it. Audited with the reason; 409 when already so.
 */
export async function cancelEvent(app: FastifyInstance, actor: Viewer, id: number, reason: string) {
  const live = await app.db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, id)
    if (!event) throw notFound(`Event ${id}`)
    if (event.cancelledAt !== null) throw conflict('already_cancelled', 'This event is already cancelled.')
    await trx
      .updateTable('events')
      .set({
        cancelledAt: sql`now()`,
        cancelledBy: actor.id,
        cancelReason: reason,
        qaOpen: false,
        sequence: sql`sequence + 1`,
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .execute()
    await cancelReminders(trx, id)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'event.cancelled',
      targetType: 'event',
      targetId: id,
      reason,
      data: { title: event.title, going: event.goingCount, waitlisted: event.waitlistCount },
    })
    return [
      await recordLiveEvent(trx, eventChannel(id), 'event.cancelled', { eventId: id, reason }),
      ...(await notifyMembers(trx, await attendeeIds(trx, id), 'event.cancelled', {
        eventId: id,
        title: event.title,
        startsAt: new Date(event.startsAt).toISOString(),
        reason,
        url: eventPath(id),
      })),
    ]
  })
  await app.live.publish(live)
  return getEvent(app, actor, id)
}
