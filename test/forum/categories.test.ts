import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'

t.test('POST /api/categories: refused, validated, created, 409 on a taken slug, audited', async (t) => {
  const a = await build(t)
  const payload = { name: 'Général', slug: 'general', description: 'Tout' }
  t.equal((await a.inject({ method: 'POST', url: '/api/categories', payload })).statusCode, 401)
  const member = await makeMember(a)
  t.equal(
    (await a.inject({ method: 'POST', url: '/api/categories', headers: member.auth, payload })).statusCode,
    403,
  )
  const mod = await makeMember(a, { role: 'moderator' })
  t.equal(
    (await a.inject({ method: 'POST', url: '/api/categories', headers: mod.auth, payload })).statusCode,
    403,
  )
  const admin = await makeMember(a, { role: 'admin' })
  for (const bad of [
    { ...payload, slug: 'Not A Slug' },
    { ...payload, color: 'red' },
    { ...payload, posting: 'everyone' },
    { ...payload, extra: 1 },
    { slug: 'no-name' },
  ]) {
    const res = await a.inject({ method: 'POST', url: '/api/categories', headers: admin.auth, payload: bad })
    t.equal(res.statusCode, 400, JSON.stringify(bad))
  }
  const unknownGroup = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { ...payload, groups: [{ groupId: 999999, canPost: true }] },
  })
  t.equal(unknownGroup.statusCode, 422)

  const res = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { ...payload, color: '#0a7d5c' },
  })
  t.equal(res.statusCode, 201, res.body)
  t.match(json(res).category, {
    name: 'Général',
    slug: 'general',
    color: '#0a7d5c',
    posting: 'members',
    topicCount: 0,
    restricted: false,
    can: { post: true },
  })
  const dup = await a.inject({ method: 'POST', url: '/api/categories', headers: admin.auth, payload })
  t.equal(dup.statusCode, 409)
  t.equal(json(dup).error.code, 'slug_taken')
  const audit = await a.db.selectFrom('auditLog').select(['action', 'actorId']).execute()
  t.same(audit, [{ action: 'category.created', actorId: admin.id }])
  const list = json(await a.inject({ method: 'GET', url: '/api/categories' }))
  t.match(list.items, [{ slug: 'general', can: { post: false } }])
})

t.test('PATCH /api/categories/:id: rename, reorder, restrict', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const member = await makeMember(a)
  const mk = async (slug: string, position: number) =>
    json(
      await a.inject({
        method: 'POST',
        url: '/api/categories',
        headers: admin.auth,
        payload: { name: slug, slug, position },
      }),
    ).category
  const one = await mk('one', 1)
  const two = await mk('two', 2)
  const refused = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${one.id}`,
    headers: member.auth,
    payload: { name: 'x' },
  })
  t.equal(refused.statusCode, 403)
  const empty = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${one.id}`,
    headers: admin.auth,
    payload: {},
  })
  t.equal(empty.statusCode, 400)
  const missing = await a.inject({
    method: 'PATCH',
    url: '/api/categories/999999',
    headers: admin.auth,
    payload: { name: 'x' },
  })
  t.equal(missing.statusCode, 404)
  const taken = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${one.id}`,
    headers: admin.auth,
    payload: { slug: 'two' },
  })
  t.equal(taken.statusCode, 409)

  const moved = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${one.id}`,
    headers: admin.auth,
    payload: { name: 'Uno', position: 3 },
  })
  t.equal(moved.statusCode, 200)
  let list = json(await a.inject({ method: 'GET', url: '/api/categories' }))
  t.same(
    list.items.map((c: { slug: string }) => c.slug),
    ['two', 'one'],
  )
  t.equal(list.items[1].name, 'Uno')

  const group = await makeGroup(a)
  const restricted = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${two.id}`,
    headers: admin.auth,
    payload: { groups: [{ groupId: group, canPost: false }] },
  })
  t.equal(restricted.statusCode, 200)
  t.match(json(restricted).category, { restricted: true, groups: [{ groupId: group, canPost: false }] })
  list = json(await a.inject({ method: 'GET', url: '/api/categories', headers: member.auth }))
  t.same(
    list.items.map((c: { slug: string }) => c.slug),
    ['one'],
  )
  const rows = await a.db.selectFrom('categoryGroups').selectAll().execute()
  t.same(rows, [{ categoryId: two.id, groupId: group, canPost: false }])
})
