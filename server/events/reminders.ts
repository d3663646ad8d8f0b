import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../db/database.js'
import { cancelJob, scheduleJob } from '../jobs/queue.js'
import type { Mailer } from '../mail/mailer.js'
import { readPrefs } from '../notifications/service.js'
import { notifyMembers } from './notify.js'
import { eventPath } from './present.js'
import { type EventRow, lockEvent } from './queries.js'

// Reminders: two keyed jobs per event (24 hours and 1 hour before its start), moved when the
// event moves and dropped when it is cancelled. A reminder is recorded in event_reminders in the
// same transaction as its notifications, so a job run twice (a retry, two instances) notifies once.

export const reminderJob = 'event.reminder'
export const reminders = [
  { name: '24h', beforeMs: 24 * 3600_000 },
  { name: '1h', beforeMs: 3600_000 },
] as const

export const reminderKey = (eventId: number, name: string) => `event:${eventId}:reminder:${name}`

/**
 * (Re)schedules an event's reminders for its start, in the caller's transaction: a reminder whose
 * time has already passed (an event created 3 hours ahead gets no 24-hour reminder) is dropped.
 */
export async function scheduleReminders(
  trx: Transaction<Database>,
  event: { id: number; startsAt: Date },
  now: Date,
): Promise<void> {
  for (const r of reminders) {
    const runAt = new Date(event.startsAt.getTime() - r.beforeMs)
    const key = reminderKey(event.id, r.name)
    if (runAt > now)
      await scheduleJob(trx, {
        kind: reminderJob,
        key,
        runAt,
        payload: { eventId: event.id, reminder: r.name, startsAt: event.startsAt.toISOString() },
      })
    else await cancelJob(trx, key)
  }
}

export async function cancelReminders(trx: Transaction<Database>, eventId: number): Promise<void> {
  for (const r of reminders) await cancelJob(trx, reminderKey(eventId, r.name))
}

interface Recipient {
  id: number
  email: string
  locale: string | null
  timeZone: string | null
  notificationPrefs: unknown
}

/** Members going or maybe going who may still see the event (a group event: still in the group). */
function recipientsOf(trx: Transaction<Database>, event: EventRow): Promise<{ rows: Recipient[] }> {
  return sql<Recipient>`
    select u.id, u.email, u.locale, u.time_zone, u.notification_prefs
    from event_rsvps r join users u on u.id = r.user_id
    where r.event_id = ${event.id}::bigint and r.status in ('going', 'maybe')
      and (${event.visibility} <> 'group' or u.role in ('moderator', 'admin') or exists (
        select from group_members gm where gm.group_id = ${event.groupId}::bigint and gm.user_id = u.id))
    order by u.id`.execute(trx)
}

/** Registers the reminder job's handler; `mailer` sends the email side when SMTP is configured. */
export function registerReminders(app: FastifyInstance, mailer: Mailer): void {
  app.jobs.register(reminderJob, async (job) => {
    const eventId = Number(job.payload.eventId)
    const reminder = String(job.payload.reminder)
    const startsAt = String(job.payload.startsAt)
    if (!Number.isSafeInteger(eventId)) return
    const now = app.clock()
    const outcome = await app.db.transaction().execute(async (trx) => {
      const event = await lockEvent(trx, eventId)
      // Gone, cancelled, moved (its own job is scheduled for the new time) or already started.
      if (!event || event.cancelledAt !== null) return null
      if (new Date(event.startsAt).toISOString() !== startsAt || new Date(event.startsAt) <= now) return null
      const marked = await trx
        .insertInto('eventReminders')
        .values({ eventId, reminder, startsAt: event.startsAt })
        .onConflict((oc) => oc.doNothing())
        .returning('eventId')
        .executeTakeFirst()
      if (!marked) return null
      const { rows } = await recipientsOf(trx, event)
      const live = await notifyMembers(
        trx,
        rows.map((r) => r.id),
        'event.reminder',
        {
          eventId,
          reminder,
          title: event.title,
          startsAt,
          endsAt: new Date(event.endsAt).toISOString(),
          timeZone: event.timeZone,
          location: event.location,
          onlineUrl: event.onlineUrl,
          url: eventPath(eventId),
        },
      )
      await trx
        .updateTable('eventReminders')
        .set({ recipients: rows.length })
        .where('eventId', '=', eventId)
        .where('reminder', '=', reminder)
        .where('startsAt', '=', event.startsAt)
        .execute()
      return { event, recipients: rows, live }
    })
    if (!outcome) return
    await app.live.publish(outcome.live)
    if (!mailer.enabled) return
    // Email only to members who asked for it (notification preferences), one message each: the
    // attendees do not see each other's addresses. Sent after commit: at most once.
    const wanted = outcome.recipients.filter(
      (r) => readPrefs(r.notificationPrefs).email && r.email.includes('@'),
    )
    for (let i = 0; i < wanted.length; i += 10) {
      await Promise.all(
        wanted
          .slice(i, i + 10)
          .map((r) => mailer.send({ to: [r.email], ...reminderMail(app, outcome.event, reminder, r) })),
      )
    }
  })
}

/** The reminder email, in the member's language and time zone (the event's when theirs is unknown). */
export function reminderMail(
  app: FastifyInstance,
  event: EventRow,
  reminder: string,
  member: Pick<Recipient, 'locale' | 'timeZone'>,
): { subject: string; text: string } {
  const fr = (member.locale ?? '').toLowerCase().startsWith('fr')
  const locale = fr ? 'fr' : 'en'
  let zone = member.timeZone ?? event.timeZone
  if (!DateTime.now().setZone(zone).isValid) zone = event.timeZone
  const when = (d: Date | string) =>
    DateTime.fromJSDate(new Date(d), { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_FULL)
  const link = `${app.config.publicUrl}${eventPath(event.id)}`
  const place = [event.location, event.onlineUrl].filter(Boolean).join(' · ')
  if (fr) {
    const soon = reminder === '1h' ? 'dans une heure' : 'dans 24 heures'
    return {
      subject: `Rappel : ${event.title} commence ${soon}`,
      text: [
        `${event.title} commence ${soon}.`,
        '',
        `Début : ${when(event.startsAt)}`,
        `Fin : ${when(event.endsAt)}`,
        ...(place ? [`Lieu : ${place}`] : []),
        '',
        `Page de l’événement : ${link}`,
        '',
        'Vous recevez ce message parce que vous avez répondu à cet événement ; les e-mails se règlent dans vos préférences de notification.',
      ].join('\n'),
    }
  }
  const soon = reminder === '1h' ? 'in one hour' : 'in 24 hours'
  return {
    subject: `Reminder: ${event.title} starts ${soon}`,
    text: [
      `${event.title} starts ${soon}.`,
      '',
      `Starts: ${when(event.startsAt)}`,
      `Ends: ${when(event.endsAt)}`,
      ...(place ? [`Where: ${place}`] : []),
      '',
      `Event page: ${link}`,
      '',
      'You get this email because you answered this event; turn emails off in your notification preferences.',
    ].join('\n'),
  }
}
