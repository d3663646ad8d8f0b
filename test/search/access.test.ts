import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { type Hit, makeCategory, makePost, makeThread, makeTopic } from './fixtures.js'

const search = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`

t.test('bad input is refused with 400', async (t) => {
  const a = await build(t)
  for (const [url, why] of [
    ['/api/search', 'no q'],
    ['/api/search?q=', 'empty q'],
    [search('   '), 'only spaces'],
    [search('x'.repeat(201)), '201 characters'],
    [search('é'.repeat(201)), '201 accented characters'],
    [search('ok', '&unknown=1'), 'unknown parameter'],
    [search('ok', '&limit=0'), 'limit 0'],
    [search('ok', '&limit=51'), 'limit 51'],
    [search('ok', '&limit=abc'), 'limit not a number'],
    [search('ok', '&categoryId=-1'), 'negative category'],
    [search('ok', '&cursor=not-a-cursor'), 'forged cursor'],
    [search('ok', `&cursor=${Buffer.from('["a",1]').toString('base64url')}`), 'cursor of the wrong shape'],
    [search('a\u0000b'), 'NUL in q'],
  ] as const) {
    const res = await a.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, `${why}: ${res.body}`)
    t.type(json(res).error?.code, 'string', why)
  }
  const max = await a.inject({ method: 'GET', url: search(` ${'é'.repeat(200)} `) })
  t.equal(max.statusCode, 200, '200 characters after trimming are fine')
  const none = await a.inject({ method: 'GET', url: search('the of and !!! ,,,') })
  t.equal(none.statusCode, 200, 'only stop words and punctuation: an empty list, not an error')
  t.same(json(none), { items: [], nextCursor: null })
})

t.test('readers find only what they may read', async (t) => {
  const a = await build(t)
  const vip = await makeGroup(a)
  const author = await makeMember(a, { role: 'moderator' })
  const insider = await makeMember(a, { groups: [vip] })
  const outsider = await makeMember(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  const open = await makeCategory(a)
  const secret = await makeCategory(a, { groups: [vip] })

  const vipPost = await makeThread(a, {
    categoryId: secret,
    authorId: author.id,
    title: 'Avant-première',
    body: 'Le prototype zephyrin arrive en avril',
  })
  const publicPost = await makeThread(a, {
    categoryId: open,
    authorId: author.id,
    title: 'Annonces',
    body: 'Rien sur zephyrin ici, enfin presque',
  })
  const hidden = await makePost(a, {
    topicId: publicPost.topicId,
    authorId: author.id,
    body: 'zephyrin caché',
    hidden: true,
  })
  const deleted = await makePost(a, {
    topicId: publicPost.topicId,
    authorId: author.id,
    body: 'zephyrin effacé',
    deleted: true,
  })
  const goneTopic = await makeTopic(a, {
    categoryId: open,
    authorId: author.id,
    title: 'zephyrin',
    deleted: true,
  })
  const inGoneTopic = await makePost(a, {
    topicId: goneTopic,
    authorId: author.id,
    body: 'zephyrin orphelin',
  })
  const rows = await a.db.selectFrom('posts').select('id').where('body', 'like', '%zephyrin%').execute()
  t.equal(rows.length, 5, 'the hidden, deleted and orphaned posts are in the database')

  const ids = async (headers?: Record<string, string>, extra = '') => {
    const res = await a.inject({
      method: 'GET',
      url: search('zephyrin', extra),
      ...(headers ? { headers } : {}),
    })
    t.equal(res.statusCode, 200, res.body)
    return json(res).items.map((i: Hit) => i.post.id)
  }
  t.same(await ids(), [publicPost.postId], 'a visitor does not find the VIP post')
  t.same(await ids(outsider.auth), [publicPost.postId], 'nor does a member outside the group')
  t.same(
    (await ids(insider.auth)).sort(),
    [vipPost.postId, publicPost.postId].sort(),
    'the group member does',
  )
  t.same((await ids(moderator.auth)).sort(), [vipPost.postId, publicPost.postId].sort(), 'so do moderators')
  t.same(await ids(outsider.auth, `&categoryId=${secret}`), [], 'asking for the category does not open it')
  t.same(await ids(insider.auth, `&categoryId=${secret}`), [vipPost.postId])
  for (const id of [hidden, deleted, inGoneTopic]) t.notOk((await ids(moderator.auth)).includes(id))

  const bad = await a.inject({
    method: 'GET',
    url: search('zephyrin'),
    headers: { authorization: 'Bearer nope' },
  })
  t.equal(bad.statusCode, 401, 'a malformed token is refused rather than read as a visitor')
})
