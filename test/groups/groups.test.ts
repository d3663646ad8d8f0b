import t from 'tap'
import { build, json } from '../helpers/app.js'
import { assertRefusals, auditRows, cast, createGroup } from './helpers.js'

t.test('GET /api/groups: refused to members, listed by name with member counts', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  await assertRefusals(t, a, who, { method: 'GET', url: '/api/groups' }, 'moderator')

  const vip = await createGroup(a, who.admin, 'vip', 'VIP')
  await createGroup(a, who.admin, 'ambassadors', 'Ambassadors')
  await a.db.insertInto('groupMembers').values({ groupId: vip.id, userId: who.member.id }).execute()
  for (const viewer of [who.moderator, who.admin]) {
    const res = await a.inject({ method: 'GET', url: '/api/groups', headers: viewer.auth })
    t.equal(res.statusCode, 200, res.body)
    const { items } = json(res)
    t.same(
      items.map((g: { slug: string; memberCount: number }) => [g.slug, g.memberCount]),
      [
        ['ambassadors', 0],
        ['vip', 1],
      ],
    )
    t.same(Object.keys(items[1]).sort(), ['createdAt', 'description', 'id', 'memberCount', 'name', 'slug'])
    t.match(items[1], { id: vip.id, name: 'VIP', description: '', createdAt: /^\d{4}-\d\d-\d\dT.*Z$/ })
  }
})

t.test('POST /api/groups: refused, validated, created and audited, 409 on a taken slug', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  const payload = { slug: 'vip', name: 'VIP', description: 'Our best customers' }
  await assertRefusals(t, a, who, { method: 'POST', url: '/api/groups', payload }, 'admin')

  for (const bad of [
    { ...payload, slug: 'VIP' },
    { ...payload, slug: 'v' },
    { ...payload, slug: '-vip' },
    { ...payload, slug: 'vip club' },
    { ...payload, slug: 'a'.repeat(41) },
    { ...payload, name: '' },
    { ...payload, name: '   ' },
    { ...payload, extra: true },
    { slug: 'no-name' },
  ]) {
    const res = await a.inject({ method: 'POST', url: '/api/groups', headers: who.admin.auth, payload: bad })
    t.equal(res.statusCode, 400, JSON.stringify(bad))
  }
  t.same(await a.db.selectFrom('groups').select('id').execute(), [], 'nothing written by refused requests')

  const res = await a.inject({
    method: 'POST',
    url: '/api/groups',
    headers: who.admin.auth,
    payload: { ...payload, name: '  VIP  ' },
  })
  t.equal(res.statusCode, 201, res.body)
  const { group } = json(res)
  t.match(group, { slug: 'vip', name: 'VIP', description: 'Our best customers', memberCount: 0 })
  const rows = await a.db.selectFrom('groups').select(['id', 'slug', 'name', 'description']).execute()
  t.same(rows, [{ id: group.id, slug: 'vip', name: 'VIP', description: 'Our best customers' }])

  const dup = await a.inject({
    method: 'POST',
    url: '/api/groups',
    headers: who.admin.auth,
    payload: { slug: 'vip', name: 'Another' },
  })
  t.equal(dup.statusCode, 409)
  t.equal(json(dup).error.code, 'slug_taken')
  t.equal((await a.db.selectFrom('groups').select('id').execute()).length, 1)
  t.match(await auditRows(a), [
    { action: 'group.created', actorId: who.admin.id, targetId: String(group.id), data: { slug: 'vip' } },
  ])
  t.equal((await auditRows(a)).length, 1, 'the refused duplicate left no audit entry')
})

t.test('PATCH /api/groups/:id: refused, 404, renamed with an audit of what changed', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  const vip = await createGroup(a, who.admin, 'vip', 'VIP')
  const url = `/api/groups/${vip.id}`
  await assertRefusals(t, a, who, { method: 'PATCH', url, payload: { name: 'Hacked' } }, 'admin')

  const patch = (u: string, payload: object) =>
    a.inject({ method: 'PATCH', url: u, headers: who.admin.auth, payload })
  t.equal((await patch(url, {})).statusCode, 400, 'an empty patch')
  t.equal((await patch(url, { slug: 'other' })).statusCode, 400, 'the slug never changes')
  t.equal((await patch(url, { name: ' ' })).statusCode, 400)
  const missing = await patch('/api/groups/999999', { name: 'Ghost' })
  t.equal(missing.statusCode, 404)
  t.equal(json(missing).error.code, 'not_found')

  const res = await patch(url, { name: 'Ambassadors', description: 'Brand ambassadors' })
  t.equal(res.statusCode, 200, res.body)
  t.match(json(res).group, { id: vip.id, slug: 'vip', name: 'Ambassadors', description: 'Brand ambassadors' })
  const row = await a.db
    .selectFrom('groups')
    .select(['name', 'description'])
    .where('id', '=', vip.id)
    .executeTakeFirstOrThrow()
  t.same(row, { name: 'Ambassadors', description: 'Brand ambassadors' })

  const same = await patch(url, { name: 'Ambassadors' })
  t.equal(same.statusCode, 200)
  const audit = await auditRows(a)
  t.same(
    audit.map((r) => r.action),
    ['group.created', 'group.updated'],
    'a patch that changes nothing is not audited',
  )
  t.same(audit[1]!.data, {
    name: { from: 'VIP', to: 'Ambassadors' },
    description: { from: '', to: 'Brand ambassadors' },
  })
})
