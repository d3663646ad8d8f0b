import t from 'tap'
import {
  currentOrNext,
  occurrenceAt,
  occurrenceByKey,
  type Schedule,
} from '../../server/challenges/occurrences.js'

const at = (iso: string) => new Date(iso)
const weekly = (over: Partial<Schedule> = {}): Schedule => ({
  startsAt: at('2025-01-01T00:00:00Z'),
  endsAt: null,
  timeZone: 'Europe/Paris',
  recurrence: 'weekly',
  ...over,
})

t.test('a one-off challenge has one occurrence, from its start to its end', async (t) => {
  const s: Schedule = { ...weekly(), recurrence: 'none', endsAt: at('2025-02-01T00:00:00Z') }
  t.equal(occurrenceAt(s, at('2024-12-31T23:59:59Z')), null, 'before the start')
  t.same(occurrenceAt(s, at('2025-01-15T12:00:00Z')), {
    key: 'once',
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  })
  t.equal(occurrenceAt(s, at('2025-02-01T00:00:00Z')), null, 'the end is excluded')
  t.same(occurrenceByKey(s, 'once')?.key, 'once')
  t.equal(occurrenceByKey(s, '2025-01-06'), null)
})

t.test('weeks run Monday 00:00 to Monday 00:00 in the challenge’s zone', async (t) => {
  const s = weekly()
  // Sunday 2025-01-12 23:30 in Paris is 22:30Z: still the week of Monday the 6th.
  t.equal(occurrenceAt(s, at('2025-01-12T22:30:00Z'))?.key, '2025-01-06')
  // Monday 00:00 Paris = Sunday 23:00Z: the next week.
  const o = occurrenceAt(s, at('2025-01-12T23:00:00Z'))!
  t.equal(o.key, '2025-01-13')
  t.same(o.startsAt, at('2025-01-12T23:00:00Z'))
  t.same(o.endsAt, at('2025-01-19T23:00:00Z'))
  // The same instant in New York belongs to the week of the 6th (Sunday 18:00 there).
  t.equal(
    occurrenceAt(weekly({ timeZone: 'America/New_York' }), at('2025-01-12T23:00:00Z'))?.key,
    '2025-01-06',
  )
})

t.test('daylight saving: the week of the March change is 167 hours, October’s 169', async (t) => {
  // Paris springs forward on Sunday 2025-03-30: the week of Monday the 24th ends at Monday 31st 00:00 CEST.
  const march = occurrenceAt(weekly(), at('2025-03-27T12:00:00Z'))!
  t.equal(march.key, '2025-03-24')
  t.same(march.startsAt, at('2025-03-23T23:00:00Z'), 'Monday 00:00 CET')
  t.same(march.endsAt, at('2025-03-30T22:00:00Z'), 'Monday 00:00 CEST')
  t.equal((march.endsAt!.getTime() - march.startsAt.getTime()) / 3_600_000, 167)
  const october = occurrenceAt(weekly(), at('2025-10-22T12:00:00Z'))!
  t.equal(october.key, '2025-10-20')
  t.equal((october.endsAt!.getTime() - october.startsAt.getTime()) / 3_600_000, 169)
  // Right around the change, instants fall on the right side.
  t.equal(occurrenceAt(weekly(), at('2025-03-30T21:59:59Z'))?.key, '2025-03-24')
  t.equal(occurrenceAt(weekly(), at('2025-03-30T22:00:00Z'))?.key, '2025-03-31')
})

t.test('months in the zone, clipped to the challenge’s start and end', async (t) => {
  const s: Schedule = {
    ...weekly(),
    recurrence: 'monthly',
    startsAt: at('2025-03-10T09:00:00Z'),
    endsAt: at('2025-05-15T00:00:00Z'),
  }
  const first = occurrenceAt(s, at('2025-03-20T00:00:00Z'))!
  t.equal(first.key, '2025-03')
  t.same(first.startsAt, s.startsAt, 'the first month starts with the challenge')
  t.same(first.endsAt, at('2025-03-31T22:00:00Z'), 'April 1st, 00:00 CEST')
  // 2025-03-31T22:30Z is already April in Paris.
  t.equal(occurrenceAt(s, at('2025-03-31T22:30:00Z'))?.key, '2025-04')
  const last = occurrenceAt(s, at('2025-05-14T00:00:00Z'))!
  t.same(last.endsAt, s.endsAt, 'the last month ends with the challenge')
  t.equal(occurrenceAt(s, at('2025-05-15T00:00:00Z')), null)
  t.same(occurrenceByKey(s, '2025-04')?.startsAt, at('2025-03-31T22:00:00Z'))
  t.equal(occurrenceByKey(s, '2025-06'), null, 'after the end')
  t.equal(occurrenceByKey(s, '2025-02'), null, 'before the start')
  t.equal(occurrenceByKey(s, 'nonsense'), null)
})

t.test('current or next: an upcoming challenge shows its first occurrence', async (t) => {
  const s = weekly({ startsAt: at('2025-01-08T10:00:00Z'), endsAt: at('2025-02-01T00:00:00Z') })
  const next = currentOrNext(s, at('2025-01-01T00:00:00Z'))!
  t.equal(next.key, '2025-01-06')
  t.same(next.startsAt, s.startsAt)
  t.equal(currentOrNext(s, at('2025-02-01T00:00:00Z')), null, 'over')
  t.equal(occurrenceByKey(s, '2025-01-07'), null, 'a Tuesday names no week')
})
