import t from 'tap'
import { badgeIcon, progressShare, tabFor } from '../../client/app/challenges/types.js'
import { contestMessages } from '../../client/app/contests/messages.js'
import { type Contest, nextChange, timeline, voteBlock } from '../../client/app/contests/types.js'
import {
  dayIn,
  eventDays,
  eventsByDay,
  eventWhen,
  monthGrid,
  monthIn,
  monthQuery,
  monthTitle,
  shiftMonth,
  weekdays,
} from '../../client/app/events/calendar.js'
import { isFull, mergeQuestion, type Question, sortQuestions } from '../../client/app/events/types.js'

// The community pages' pure parts (no DOM): the events calendar, the time zones an event is read
// in, a contest's calendar and voting rules, challenge progress and the leaderboard's tabs.

t.test('monthGrid: whole weeks, Monday first, the neighbouring months filling the ends', async (t) => {
  const march = monthGrid('2026-03')
  t.equal(march.length, 6, 'March 2026 starts on a Sunday: six rows')
  t.ok(
    march.every((w) => w.length === 7),
    'seven days a week',
  )
  t.same(march[0]![0], { date: '2026-02-23', day: 23, inMonth: false }, 'the Monday before')
  t.same(march[0]![6], { date: '2026-03-01', day: 1, inMonth: true })
  t.same(march[5]![1], { date: '2026-03-31', day: 31, inMonth: true })
  t.equal(march.flat().filter((d) => d.inMonth).length, 31)
  const feb2021 = monthGrid('2021-02')
  t.equal(feb2021.length, 4, 'February 2021 starts on a Monday and fills four weeks exactly')
  t.ok(feb2021.flat().every((d) => d.inMonth))
  const leap = monthGrid('2024-02')
  t.equal(leap.flat().filter((d) => d.inMonth).length, 29, 'leap years have their 29th')
  t.throws(() => monthGrid('2026-3'))
})

t.test('shiftMonth and monthQuery cross year ends', async (t) => {
  t.equal(shiftMonth('2026-01', -1), '2025-12')
  t.equal(shiftMonth('2025-12', 1), '2026-01')
  t.equal(shiftMonth('2026-03', 12), '2027-03')
  t.same(monthQuery('2026-03'), { from: '2026-02-28T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' })
  t.same(monthQuery('2026-12'), { from: '2026-11-30T00:00:00.000Z', to: '2027-01-02T00:00:00.000Z' })
})

t.test('days are the reader’s: an evening in New York is the next morning in Paris', async (t) => {
  const iso = '2026-03-14T23:30:00Z'
  t.equal(dayIn(iso, 'Europe/Paris'), '2026-03-15')
  t.equal(dayIn(iso, 'America/New_York'), '2026-03-14')
  t.equal(monthIn('2026-03-31T23:30:00Z', 'Europe/Paris'), '2026-04')
  t.same(eventDays('2026-03-14T17:00:00Z', '2026-03-14T19:00:00Z', 'Europe/Paris'), ['2026-03-14'])
  t.same(
    eventDays('2026-03-14T17:00:00Z', '2026-03-14T23:00:00Z', 'Europe/Paris'),
    ['2026-03-14'],
    'ending at midnight does not spill onto the next day',
  )
  t.same(eventDays('2026-03-14T08:00:00Z', '2026-03-16T18:00:00Z', 'UTC'), [
    '2026-03-14',
    '2026-03-15',
    '2026-03-16',
  ])
  t.equal(eventDays('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'UTC').length, 62, 'bounded')
  const a = { id: 1, startsAt: '2026-03-14T17:00:00Z', endsAt: '2026-03-15T10:00:00Z' }
  const b = { id: 2, startsAt: '2026-03-15T12:00:00Z', endsAt: '2026-03-15T13:00:00Z' }
  const byDay = eventsByDay([a, b], 'UTC')
  t.same(
    byDay.get('2026-03-15')?.map((e) => e.id),
    [1, 2],
  )
  t.same(
    byDay.get('2026-03-14')?.map((e) => e.id),
    [1],
  )
})

t.test('eventWhen: the reader’s time, and the event’s own when it reads differently', async (t) => {
  const ev = { startsAt: '2026-03-14T17:00:00Z', endsAt: '2026-03-14T19:00:00Z', timeZone: 'Europe/Paris' }
  const london = eventWhen(ev, 'en', 'Europe/London')
  t.match(london.reader, /17:00/)
  t.match(london.reader, /GMT|UTC/)
  t.match(london.local, /18:00/)
  t.match(london.local, /CET|GMT\+1/)
  t.equal(eventWhen(ev, 'en', 'Europe/Paris').local, null, 'same zone: one line')
  t.equal(eventWhen(ev, 'en', 'Europe/Brussels').local, null, 'another zone reading the same: one line')
  t.match(eventWhen(ev, 'fr', 'America/New_York').reader, /13:00/)
  t.match(eventWhen(ev, 'fr', 'America/New_York').reader, /sam/)
  t.equal(
    eventWhen({ ...ev, timeZone: 'Mars/Olympus_Mons' }, 'en', 'UTC').local,
    null,
    'an unknown zone is left out, not thrown',
  )
})

t.test('calendar titles and weekdays in both languages', async (t) => {
  t.equal(monthTitle('2026-03', 'en'), 'March 2026')
  t.equal(monthTitle('2026-03', 'fr'), 'mars 2026')
  t.equal(weekdays('en')[0]!.long, 'Monday')
  t.equal(weekdays('fr')[6]!.long, 'dimanche')
})

t.test('events: full, and the live Q&A merged with what the reader knew', async (t) => {
  t.ok(isFull({ capacity: 2, placesLeft: 0, waitlistCount: 0 }))
  t.ok(isFull({ capacity: 2, placesLeft: 1, waitlistCount: 1 }), 'people already waiting')
  t.notOk(isFull({ capacity: 2, placesLeft: 1, waitlistCount: 0 }))
  t.notOk(isFull({ capacity: null, placesLeft: null, waitlistCount: 0 }))
  const q = (id: number, votes: number, createdAt: string, over: Partial<Question> = {}): Question => ({
    id,
    eventId: 1,
    author: { id: 100 + id, handle: `m${id}`, displayName: `M${id}` },
    html: '<p>?</p>',
    votes,
    answered: false,
    hidden: false,
    createdAt,
    voted: false,
    can: { vote: true, moderate: false },
    ...over,
  })
  const list = sortQuestions([q(1, 1, '2026-01-01T10:00:00Z'), q(2, 3, '2026-01-01T11:00:00Z')])
  t.same(
    list.map((x) => x.id),
    [2, 1],
    'most upvoted first',
  )
  const mine = list.map((x) => (x.id === 1 ? { ...x, voted: true } : x))
  // Live copies are presented for no one: voted false, no permissions.
  const live = q(1, 4, '2026-01-01T10:00:00Z', { voted: false, can: { vote: false, moderate: false } })
  const merged = mergeQuestion(mine, live, { signedIn: true, staff: false, id: 7 })
  t.same(
    merged.map((x) => [x.id, x.votes, x.voted, x.can.vote]),
    [
      [1, 4, true, true],
      [2, 3, false, true],
    ],
    'the new count, the reader’s own vote and permissions kept, order updated',
  )
  const fresh = mergeQuestion(
    merged,
    q(3, 0, '2026-01-01T12:00:00Z', { author: { id: 7, handle: 'me', displayName: 'Me' } }),
    {
      signedIn: true,
      staff: true,
      id: 7,
    },
  )
  t.same(fresh.at(-1)!.can, { vote: false, moderate: true }, 'a new question: not one’s own to upvote')
})

const contest = (over: Partial<Contest> = {}): Contest => ({
  id: 1,
  title: 'Photo',
  rulesHtml: '',
  phase: 'voting',
  submissionsOpenAt: '2026-03-01T00:00:00Z',
  votingOpensAt: '2026-03-10T00:00:00Z',
  votingClosesAt: '2026-03-20T00:00:00Z',
  resultsAt: null,
  votesPerMember: 3,
  entriesPerMember: 1,
  votingMode: 'members',
  entryCount: 4,
  topicId: 9,
  topicUrl: '/t/photo-de-lete/9',
  url: '/contests/1',
  me: { entries: 0, votesUsed: 1, votesLeft: 2, juror: false },
  can: { enter: false, vote: true, judge: false, moderate: false },
  ...over,
})

t.test('a contest’s timeline and what happens next', async (t) => {
  t.same(
    timeline(contest()).map((s) => [s.stage, s.state]),
    [
      ['submissions', 'done'],
      ['voting', 'current'],
      ['results', 'next'],
    ],
  )
  t.equal(
    timeline(contest()).at(-1)!.from,
    '2026-03-20T00:00:00Z',
    'without a jury, results when voting closes',
  )
  const jury = timeline(contest({ phase: 'closed', votingMode: 'both', resultsAt: '2026-03-25T00:00:00Z' }))
  t.same(
    jury.map((s) => [s.stage, s.state]),
    [
      ['submissions', 'done'],
      ['voting', 'done'],
      ['judging', 'current'],
      ['results', 'next'],
    ],
  )
  t.equal(jury.at(-1)!.from, '2026-03-25T00:00:00Z')
  t.same(
    timeline(contest({ phase: 'upcoming' })).map((s) => s.state),
    ['next', 'next', 'next'],
  )
  t.same(nextChange(contest({ phase: 'upcoming' })), { what: 'submissionsOpen', at: '2026-03-01T00:00:00Z' })
  t.same(nextChange(contest({ phase: 'submissions' })), { what: 'votingOpens', at: '2026-03-10T00:00:00Z' })
  t.same(nextChange(contest()), { what: 'votingCloses', at: '2026-03-20T00:00:00Z' })
  t.same(nextChange(contest({ phase: 'closed' })), { what: 'results', at: null })
  t.equal(nextChange(contest({ phase: 'results' })), null)
  t.equal(contestMessages.en.rank(1), '1st')
  t.equal(contestMessages.en.rank(12), '12th')
  t.equal(contestMessages.en.rank(23), '23rd')
  t.equal(contestMessages.fr.rank(1), '1er')
})

t.test('voteBlock: why a vote button is off', async (t) => {
  const entry = { voted: false, author: { id: 5, handle: 'a', displayName: 'A' }, disqualified: false }
  t.equal(voteBlock(contest(), entry, 7), null, 'may vote')
  t.equal(voteBlock(contest(), { ...entry, voted: true }, 7), 'voted')
  t.equal(voteBlock(contest(), entry, 5), 'own')
  t.equal(voteBlock(contest(), entry, null), 'signedOut')
  t.equal(voteBlock(contest({ phase: 'submissions' }), entry, 7), 'closed')
  t.equal(
    voteBlock(
      contest({
        me: { entries: 0, votesUsed: 3, votesLeft: 0, juror: false },
        can: { enter: false, vote: false, judge: false, moderate: false },
      }),
      entry,
      7,
    ),
    'noVotesLeft',
  )
  t.equal(
    voteBlock(contest({ can: { enter: false, vote: false, judge: false, moderate: false } }), entry, 7),
    'notAllowed',
  )
})

t.test('challenge progress, badge icons and the leaderboard’s tabs', async (t) => {
  t.same(progressShare({ count: 2, target: 3, completed: false }), { text: '2/3', value: 2, max: 3 })
  t.same(progressShare({ count: 1, target: 3, completed: true }), { text: '3/3', value: 3, max: 3 })
  t.same(progressShare({ count: 9, target: 3, completed: false }), { text: '3/3', value: 3, max: 3 })
  t.same(progressShare({ count: 0, target: 0, completed: false }), { text: '0/1', value: 0, max: 1 })
  t.equal(badgeIcon('trophy'), 'trophy')
  t.equal(badgeIcon('fire'), 'flame', 'a few other names are understood')
  t.equal(badgeIcon('no-such-icon'), 'star', 'an unknown icon draws a star')
  const tabs = ['week', 'month', 'all'] as const
  t.equal(tabFor(tabs, 'week', 'ArrowRight'), 'month')
  t.equal(tabFor(tabs, 'all', 'ArrowRight'), 'week', 'wraps')
  t.equal(tabFor(tabs, 'week', 'ArrowLeft'), 'all')
  t.equal(tabFor(tabs, 'month', 'Home'), 'week')
  t.equal(tabFor(tabs, 'week', 'End'), 'all')
  t.equal(tabFor(tabs, 'week', 'Enter'), null)
})
