import { sql } from 'kysely'
import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, replyTo } from './helpers.js'

t.test(
  'restricted categories: visitors and outsiders get 404, members of the group read and post',
  async (t) => {
    const a = await build(t)
    const vip = await makeGroup(a)
    const cat = await makeCategory(a, { groups: [{ groupId: vip, canPost: true }] })
    const insider = await makeMember(a, { groups: [vip] })
    const outsider = await makeMember(a)
    const { topic } = await makeTopic(a, insider, cat.id)

    for (const headers of [{}, outsider.auth]) {
      t.equal((await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers })).statusCode, 404)
      t.equal(
        (await a.inject({ method: 'GET', url: `/api/categories/${cat.slug}/topics`, headers })).statusCode,
        404,
      )
      const list = json(await a.inject({ method: 'GET', url: '/api/categories', headers }))
      t.notOk(list.items.some((c: { id: number }) => c.id === cat.id))
      const latest = json(await a.inject({ method: 'GET', url: '/api/topics', headers }))
      t.equal(latest.items.length, 0)
    }
    const post = await a.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/posts`,
      headers: outsider.auth,
      payload: { body: 'let me in' },
    })
    t.equal(post.statusCode, 404)
    const start = await a.inject({
      method: 'POST',
      url: '/api/topics',
      headers: outsider.auth,
      payload: { categoryId: cat.id, title: 'Sneaking in', body: 'x' },
    })
    t.equal(start.statusCode, 404)

    const seen = json(await a.inject({ method: 'GET', url: '/api/categories', headers: insider.auth }))
    t.match(
      seen.items.find((c: { id: number }) => c.id === cat.id),
      { restricted: true, can: { post: true } },
    )
    t.equal(
      (await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers: insider.auth })).statusCode,
      200,
    )
  },
)

t.test('read-only groups and moderator-only categories refuse members with 403', async (t) => {
  const a = await build(t)
  const readers = await makeGroup(a)
  const readOnly = await makeCategory(a, { groups: [{ groupId: readers, canPost: false }] })
  const news = await makeCategory(a, { posting: 'moderators' })
  const reader = await makeMember(a, { groups: [readers] })
  const mod = await makeMember(a, { role: 'moderator' })
  for (const cat of [readOnly, news]) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/topics',
      headers: reader.auth,
      payload: { categoryId: cat.id, title: 'Not allowed', body: 'x' },
    })
    t.equal(res.statusCode, 403)
    t.equal(json(res).error.code, 'posting_restricted')
  }
  const { topic } = await makeTopic(a, mod, news.id)
  const res = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: reader.auth,
    payload: { body: 'x' },
  })
  t.equal(res.statusCode, 403)
  const count = await a.db
    .selectFrom('posts')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
  t.equal(count.n, 1)
})

t.test('locked topics, other members’ posts, silenced members, logged-out tokens', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const other = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const silenced = await makeMember(a, { silenced: true })
  const { topic, post } = await makeTopic(a, author, cat.id)

  const edit = await a.inject({
    method: 'PATCH',
    url: `/api/posts/${post.id}`,
    headers: other.auth,
    payload: { body: 'mine now' },
  })
  t.equal(edit.statusCode, 403)
  const del = await a.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: other.auth })
  t.equal(del.statusCode, 403)
  const retitle = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: other.auth,
    payload: { title: 'Hijacked' },
  })
  t.equal(retitle.statusCode, 403)
  const pin = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: author.auth,
    payload: { pinned: true },
  })
  t.equal(pin.statusCode, 403)

  const writes = [
    {
      method: 'POST',
      url: '/api/topics',
      payload: { categoryId: cat.id, title: 'Silenced topic', body: 'x' },
    },
    { method: 'POST', url: `/api/topics/${topic.id}/posts`, payload: { body: 'x' } },
    { method: 'PUT', url: `/api/posts/${post.id}/reactions/like` },
  ] as const
  for (const w of writes) {
    const res = await a.inject({ ...w, headers: silenced.auth })
    t.equal(res.statusCode, 403, w.url)
    t.equal(json(res).error.code, 'silenced')
    const anon = await a.inject({ ...w })
    t.equal(anon.statusCode, 401, w.url)
  }

  const lock = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: mod.auth,
    payload: { locked: true },
  })
  t.equal(lock.statusCode, 200, lock.body)
  t.equal(json(lock).topic.locked, true)
  const locked = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: author.auth,
    payload: { body: 'x' },
  })
  t.equal(locked.statusCode, 403)
  t.equal(json(locked).error.code, 'topic_locked')
  await replyTo(a, mod, topic.id, 'Moderators may still reply.')
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'actorId'])
    .where('targetType', '=', 'topic')
    .execute()
  t.same(audit, [{ action: 'topic.locked', actorId: mod.id }])

  const out = await a.inject({ method: 'POST', url: '/api/auth/logout', headers: other.auth })
  t.equal(out.statusCode, 204)
  const after = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: other.auth,
    payload: { categoryId: cat.id, title: 'After logout', body: 'x' },
  })
  t.equal(after.statusCode, 401)
})

t.test('moderators retitle, pin and move; each action is audited', async (t) => {
  const a = await build(t)
  const from = await makeCategory(a)
  const to = await makeCategory(a)
  const author = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const { topic } = await makeTopic(a, author, from.id)
  const own = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: author.auth,
    payload: { title: 'Better title' },
  })
  t.equal(own.statusCode, 200)
  t.equal(json(own).topic.slug, 'better-title')
  const res = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: mod.auth,
    payload: { pinned: true, categoryId: to.id, title: 'Moved title' },
  })
  t.equal(res.statusCode, 200, res.body)
  t.match(json(res).topic, { pinned: true, categoryId: to.id, title: 'Moved title' })
  const counts = await a.db.selectFrom('categories').select(['id', 'topicCount']).orderBy('id').execute()
  t.same(counts, [
    { id: from.id, topicCount: 0 },
    { id: to.id, topicCount: 1 },
  ])
  const actions = (
    await a.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetType', '=', 'topic')
      .orderBy('id')
      .execute()
  ).map((r) => r.action)
  t.same(actions.sort(), ['topic.moved', 'topic.pinned', 'topic.retitled'])
  const bad = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: mod.auth,
    payload: { categoryId: 999999 },
  })
  t.equal(bad.statusCode, 422)
})
