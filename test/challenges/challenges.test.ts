import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { day, type Json, makeChallenge } from './helpers.js'

// Moderators create, edit and archive challenges (audited); readers list and read those they may
// see. Every refusal first.

const a = await build(t)
const mod = await makeMember(a, { role: 'moderator' })
const member = await makeMember(a)
const iso = (ms: number) => new Date(Date.now() + ms).toISOString()
const post = (who: { auth: Record<string, string> } | null, payload: object) =>
  a.inject({ method: 'POST', url: '/api/challenges', headers: who?.auth ?? {}, payload })
const patch = (who: { auth: Record<string, string> } | null, id: number, payload: object) =>
  a.inject({ method: 'PATCH', url: `/api/challenges/${id}`, headers: who?.auth ?? {}, payload })
const valid = { title: 'Say hello', points: 10, startsAt: iso(-day) }

t.test('creating: visitors and members are refused', async (t) => {
  assertRefused(t, await post(null, valid), 401, 'unauthenticated')
  assertRefused(t, await post(member, valid), 403, 'forbidden')
  t.equal((await a.db.selectFrom('challenges').select('id').execute()).length, 0, 'nothing written')
})

t.test('creating: bad input is a 4xx, never a 500, and writes nothing', async (t) => {
  const cases: [object, number, string][] = [
    [{ ...valid, extra: 1 }, 400, 'invalid_request'],
    [{ ...valid, points: 0 }, 400, 'invalid_request'],
    [{ ...valid, startsAt: 'tomorrow' }, 400, 'invalid_request'],
    [{ ...valid, title: '   ' }, 400, 'invalid_title'],
    [{ ...valid, recurrence: 'daily' }, 400, 'invalid_request'],
    [{ ...valid, rule: { action: 'like', count: 1 } }, 400, 'invalid_request'],
    [{ ...valid, rule: { action: 'reply', count: 0 } }, 400, 'invalid_request'],
    [{ ...valid, timeZone: 'Mars/Olympus' }, 422, 'unknown_time_zone'],
    [{ ...valid, endsAt: iso(-2 * day) }, 422, 'invalid_dates'],
    [{ ...valid, endsAt: iso(-day / 2) }, 422, 'already_over'],
    [{ ...valid, rule: { action: 'topic', count: 1, categoryId: 999999 } }, 422, 'unknown_category'],
    [{ ...valid, badge: { slug: 'points-100' } }, 422, 'reserved_badge'],
    [{ ...valid, badge: { slug: 'brand-new', nameEn: 'New' } }, 422, 'badge_names_required'],
    [{ ...valid, badge: { slug: 'Bad Slug', nameEn: 'x', nameFr: 'x' } }, 400, 'invalid_request'],
  ]
  for (const [payload, status, code] of cases) assertRefused(t, await post(mod, payload), status, code)
  t.equal((await a.db.selectFrom('challenges').select('id').execute()).length, 0)
  t.equal((await a.db.selectFrom('badges').select('id').where('slug', '=', 'brand-new').execute()).length, 0)
})

t.test('a moderator creates a challenge: rendered, audited, with its badge', async (t) => {
  const res = await post(mod, {
    title: '  Weekly helper  ',
    description: 'Reply to **three** topics <script>alert(1)</script>',
    points: 30,
    startsAt: iso(-day),
    recurrence: 'weekly',
    rule: { action: 'reply', count: 3 },
    badge: { slug: 'helper', nameEn: 'Helper', nameFr: 'Entraide', icon: 'heart' },
  })
  t.equal(res.statusCode, 201)
  const c = json(res).challenge
  t.equal(c.title, 'Weekly helper')
  t.match(c.html, /<strong>three<\/strong>/)
  t.notMatch(c.html, /<script/i, 'sanitised')
  t.match(c, {
    points: 30,
    recurrence: 'weekly',
    timeZone: 'Europe/Paris',
    completion: 'activity',
    rule: { action: 'reply', count: 3, categoryId: null },
    badge: { slug: 'helper', nameEn: 'Helper', nameFr: 'Entraide', icon: 'heart' },
    state: 'active',
    url: `/challenges/${c.id}`,
    can: { edit: true },
  })
  t.match(c.occurrence.key, /^\d{4}-\d{2}-\d{2}$/)
  const audit = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'challenge.created')
    .execute()
  t.equal(audit.length, 1)
  t.match(audit[0], { actorId: mod.id, targetType: 'challenge', targetId: String(c.id) })
  const job = await a.db.selectFrom('jobs').selectAll().where('key', '=', 'challenges:evaluate').execute()
  t.equal(job.length, 1, 'the evaluation job is woken')
  // Reusing the badge: by its slug alone; naming it again is a conflict.
  assertRefused(
    t,
    await post(mod, { ...valid, badge: { slug: 'helper', nameEn: 'Other', nameFr: 'Autre' } }),
    409,
    'badge_exists',
  )
  const reuse = await post(mod, { ...valid, badge: { slug: 'helper' } })
  t.equal(reuse.statusCode, 201)
  t.equal(json(reuse).challenge.badge.nameFr, 'Entraide')
  await makeChallenge(a, mod, { rule: { action: 'topic', count: 1 } })
  t.equal(
    (await a.db.selectFrom('jobs').select('id').where('key', '=', 'challenges:evaluate').execute()).length,
    1,
    'still one evaluation job',
  )
})

t.test('reading: members see current challenges, not archived ones; pages by keyset', async (t) => {
  const upcoming = await makeChallenge(a, mod, { title: 'Soon', startsAt: iso(3 * day) })
  const ended = await makeChallenge(a, mod, { title: 'Over', startsAt: iso(-10 * day), endsAt: iso(day) })
  await a.db
    .updateTable('challenges')
    .set({ endsAt: new Date(Date.now() - day) })
    .where('id', '=', ended.id)
    .execute()
  const archived = await makeChallenge(a, mod, { title: 'Gone' })
  t.equal((await patch(mod, archived.id, { archived: true })).statusCode, 200)

  const list = async (who: typeof member | null, q = '') =>
    json(await a.inject({ method: 'GET', url: `/api/challenges${q}`, headers: who?.auth ?? {} }))
  const current = await list(null)
  const titles = current.items.map((c: Json) => c.title)
  t.ok(titles.includes('Soon') && !titles.includes('Over') && !titles.includes('Gone'))
  t.equal(current.items.find((c: Json) => c.id === upcoming.id).state, 'upcoming')
  t.equal(current.items[0].progress, null, 'visitors have no progress')
  t.same(
    (await list(member, '?state=ended')).items.map((c: Json) => c.title),
    ['Over'],
  )
  t.same(
    (await list(member, '?state=upcoming')).items.map((c: Json) => c.title),
    ['Soon'],
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/challenges?state=archived', headers: member.auth }),
    403,
  )
  t.same(
    (await list(mod, '?state=archived')).items.map((c: Json) => c.title),
    ['Gone'],
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: `/api/challenges/${archived.id}`, headers: member.auth }),
    404,
  )
  t.equal(
    (await a.inject({ method: 'GET', url: `/api/challenges/${archived.id}`, headers: mod.auth })).statusCode,
    200,
  )
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/challenges/999999' }), 404)
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/challenges?cursor=nope' }),
    400,
    'invalid_cursor',
  )

  // Keyset pages cover the list once, newest first.
  const seen: number[] = []
  let cursor: string | null = null
  do {
    const page: Json = await list(member, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    t.ok(page.items.length <= 2)
    seen.push(...page.items.map((c: Json) => c.id))
    cursor = page.nextCursor
  } while (cursor)
  t.same(
    seen,
    [...seen].sort((x, y) => y - x),
  )
  t.equal(seen.length, current.items.length)
})

t.test('a challenge counting in a restricted category exists only for its readers', async (t) => {
  const vip = await makeGroup(a)
  const insider = await makeMember(a, { groups: [vip] })
  const lounge = await makeCategory(a, { groups: [{ groupId: vip, canPost: true }] })
  const c = await makeChallenge(a, mod, {
    title: 'Lounge regular',
    rule: { action: 'topic', count: 1, categoryId: lounge.id },
  })
  const get = (who: typeof member | null) =>
    a.inject({ method: 'GET', url: `/api/challenges/${c.id}`, headers: who?.auth ?? {} })
  t.equal((await get(insider)).statusCode, 200)
  assertRefused(t, await get(member), 404)
  assertRefused(t, await get(null), 404)
  const listed = json(
    await a.inject({ method: 'GET', url: '/api/challenges?limit=50', headers: member.auth }),
  )
  t.notOk(
    listed.items.some((x: Json) => x.id === c.id),
    'not listed for outsiders',
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress`, headers: member.auth }),
    404,
  )
})

t.test('editing: refused to members; audited with what changed; archive and restore', async (t) => {
  const c = await makeChallenge(a, mod, { rule: { action: 'reply', count: 3 } })
  assertRefused(t, await patch(null, c.id, { title: 'x' }), 401)
  assertRefused(t, await patch(member, c.id, { title: 'x' }), 403)
  assertRefused(t, await patch(mod, 999999, { title: 'x' }), 404)
  assertRefused(t, await patch(mod, c.id, {}), 400)
  assertRefused(t, await patch(mod, c.id, { endsAt: iso(-40 * day) }), 422, 'invalid_dates')
  const res = await patch(mod, c.id, {
    title: 'Four replies',
    points: 40,
    rule: { action: 'reply', count: 4 },
    description: '*new*',
  })
  t.equal(res.statusCode, 200)
  t.match(json(res).challenge, {
    title: 'Four replies',
    points: 40,
    rule: { count: 4 },
    html: /<em>new<\/em>/,
  })
  const entry = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'challenge.updated')
    .where('targetId', '=', String(c.id))
    .executeTakeFirstOrThrow()
  t.match(entry.data, {
    title: { from: 'Three replies this week', to: 'Four replies' },
    points: { from: 30, to: 40 },
    ruleCount: { from: 3, to: 4 },
  })
  t.notOk('startsAt' in (entry.data as object), 'unchanged fields are not logged')
  t.equal(json(await patch(mod, c.id, { archived: true })).challenge.state, 'archived')
  t.equal(json(await patch(mod, c.id, { archived: false })).challenge.state, 'active')
  const actions = (
    await a.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', String(c.id))
      .orderBy('id')
      .execute()
  ).map((r) => r.action)
  t.same(actions, ['challenge.created', 'challenge.updated', 'challenge.archived', 'challenge.restored'])
})

t.test('once members took part, the kind and recurrence no longer change', async (t) => {
  const c = await makeChallenge(a, mod, { recurrence: 'weekly' })
  await a.db
    .insertInto('challengeSubmissions')
    .values({
      challengeId: c.id,
      userId: member.id,
      occurrence: c.occurrence.key,
      body: 'x',
      html: 'x',
      createdAt: new Date(),
    })
    .execute()
  assertRefused(t, await patch(mod, c.id, { recurrence: 'monthly' }), 409, 'challenge_started')
  assertRefused(t, await patch(mod, c.id, { rule: { action: 'reply', count: 1 } }), 409, 'challenge_started')
  t.equal((await patch(mod, c.id, { points: 5 })).statusCode, 200, 'other fields still do')
})
