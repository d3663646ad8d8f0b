import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json, type TestApp } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'

const defaults = {
  autoHideWeight: 5,
  offHoursAutoHideWeight: 3,
  holdNewMembersPosts: 0,
  offHoursHoldTrustBelow: 1,
  newMemberMaxLinks: 2,
  newMemberImages: false,
  trustedFlagWeight: 3,
  alertWebhookUrl: null,
  alertEmail: null,
  urgentRuleIds: ['privacy', 'legal'],
}

const putSettings = (a: TestApp, who: Member, payload: object) =>
  a.inject({ method: 'PUT', url: '/api/moderation/settings', headers: who.auth, payload })

/** Monday 09:00–17:00 in Paris for `moderator`. */
async function mondayShift(a: TestApp, admin: Member, moderator: Member) {
  const res = await a.inject({
    method: 'PUT',
    url: '/api/moderation/duty',
    headers: admin.auth,
    payload: {
      shifts: [
        {
          moderatorId: moderator.id,
          timeZone: 'Europe/Paris',
          weekday: 1,
          startsAt: '09:00',
          endsAt: '17:00',
        },
      ],
    },
  })
  if (res.statusCode !== 200) throw new Error(res.body)
}

t.test('settings routes: visitors 401, members 403, moderators read but do not write', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/moderation/settings' }), 401, 'unauthenticated')
  assertRefused(
    t,
    await a.inject({ method: 'PUT', url: '/api/moderation/settings', payload: { autoHideWeight: 4 } }),
    401,
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/moderation/settings', headers: member.auth }),
    403,
    'forbidden',
  )
  assertRefused(t, await putSettings(a, member, { autoHideWeight: 4 }), 403, 'forbidden')
  assertRefused(t, await putSettings(a, moderator, { autoHideWeight: 4 }), 403, 'forbidden')
  const read = await a.inject({ method: 'GET', url: '/api/moderation/settings', headers: moderator.auth })
  t.equal(read.statusCode, 200)
  t.same(json(read), defaults, 'the defaults, urgent rules taken from the charter')
  const row = await a.db
    .selectFrom('settings')
    .select('key')
    .where('key', '=', 'moderation')
    .executeTakeFirst()
  t.notOk(row, 'nothing written')
})

t.test('settings validation answers 4xx, never 500, and writes nothing', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const cases: [object, number, string][] = [
    [{ autoHideWeight: 0 }, 400, 'invalid_request'],
    [{ autoHideWeight: 1001 }, 400, 'invalid_request'],
    [{ autoHideWeight: 2.5 }, 400, 'invalid_request'],
    [{ autoHideWeight: '5' }, 400, 'invalid_request'],
    [{ holdNewMembersPosts: -1 }, 400, 'invalid_request'],
    [{ newMemberImages: 'yes' }, 400, 'invalid_request'],
    [{ urgentRuleIds: 'privacy' }, 400, 'invalid_request'],
    [{ urgentRuleIds: [''] }, 400, 'invalid_request'],
    [{ somethingElse: 1 }, 400, 'invalid_request'],
    [{ alertWebhookUrl: 'not a url' }, 400, 'invalid_url'],
    [{ alertWebhookUrl: 'ftp://hooks.example/x' }, 400, 'invalid_url'],
    [{ alertWebhookUrl: 'javascript:alert(1)' }, 400, 'invalid_url'],
    [{ alertWebhookUrl: `https://hooks.example/${'x'.repeat(2000)}` }, 400, 'invalid_request'],
    [{ alertEmail: 'nobody' }, 400, 'invalid_email'],
    [{ alertEmail: 'a@b.example, c@d.example' }, 400, 'invalid_email'],
    [{ urgentRuleIds: ['privacy', 'no-such-rule'] }, 422, 'unknown_rule'],
    [{ offHoursAutoHideWeight: 6 }, 422, 'off_hours_not_stricter'],
    [{ autoHideWeight: 2 }, 422, 'off_hours_not_stricter'],
  ]
  for (const [payload, status, code] of cases)
    assertRefused(t, await putSettings(a, admin, payload), status, code, JSON.stringify(payload).slice(0, 80))
  assertRefused(
    t,
    await a.inject({
      method: 'PUT',
      url: '/api/moderation/settings',
      headers: { ...admin.auth, 'content-type': 'application/json' },
      payload: '[1,2',
    }),
    400,
    'invalid_json',
  )
  t.notOk(await a.db.selectFrom('settings').select('key').where('key', '=', 'moderation').executeTakeFirst())
  t.equal(
    (
      await a.db
        .selectFrom('auditLog')
        .select('id')
        .where('action', '=', 'moderation_settings.update')
        .execute()
    ).length,
    0,
  )
})

t.test('an admin changes some settings: the rest stay, one audit entry names what changed', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const res = await putSettings(a, admin, {
    offHoursAutoHideWeight: 2,
    holdNewMembersPosts: 3,
    alertWebhookUrl: 'https://hooks.example/tribune',
    alertEmail: 'team@brand.example',
    urgentRuleIds: ['privacy', 'respect', 'privacy'],
  })
  t.equal(res.statusCode, 200, res.body)
  const expected = {
    ...defaults,
    offHoursAutoHideWeight: 2,
    holdNewMembersPosts: 3,
    alertWebhookUrl: 'https://hooks.example/tribune',
    alertEmail: 'team@brand.example',
    urgentRuleIds: ['privacy', 'respect'],
  }
  t.same(json(res), expected)
  t.same(
    json(await a.inject({ method: 'GET', url: '/api/moderation/settings', headers: admin.auth })),
    expected,
  )
  const entries = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'moderation_settings.update')
    .execute()
  t.equal(entries.length, 1, 'one audit entry')
  t.same(Object.keys((entries[0]!.data as { to: object }).to).sort(), [
    'alertEmail',
    'alertWebhookUrl',
    'holdNewMembersPosts',
    'offHoursAutoHideWeight',
    'urgentRuleIds',
  ])
  // Clearing the alert addresses.
  const cleared = await putSettings(a, admin, { alertWebhookUrl: null, alertEmail: null })
  t.match(json(cleared), { alertWebhookUrl: null, alertEmail: null, holdNewMembersPosts: 3 })
})

t.test('the default urgent rules follow the charter: rules about threats join', async (t) => {
  const a = await build(t)
  const moderator = await makeMember(a, { role: 'moderator' })
  await a.db.insertInto('charterVersions').values({ version: 2, summary: 'Threats' }).execute()
  const rules = ['respect', 'privacy', 'no-threats', 'menaces']
  await a.db
    .insertInto('charterRules')
    .values(rules.map((ruleId, position) => ({ version: 2, ruleId, title: ruleId, body: ruleId, position })))
    .execute()
  await a.app.charter.published()
  const res = await a.inject({ method: 'GET', url: '/api/moderation/settings', headers: moderator.auth })
  t.same(json(res).urgentRuleIds, ['privacy', 'legal', 'no-threats', 'menaces'])
  t.equal(await a.app.moderationPolicy.isUrgentRule('no-threats'), true)
  t.equal(await a.app.moderationPolicy.isUrgentRule('respect'), false)
})

t.test('holdReason: off hours, new members, never staff', async (t) => {
  let now = new Date('2025-01-06T07:59:00Z') // Monday 08:59 in Paris
  const a = await build(t, { clock: () => now })
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const category = await makeCategory(a)
  const policy = a.app.moderationPolicy
  const author = (over: object = {}) => ({ id: 1, role: 'member', trustLevel: 0, postCount: 10, ...over })
  const hold = (over: object = {}) => policy.holdReason({ categoryId: category.id, author: author(over) })

  t.equal(await hold(), null, 'no schedule: never off hours')
  await mondayShift(a, admin, moderator)
  t.equal(await hold(), 'off_hours', '08:59: trust 0 is held')
  t.equal(await hold({ trustLevel: 1 }), null, 'trust 1 is not (default: below 1)')
  t.equal(await hold({ role: 'moderator' }), null, 'staff never held')
  t.equal(await hold({ role: 'admin', postCount: 0 }), null)
  t.equal(await policy.autoHideWeight(), 3, 'off-hours threshold')
  now = new Date('2025-01-06T08:00:00Z')
  t.equal(await hold(), null, '09:00: covered, published')
  t.equal(await policy.autoHideWeight(), 5, 'usual threshold')
  now = new Date('2025-01-06T16:00:00Z')
  t.equal(await hold(), 'off_hours', '17:00: off hours again')

  await putSettings(a, admin, { holdNewMembersPosts: 2, offHoursHoldTrustBelow: 0 })
  t.equal(await hold({ postCount: 0, trustLevel: 1 }), 'new_member', 'first post')
  t.equal(await hold({ postCount: 1, trustLevel: 1 }), 'new_member', 'second post')
  t.equal(await hold({ postCount: 2, trustLevel: 1 }), null, 'third post')
  t.equal(await hold({ postCount: 5 }), null, 'off-hours hold turned off')
  t.equal(await hold({ postCount: 0, role: 'moderator' }), null, 'staff never held')
})

t.test('flag weights, link limits and slow mode', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const policy = a.app.moderationPolicy
  t.equal(await policy.flagWeight(0), 1)
  t.equal(await policy.flagWeight(1), 1)
  t.equal(await policy.flagWeight(2), 3, 'trusted')
  t.same(await policy.linkLimits({ role: 'member', trustLevel: 0 }), { maxLinks: 2, imagesAllowed: false })
  t.same(await policy.linkLimits({ role: 'member', trustLevel: 1 }), { maxLinks: null, imagesAllowed: true })
  t.same(await policy.linkLimits({ role: 'moderator', trustLevel: 0 }), {
    maxLinks: null,
    imagesAllowed: true,
  })
  t.equal(await policy.slowModeSeconds(1, 0), 0, 'no crisis: the topic’s own')
  t.equal(await policy.slowModeSeconds(1, 30), 30)
  await putSettings(a, admin, { trustedFlagWeight: 5, newMemberMaxLinks: 0, newMemberImages: true })
  t.equal(await policy.flagWeight(4), 5)
  t.same(await policy.linkLimits({ role: 'member', trustLevel: 0 }), { maxLinks: 0, imagesAllowed: true })
})
