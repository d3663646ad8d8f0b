import t from 'tap'
import { moderatorsOnDuty, nextChange, onDutyAt, type Shift } from '../../server/moderation/duty/schedule.js'
import { assertRefused } from '../api/refused.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

const at = (iso: string) => new Date(iso)
const shift = (over: Partial<Shift>): Shift => ({
  moderatorId: 1,
  timeZone: 'Europe/Paris',
  weekday: 1,
  startsAt: '09:00',
  endsAt: '17:00',
  ...over,
})
const on = (shifts: Shift[], iso: string) => onDutyAt(shifts, at(iso)).length > 0

t.test('a day shift: a minute before, at, a minute after each boundary (Paris, winter)', async (t) => {
  // Monday 2025-01-06; Paris is UTC+1.
  const s = [shift({})]
  t.notOk(on(s, '2025-01-06T07:59:00Z'), '08:59 local: not yet')
  t.ok(on(s, '2025-01-06T08:00:00Z'), '09:00 local: on duty')
  t.ok(on(s, '2025-01-06T08:01:00Z'), '09:01 local')
  t.ok(on(s, '2025-01-06T15:59:00Z'), '16:59 local')
  t.notOk(on(s, '2025-01-06T16:00:00Z'), '17:00 local: over')
  t.notOk(on(s, '2025-01-07T08:30:00Z'), 'Tuesday: not that day')
  // Summer: UTC+2.
  t.ok(on(s, '2025-07-07T07:00:00Z'), 'Monday 09:00 CEST')
  t.notOk(on(s, '2025-07-07T06:59:00Z'), 'Monday 08:59 CEST')
})

t.test('Europe/Paris, last Sunday of March: the night is an hour shorter', async (t) => {
  // 2025-03-30 02:00 CET → 03:00 CEST, at 01:00Z. A shift 01:00–04:00 lasts two real hours.
  const s = [shift({ weekday: 0, startsAt: '01:00', endsAt: '04:00' })]
  t.notOk(on(s, '2025-03-29T23:59:00Z'), '00:59 CET')
  t.ok(on(s, '2025-03-30T00:00:00Z'), '01:00 CET')
  t.ok(on(s, '2025-03-30T00:59:00Z'), '01:59 CET')
  t.ok(on(s, '2025-03-30T01:00:00Z'), '03:00 CEST, right after the jump')
  t.ok(on(s, '2025-03-30T01:59:00Z'), '03:59 CEST')
  t.notOk(on(s, '2025-03-30T02:00:00Z'), '04:00 CEST: over')
  const morning = [shift({ weekday: 0, startsAt: '09:00', endsAt: '12:00' })]
  t.notOk(on(morning, '2025-03-30T06:59:00Z'), '08:59 CEST')
  t.ok(on(morning, '2025-03-30T07:00:00Z'), '09:00 CEST, already summer time')
  t.same(nextChange(s, at('2025-03-29T12:00:00Z')), at('2025-03-30T00:00:00Z'), 'next change: the start')
  t.same(nextChange(s, at('2025-03-30T00:30:00Z')), at('2025-03-30T02:00:00Z'), 'then the end, in CEST')
})

t.test('Europe/Paris, last Sunday of October: the night is an hour longer', async (t) => {
  // 2025-10-26 03:00 CEST → 02:00 CET, at 01:00Z. A shift 01:00–04:00 lasts four real hours.
  const s = [shift({ weekday: 0, startsAt: '01:00', endsAt: '04:00' })]
  t.notOk(on(s, '2025-10-25T22:59:00Z'), '00:59 CEST')
  t.ok(on(s, '2025-10-25T23:00:00Z'), '01:00 CEST')
  t.ok(on(s, '2025-10-26T00:30:00Z'), '02:30 CEST, the first time')
  t.ok(on(s, '2025-10-26T01:30:00Z'), '02:30 CET, the second time')
  t.ok(on(s, '2025-10-26T02:59:00Z'), '03:59 CET')
  t.notOk(on(s, '2025-10-26T03:00:00Z'), '04:00 CET: over')
  t.same(nextChange(s, at('2025-10-26T00:00:00Z')), at('2025-10-26T03:00:00Z'), 'ends at 04:00 CET')
  // A shift that starts inside the repeated hour starts the first time it strikes.
  const repeated = [shift({ weekday: 0, startsAt: '02:30', endsAt: '05:00' })]
  t.notOk(on(repeated, '2025-10-26T00:29:00Z'), '02:29 CEST')
  t.ok(on(repeated, '2025-10-26T00:30:00Z'), '02:30 CEST')
})

t.test('a shift past midnight, America/New_York, and its daylight-saving night', async (t) => {
  // Friday 22:00 → Saturday 02:00, New York (EST, UTC−5, in January).
  const s = [shift({ timeZone: 'America/New_York', weekday: 5, startsAt: '22:00', endsAt: '02:00' })]
  t.notOk(on(s, '2025-01-11T02:59:00Z'), 'Friday 21:59')
  t.ok(on(s, '2025-01-11T03:00:00Z'), 'Friday 22:00')
  t.ok(on(s, '2025-01-11T05:00:00Z'), 'Saturday 00:00: still the Friday shift')
  t.ok(on(s, '2025-01-11T06:59:00Z'), 'Saturday 01:59')
  t.notOk(on(s, '2025-01-11T07:00:00Z'), 'Saturday 02:00: over')
  t.notOk(on(s, '2025-01-12T03:00:00Z'), 'Saturday 22:00: a different day')
  t.notOk(on(s, '2025-01-10T05:00:00Z'), 'Friday 00:00: the shift starts on Friday evening, not before')
  // 2025-03-09: 02:00 EST → 03:00 EDT. Saturday 22:00 → Sunday 04:00 is five real hours.
  const night = [shift({ timeZone: 'America/New_York', weekday: 6, startsAt: '22:00', endsAt: '04:00' })]
  t.ok(on(night, '2025-03-09T03:00:00Z'), 'Saturday 22:00 EST')
  t.ok(on(night, '2025-03-09T07:59:00Z'), 'Sunday 03:59 EDT')
  t.notOk(on(night, '2025-03-09T08:00:00Z'), 'Sunday 04:00 EDT: over')
  t.same(nextChange(night, at('2025-03-09T04:00:00Z')), at('2025-03-09T08:00:00Z'))
})

t.test('Saturday night wraps to Sunday, 24:00 ends at midnight, equal times last a day', async (t) => {
  const wrap = [shift({ timeZone: 'UTC', weekday: 6, startsAt: '23:00', endsAt: '01:00' })]
  t.ok(on(wrap, '2025-01-12T00:30:00Z'), 'Sunday 00:30, from Saturday’s shift')
  t.notOk(on(wrap, '2025-01-12T01:00:00Z'))
  const late = [shift({ weekday: 1, startsAt: '20:00', endsAt: '24:00' })]
  t.ok(on(late, '2025-01-06T22:59:00Z'), 'Monday 23:59 Paris')
  t.notOk(on(late, '2025-01-06T23:00:00Z'), 'Tuesday 00:00 Paris')
  const day = [shift({ timeZone: 'UTC', weekday: 2, startsAt: '08:00', endsAt: '08:00' })]
  t.ok(on(day, '2025-01-08T07:59:00Z'), 'Wednesday 07:59, from Tuesday 08:00')
  t.notOk(on(day, '2025-01-08T08:00:00Z'))
})

t.test(
  'nextChange skips seams between shifts of the same moderator and knows when nothing changes',
  async (t) => {
    const seam = [
      shift({ timeZone: 'UTC', startsAt: '09:00', endsAt: '12:00' }),
      shift({ timeZone: 'UTC', startsAt: '12:00', endsAt: '17:00' }),
    ]
    t.same(nextChange(seam, at('2025-01-06T10:00:00Z')), at('2025-01-06T17:00:00Z'))
    const other = [
      ...seam,
      shift({ moderatorId: 2, timeZone: 'Asia/Kathmandu', weekday: 1, startsAt: '20:00', endsAt: '21:15' }),
    ]
    // 20:00 in Kathmandu (UTC+5:45) is 14:15Z.
    t.same(nextChange(other, at('2025-01-06T10:00:00Z')), at('2025-01-06T14:15:00Z'))
    t.same(moderatorsOnDuty(other, at('2025-01-06T14:15:00Z')), [1, 2])
    t.equal(nextChange([], at('2025-01-06T10:00:00Z')), null, 'no schedule')
    const always = Array.from({ length: 7 }, (_, d) =>
      shift({ weekday: d, startsAt: '00:00', endsAt: '24:00' }),
    )
    t.equal(nextChange(always, at('2025-03-30T00:30:00Z')), null, 'round the clock, DST included')
  },
)

const parisMonday = { timeZone: 'Europe/Paris', weekday: 1, startsAt: '09:00', endsAt: '17:00' }

t.test('duty routes refuse visitors, members, and moderators who would change the schedule', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  const put = { method: 'PUT', url: '/api/moderation/duty', payload: { shifts: [] } } as const
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/moderation/duty' }), 401, 'unauthenticated')
  assertRefused(t, await a.inject(put), 401, 'unauthenticated')
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/moderation/duty', headers: member.auth }), 403)
  assertRefused(t, await a.inject({ ...put, headers: member.auth }), 403, 'forbidden')
  assertRefused(
    t,
    await a.inject({
      ...put,
      payload: { shifts: [{ moderatorId: moderator.id, ...parisMonday }] },
      headers: moderator.auth,
    }),
    403,
    'forbidden',
    'a moderator cannot change the schedule',
  )
  const audit = await a.db.selectFrom('auditLog').select('id').where('action', '=', 'duty.update').execute()
  t.equal(audit.length, 0, 'nothing audited')
})

t.test('PUT /api/moderation/duty refuses bad shifts with 4xx and writes nothing', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const put = (shifts: object[]) =>
    a.inject({ method: 'PUT', url: '/api/moderation/duty', headers: admin.auth, payload: { shifts } })
  const ok = { moderatorId: moderator.id, ...parisMonday }
  const cases: [object, number, string][] = [
    [{ ...ok, timeZone: 'Mars/Olympus' }, 422, 'unknown_time_zone'],
    [{ ...ok, timeZone: '+02:00' }, 422, 'unknown_time_zone'],
    [{ ...ok, moderatorId: member.id }, 422, 'not_a_moderator'],
    [{ ...ok, moderatorId: 99_999_999 }, 422, 'not_a_moderator'],
    [{ ...ok, startsAt: '9:00' }, 400, 'invalid_request'],
    [{ ...ok, startsAt: '24:00' }, 400, 'invalid_request'],
    [{ ...ok, endsAt: '24:01' }, 400, 'invalid_request'],
    [{ ...ok, endsAt: '12:60' }, 400, 'invalid_request'],
    [{ ...ok, weekday: 7 }, 400, 'invalid_request'],
    [{ ...ok, weekday: '1' }, 400, 'invalid_request'],
    [{ ...ok, extra: true }, 400, 'invalid_request'],
    [{ ...ok, moderatorId: undefined }, 400, 'invalid_request'],
  ]
  for (const [s, status, code] of cases) assertRefused(t, await put([ok, s]), status, code, JSON.stringify(s))
  assertRefused(
    t,
    await a.inject({ method: 'PUT', url: '/api/moderation/duty', headers: admin.auth, payload: {} }),
    400,
  )
  t.equal((await a.db.selectFrom('dutyShifts').select('id').execute()).length, 0, 'no shift written')
})

t.test('the schedule is replaced whole, audited once, and judged on the injected clock', async (t) => {
  let now = at('2025-01-06T07:59:00Z') // Monday 08:59 in Paris
  const a = await build(t, { clock: () => now })
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const night = await makeMember(a, { role: 'moderator' })
  const get = async () =>
    json(await a.inject({ method: 'GET', url: '/api/moderation/duty', headers: moderator.auth }))

  t.same(await get(), { shifts: [], coveredNow: true, onDuty: [], nextChange: null }, 'no schedule: covered')
  t.equal(await a.app.moderationPolicy.offHours(), false, 'a fresh community is not in off hours')

  const res = await a.inject({
    method: 'PUT',
    url: '/api/moderation/duty',
    headers: admin.auth,
    payload: {
      shifts: [
        { moderatorId: moderator.id, ...parisMonday },
        {
          moderatorId: night.id,
          timeZone: 'America/New_York',
          weekday: 5,
          startsAt: '22:00',
          endsAt: '02:00',
        },
      ],
    },
  })
  t.equal(res.statusCode, 200, res.body)
  const body = json(res)
  t.equal(body.shifts.length, 2)
  t.match(body.shifts[0], { moderator: { id: moderator.id, handle: moderator.handle }, ...parisMonday })
  t.equal(body.coveredNow, false, '08:59: nobody yet')
  t.equal(body.nextChange, '2025-01-06T08:00:00.000Z')
  t.equal(await a.app.moderationPolicy.offHours(), true, 'off hours a minute before the shift')

  now = at('2025-01-06T08:00:00Z')
  let view = await get()
  t.equal(view.coveredNow, true, '09:00: covered')
  t.same(
    view.onDuty.map((u: { id: number }) => u.id),
    [moderator.id],
  )
  t.equal(view.nextChange, '2025-01-06T16:00:00.000Z')
  t.equal(await a.app.moderationPolicy.offHours(), false)
  now = at('2025-01-06T08:01:00Z')
  t.equal(await a.app.moderationPolicy.offHours(), false, '09:01')
  now = at('2025-01-06T16:00:00Z')
  t.equal(await a.app.moderationPolicy.offHours(), true, '17:00: off hours again')
  now = at('2025-01-11T04:00:00Z') // Friday 23:00 in New York
  view = await get()
  t.same(
    view.onDuty.map((u: { id: number }) => u.id),
    [night.id],
    'the night shift, across midnight',
  )

  const entries = await a.db.selectFrom('auditLog').selectAll().where('action', '=', 'duty.update').execute()
  t.equal(entries.length, 1, 'one audit entry')
  t.equal(entries[0]!.actorId, admin.id)

  // Replacing: the old shifts go, in the same single step.
  const cleared = await a.inject({
    method: 'PUT',
    url: '/api/moderation/duty',
    headers: admin.auth,
    payload: { shifts: [] },
  })
  t.equal(cleared.statusCode, 200)
  t.same(json(cleared).shifts, [])
  t.equal(await a.app.moderationPolicy.offHours(), false, 'no schedule again: covered')
  t.equal(
    (await a.db.selectFrom('auditLog').select('id').where('action', '=', 'duty.update').execute()).length,
    2,
  )
})

t.test('a demoted moderator’s shifts cover nothing', async (t) => {
  const now = at('2025-01-06T10:00:00Z')
  const a = await build(t, { clock: () => now })
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  await a.inject({
    method: 'PUT',
    url: '/api/moderation/duty',
    headers: admin.auth,
    payload: { shifts: [{ moderatorId: moderator.id, ...parisMonday }] },
  })
  t.equal(await a.app.moderationPolicy.offHours(), false)
  await a.db.updateTable('users').set({ role: 'member' }).where('id', '=', moderator.id).execute()
  await a.app.moderationPolicy.scheduleChanged()
  const view = json(await a.inject({ method: 'GET', url: '/api/moderation/duty', headers: admin.auth }))
  t.same(view.shifts, [], 'left out of the schedule')
  t.equal(view.coveredNow, true, 'no schedule left: covered')
})
