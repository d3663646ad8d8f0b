import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { createGroup } from './helpers.js'

t.test('a membership change applies to the member’s very next request', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const member = await makeMember(a)
  const vip = await createGroup(a, admin, 'vip', 'VIP')
  const created = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { name: 'VIP lounge', slug: 'vip-lounge', groups: [{ groupId: vip.id, canPost: true }] },
  })
  t.equal(created.statusCode, 201, created.body)
  const category = json(created).category
  const opened = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: admin.auth,
    payload: { categoryId: category.id, title: 'Early access', body: 'Only for VIPs.' },
  })
  t.equal(opened.statusCode, 201, opened.body)
  const topicUrl = `/api/topics/${json(opened).topic.id}`
  const read = () => a.inject({ method: 'GET', url: topicUrl, headers: member.auth })

  // Also puts the member's session in the cache, which the change must get past.
  t.equal((await read()).statusCode, 404, 'outside the group: the topic does not exist')

  const added = await a.inject({
    method: 'PUT',
    url: `/api/groups/${vip.id}/members/${member.id}`,
    headers: admin.auth,
  })
  t.equal(added.statusCode, 200, added.body)
  const inside = await read()
  t.equal(inside.statusCode, 200, inside.body)
  t.equal(json(inside).topic.title, 'Early access')
  const reply = await a.inject({
    method: 'POST',
    url: `${topicUrl}/posts`,
    headers: member.auth,
    payload: { body: 'Merci !' },
  })
  t.equal(reply.statusCode, 201, 'the group may post there too')

  const removed = await a.inject({
    method: 'DELETE',
    url: `/api/groups/${vip.id}/members/${member.id}`,
    headers: admin.auth,
  })
  t.equal(removed.statusCode, 204)
  t.equal((await read()).statusCode, 404, 'out of the group again, at once')
  const list = json(await a.inject({ method: 'GET', url: '/api/categories', headers: member.auth }))
  t.notOk(list.items.some((c: { id: number }) => c.id === category.id))
})
