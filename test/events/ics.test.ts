import ICAL from 'ical.js'
import t from 'tap'
import { ambiguousLocal } from '../../server/events/ics/calendar.js'
import { vtimezone } from '../../server/events/ics/vtimezone.js'
import { makeCategory } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { createEvent, day, eventBody, movableClock } from './helpers.js'

// The .ics of an event and the community feed, read back with ical.js as a calendar app would:
// local times in the event's zone on both sides of a daylight-saving change, a stable UID, the
// event's page, its place, its description as plain text, and STATUS:CANCELLED once cancelled.

const clock = movableClock(new Date('2030-03-01T08:00:00Z'))
const a = await build(t, { clock: clock.read, env: { PUBLIC_URL: 'https://club.example' } })
const moderator = await makeMember(a, { role: 'moderator' })
const member = await makeMember(a)
await makeCategory(a)
const vipGroup = await makeGroup(a, 'vip')
await makeCategory(a, { slug: 'vip', groups: [{ groupId: vipGroup, canPost: true }] })

/** Parses a calendar, registering its VTIMEZONEs as a calendar app does; its VEVENTs. */
function read(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) }
}

const ics = (id: number, headers = {}) => a.inject({ method: 'GET', url: `/api/events/${id}/ics`, headers })

t.test('an event across the spring change in Europe/Paris keeps its local times', async (t) => {
  // Sunday 31 March 2030, clocks go from 02:00 CET to 03:00 CEST (01:00 UTC). From 01:30 CET
  // to 03:30 CEST is one hour; the next morning's 10:00 is CEST.
  const night = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    title: 'Night ride across the change',
    startsAt: '2030-03-31T00:30:00.000Z',
    endsAt: '2030-03-31T01:30:00.000Z',
    timeZone: 'Europe/Paris',
  })
  const res = await ics(night.id)
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/calendar/)
  t.match(res.body, /DTSTART;TZID=Europe\/Paris:20300331T013000/, 'start at 01:30 local')
  t.match(res.body, /DTEND;TZID=Europe\/Paris:20300331T033000/, 'end at 03:30 local, one hour later')
  t.match(res.body, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/)
  const [event] = read(res.body).events
  t.equal(
    event!.startDate.toJSDate().toISOString(),
    '2030-03-31T00:30:00.000Z',
    'ical.js reads the same instant',
  )
  t.equal(event!.endDate.toJSDate().toISOString(), '2030-03-31T01:30:00.000Z')
  t.equal(event!.startDate.zone.tzid, 'Europe/Paris')

  const morning = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    title: 'Morning after the change',
    startsAt: '2030-04-01T08:00:00.000Z',
    endsAt: '2030-04-01T10:00:00.000Z',
    timeZone: 'Europe/Paris',
  })
  const after = read((await ics(morning.id)).body).events[0]!
  t.equal(after.startDate.hour, 10, '10:00 local (CEST, UTC+2)')
  t.equal(after.startDate.toJSDate().toISOString(), '2030-04-01T08:00:00.000Z')

  const before = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    title: 'Morning before the change',
    startsAt: '2030-03-30T09:00:00.000Z',
    endsAt: '2030-03-30T11:00:00.000Z',
    timeZone: 'Europe/Paris',
  })
  const b = read((await ics(before.id)).body).events[0]!
  t.equal(b.startDate.hour, 10, '10:00 local (CET, UTC+1)')
  t.equal(b.startDate.toJSDate().toISOString(), '2030-03-30T09:00:00.000Z')
})

t.test('other zones, and UTC', async (t) => {
  const ny = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    title: 'New York, autumn change',
    startsAt: '2030-11-03T05:30:00.000Z', // 01:30 EDT, before the clocks go back
    endsAt: '2030-11-03T07:30:00.000Z', // 02:30 EST
    timeZone: 'America/New_York',
  })
  const nyText = (await ics(ny.id)).body
  // 01:30 happens twice that night: such an event is written in UTC, which every reader agrees on.
  t.match(nyText, /DTSTART:20301103T053000Z/)
  const e = read(nyText).events[0]!
  t.equal(e.startDate.toJSDate().toISOString(), '2030-11-03T05:30:00.000Z')
  t.equal(e.endDate.toJSDate().toISOString(), '2030-11-03T07:30:00.000Z')
  const utc = await createEvent(a, moderator, { ...eventBody(clock.now), title: 'In UTC', timeZone: 'UTC' })
  const text = (await ics(utc.id)).body
  t.match(text, /DTSTART:\d{8}T\d{6}Z/, 'UTC times written as such')
  t.equal(read(text).events[0]!.startDate.toJSDate().toISOString(), utc.startsAt)
})

t.test('UID, URL, LOCATION, plain DESCRIPTION, SEQUENCE and STATUS', async (t) => {
  const event = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    title: 'Atelier',
    description: 'Apportez votre **vélo** et [vos outils](https://outils.example).\n\n# Programme\nRéglages.',
    location: 'Atelier du Port, Nice',
  })
  const first = read((await ics(event.id)).body)
  const v = first.events[0]!
  t.equal(v.uid, `event-${event.id}@club.example`)
  t.equal(v.summary, 'Atelier')
  t.equal(v.location, 'Atelier du Port, Nice')
  t.equal(v.component.getFirstPropertyValue('url'), `https://club.example/events/${event.id}`)
  t.notMatch(v.description, /\*\*|^#/m, 'no Markdown left')
  t.match(v.description, 'Apportez votre vélo et vos outils (https://outils.example).')
  t.match(v.description, `https://club.example/events/${event.id}`)
  t.equal(v.component.getFirstPropertyValue('status'), 'CONFIRMED')
  const seq0 = Number(v.component.getFirstPropertyValue('sequence'))

  await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: moderator.auth,
    payload: { location: 'Quai des États-Unis' },
  })
  const moved = read((await ics(event.id)).body).events[0]!
  t.equal(moved.uid, v.uid, 'the UID does not change')
  t.equal(Number(moved.component.getFirstPropertyValue('sequence')), seq0 + 1, 'SEQUENCE goes up')
  t.equal(moved.location, 'Quai des États-Unis')

  await a.inject({ method: 'POST', url: `/api/events/${event.id}/cancel`, headers: moderator.auth })
  const cancelled = read((await ics(event.id)).body).events[0]!
  t.equal(cancelled.component.getFirstPropertyValue('status'), 'CANCELLED')
  t.equal(cancelled.uid, v.uid)
  const online = await createEvent(a, moderator, {
    ...eventBody(clock.now),
    location: null,
    onlineUrl: 'https://meet.example/x',
  })
  t.equal(
    read((await ics(online.id)).body).events[0]!.location,
    'https://meet.example/x',
    'online link as place',
  )
})

t.test('the feed: what the reader may see, upcoming and recent', async (t) => {
  const inGroup = await makeMember(a, { groups: [vipGroup] })
  await createEvent(a, moderator, eventBody(clock.now, { title: 'Feed: public upcoming' }))
  await createEvent(a, moderator, eventBody(clock.now, { title: 'Feed: public last week' }, -7 * day))
  await createEvent(a, moderator, eventBody(clock.now, { title: 'Feed: public last year' }, -365 * day))
  await createEvent(
    a,
    moderator,
    eventBody(clock.now, { title: 'Feed: members only', visibility: 'members' }),
  )
  await createEvent(a, moderator, eventBody(clock.now, { title: 'Feed: VIP only', groupId: vipGroup }))
  const feed = async (headers = {}) => {
    const res = await a.inject({ method: 'GET', url: '/api/calendar.ics', headers })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/calendar/)
    return read(res.body)
      .events.map((e) => e.summary)
      .filter((s) => s.startsWith('Feed: '))
      .sort()
  }
  t.same(
    await feed(),
    ['Feed: public last week', 'Feed: public upcoming'],
    'visitors: public events, not last year’s',
  )
  t.same(await feed(member.auth), ['Feed: members only', 'Feed: public last week', 'Feed: public upcoming'])
  t.same(await feed(inGroup.auth), [
    'Feed: VIP only',
    'Feed: members only',
    'Feed: public last week',
    'Feed: public upcoming',
  ])
})

t.test('invisible events have no .ics', async (t) => {
  const members = await createEvent(a, moderator, eventBody(clock.now, { visibility: 'members' }))
  t.equal((await ics(members.id)).statusCode, 404)
  t.equal((await ics(members.id, member.auth)).statusCode, 200)
  t.equal((await ics(987_654)).statusCode, 404)
})

t.test('VTIMEZONE blocks: each transition of the years asked for', async (t) => {
  const text = vtimezone('Europe/Paris', 2030, 2030)!
  t.match(text, /BEGIN:DAYLIGHT\r\nDTSTART:20300331T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/)
  t.match(text, /BEGIN:STANDARD\r\nDTSTART:20301027T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/)
  t.equal(vtimezone('Not/AZone', 2030, 2030), null)
  t.notMatch(vtimezone('Asia/Tokyo', 2030, 2030)!, /DAYLIGHT/, 'a zone without daylight saving')
  t.ok(ambiguousLocal('America/New_York', new Date('2030-11-03T05:30:00Z')), '01:30 EDT comes again')
  t.ok(ambiguousLocal('America/New_York', new Date('2030-11-03T06:30:00Z')), 'as 01:30 EST')
  t.notOk(ambiguousLocal('America/New_York', new Date('2030-11-03T07:30:00Z')), '02:30 EST once')
  t.notOk(ambiguousLocal('Europe/Paris', new Date('2030-03-31T00:30:00Z')), 'spring: nothing repeats')
  t.notOk(ambiguousLocal('UTC', new Date('2030-03-31T00:30:00Z')))
})
