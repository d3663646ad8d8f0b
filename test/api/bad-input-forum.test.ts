import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { assertRefused } from './refused.js'

t.test('forum writes refuse bad input and write nothing', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const m = await makeMember(a)
  const cat = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { name: 'General', slug: 'general' },
  })
  t.equal(cat.statusCode, 201, cat.body)
  const categoryId = json(cat).category.id
  const topic = (payload: unknown, headers: Record<string, string> = {}) =>
    a.inject({
      method: 'POST',
      url: '/api/topics',
      headers: { ...m.auth, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    })
  const good = { categoryId, title: 'A fine title', body: 'A fine body.' }

  assertRefused(t, await topic(''), 400, 'invalid_request', 'empty body')
  assertRefused(t, await topic('{"categoryId":'), 400, 'invalid_json', 'truncated JSON')
  assertRefused(t, await topic({ ...good, pinned: true }), 400, 'invalid_request', 'unknown field')
  assertRefused(
    t,
    await topic({ ...good, categoryId: String(categoryId) }),
    400,
    'invalid_request',
    'id as text',
  )
  assertRefused(t, await topic({ ...good, title: 42 }), 400, 'invalid_request', 'number for a title')
  assertRefused(t, await topic({ ...good, body: ['x'] }), 400, 'invalid_request', 'array for a body')
  assertRefused(t, await topic({ ...good, title: '' }), 400, 'invalid_request', 'empty title')
  assertRefused(t, await topic({ ...good, title: 't'.repeat(1000) }), 400, 'invalid_request', 'huge title')
  assertRefused(t, await topic({ ...good, title: 'a\u0000b' }), 400, 'invalid_text', 'NUL in a title')
  assertRefused(
    t,
    await topic('{"categoryId":1,"title":"\\ud800","body":"x"}'),
    400,
    'invalid_text',
    'surrogate',
  )
  assertRefused(t, await topic({ ...good, categoryId: 999_999 }), 404, 'not_found', 'no such category')
  assertRefused(t, await topic({ ...good, categoryId: 2 ** 63 }), 400, 'invalid_request', 'id beyond 2^53')
  assertRefused(
    t,
    await topic(JSON.stringify({ ...good, body: 'x'.repeat(2 * 1024 * 1024) })),
    413,
    'payload_too_large',
    '2 MB post',
  )
  const count = async (table: 'topics' | 'posts') =>
    Number(
      (
        await a.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  t.equal(await count('topics'), 0, 'no topic was written')
  t.equal(await count('posts'), 0, 'no post was written')

  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/topics/abc' }),
    400,
    'invalid_request',
    'id as word',
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/topics/-1' }),
    400,
    'invalid_request',
    'negative id',
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/topics/99999999' }),
    404,
    'not_found',
    'no topic',
  )
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/topics?cursor=not-a-cursor' }),
    400,
    'invalid_cursor',
    'forged cursor',
  )
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/topics?limit=100000' }), 400, 'invalid_request')
})

t.test('posts keep the text as written; only the HTML is sanitised', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const m = await makeMember(a)
  const cat = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { name: 'General', slug: 'general' },
  })
  const title = "'; drop table topics; -- 🦊 \u202Eevil\u202C zero\u200Bwidth"
  const body =
    '**bold** 👩🏽‍💻 é\u0301\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"; DELETE FROM posts; --'
  const res = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: m.auth,
    payload: { categoryId: json(cat).category.id, title, body },
  })
  t.equal(res.statusCode, 201, res.body)
  const { topic, post } = json(res)
  t.equal(topic.title, title, 'the title comes back as sent')
  t.equal(post.body, body, 'the Markdown comes back as sent')
  t.notMatch(post.html, /<script|onerror/i, 'the HTML is sanitised')
  t.match(post.html, /<strong>bold<\/strong>/)
  const row = await a.db
    .selectFrom('posts')
    .select(['body', 'html'])
    .where('id', '=', post.id)
    .executeTakeFirstOrThrow()
  t.equal(Buffer.compare(Buffer.from(row.body), Buffer.from(body)), 0, 'stored byte for byte')
  const stored = await a.db
    .selectFrom('topics')
    .select('title')
    .where('id', '=', topic.id)
    .executeTakeFirstOrThrow()
  t.equal(stored.title, title)
  const read = await a.inject({ method: 'GET', url: `/api/topics/${topic.id}` })
  t.equal(read.statusCode, 200)
  t.equal(json(read).posts[0].body, body, 'read back as sent')
  t.equal(json(read).topic.title, title)
})
