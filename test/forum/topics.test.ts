import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, replyTo } from './helpers.js'

t.test('POST /api/topics: refused, then created with its first post', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const anon = await a.inject({
    method: 'POST',
    url: '/api/topics',
    payload: { categoryId: cat.id, title: 'Hello there', body: 'x' },
  })
  t.equal(anon.statusCode, 401)

  const m = await makeMember(a)
  const res = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: m.auth,
    payload: { categoryId: cat.id, title: '  Élégant café  ', body: 'Hello **world**' },
  })
  t.equal(res.statusCode, 201, res.body)
  const { topic, post } = json(res)
  t.match(topic, {
    categoryId: cat.id,
    title: 'Élégant café',
    slug: 'elegant-cafe',
    url: `/t/elegant-cafe/${topic.id}`,
    authorId: m.id,
    author: { id: m.id, handle: m.handle },
    postCount: 1,
    pinned: false,
    locked: false,
    can: { reply: true, edit: true, moderate: false },
  })
  t.match(post, { topicId: topic.id, postNumber: 1, body: 'Hello **world**', revision: 1, deleted: false })
  t.match(post.html, /<strong>world<\/strong>/)
  t.same(post.reactions, { like: 0, love: 0, insightful: 0, funny: 0, disagree: 0 })
  t.equal(topic.lastPostId, post.id)

  const row = await a.db.selectFrom('topics').selectAll().where('id', '=', topic.id).executeTakeFirstOrThrow()
  t.equal(row.postCount, 1)
  t.equal(row.lastPostId, post.id)
  const user = await a.db
    .selectFrom('users')
    .select(['postCount', 'topicCount'])
    .where('id', '=', m.id)
    .executeTakeFirstOrThrow()
  t.same(user, { postCount: 1, topicCount: 1 })
  const c = await a.db
    .selectFrom('categories')
    .select('topicCount')
    .where('id', '=', cat.id)
    .executeTakeFirstOrThrow()
  t.equal(c.topicCount, 1)
  const events = await a.db.selectFrom('liveEvents').select(['channel', 'type']).orderBy('id').execute()
  t.same(events, [
    { channel: `category:${cat.id}`, type: 'topic.created' },
    { channel: `topic:${topic.id}`, type: 'post.created' },
  ])
})

t.test('bad input is refused with a 4xx and writes nothing', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const cases: [Record<string, unknown>, number][] = [
    [{ categoryId: cat.id, title: '', body: 'x' }, 400],
    [{ categoryId: cat.id, title: '   ab   ', body: 'x' }, 400],
    [{ categoryId: cat.id, title: 'x'.repeat(300), body: 'x' }, 400],
    [{ categoryId: cat.id, title: 'Fine title', body: '' }, 400],
    [{ categoryId: cat.id, title: 'Fine title', body: '   \n ' }, 400],
    [{ categoryId: cat.id, title: 'Fine title', body: 'x'.repeat(100_000) }, 400],
    [{ categoryId: cat.id, title: 'Fine title', body: 'x', sneaky: true }, 400],
    [{ categoryId: 'one', title: 'Fine title', body: 'x' }, 400],
    [{ categoryId: 999999, title: 'Fine title', body: 'x' }, 404],
  ]
  for (const [payload, status] of cases) {
    const res = await a.inject({ method: 'POST', url: '/api/topics', headers: m.auth, payload })
    t.equal(res.statusCode, status, JSON.stringify(payload).slice(0, 80))
    t.type(json(res).error.code, 'string')
  }
  const count = await a.db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  t.equal(Number(count.n), 0)
  const posts = await a.db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  t.equal(Number(posts.n), 0)
})

t.test('slugs fold accents and fall back to "topic"', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const { topic } = await makeTopic(a, m, cat.id, '日本語のタイトル')
  t.equal(topic.slug, 'topic')
  const { topic: other } = await makeTopic(a, m, cat.id, 'Ça coûte 10 € — déjà vu?')
  t.equal(other.slug, 'ca-coute-10-deja-vu')
})

t.test('topic page: posts in order, keyset with after and before', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const { topic, post } = await makeTopic(a, m, cat.id)
  const ids = [post.id]
  for (let i = 0; i < 6; i++) ids.push((await replyTo(a, m, topic.id, `reply ${i}`)).id)

  const missing = await a.inject({ method: 'GET', url: '/api/topics/999999' })
  t.equal(missing.statusCode, 404)
  const bad = await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?limit=1000` })
  t.equal(bad.statusCode, 400)
  const unknown = await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?page=2` })
  t.equal(unknown.statusCode, 400)

  const first = json(
    await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?limit=3`, headers: m.auth }),
  )
  t.same(
    first.posts.map((p: { id: number }) => p.id),
    ids.slice(0, 3),
  )
  t.same(
    first.posts.map((p: { postNumber: number }) => p.postNumber),
    [1, 2, 3],
  )
  t.equal(first.nextCursor, ids[2])
  t.equal(first.prevCursor, null)
  t.equal(first.topic.postCount, 7)
  const second = json(
    await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?limit=3&after=${first.nextCursor}` }),
  )
  t.same(
    second.posts.map((p: { id: number }) => p.id),
    ids.slice(3, 6),
  )
  const third = json(
    await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?limit=3&after=${second.nextCursor}` }),
  )
  t.same(
    third.posts.map((p: { id: number }) => p.id),
    ids.slice(6),
  )
  t.equal(third.nextCursor, null)
  const older = json(
    await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?limit=2&before=${ids[4]}` }),
  )
  t.same(
    older.posts.map((p: { id: number }) => p.id),
    ids.slice(2, 4),
  )
  t.equal(older.prevCursor, ids[2])
  t.equal(older.nextCursor, ids[3])
  const both = await a.inject({ method: 'GET', url: `/api/topics/${topic.id}?after=1&before=5` })
  t.equal(both.statusCode, 400)
})

t.test(
  'category list: pinned first, then by last activity, keyset pages; latest across categories',
  async (t) => {
    const a = await build(t)
    const cat = await makeCategory(a)
    const m = await makeMember(a)
    const mod = await makeMember(a, { role: 'moderator' })
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push((await makeTopic(a, m, cat.id, `Topic number ${i}`)).topic.id)
    await replyTo(a, m, ids[1]!)
    const pin = await a.inject({
      method: 'PATCH',
      url: `/api/topics/${ids[3]}`,
      headers: mod.auth,
      payload: { pinned: true },
    })
    t.equal(pin.statusCode, 200)
    const expected = [ids[3], ids[1], ids[4], ids[2], ids[0]]

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res = await a.inject({
        method: 'GET',
        url: `/api/categories/${cat.slug}/topics?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      })
      t.equal(res.statusCode, 200, res.body)
      const page = json(res)
      seen.push(...page.items.map((x: { id: number }) => x.id))
      cursor = page.nextCursor
    } while (cursor)
    t.same(seen, expected)

    const latest = json(await a.inject({ method: 'GET', url: '/api/topics?limit=10' }))
    t.same(
      latest.items.map((x: { id: number }) => x.id),
      [ids[1], ids[4], ids[3], ids[2], ids[0]],
    )
    for (const bad of ['garbage', Buffer.from('[true,1e300,1]').toString('base64url')]) {
      const res = await a.inject({ method: 'GET', url: `/api/categories/${cat.slug}/topics?cursor=${bad}` })
      t.equal(res.statusCode, 400)
    }
    t.equal((await a.inject({ method: 'GET', url: '/api/categories/nope/topics' })).statusCode, 404)
  },
)
