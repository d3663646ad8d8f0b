import { sql } from 'kysely'
import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic } from './helpers.js'

const count = async (a: Awaited<ReturnType<typeof build>>, table: 'posts' | 'topics') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(a.db)).rows[0]!.n

t.test('Idempotency-Key on POST /api/topics: replay, reuse, malformed', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const payload = { categoryId: cat.id, title: 'Only once', body: 'Hello' }
  for (const key of ['', 'x'.repeat(201), 'has space', 'é']) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/topics',
      headers: { ...m.auth, 'idempotency-key': key },
      payload,
    })
    t.equal(res.statusCode, 400, JSON.stringify(key))
  }
  const headers = { ...m.auth, 'idempotency-key': 'topic-123' }
  const first = await a.inject({ method: 'POST', url: '/api/topics', headers, payload })
  t.equal(first.statusCode, 201)
  const again = await a.inject({ method: 'POST', url: '/api/topics', headers, payload })
  t.equal(again.statusCode, 201)
  t.same(json(again), json(first))
  t.equal(await count(a, 'topics'), 1)
  t.equal(await count(a, 'posts'), 1)
  const reused = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers,
    payload: { ...payload, body: 'Other' },
  })
  t.equal(reused.statusCode, 422)
  t.equal(json(reused).error.code, 'idempotency_key_reused')
  const someoneElse = await makeMember(a)
  const theirs = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: { ...someoneElse.auth, 'idempotency-key': 'topic-123' },
    payload,
  })
  t.equal(theirs.statusCode, 201, 'keys belong to their member')
  t.equal(await count(a, 'topics'), 2)
})

t.test(
  'Idempotency-Key on replies: concurrent retries write once; failures do not burn the key',
  async (t) => {
    const a = await build(t)
    const cat = await makeCategory(a)
    const m = await makeMember(a)
    const { topic } = await makeTopic(a, m, cat.id)
    const headers = { ...m.auth, 'idempotency-key': 'reply-abc' }
    const bad = await a.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/posts`,
      headers,
      payload: { body: 'x', replyToId: 999999 },
    })
    t.equal(bad.statusCode, 422)
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        a.inject({
          method: 'POST',
          url: `/api/topics/${topic.id}/posts`,
          headers,
          payload: { body: 'Just once' },
        }),
      ),
    )
    t.same(
      results.map((r) => r.statusCode),
      Array(8).fill(201),
    )
    const ids = new Set(results.map((r) => json(r).post.id))
    t.equal(ids.size, 1)
    t.equal(await count(a, 'posts'), 2)
    const row = await a.db
      .selectFrom('topics')
      .select('postCount')
      .where('id', '=', topic.id)
      .executeTakeFirstOrThrow()
    t.equal(row.postCount, 2)
  },
)
