import t from 'tap'
import { scoresBody } from '../../client/app/staff/jury-scoring.js'
import { staffMessages } from '../../client/app/staff/messages.js'
import {
  challengeBody,
  contestBody,
  contestDates,
  emptyChallengeDraft,
  emptyContestDraft,
  emptyEventDraft,
  eventBody,
  eventDraftOf,
  parseCriteria,
  parseIds,
} from '../../client/app/staff/payloads.js'
import { isoToZoned, isZone, zoneChoices, zonedToIso } from '../../client/app/staff/zoned.js'

// The staff forms' pure parts (no DOM): wall-clock times in a chosen zone, and the drafts the
// forms hold turned into the API's bodies (or the problem, naming its field).

const en = staffMessages.en

t.test('zonedToIso: a datetime-local value read in an IANA zone', async (t) => {
  t.equal(zonedToIso('2026-07-01T12:00', 'America/New_York'), '2026-07-01T16:00:00.000Z', 'summer time')
  t.equal(zonedToIso('2026-01-15T12:00', 'America/New_York'), '2026-01-15T17:00:00.000Z', 'winter time')
  t.equal(zonedToIso('2026-01-01T10:00', 'Asia/Kolkata'), '2026-01-01T04:30:00.000Z', 'a half-hour zone')
  t.equal(zonedToIso('2026-01-01T10:00', 'UTC'), '2026-01-01T10:00:00.000Z')
  t.equal(zonedToIso('2026-01-01T10:00:30', 'UTC'), '2026-01-01T10:00:30.000Z', 'seconds kept')
  for (const [local, zone] of [
    ['', 'UTC'],
    ['2026-02-30T10:00', 'UTC'],
    ['2026-01-01T24:00', 'UTC'],
    ['2026-01-01 10:00', 'UTC'],
    ['2026-01-01T10:00', 'Nowhere/Atlantis'],
    ['2026-01-01T10:00', ''],
  ])
    t.equal(zonedToIso(local!, zone!), null, `${local} in ${zone}`)
})

t.test('zonedToIso: daylight saving changes in Paris and New York', async (t) => {
  // Paris springs forward on 29 March 2026 at 02:00 (+01:00 -> +02:00).
  t.equal(zonedToIso('2026-03-29T01:30', 'Europe/Paris'), '2026-03-29T00:30:00.000Z', 'before: +01:00')
  t.equal(zonedToIso('2026-03-29T03:30', 'Europe/Paris'), '2026-03-29T01:30:00.000Z', 'after: +02:00')
  t.equal(
    zonedToIso('2026-03-29T02:30', 'Europe/Paris'),
    '2026-03-29T01:30:00.000Z',
    'a skipped time is read with the offset before the change (03:30 summer time)',
  )
  // Paris falls back on 25 October 2026 at 03:00 (+02:00 -> +01:00): 02:30 happens twice.
  t.equal(zonedToIso('2026-10-25T02:30', 'Europe/Paris'), '2026-10-25T00:30:00.000Z', 'the first 02:30')
  t.equal(zonedToIso('2026-10-25T03:30', 'Europe/Paris'), '2026-10-25T02:30:00.000Z', 'after: +01:00')
  t.equal(zonedToIso('2026-03-08T02:30', 'America/New_York'), '2026-03-08T07:30:00.000Z', 'New York gap')
  t.equal(zonedToIso('2026-11-01T01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z', 'New York overlap')
})

t.test('isoToZoned: an instant as a datetime-local value, and back', async (t) => {
  t.equal(isoToZoned('2026-10-25T00:30:00.000Z', 'Europe/Paris'), '2026-10-25T02:30')
  t.equal(isoToZoned('2026-10-25T01:30:00.000Z', 'Europe/Paris'), '2026-10-25T02:30', 'the second 02:30')
  t.equal(isoToZoned('2026-07-01T16:00:00Z', 'America/New_York'), '2026-07-01T12:00')
  t.equal(isoToZoned(null, 'UTC'), '')
  t.equal(isoToZoned('nonsense', 'UTC'), '')
  t.equal(isoToZoned('2026-07-01T16:00:00Z', 'Nowhere/Atlantis'), '')
  for (const iso of ['2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-12-31T23:00:00.000Z'])
    t.equal(zonedToIso(isoToZoned(iso, 'Europe/Paris'), 'Europe/Paris'), iso, `round trip ${iso}`)
})

t.test('zone choices', async (t) => {
  t.ok(isZone('Europe/Paris'))
  t.notOk(isZone('Europe/Atlantis'))
  const zones = zoneChoices('Europe/Paris')
  t.ok(zones.includes('Europe/Paris') && zones.includes('UTC'), 'the current zone and UTC are offered')
  t.same(
    zones,
    [...zones].sort((a, b) => a.localeCompare(b)),
    'sorted',
  )
})

t.test('eventBody: a new event and an edited one', async (t) => {
  const d = {
    ...emptyEventDraft('Europe/Paris'),
    title: '  Meetup  ',
    description: '**Hi**',
    startsAt: '2026-07-01T18:00',
    endsAt: '2026-07-01T20:00',
    capacity: '25',
    categoryId: '3',
  }
  const created = eventBody(d, false)
  t.same('body' in created && created.body, {
    title: 'Meetup',
    description: '**Hi**',
    startsAt: '2026-07-01T16:00:00.000Z',
    endsAt: '2026-07-01T18:00:00.000Z',
    timeZone: 'Europe/Paris',
    capacity: 25,
    visibility: 'public',
    qaOpen: false,
    categoryId: 3,
  })
  const edited = eventBody({ ...d, rsvpDeadline: '2026-07-01T12:00' }, true)
  t.match('body' in edited && edited.body, {
    location: null,
    onlineUrl: null,
    groupId: null,
    rsvpDeadline: '2026-07-01T10:00:00.000Z',
  })
  t.notOk('body' in edited && 'categoryId' in edited.body, 'the category is fixed at creation')

  const problems: [Partial<typeof d>, string, string][] = [
    [{ startsAt: '' }, 'startsAt', '“Starts” is not a valid date and time.'],
    [{ endsAt: '2026-07-01T17:00' }, 'endsAt', en.endBeforeStart],
    [{ rsvpDeadline: '2026-13-01T10:00' }, 'rsvpDeadline', '“RSVP deadline” is not a valid date and time.'],
    [{ visibility: 'group' }, 'groupId', en.needGroup],
  ]
  for (const [change, field, text] of problems) {
    const built = eventBody({ ...d, ...change }, false)
    t.ok('problem' in built, field)
    if ('problem' in built) {
      t.equal(built.field, field)
      t.equal(built.problem(en), text)
    }
  }
  const group = eventBody({ ...d, visibility: 'group', groupId: '4' }, false)
  t.match('body' in group && group.body, { visibility: 'group', groupId: 4 })
})

t.test('eventDraftOf: an event shown in its own zone', async (t) => {
  const draft = eventDraftOf({
    title: 'Meetup',
    description: 'x',
    startsAt: '2026-07-01T16:00:00.000Z',
    endsAt: '2026-07-01T18:00:00.000Z',
    timeZone: 'Europe/Paris',
    location: null,
    onlineUrl: 'https://meet.example/x',
    capacity: null,
    rsvpDeadline: null,
    visibility: 'members',
    groupId: null,
    qaOpen: true,
  })
  t.match(draft, {
    startsAt: '2026-07-01T18:00',
    endsAt: '2026-07-01T20:00',
    capacity: '',
    rsvpDeadline: '',
    onlineUrl: 'https://meet.example/x',
    visibility: 'members',
    qaOpen: true,
  })
})

t.test('contestBody and contestDates', async (t) => {
  const d = {
    ...emptyContestDraft('UTC'),
    title: 'Photo',
    rules: 'Be nice',
    submissionsOpenAt: '2026-05-01T00:00',
    votingOpensAt: '2026-05-10T00:00',
    votingClosesAt: '2026-05-20T00:00',
  }
  const built = contestBody(d)
  t.same('body' in built && built.body, {
    title: 'Photo',
    rules: 'Be nice',
    submissionsOpenAt: '2026-05-01T00:00:00.000Z',
    votingOpensAt: '2026-05-10T00:00:00.000Z',
    votingClosesAt: '2026-05-20T00:00:00.000Z',
    votesPerMember: 3,
    votingMode: 'members',
    entriesPerMember: 1,
  })
  const jury = contestBody({
    ...d,
    votingMode: 'both',
    jurorIds: '12, 40 12',
    criteria: 'originality: Originality\n\ncraft:Craft',
    juryWeight: '0.5',
    tieBreak: 'shared',
    minTrustLevel: '1',
    groupIds: ['2'],
  })
  t.match('body' in jury && jury.body, {
    jurorIds: [12, 40],
    criteria: [
      { id: 'originality', name: 'Originality' },
      { id: 'craft', name: 'Craft' },
    ],
    juryWeight: 0.5,
    tieBreak: 'shared',
    minTrustLevel: 1,
    groupIds: [2],
  })
  const order = contestBody({ ...d, votingOpensAt: '2026-05-25T00:00' })
  t.equal('problem' in order && order.problem(en), en.datesOrder)
  const crit = contestBody({ ...d, votingMode: 'jury', criteria: 'Not An Id: x' })
  t.equal('problem' in crit && crit.field, 'criteria')
  t.same(parseIds(''), [])
  t.equal(parseIds('3, x'), null)
  t.equal(parseCriteria('a:'), null)
  const dates = contestDates({ ...d, resultsAt: '' })
  t.equal('body' in dates && dates.body.resultsAt, null, 'no results date: null (clears it on PATCH)')
})

t.test('challengeBody: a rule, or reviewed submissions', async (t) => {
  const d = { ...emptyChallengeDraft('Europe/Paris'), title: 'Reply', startsAt: '2026-01-05T00:00' }
  const reviewed = challengeBody(d)
  t.same('body' in reviewed && reviewed.body, {
    title: 'Reply',
    points: 10,
    startsAt: '2026-01-04T23:00:00.000Z',
    timeZone: 'Europe/Paris',
    recurrence: 'none',
  })
  const ruled = challengeBody({
    ...d,
    completion: 'rule',
    ruleAction: 'topic',
    ruleCount: '3',
    ruleCategoryId: '2',
    recurrence: 'weekly',
    endsAt: '2026-02-01T00:00',
    badgeSlug: 'starter',
    badgeNameEn: 'Starter',
    badgeNameFr: 'Lanceur',
  })
  t.match('body' in ruled && ruled.body, {
    rule: { action: 'topic', count: 3, categoryId: 2 },
    recurrence: 'weekly',
    endsAt: '2026-01-31T23:00:00.000Z',
    badge: { slug: 'starter', nameEn: 'Starter', nameFr: 'Lanceur' },
  })
  const bad = challengeBody({ ...d, endsAt: '2026-01-01T00:00' })
  t.equal('problem' in bad && bad.field, 'endsAt')
})

t.test('scoresBody: a score from 0 to 10 on every criterion', async (t) => {
  const criteria = [{ id: 'craft' }, { id: 'originality' }]
  t.same(scoresBody(criteria, { craft: '7', originality: ' 0 ' }), { scores: { craft: 7, originality: 0 } })
  t.same(scoresBody(criteria, { craft: '7' }), { bad: 'originality' }, 'missing')
  t.same(scoresBody(criteria, { craft: '11', originality: '1' }), { bad: 'craft' }, 'over 10')
  t.same(scoresBody(criteria, { craft: '2.5', originality: '1' }), { bad: 'craft' }, 'not whole')
  t.same(scoresBody(criteria, { craft: '-1', originality: '1' }), { bad: 'craft' }, 'negative')
})

t.test('the staff strings exist in both languages', async (t) => {
  t.same(Object.keys(staffMessages.fr).sort(), Object.keys(staffMessages.en).sort())
})
