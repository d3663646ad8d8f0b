import type { FastifyInstance } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import type { Database } from '../../db/database.js'
import { notFound, unprocessable } from '../../http/errors.js'
import { type LiveEvent, lockChannelSql } from '../../live/events.js'
import { eventChannel } from '../live.js'
import { canSee } from '../policy.js'
import { presentRsvp } from '../present.js'
import { findEvent } from '../queries.js'
import type { RsvpChoice, RsvpStatus } from '../schema.js'

// RSVPs. Every RSVP of an event is serialised by the event row's lock (`select … for update`),
// so the time that lock is held is the event's throughput: the locked part runs in the database,
// in one call of `event_rsvp` (migrations/0009_events.ts), never across round trips to this
// process. It writes the member's answer, the counts on the event row, hands freed places to the
// earliest waitlisted members with a notification each, and records `rsvp.changed` on the event's
// channel, in one transaction. Two RSVPs of one member cannot exist: (event_id, user_id) is the
// primary key of event_rsvps.

interface RsvpOutcome {
  error?: 'not_found' | 'event_cancelled' | 'event_ended' | 'rsvp_closed'
  status?: RsvpStatus | null
  position?: number | null
  changedId?: number
  notices: { id: number; userId: number }[]
}

const refusals = {
  event_cancelled: 'This event was cancelled.',
  event_ended: 'This event has ended.',
  rsvp_closed: 'RSVPs for this event closed at its deadline.',
} as const

/** The live events an RSVP recorded: the event's new counts, and each promoted member's notice. */
function liveOf(eventId: number, outcome: Pick<RsvpOutcome, 'changedId' | 'notices'>): LiveEvent[] {
  const live: LiveEvent[] = outcome.notices.map((n) => ({
    id: Number(n.id),
    channel: `user:${n.userId}`,
    type: 'event.promoted',
    data: { eventId },
  }))
  if (outcome.changedId != null)
    live.unshift({
      id: Number(outcome.changedId),
      channel: eventChannel(eventId),
      type: 'rsvp.changed',
      data: {},
    })
  return live
}

/**
 * Runs `event_rsvp` for a member the event is visible to (404 otherwise, as for one that does not
 * exist): `choice` null withdraws. One statement, its own transaction.
 */
async function callRsvp(
  app: FastifyInstance,
  viewer: Viewer,
  eventId: number,
  choice: RsvpChoice | null,
): Promise<RsvpOutcome> {
  const event = await findEvent(app.db, eventId)
  if (!event || !canSee(viewer, event)) throw notFound(`Event ${eventId}`)
  const { rows } = await sql<{ outcome: RsvpOutcome }>`
    select event_rsvp(${eventId}::bigint, ${viewer.id}::bigint, ${choice}::text, ${app.clock()}::timestamptz) as outcome`.execute(
    app.db,
  )
  const outcome = rows[0]!.outcome
  if (outcome.error === 'not_found') throw notFound(`Event ${eventId}`)
  if (outcome.error) throw unprocessable(outcome.error, refusals[outcome.error])
  await app.live.publish(liveOf(eventId, outcome))
  return outcome
}

/**
 * Sets the viewer's answer. `going` gets a place while there is one and nobody waits, otherwise
 * a place at the end of the waitlist (asking `going` again keeps it); leaving `going` hands the
 * place to the first waitlisted member, who is notified. Joining is refused once the event was
 * cancelled, has ended or its RSVP deadline passed; `not_going` only in the first two cases.
 * @example await setRsvp(app, viewer, 12, 'going') // { status: 'waitlisted', position: 3 }
 */
export async function setRsvp(app: FastifyInstance, viewer: Viewer, eventId: number, choice: RsvpChoice) {
  const outcome = await callRsvp(app, viewer, eventId, choice)
  return presentRsvp({ status: outcome.status as RsvpStatus, position: outcome.position ?? null })
}

/**
 * Withdraws the viewer's answer altogether (DELETE): a going member's place goes to the first
 * waitlisted member. Accepted past the RSVP deadline (it frees a place), not once the event has
 * ended or was cancelled. Nothing to withdraw is not an error.
 */
export async function withdrawRsvp(app: FastifyInstance, viewer: Viewer, eventId: number): Promise<void> {
  await callRsvp(app, viewer, eventId, null)
}

/**
 * After an edit that freed places (capacity raised or removed), in the edit's transaction with
 * the event locked: the earliest waitlisted members take them, each notified, and the event's
 * channel hears the new counts. Returns the live events to publish after commit.
 */
export async function fillPlaces(trx: Transaction<Database> | Kysely<Database>, eventId: number) {
  const { rows } = await sql<{ notices: RsvpOutcome['notices'] }>`
    select event_fill(${eventId}::bigint) as notices`.execute(trx)
  const notices = rows[0]!.notices
  if (notices.length === 0) return []
  const { rows: counts } = await sql<{ id: number }>`
    insert into live_events (channel, type, data)
    select 'event:' || e.id, 'rsvp.changed', jsonb_build_object('eventId', e.id, 'goingCount', e.going_count,
      'waitlistCount', e.waitlist_count, 'maybeCount', e.maybe_count,
      'placesLeft', case when e.capacity is null then null else greatest(e.capacity - e.going_count, 0) end)
    from events e, (select ${lockChannelSql(eventChannel(eventId))}) as locked
    where e.id = ${eventId}::bigint
    returning id`.execute(trx)
  return liveOf(eventId, { changedId: counts[0]!.id, notices })
}
