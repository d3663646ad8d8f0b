import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { assertRefusals, auditRows, cast, createGroup } from './helpers.js'

t.test('GET /api/groups/:id/members: refused to members, 404, keyset pages of users', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  const vip = await createGroup(a, who.admin, 'vip')
  const url = `/api/groups/${vip.id}/members`
  await assertRefusals(t, a, who, { method: 'GET', url }, 'moderator')
  const get = (u: string) => a.inject({ method: 'GET', url: u, headers: who.moderator.auth })
  t.equal((await get('/api/groups/999999/members')).statusCode, 404)
  t.equal((await get(`${url}?cursor=not-a-cursor`)).statusCode, 400)
  t.equal((await get(`${url}?limit=0`)).statusCode, 400)

  const members = [who.member]
  for (let i = 0; i < 4; i++) members.push(await makeMember(a))
  // Added out of id order: the list still reads in id order.
  for (const m of [...members].reverse())
    await a.db.insertInto('groupMembers').values({ groupId: vip.id, userId: m.id }).execute()
  await createGroup(a, who.admin, 'other')

  const seen: number[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await get(`${url}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    t.equal(res.statusCode, 200, res.body)
    const body = json(res)
    t.ok(body.items.length <= 2)
    seen.push(...body.items.map((u: { id: number }) => u.id))
    cursor = body.nextCursor
    pages++
  } while (cursor && pages < 10)
  t.same(
    seen,
    members.map((m) => m.id),
  )
  t.equal(pages, 3)

  const first = json(await get(`${url}?limit=1`)).items[0]
  t.same(Object.keys(first).sort(), [
    'avatarUrl',
    'createdAt',
    'displayName',
    'handle',
    'id',
    'postCount',
    'role',
    'trustLevel',
  ])
  t.match(first, { id: who.member.id, handle: who.member.handle, role: 'member' })
})

t.test('PUT /api/groups/:id/members/:userId: refused, 404s, added once, audited once', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  const vip = await createGroup(a, who.admin, 'vip')
  const target = await makeMember(a)
  const url = `/api/groups/${vip.id}/members/${target.id}`
  await assertRefusals(t, a, who, { method: 'PUT', url }, 'admin')
  const put = (u: string) => a.inject({ method: 'PUT', url: u, headers: who.admin.auth })
  t.equal((await put(`/api/groups/999999/members/${target.id}`)).statusCode, 404)
  t.equal((await put(`/api/groups/${vip.id}/members/999999`)).statusCode, 404)
  t.equal((await put(`/api/groups/${vip.id}/members/0`)).statusCode, 400)
  t.same(await a.db.selectFrom('groupMembers').selectAll().execute(), [], 'nothing written when refused')

  for (let i = 0; i < 2; i++) {
    const res = await put(url)
    t.equal(res.statusCode, 200, res.body)
    t.match(json(res).group, { id: vip.id, slug: 'vip', memberCount: 1 })
  }
  const rows = await a.db.selectFrom('groupMembers').select(['groupId', 'userId']).execute()
  t.same(rows, [{ groupId: vip.id, userId: target.id }])
  const audit = (await auditRows(a)).filter((r) => r.action !== 'group.created')
  t.same(audit, [
    {
      action: 'group.member_added',
      actorId: who.admin.id,
      targetType: 'group',
      targetId: String(vip.id),
      data: { userId: target.id },
    },
  ])
})

t.test('DELETE /api/groups/:id/members/:userId: refused, 404 for a non-member, removed', async (t) => {
  const a = await build(t)
  const who = await cast(a)
  const vip = await createGroup(a, who.admin, 'vip')
  const target = await makeMember(a, { groups: [vip.id] })
  const url = `/api/groups/${vip.id}/members/${target.id}`
  await assertRefusals(t, a, who, { method: 'DELETE', url }, 'admin')
  const del = (u: string) => a.inject({ method: 'DELETE', url: u, headers: who.admin.auth })
  t.equal((await del(`/api/groups/999999/members/${target.id}`)).statusCode, 404)
  const outsider = await del(`/api/groups/${vip.id}/members/${who.member.id}`)
  t.equal(outsider.statusCode, 404)
  t.equal(json(outsider).error.code, 'not_found')
  t.equal((await a.db.selectFrom('groupMembers').select('userId').execute()).length, 1)

  const res = await del(url)
  t.equal(res.statusCode, 204)
  t.equal(res.body, '')
  t.same(await a.db.selectFrom('groupMembers').selectAll().execute(), [])
  t.equal((await del(url)).statusCode, 404, 'removing twice: no longer a member')
  const audit = (await auditRows(a)).filter((r) => r.action !== 'group.created')
  t.same(
    audit.map((r) => [r.action, r.actorId, r.data]),
    [['group.member_removed', who.admin.id, { userId: target.id }]],
  )
})
