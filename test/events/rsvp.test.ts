import t from 'tap'
import { makeCategory } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'
import {
  type AttendeeJson,
  createEvent,
  day,
  eventBody,
  hour,
  movableClock,
  parseCsv,
  rsvp,
} from './helpers.js'

// RSVPs: places up to capacity, then a waitlist in the order members asked; a freed place goes to
// the first waitlisted member, who is notified; deadlines and ends refuse; many at once never
// oversell nor promote twice; moderators read and export the list.

const clock = movableClock()
const a = await build(t, { clock: clock.read })
const moderator = await makeMember(a, { role: 'moderator' })
await makeCategory(a)
const members = async (n: number) => Promise.all(Array.from({ length: n }, () => makeMember(a)))
const state = async (eventId: number, m: Member) =>
  (await a.inject({ method: 'GET', url: `/api/events/${eventId}`, headers: m.auth })).json().event

t.test('refused: visitors, banned members, unknown events, bad status', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now))
  const anon = await a.inject({
    method: 'PUT',
    url: `/api/events/${event.id}/rsvp`,
    payload: { status: 'going' },
  })
  t.equal(anon.statusCode, 401)
  t.equal((await a.inject({ method: 'DELETE', url: `/api/events/${event.id}/rsvp` })).statusCode, 401)
  const banned = await makeMember(a)
  await a.db
    .insertInto('sanctions')
    .values({ userId: banned.id, kind: 'ban', ruleId: 'respect', reason: 'test' })
    .execute()
  t.equal((await rsvp(a, banned, event.id, 'going')).statusCode, 403)
  const [m] = await members(1)
  t.equal((await rsvp(a, m!, 999_999, 'going')).statusCode, 404)
  const waitlisted = await rsvp(a, m!, event.id, 'waitlisted')
  t.equal(waitlisted.statusCode, 400, 'waitlisted is what the server decides, not a choice')
  t.equal((await rsvp(a, m!, event.id, 'yes')).statusCode, 400)
  const silenced = await makeMember(a, { silenced: true })
  t.equal(
    (await rsvp(a, silenced, event.id, 'going')).statusCode,
    200,
    'silenced members still RSVP (no text)',
  )
})

t.test('capacity, waitlist positions, promotion in order with a notification', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, { capacity: 2 }))
  const [m1, m2, m3, m4, m5] = await members(5)
  t.same((await rsvp(a, m1!, event.id, 'going')).json(), { rsvp: { status: 'going' } })
  t.same((await rsvp(a, m2!, event.id, 'going')).json(), { rsvp: { status: 'going' } })
  t.same((await rsvp(a, m3!, event.id, 'going')).json(), { rsvp: { status: 'waitlisted', position: 1 } })
  t.same((await rsvp(a, m4!, event.id, 'going')).json(), { rsvp: { status: 'waitlisted', position: 2 } })
  t.same((await rsvp(a, m5!, event.id, 'maybe')).json(), { rsvp: { status: 'maybe' } })
  t.same(
    (await rsvp(a, m4!, event.id, 'going')).json(),
    { rsvp: { status: 'waitlisted', position: 2 } },
    'asking again keeps the same place',
  )
  t.match(await state(event.id, m3!), {
    goingCount: 2,
    waitlistCount: 2,
    maybeCount: 1,
    placesLeft: 0,
    myRsvp: { status: 'waitlisted', position: 1 },
  })

  // m1 changes to maybe: m3 (first waitlisted) takes the place and is told.
  t.same((await rsvp(a, m1!, event.id, 'maybe')).json(), { rsvp: { status: 'maybe' } })
  t.same((await state(event.id, m3!)).myRsvp, { status: 'going' })
  t.same((await state(event.id, m4!)).myRsvp, { status: 'waitlisted', position: 1 }, 'the queue moves up')
  const notices = await a.inject({ method: 'GET', url: '/api/notifications', headers: m3!.auth })
  t.match(notices.json().items[0], {
    kind: 'event.promoted',
    data: { eventId: event.id, url: `/events/${event.id}` },
  })

  // m1 wants to go again: behind m4.
  t.same((await rsvp(a, m1!, event.id, 'going')).json(), { rsvp: { status: 'waitlisted', position: 2 } })
  // m2 withdraws (DELETE): m4 is promoted, m1 moves to first.
  const del = await a.inject({ method: 'DELETE', url: `/api/events/${event.id}/rsvp`, headers: m2!.auth })
  t.equal(del.statusCode, 204)
  t.same((await state(event.id, m4!)).myRsvp, { status: 'going' })
  t.same((await state(event.id, m1!)).myRsvp, { status: 'waitlisted', position: 1 })
  t.equal((await state(event.id, m2!)).myRsvp, null)
  const again = await a.inject({ method: 'DELETE', url: `/api/events/${event.id}/rsvp`, headers: m2!.auth })
  t.equal(again.statusCode, 204, 'withdrawing twice is harmless')
  // A waitlisted member leaving frees nobody's place.
  t.same((await rsvp(a, m1!, event.id, 'not_going')).json(), { rsvp: { status: 'not_going' } })
  t.match(await state(event.id, m1!), { goingCount: 2, waitlistCount: 0, maybeCount: 1 })
  const rows = await a.db.selectFrom('eventRsvps').select('userId').where('eventId', '=', event.id).execute()
  t.equal(rows.length, 4, 'one row per member who still answers')
})

t.test('deadline and end', async (t) => {
  const event = await createEvent(
    a,
    moderator,
    eventBody(clock.now, { capacity: 1, rsvpDeadline: new Date(clock.now.getTime() + day).toISOString() }),
  )
  const [m1, m2, m3] = await members(3)
  await rsvp(a, m1!, event.id, 'going')
  await rsvp(a, m2!, event.id, 'going')
  const saved = clock.now
  clock.advance(day + hour)
  try {
    const late = await rsvp(a, m3!, event.id, 'going')
    t.equal(late.statusCode, 422)
    t.equal(late.json().error.code, 'rsvp_closed')
    t.equal((await rsvp(a, m3!, event.id, 'maybe')).statusCode, 422)
    t.equal((await state(event.id, m3!)).rsvpOpen, false)
    // Withdrawing past the deadline frees the place for the waitlist.
    t.equal((await rsvp(a, m1!, event.id, 'not_going')).statusCode, 200)
    t.same((await state(event.id, m2!)).myRsvp, { status: 'going' })
    clock.advance(3 * day)
    const ended = await rsvp(a, m2!, event.id, 'not_going')
    t.equal(ended.statusCode, 422)
    t.equal(ended.json().error.code, 'event_ended')
    const del = await a.inject({ method: 'DELETE', url: `/api/events/${event.id}/rsvp`, headers: m2!.auth })
    t.equal(del.statusCode, 422)
  } finally {
    clock.now = saved
  }
})

t.test('60 members at once for 10 places, then 10 leave while 10 more ask', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, { capacity: 10 }))
  const crowd = await members(60)
  const answers = await Promise.all(crowd.map((m) => rsvp(a, m, event.id, 'going')))
  t.ok(
    answers.every((r) => r.statusCode === 200),
    'every request answered 200',
  )
  const statuses = answers.map((r) => r.json().rsvp)
  t.equal(statuses.filter((s) => s.status === 'going').length, 10, 'exactly 10 places given')
  const positions = statuses
    .filter((s) => s.status === 'waitlisted')
    .map((s) => s.position)
    .sort((x, y) => x - y)
  t.same(
    positions,
    Array.from({ length: 50 }, (_, i) => i + 1),
    'waitlist positions 1..50, none shared',
  )
  // Ten going leave while ten newcomers ask, all at once.
  const going = crowd.filter((_, i) => statuses[i].status === 'going')
  const waitOrder = crowd
    .map((m, i) => ({ m, position: statuses[i].position as number | undefined }))
    .filter((x) => x.position !== undefined)
    .sort((x, y) => x.position! - y.position!)
  const newcomers = await members(10)
  const mixed = await Promise.all([
    ...going.map((m) => a.inject({ method: 'DELETE', url: `/api/events/${event.id}/rsvp`, headers: m.auth })),
    ...newcomers.map((m) => rsvp(a, m, event.id, 'going')),
  ])
  t.ok(
    mixed.every((r) => r.statusCode === 200 || r.statusCode === 204),
    'all answered',
  )
  const rows = await a.db
    .selectFrom('eventRsvps')
    .select(['userId', 'status', 'queueSeq'])
    .where('eventId', '=', event.id)
    .execute()
  const nowGoing = rows.filter((r) => r.status === 'going').map((r) => r.userId)
  t.equal(nowGoing.length, 10, 'still exactly 10 going')
  t.same(
    nowGoing.sort((x, y) => x - y),
    waitOrder
      .slice(0, 10)
      .map((x) => x.m.id)
      .sort((x, y) => x - y),
    'the 10 earliest waitlisted took the places, newcomers did not jump the queue',
  )
  const e = await state(event.id, moderator)
  t.match(e, { goingCount: 10, waitlistCount: 50 })
  t.equal(rows.length, 60, 'one row per member: nobody twice')
  const promotedNotices = await a.db
    .selectFrom('liveEvents')
    .select('channel')
    .where('type', '=', 'event.promoted')
    .where(
      'channel',
      'in',
      waitOrder.map((x) => `user:${x.m.id}`),
    )
    .execute()
  t.equal(promotedNotices.length, 10, 'each promoted member notified once')
})

t.test('attendee list: moderators, ordered, keyset pages and CSV', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, { capacity: 2 }))
  const [m1, m2, m3, m4] = await members(4)
  await a.db
    .updateTable('users')
    .set({ displayName: '=HYPERLINK("http://evil")' })
    .where('id', '=', m4!.id)
    .execute()
  for (const m of [m1, m2, m3]) await rsvp(a, m!, event.id, 'going')
  await rsvp(a, m4!, event.id, 'maybe')
  const url = `/api/events/${event.id}/attendees`
  t.equal((await a.inject({ method: 'GET', url })).statusCode, 401)
  t.equal((await a.inject({ method: 'GET', url, headers: m1!.auth })).statusCode, 403)
  t.equal(
    (await a.inject({ method: 'GET', url: '/api/events/999999/attendees', headers: moderator.auth }))
      .statusCode,
    404,
  )
  const all = await a.inject({ method: 'GET', url, headers: moderator.auth })
  t.equal(all.statusCode, 200)
  t.same(
    all.json().items.map((x: AttendeeJson) => [x.user.id, x.status, x.position]),
    [
      [m1!.id, 'going', undefined],
      [m2!.id, 'going', undefined],
      [m3!.id, 'waitlisted', 1],
      [m4!.id, 'maybe', undefined],
    ],
  )
  const ids: number[] = []
  let cursor: string | null = null
  do {
    const res = await a.inject({
      method: 'GET',
      url: `${url}?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      headers: moderator.auth,
    })
    ids.push(...res.json().items.map((x: AttendeeJson) => x.user.id))
    cursor = res.json().nextCursor
  } while (cursor)
  t.same(ids, [m1!.id, m2!.id, m3!.id, m4!.id], 'pages in the same order')
  const waitlist = await a.inject({ method: 'GET', url: `${url}?status=waitlisted`, headers: moderator.auth })
  t.same(
    waitlist.json().items.map((x: AttendeeJson) => x.position),
    [1],
  )
  const csv = await a.inject({ method: 'GET', url: `${url}?format=csv`, headers: moderator.auth })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const records = parseCsv(csv.body)
  t.equal(records.length, 4)
  t.match(records[2], { status: 'waitlisted', position: '1', userId: String(m3!.id) })
  t.equal(records[3]!.displayName, `'=HYPERLINK("http://evil")`, 'formula-inert cells')
})
