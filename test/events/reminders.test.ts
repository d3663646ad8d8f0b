import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import t from 'tap'
import { scheduleJob } from '../../server/jobs/queue.js'
import { makeCategory } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { createEvent, day, eventBody, hour, movableClock, rsvp } from './helpers.js'

// Reminders 24 hours and 1 hour before the start: in-app for members going or maybe, email for
// those who asked for it when SMTP is configured; once each even when the job runs again; moved
// with the event, dropped with its cancellation.

type Test = { teardown(fn: () => unknown): void }
interface Mail {
  to: string[]
  text: string
}

async function smtpSink(t: Test): Promise<{ url: string; mails: Mail[] }> {
  const mails: Mail[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      let raw = ''
      stream.on('data', (c) => {
        raw += c
      })
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: raw })
        cb()
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  t.teardown(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, mails }
}

const clock = movableClock()
const smtp = await smtpSink(t)
const a = await build(t, {
  clock: clock.read,
  env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://club.example' },
})
const moderator = await makeMember(a, { role: 'moderator' })
await makeCategory(a)

const reminders = async (userId: number) =>
  (
    await a.db
      .selectFrom('liveEvents')
      .select('data')
      .where('channel', '=', `user:${userId}`)
      .where('type', '=', 'event.reminder')
      .orderBy('id')
      .execute()
  ).map((r) => (r.data as { reminder: string }).reminder)

t.test('24 h and 1 h before: going and maybe told once, email when wanted', async (t) => {
  const start = clock.now
  const event = await createEvent(a, moderator, eventBody(start, { capacity: 2 }))
  const [going, maybe, wants, waitlisted, notGoing] = await Promise.all(
    Array.from({ length: 5 }, () => makeMember(a)),
  )
  await a.db
    .updateTable('users')
    .set({ notificationPrefs: JSON.stringify({ email: true }), locale: 'fr', timeZone: 'America/Montreal' })
    .where('id', '=', wants!.id)
    .execute()
  await rsvp(a, going!, event.id, 'going')
  await rsvp(a, wants!, event.id, 'going')
  await rsvp(a, waitlisted!, event.id, 'going')
  await rsvp(a, maybe!, event.id, 'maybe')
  await rsvp(a, notGoing!, event.id, 'not_going')

  await a.app.jobs.runDue()
  t.same(await reminders(going!.id), [], 'nothing before its time')
  clock.now = new Date(Date.parse(event.startsAt) - day + 60_000)
  await a.app.jobs.runDue()
  t.same(await reminders(going!.id), ['24h'])
  t.same(await reminders(maybe!.id), ['24h'], 'maybe too')
  t.same(await reminders(wants!.id), ['24h'])
  t.same(await reminders(waitlisted!.id), [], 'not the waitlist')
  t.same(await reminders(notGoing!.id), [])
  t.equal(smtp.mails.length, 1, 'one email: the member who asked for them')
  t.same(smtp.mails[0]!.to, [wants!.email])
  t.match(smtp.mails[0]!.text, /Rappel/, 'in the member’s language')
  t.match(smtp.mails[0]!.text, `https://club.example/events/${event.id}`)

  // The job runs again (a retry, another instance): nobody is told twice.
  await scheduleJob(a.db, {
    kind: 'event.reminder',
    key: `event:${event.id}:reminder:24h`,
    runAt: new Date(clock.now.getTime() - 1000),
    payload: { eventId: event.id, reminder: '24h', startsAt: event.startsAt },
  })
  await a.app.jobs.runDue()
  t.same(await reminders(going!.id), ['24h'], 'not twice')
  t.equal(smtp.mails.length, 1)

  clock.now = new Date(Date.parse(event.startsAt) - hour + 60_000)
  await a.app.jobs.runDue()
  t.same(await reminders(going!.id), ['24h', '1h'])
  t.equal(smtp.mails.length, 2)
  const notices = await a.inject({ method: 'GET', url: '/api/notifications', headers: going!.auth })
  t.match(notices.json().items[0], { kind: 'event.reminder', data: { eventId: event.id, reminder: '1h' } })
  clock.now = start
})

t.test('moved with the event, dropped when cancelled, skipped for lost access', async (t) => {
  const start = clock.now
  const group = await makeGroup(a, 'riders')
  await makeCategory(a, { slug: 'riders', groups: [{ groupId: group, canPost: true }] })
  const event = await createEvent(a, moderator, eventBody(start, { groupId: group }))
  const stays = await makeMember(a, { groups: [group] })
  const leaves = await makeMember(a, { groups: [group] })
  await rsvp(a, stays, event.id, 'going')
  await rsvp(a, leaves, event.id, 'going')
  await a.db.deleteFrom('groupMembers').where('userId', '=', leaves.id).execute()

  // Moved two days later: at the old time, nothing; at the new one, the reminder.
  const newStart = new Date(Date.parse(event.startsAt) + 2 * day)
  const moved = await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: moderator.auth,
    payload: { startsAt: newStart.toISOString(), endsAt: new Date(newStart.getTime() + hour).toISOString() },
  })
  t.equal(moved.statusCode, 200)
  clock.now = new Date(Date.parse(event.startsAt) - day + 60_000)
  await a.app.jobs.runDue()
  t.same(await reminders(stays.id), [], 'not at the old time')
  clock.now = new Date(newStart.getTime() - day + 60_000)
  await a.app.jobs.runDue()
  t.same(await reminders(stays.id), ['24h'], 'at the new time')
  t.same(await reminders(leaves.id), [], 'a member who left the group is not told about it')

  const other = await createEvent(a, moderator, eventBody(clock.now))
  await rsvp(a, stays, other.id, 'going')
  await a.inject({ method: 'POST', url: `/api/events/${other.id}/cancel`, headers: moderator.auth })
  clock.now = new Date(Date.parse(other.startsAt) - hour + 60_000)
  await a.app.jobs.runDue()
  const about = (
    await a.db
      .selectFrom('liveEvents')
      .select('data')
      .where('channel', '=', `user:${stays.id}`)
      .where('type', '=', 'event.reminder')
      .execute()
  ).filter((r) => (r.data as { eventId: number }).eventId === other.id)
  t.same(about, [], 'no reminder for a cancelled event')
  clock.now = start
})

t.test('an event starting within a day gets only its 1-hour reminder', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, {}, 5 * hour))
  const keys = await a.db
    .selectFrom('jobs')
    .select('key')
    .where('key', 'like', `event:${event.id}:%`)
    .execute()
  t.same(
    keys.map((k) => k.key),
    [`event:${event.id}:reminder:1h`],
  )
})
