import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, replyTo } from './helpers.js'

t.test('replies: text stored byte for byte; replyToId must be in the same topic', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const { topic, post } = await makeTopic(a, m, cat.id)
  const { topic: other } = await makeTopic(a, m, cat.id, 'Another topic')
  const texts = [
    'مرحبا بالعالم — שלום',
    'zero\u200bwidth\u200djoiner\ufeff',
    'emoji 👩🏽‍🚀🇫🇷 e\u0301',
    "'; drop table posts; --",
    '<script>alert(1)</script><img src=x onerror=alert(1)>',
  ]
  for (const body of texts) {
    const res = await a.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/posts`,
      headers: m.auth,
      payload: { body, replyToId: post.id },
    })
    t.equal(res.statusCode, 201, res.body)
    const created = json(res).post
    t.equal(created.body, body)
    t.equal(created.replyToId, post.id)
    t.notMatch(created.html, /<script|onerror/)
    const row = await a.db
      .selectFrom('posts')
      .select('body')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    t.equal(row.body, body)
    t.equal(json(await a.inject({ method: 'GET', url: `/api/posts/${created.id}` })).post.body, body)
  }
  const elsewhere = await a.inject({
    method: 'POST',
    url: `/api/topics/${other.id}/posts`,
    headers: m.auth,
    payload: { body: 'x', replyToId: post.id },
  })
  t.equal(elsewhere.statusCode, 422)
  const huge = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: m.auth,
    payload: { body: 'x'.repeat(100_000) },
  })
  t.equal(huge.statusCode, 400)
  const extra = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: m.auth,
    payload: { body: 'x', admin: true },
  })
  t.equal(extra.statusCode, 400)
  const row = await a.db
    .selectFrom('topics')
    .select('postCount')
    .where('id', '=', topic.id)
    .executeTakeFirstOrThrow()
  t.equal(row.postCount, 1 + texts.length)
})

t.test('delete: refused for others, soft for the author; post #1 takes the topic with it', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const { topic, post } = await makeTopic(a, m, cat.id)
  const r = await replyTo(a, m, topic.id, 'to be deleted')
  t.equal((await a.inject({ method: 'DELETE', url: `/api/posts/${r.id}` })).statusCode, 401)
  const del = await a.inject({ method: 'DELETE', url: `/api/posts/${r.id}`, headers: m.auth })
  t.equal(del.statusCode, 204)
  const page = json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}` }))
  t.match(page.posts[1], { id: r.id, postNumber: 2, deleted: true, body: '', html: '' })
  const asMod = json(await a.inject({ method: 'GET', url: `/api/posts/${r.id}`, headers: mod.auth }))
  t.equal(asMod.post.body, 'to be deleted', 'moderators still read it')
  const row = await a.db
    .selectFrom('posts')
    .select(['deletedAt', 'deletedBy', 'body'])
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow()
  t.ok(row.deletedAt)
  t.equal(row.deletedBy, m.id)
  t.equal(row.body, 'to be deleted')
  const user = await a.db
    .selectFrom('users')
    .select(['postCount', 'topicCount'])
    .where('id', '=', m.id)
    .executeTakeFirstOrThrow()
  t.same(user, { postCount: 1, topicCount: 1 })

  const first = await a.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: mod.auth })
  t.equal(first.statusCode, 204)
  t.equal((await a.inject({ method: 'GET', url: `/api/topics/${topic.id}` })).statusCode, 404)
  const cats = await a.db
    .selectFrom('categories')
    .select('topicCount')
    .where('id', '=', cat.id)
    .executeTakeFirstOrThrow()
  t.equal(cats.topicCount, 0)
  const after = await a.db
    .selectFrom('users')
    .select(['postCount', 'topicCount'])
    .where('id', '=', m.id)
    .executeTakeFirstOrThrow()
  t.same(after, { postCount: 0, topicCount: 0 })
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'actorId'])
    .where('targetType', '=', 'post')
    .execute()
  t.match(audit, [{ action: 'post.deleted', actorId: mod.id }])
})
