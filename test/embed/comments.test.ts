import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json, type TestApp } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

const brand = 'https://www.brand.example'
const article = `${brand}/blog/velo-electrique`

async function configured(t: Parameters<typeof build>[0]) {
  const a = await build(t, { env: { EMBED_ORIGINS: brand } })
  const admin = await makeMember(a, { role: 'admin' })
  const cat = await makeCategory(a, { slug: 'comments' })
  const res = await a.inject({
    method: 'PUT',
    url: '/api/admin/embed',
    headers: admin.auth,
    payload: { origins: [brand], commentsCategoryId: cat.id },
  })
  if (res.statusCode !== 200) throw new Error(res.body)
  return { a, cat }
}

const open = (a: TestApp, payload: object, headers: Record<string, string> = { origin: brand }) =>
  a.inject({ method: 'POST', url: '/api/embed/comments', headers, payload })

const topicCount = async (a: TestApp) => (await a.db.selectFrom('topics').select('id').execute()).length

t.test('comments not configured: 422, nothing created', async (t) => {
  const a = await build(t, { env: { EMBED_ORIGINS: brand } })
  assertRefused(t, await open(a, { url: article }), 422, 'comments_not_configured')
  const get = await a.inject({ url: `/api/embed/comments?url=${encodeURIComponent(article)}` })
  assertRefused(t, get, 404, 'not_found')
  t.equal(await topicCount(a), 0)
})

t.test('hostile and foreign URLs are refused', async (t) => {
  const { a } = await configured(t)
  const hostile = {
    javascript: 'javascript:alert(document.cookie)',
    data: 'data:text/html,<script>alert(1)</script>',
    credentials: 'https://user:secret@www.brand.example/blog/a',
    relative: '/blog/a',
    ftp: 'ftp://www.brand.example/a',
    tooLong: `${brand}/${'a'.repeat(3000)}`,
    empty: '',
  }
  for (const [name, url] of Object.entries(hostile)) {
    const res = await open(a, { url })
    t.ok(res.statusCode === 400 || res.statusCode === 422, `${name}: ${res.statusCode}`)
    assertRefused(t, res, res.statusCode, undefined, name)
  }
  // A page of one origin may not open comments for another site's articles.
  const other = await open(a, { url: 'https://other.example/blog/a' })
  assertRefused(t, other, 403, 'origin_mismatch')
  // A non-allowed origin is stopped before: the API refuses it altogether.
  assertRefused(
    t,
    await open(a, { url: 'https://evil.example/a' }, { origin: 'https://evil.example' }),
    403,
    'origin_not_allowed',
  )
  assertRefused(t, await open(a, { url: article, extra: true }), 400, 'invalid_request')
  t.equal(await topicCount(a), 0, 'no topic created')
})

t.test('created the first time (201), then found (200), anonymously', async (t) => {
  const { a, cat } = await configured(t)
  const first = await open(a, { url: `${article}#comments`, title: 'Le vélo [électrique] *enfin*' })
  t.equal(first.statusCode, 201, first.body)
  const { topic } = json(first)
  t.match(topic, {
    categoryId: cat.id,
    title: 'Le vélo [électrique] *enfin*',
    url: String,
    postCount: 1,
    author: { handle: 'tribune_comments' },
    can: { reply: false },
  })
  t.equal(first.headers['access-control-allow-origin'], brand)

  const again = await open(a, { url: article, title: 'Another title' })
  t.equal(again.statusCode, 200)
  t.equal(json(again).topic.id, topic.id, 'the fragment is not part of the article')
  t.equal(json(again).topic.title, topic.title, 'the first title stays')
  const member = await makeMember(a)
  const asMember = await open(a, { url: article }, { ...member.auth, origin: brand })
  t.equal(asMember.statusCode, 200)
  t.equal(json(asMember).topic.can.reply, true, 'permissions are the caller’s')

  const get = await a.inject({ url: `/api/embed/comments?url=${encodeURIComponent(article)}` })
  t.equal(get.statusCode, 200)
  t.equal(json(get).topic.id, topic.id)
  const page = await a.inject({ url: `/api/topics/${topic.id}` })
  const opening = json(page).posts[0]
  t.match(
    opening.html,
    /<a href="https:\/\/www\.brand\.example\/blog\/velo-electrique"/,
    'links to the article',
  )
  t.notMatch(opening.html, /<em>|<script/i, 'the title is text, not Markdown')
  t.same(json(page).topic, json(get).topic, 'the same shape as GET /api/topics/:id')

  // Without an Origin (a server, a script) the URL is not tied to the caller.
  const server = await open(a, { url: 'https://news.example/a' }, {})
  t.equal(server.statusCode, 201)
  t.equal(json(server).topic.title, 'news.example/a', 'a title from the address when none is given')
  t.equal(await topicCount(a), 2)
})

t.test('twenty concurrent first calls create exactly one topic', async (t) => {
  const { a } = await configured(t)
  const url = `${brand}/blog/rush`
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => open(a, { url, title: `Rush ${i}` })),
  )
  const statuses = answers.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 201).length, 1, 'one 201')
  t.equal(statuses.filter((s) => s === 200).length, 19, 'nineteen 200')
  const ids = new Set(answers.map((r) => json(r).topic.id))
  t.equal(ids.size, 1, 'everyone got the same topic')
  t.equal(await topicCount(a), 1, 'one topic in the database')
  const rows = await a.db.selectFrom('embedArticles').selectAll().execute()
  t.equal(rows.length, 1)
  t.equal(rows[0]!.url, url)
  const authors = await a.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'system:tribune_comments')
    .execute()
  t.equal(authors.length, 1, 'one comments account')
})

t.test('the comments account cannot be signed in to', async (t) => {
  const { a } = await configured(t)
  t.equal((await open(a, { url: article })).statusCode, 201)
  for (const login of ['tribune_comments', 'system:tribune_comments']) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password: 'anything at all here' },
    })
    t.equal(res.statusCode, 401, login)
  }
})

t.test('rate-limited per address when limits are on', async (t) => {
  const a = await build(t, { env: { EMBED_ORIGINS: brand, RATE_LIMITS: 'on' } })
  let limited = 0
  for (let i = 0; i < 32; i++) {
    const res = await open(a, { url: `${brand}/a${i}` })
    if (res.statusCode === 429) limited++
    else t.equal(res.statusCode, 422, 'not configured, but counted')
  }
  t.ok(limited >= 2, `${limited} answers were 429`)
})
