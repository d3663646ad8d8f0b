import t from 'tap'
import { makeCategory } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { createEvent, day, type EventJson, eventBody, hour, movableClock } from './helpers.js'

// Creating, reading, listing, editing and cancelling events: who may, what is refused, what is
// stored (topic, audit, reminders), who sees what.

const clock = movableClock()
const a = await build(t, { clock: clock.read })
const moderator = await makeMember(a, { role: 'moderator' })
const member = await makeMember(a)
const general = await makeCategory(a, { slug: 'general' })
const vipGroup = await makeGroup(a, 'vip')
const vip = await makeCategory(a, { slug: 'vip-room', groups: [{ groupId: vipGroup, canPost: true }] })
const vipMember = await makeMember(a, { groups: [vipGroup] })

t.test('only moderators create events', async (t) => {
  const body = eventBody(clock.now)
  const anon = await a.inject({ method: 'POST', url: '/api/events', payload: body })
  t.equal(anon.statusCode, 401)
  const byMember = await a.inject({ method: 'POST', url: '/api/events', headers: member.auth, payload: body })
  t.equal(byMember.statusCode, 403)
  t.equal(byMember.json().error.code, 'forbidden')
  t.equal(
    await a.db
      .selectFrom('events')
      .select('id')
      .execute()
      .then((r) => r.length),
    0,
    'nothing written',
  )
})

t.test('the fixed body creates an event with its topic, audit and reminders', async (t) => {
  const body = {
    title: 'Atelier réparation',
    description: 'Apportez votre **vélo**. <script>alert(1)</script>',
    startsAt: new Date(clock.now.getTime() + 3 * day).toISOString(),
    endsAt: new Date(clock.now.getTime() + 3 * day + 2 * hour).toISOString(),
    timeZone: 'Europe/Paris',
    location: 'Atelier du Port',
    onlineUrl: 'https://meet.example/atelier',
    capacity: 12,
    rsvpDeadline: new Date(clock.now.getTime() + 2 * day).toISOString(),
  }
  const res = await a.inject({ method: 'POST', url: '/api/events', headers: moderator.auth, payload: body })
  t.equal(res.statusCode, 201, res.body)
  const { event } = res.json()
  t.match(event, {
    title: 'Atelier réparation',
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    timeZone: 'Europe/Paris',
    capacity: 12,
    goingCount: 0,
    waitlistCount: 0,
    placesLeft: 12,
    visibility: 'public',
    categoryId: general.id,
    url: `/events/${event.id}`,
    status: 'scheduled',
    rsvpOpen: true,
    myRsvp: null,
    can: { edit: true, moderate: true },
  })
  t.match(event.html, /<strong>vélo<\/strong>/, 'Markdown rendered')
  t.notMatch(event.html, /<script/, 'and sanitised')
  t.type(event.topicId, 'number')

  const topic = await a.inject({ method: 'GET', url: `/api/topics/${event.topicId}` })
  t.equal(topic.statusCode, 200)
  t.equal(topic.json().topic.title, 'Atelier réparation', 'the discussion topic carries the title')
  t.equal(topic.json().topic.categoryId, general.id)
  t.match(topic.json().posts[0].body, `/events/${event.id}`, 'its opening post links to the event')
  t.equal(
    event.topicUrl,
    topic.json().topic.url,
    'the event links to its discussion by its canonical address',
  )
  const page = await a.inject({ method: 'GET', url: event.topicUrl })
  t.equal(page.statusCode, 200, 'which the community site serves')

  const audit = await a.db.selectFrom('auditLog').selectAll().where('targetType', '=', 'event').execute()
  t.match(audit, [{ action: 'event.created', actorId: moderator.id, targetId: String(event.id) }])
  const jobs = await a.db
    .selectFrom('jobs')
    .select(['key', 'runAt'])
    .where('kind', '=', 'event.reminder')
    .execute()
  t.same(
    jobs.map((j) => [j.key, new Date(j.runAt).toISOString()]).sort(),
    [
      [`event:${event.id}:reminder:1h`, new Date(Date.parse(body.startsAt) - hour).toISOString()],
      [`event:${event.id}:reminder:24h`, new Date(Date.parse(body.startsAt) - day).toISOString()],
    ],
    'reminders 24 hours and 1 hour before',
  )
})

t.test('a retried creation with an Idempotency-Key creates nothing twice', async (t) => {
  const body = eventBody(clock.now, { title: 'Retried ride' })
  const send = () =>
    a.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...moderator.auth, 'idempotency-key': 'create-retried-ride' },
      payload: body,
    })
  const first = await send()
  const second = await send()
  t.equal(first.statusCode, 201)
  t.equal(second.statusCode, 201)
  t.equal(second.headers['idempotent-replayed'], 'true')
  t.equal(second.json().event.id, first.json().event.id)
  const rows = await a.db.selectFrom('events').select('id').where('title', '=', 'Retried ride').execute()
  t.equal(rows.length, 1, 'one event')
  const topics = await a.db.selectFrom('topics').select('id').where('title', '=', 'Retried ride').execute()
  t.equal(topics.length, 1, 'one topic')
})

t.test('bad input: 400 for malformed, 422 for refused rules, nothing written', async (t) => {
  const before = await a.db.selectFrom('events').select('id').execute()
  const cases: [string, object, number, string][] = [
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 422, 'unknown_time_zone'],
    ['offset is no zone', { timeZone: '+01:00' }, 422, 'unknown_time_zone'],
    ['end before start', { endsAt: new Date(clock.now.getTime() + day).toISOString() }, 422, 'invalid_dates'],
    ['end equals start', { endsAt: eventBody(clock.now).startsAt }, 422, 'invalid_dates'],
    [
      'deadline after start',
      { rsvpDeadline: new Date(clock.now.getTime() + 4 * day).toISOString() },
      422,
      'invalid_rsvp_deadline',
    ],
    ['capacity 0', { capacity: 0 }, 422, 'invalid_capacity'],
    ['negative capacity', { capacity: -3 }, 422, 'invalid_capacity'],
    ['javascript link', { onlineUrl: 'javascript:alert(1)' }, 422, 'invalid_online_url'],
    ['not a link', { onlineUrl: 'meet me there' }, 422, 'invalid_online_url'],
    ['unknown group', { groupId: 999_999 }, 422, 'unknown_group'],
    ['group without id', { visibility: 'group' }, 422, 'group_required'],
    ['groupId with members', { visibility: 'members', groupId: vipGroup }, 422, 'invalid_visibility'],
    ['unknown category', { categoryId: 999_999 }, 422, 'unknown_category'],
    [
      'group event in an open category',
      { groupId: vipGroup, categoryId: general.id },
      422,
      'category_too_open',
    ],
    ['short title', { title: ' a ' }, 400, 'invalid_title'],
    ['not a date', { startsAt: 'tomorrow' }, 400, 'invalid_request'],
    ['unknown field', { colour: 'red' }, 400, 'invalid_request'],
    ['capacity as text', { capacity: '10' }, 400, 'invalid_request'],
    ['bad visibility', { visibility: 'secret' }, 400, 'invalid_request'],
  ]
  for (const [what, over, status, code] of cases) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/events',
      headers: moderator.auth,
      payload: { ...eventBody(clock.now), ...over },
    })
    t.equal(res.statusCode, status, `${what}: ${res.body}`)
    t.equal(res.json().error?.code, code, what)
  }
  const missing = await a.inject({
    method: 'POST',
    url: '/api/events',
    headers: moderator.auth,
    payload: { title: 'No dates here' },
  })
  t.equal(missing.statusCode, 400)
  t.same(await a.db.selectFrom('events').select('id').execute(), before, 'no event written')
})

t.test('visibility: public, members, group; invisible events answer 404', async (t) => {
  const pub = await createEvent(a, moderator, eventBody(clock.now, { title: 'Public ride' }))
  const members = await createEvent(
    a,
    moderator,
    eventBody(clock.now, { title: 'Members ride', visibility: 'members' }),
  )
  const group = await createEvent(
    a,
    moderator,
    eventBody(clock.now, { title: 'VIP ride', groupId: vipGroup }),
  )
  t.equal(group.visibility, 'group')
  t.equal(group.categoryId, vip.id, 'a group event’s topic goes in the category of that group')
  const outsider = member
  const get = (id: number, headers = {}) => a.inject({ method: 'GET', url: `/api/events/${id}`, headers })
  t.equal((await get(pub.id)).statusCode, 200, 'visitors read public events')
  t.equal((await get(members.id)).statusCode, 404, 'visitors do not see members events')
  t.equal((await get(members.id, outsider.auth)).statusCode, 200)
  t.equal((await get(group.id, outsider.auth)).statusCode, 404, 'outside the group: 404')
  t.equal((await get(group.id, vipMember.auth)).statusCode, 200)
  t.equal((await get(group.id, moderator.auth)).statusCode, 200)
  t.equal((await get(999_999)).statusCode, 404)

  const titles = async (headers = {}) =>
    (await a.inject({ method: 'GET', url: '/api/events?limit=100', headers }))
      .json()
      .items.map((e: EventJson) => e.title)
  t.notOk((await titles()).includes('Members ride'))
  t.notOk((await titles()).includes('VIP ride'))
  t.ok((await titles()).includes('Public ride'))
  t.ok((await titles(outsider.auth)).includes('Members ride'))
  t.notOk((await titles(outsider.auth)).includes('VIP ride'))
  t.ok((await titles(vipMember.auth)).includes('VIP ride'))
  // The same for RSVPs and the .ics: not even their existence.
  const rsvp = await a.inject({
    method: 'PUT',
    url: `/api/events/${group.id}/rsvp`,
    headers: outsider.auth,
    payload: { status: 'going' },
  })
  t.equal(rsvp.statusCode, 404)
  t.equal((await a.inject({ method: 'GET', url: `/api/events/${members.id}/ics` })).statusCode, 404)
})

t.test('listing: by start, keyset pages, from and to', async (t) => {
  // A window of its own, 100 days ahead, away from the other tests' events.
  const base = new Date(clock.now.getTime() + 100 * day)
  const at = (ms: number) => encodeURIComponent(new Date(base.getTime() + ms).toISOString())
  const ids: number[] = []
  for (let i = 0; i < 5; i++)
    ids.push(
      (await createEvent(a, moderator, eventBody(base, { title: `Ride ${5 - i}` }, (10 - i) * day))).id,
    )
  // One that ended before the window: not listed.
  const past = await createEvent(a, moderator, eventBody(base, { title: 'Ride past' }, -2 * day))
  const seen: number[] = []
  let cursor: string | null = null
  do {
    const res = await a.inject({
      method: 'GET',
      url: `/api/events?from=${at(-day)}&to=${at(20 * day)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    })
    t.equal(res.statusCode, 200)
    seen.push(...res.json().items.map((e: EventJson) => e.id))
    cursor = res.json().nextCursor
  } while (cursor)
  t.same(seen, [...ids].reverse(), 'soonest first, every event once, across pages')
  const fromPast = await a.inject({ method: 'GET', url: `/api/events?from=${at(-3 * day)}&to=${at(-day)}` })
  t.same(
    fromPast.json().items.map((e: EventJson) => e.id),
    [past.id],
  )
  const to = await a.inject({ method: 'GET', url: `/api/events?from=${at(0)}&to=${at(7 * day + hour)}` })
  t.same(
    to.json().items.map((e: EventJson) => e.id),
    [ids[4], ids[3]],
  )
  const byDefault = await a.inject({ method: 'GET', url: '/api/events?limit=100' })
  t.notOk(
    byDefault.json().items.some((e: EventJson) => Date.parse(e.endsAt) <= clock.now.getTime()),
    'by default, from now: nothing that has ended',
  )
  const bad = await a.inject({ method: 'GET', url: '/api/events?cursor=nonsense' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error.code, 'invalid_cursor')
  t.equal((await a.inject({ method: 'GET', url: '/api/events?from=yesterday' })).statusCode, 400)
})

t.test('editing: moderators only, validated, audited; capacity raise promotes', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, { capacity: 1 }))
  const patch = (payload: object, who = moderator) =>
    a.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: who.auth, payload })
  t.equal(
    (await a.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { capacity: 3 } }))
      .statusCode,
    401,
  )
  t.equal((await patch({ capacity: 3 }, member)).statusCode, 403)
  t.equal((await patch({})).statusCode, 400, 'an empty patch is invalid')
  t.equal((await patch({ timeZone: 'Nowhere/City' })).json().error.code, 'unknown_time_zone')
  t.equal((await patch({ endsAt: event.startsAt })).json().error.code, 'invalid_dates')

  const [m1, m2, m3] = [await makeMember(a), await makeMember(a), await makeMember(a)]
  for (const m of [m1, m2, m3])
    await a.inject({
      method: 'PUT',
      url: `/api/events/${event.id}/rsvp`,
      headers: m.auth,
      payload: { status: 'going' },
    })
  t.equal((await patch({ capacity: 0 })).json().error.code, 'invalid_capacity')

  const raised = await patch({ capacity: 2, title: 'Sortie vélo (2 places)', timeZone: 'europe/paris' })
  t.equal(raised.statusCode, 200, raised.body)
  t.match(raised.json().event, { capacity: 2, goingCount: 2, waitlistCount: 1, timeZone: 'Europe/Paris' })
  const m2Rsvp = await a.inject({ method: 'GET', url: `/api/events/${event.id}`, headers: m2.auth })
  t.same(m2Rsvp.json().event.myRsvp, { status: 'going' }, 'the first waitlisted member was promoted')
  t.same(
    (await a.inject({ method: 'GET', url: `/api/events/${event.id}`, headers: m3.auth })).json().event.myRsvp,
    { status: 'waitlisted', position: 1 },
  )
  const lowered = await patch({ capacity: 1 })
  t.equal(lowered.statusCode, 422)
  t.equal(lowered.json().error.code, 'capacity_below_going')
  const unlimited = await patch({ capacity: null })
  t.match(unlimited.json().event, { capacity: null, goingCount: 3, waitlistCount: 0, placesLeft: null })

  const start = new Date(clock.now.getTime() + 5 * day)
  const moved = await patch({
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + hour).toISOString(),
  })
  t.equal(moved.statusCode, 200)
  const job = await a.db
    .selectFrom('jobs')
    .select('runAt')
    .where('key', '=', `event:${event.id}:reminder:24h`)
    .executeTakeFirstOrThrow()
  t.equal(new Date(job.runAt).toISOString(), new Date(start.getTime() - day).toISOString(), 'reminder moved')
  const told = await a.db
    .selectFrom('liveEvents')
    .select('channel')
    .where('type', '=', 'event.changed')
    .where(
      'channel',
      'in',
      [m1, m2, m3].map((m) => `user:${m.id}`),
    )
    .execute()
  t.equal(told.length, 3, 'members who answered are told the new time')
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'data'])
    .where('targetType', '=', 'event')
    .where('targetId', '=', String(event.id))
    .where('action', '=', 'event.updated')
    .orderBy('id')
    .execute()
  t.ok(audit.length >= 3, 'each edit audited')
  t.match(audit[0]!.data, { changes: { capacity: { from: 1, to: 2 } } })
})

t.test('cancelling: audited, attendees told, reminders dropped, no more RSVPs', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now))
  await a.inject({
    method: 'PUT',
    url: `/api/events/${event.id}/rsvp`,
    headers: member.auth,
    payload: { status: 'going' },
  })
  t.equal(
    (await a.inject({ method: 'POST', url: `/api/events/${event.id}/cancel`, headers: member.auth }))
      .statusCode,
    403,
  )
  const res = await a.inject({
    method: 'POST',
    url: `/api/events/${event.id}/cancel`,
    headers: moderator.auth,
    payload: { reason: 'Météo' },
  })
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json().event, {
    status: 'cancelled',
    cancelReason: 'Météo',
    rsvpOpen: false,
    can: { edit: false },
  })
  const again = await a.inject({
    method: 'POST',
    url: `/api/events/${event.id}/cancel`,
    headers: moderator.auth,
  })
  t.equal(again.statusCode, 409)
  t.equal(again.json().error.code, 'already_cancelled')
  const jobs = await a.db
    .selectFrom('jobs')
    .select('key')
    .where('key', 'like', `event:${event.id}:%`)
    .execute()
  t.same(jobs, [], 'reminders dropped')
  const notice = await a.db
    .selectFrom('liveEvents')
    .select('data')
    .where('channel', '=', `user:${member.id}`)
    .where('type', '=', 'event.cancelled')
    .executeTakeFirst()
  t.match(notice?.data, { eventId: event.id, reason: 'Météo' })
  const rsvp = await a.inject({
    method: 'PUT',
    url: `/api/events/${event.id}/rsvp`,
    headers: member.auth,
    payload: { status: 'maybe' },
  })
  t.equal(rsvp.statusCode, 422)
  t.equal(rsvp.json().error.code, 'event_cancelled')
  const edit = await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: moderator.auth,
    payload: { title: 'Back on' },
  })
  t.equal(edit.statusCode, 409)
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'reason'])
    .where('targetId', '=', String(event.id))
    .where('action', '=', 'event.cancelled')
    .execute()
  t.same(audit, [{ action: 'event.cancelled', reason: 'Météo' }])
})
