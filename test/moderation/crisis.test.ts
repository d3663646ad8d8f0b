import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json, type TestApp } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'
import { connect, listen } from '../live/helpers.js'

const off = {
  on: false,
  statement: '',
  statementHtml: '',
  categoryIds: null,
  slowModeSeconds: 0,
  since: null,
}

const setCrisis = (a: TestApp, who: Member, payload: object) =>
  a.inject({ method: 'PUT', url: '/api/admin/crisis', headers: who.auth, payload })

const auditActions = async (a: TestApp) =>
  (
    await a.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'crisis.%')
      .orderBy('id')
      .execute()
  ).map((r) => r.action)

t.test('everyone reads crisis mode; only admins switch it', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  const res = await a.inject({ method: 'GET', url: '/api/crisis' })
  t.equal(res.statusCode, 200)
  t.same(json(res), off, 'off by default, for a visitor')
  const body = { on: true, statement: 'We are on it.' }
  assertRefused(
    t,
    await a.inject({ method: 'PUT', url: '/api/admin/crisis', payload: body }),
    401,
    'unauthenticated',
  )
  assertRefused(t, await setCrisis(a, member, body), 403, 'forbidden')
  assertRefused(t, await setCrisis(a, moderator, body), 403, 'forbidden')
  t.same(json(await a.inject({ method: 'GET', url: '/api/crisis' })), off, 'still off')
  t.same(await auditActions(a), [])
})

t.test('bad switches are refused with 4xx and change nothing', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const cases: [object, number, string][] = [
    [{}, 400, 'invalid_request'],
    [{ on: 'yes' }, 400, 'invalid_request'],
    [{ on: true, categoryIds: [] }, 400, 'invalid_request'],
    [{ on: true, categoryIds: [0] }, 400, 'invalid_request'],
    [{ on: true, categoryIds: ['3'] }, 400, 'invalid_request'],
    [{ on: true, slowModeSeconds: -1 }, 400, 'invalid_request'],
    [{ on: true, slowModeSeconds: 86_401 }, 400, 'invalid_request'],
    [{ on: true, statement: 'x'.repeat(5001) }, 400, 'invalid_request'],
    [{ on: true, extra: 1 }, 400, 'invalid_request'],
    [{ on: true, categoryIds: [987_654] }, 422, 'unknown_category'],
  ]
  for (const [payload, status, code] of cases)
    assertRefused(t, await setCrisis(a, admin, payload), status, code, JSON.stringify(payload).slice(0, 60))
  t.same(json(await a.inject({ method: 'GET', url: '/api/crisis' })), off)
  t.same(await auditActions(a), [], 'nothing audited')
})

t.test('on, update, off: exactly one audit entry each, and the policy follows', async (t) => {
  let now = new Date('2025-06-01T12:00:00Z')
  const a = await build(t, { clock: () => now })
  const admin = await makeMember(a, { role: 'admin' })
  const news = await makeCategory(a)
  const help = await makeCategory(a)
  const policy = a.app.moderationPolicy
  const author = { id: 1, role: 'member', trustLevel: 3, postCount: 50 }
  const hold = (categoryId: number, who = author) => policy.holdReason({ categoryId, author: who })
  t.equal(await hold(news.id), null, 'before: published')

  let res = await setCrisis(a, admin, {
    on: true,
    categoryIds: [news.id],
    statement: 'We know about the **outage**. <script>alert(1)</script>',
  })
  t.equal(res.statusCode, 200, res.body)
  let state = json(res)
  t.match(state, { on: true, categoryIds: [news.id], slowModeSeconds: 60, since: '2025-06-01T12:00:00.000Z' })
  t.match(state.statementHtml, /<strong>outage<\/strong>/, 'rendered Markdown')
  t.notMatch(state.statementHtml, /script/, 'sanitised')
  t.same(json(await a.inject({ method: 'GET', url: '/api/crisis' })), state, 'everyone sees it')
  t.same(await auditActions(a), ['crisis.on'])

  t.equal(await hold(news.id), 'crisis', 'held in the chosen category, whatever the trust')
  t.equal(await hold(help.id), null, 'not elsewhere')
  t.equal(await hold(news.id, { ...author, role: 'moderator' }), null, 'staff never held')
  t.equal(await policy.slowModeSeconds(news.id, 0), 60, 'slow mode where it applies')
  t.equal(await policy.slowModeSeconds(news.id, 300), 300, 'a longer topic slow mode stays')
  t.equal(await policy.slowModeSeconds(help.id, 0), 0)

  now = new Date('2025-06-01T13:00:00Z')
  res = await setCrisis(a, admin, { on: true, categoryIds: null, slowModeSeconds: 120 })
  state = json(res)
  t.match(state, { on: true, categoryIds: null, slowModeSeconds: 120, since: '2025-06-01T12:00:00.000Z' })
  t.match(state.statement, /outage/, 'the statement stays when not sent')
  t.same(await auditActions(a), ['crisis.on', 'crisis.update'])
  t.equal(await hold(help.id), 'crisis', 'everywhere now')

  res = await setCrisis(a, admin, { on: false })
  t.same(json(res), off)
  t.same(json(await a.inject({ method: 'GET', url: '/api/crisis' })), off)
  t.same(await auditActions(a), ['crisis.on', 'crisis.update', 'crisis.off'])
  t.equal(await hold(news.id), null, 'released: posts publish again')
  t.equal(await policy.slowModeSeconds(news.id, 0), 0)

  res = await setCrisis(a, admin, { on: false })
  t.equal(res.statusCode, 200)
  t.same(await auditActions(a), ['crisis.on', 'crisis.update', 'crisis.off'], 'off again: nothing to log')

  now = new Date('2025-06-02T08:00:00Z')
  state = json(await setCrisis(a, admin, { on: true }))
  t.match(state, { on: true, categoryIds: null, slowModeSeconds: 60, since: '2025-06-02T08:00:00.000Z' })
  t.match(state.statement, /outage/, 'the last statement comes back')
  t.same(await auditActions(a), ['crisis.on', 'crisis.update', 'crisis.off', 'crisis.on'])
  const entry = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'crisis.on')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  t.equal(entry.actorId, admin.id)
})

t.test('open pages learn of a switch at once on the public crisis channel', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const url = await listen(a)
  const visitor = await connect(t, url)
  const sub = await visitor.subscribe('crisis')
  t.equal(sub.op, 'subscribed', 'a visitor may follow it')
  const changed = visitor.next((f) => f.channel === 'crisis' && f.type === 'crisis.changed')
  await setCrisis(a, admin, { on: true, statement: 'Maintenance tonight.' })
  const frame = await changed
  t.match(frame.data, { on: true, statement: 'Maintenance tonight.' })
  t.match(frame.data.statementHtml, /Maintenance tonight/)
  const offFrame = visitor.next((f) => f.channel === 'crisis' && f.type === 'crisis.changed')
  await setCrisis(a, admin, { on: false })
  t.same((await offFrame).data, off)
  const bad = await visitor.subscribe('crisis:1')
  t.equal(bad.op, 'error', 'no other crisis channel')
})
