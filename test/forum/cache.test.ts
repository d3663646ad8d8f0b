import t from 'tap'
import { reactionKinds } from '../../server/forum/schema.js'
import { build, json } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, replyTo } from './helpers.js'

t.test('anonymous topic pages come from the cache and are invalidated exactly', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const { topic, post } = await makeTopic(a, m, cat.id)
  const { topic: other } = await makeTopic(a, m, cat.id, 'Other topic')
  const url = `/api/topics/${topic.id}`
  const get = async (u = url) => {
    const res = await a.inject({ method: 'GET', url: u })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /application\/json/)
    return json(res)
  }

  await get()
  await get(`/api/topics/${other.id}`)
  // A page served from the cache does not see a row changed behind its back (no live event).
  await a.db
    .updateTable('posts')
    .set({ body: 'changed behind the cache' })
    .where('id', '=', post.id)
    .execute()
  t.equal((await get()).posts[0].body, 'The opening post.', 'served from the cache')

  await replyTo(a, m, topic.id, 'a reply')
  const after = await get()
  t.equal(after.posts.length, 2, 'a reply invalidates the topic')
  t.equal(after.posts[0].body, 'changed behind the cache')

  await a.db.updateTable('posts').set({ body: 'again behind' }).where('topicId', '=', other.id).execute()
  t.equal(
    (await get(`/api/topics/${other.id}`)).posts[0].body,
    'The opening post.',
    'other topics stay cached',
  )

  await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/like`, headers: m.auth })
  t.equal((await get()).posts[0].reactions.like, 1, 'reactions invalidate')
  await a.inject({
    method: 'PATCH',
    url: `/api/posts/${post.id}`,
    headers: m.auth,
    payload: { body: 'edited' },
  })
  t.equal((await get()).posts[0].body, 'edited', 'edits invalidate')
  await a.inject({ method: 'PATCH', url, headers: mod.auth, payload: { locked: true } })
  t.equal((await get()).topic.locked, true, 'topic changes invalidate')

  const group = await a.db
    .insertInto('groups')
    .values({ slug: 'vip', name: 'VIP' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const admin = await makeMember(a, { role: 'admin' })
  const restrict = await a.inject({
    method: 'PATCH',
    url: `/api/categories/${cat.id}`,
    headers: admin.auth,
    payload: { groups: [{ groupId: group.id, canPost: true }] },
  })
  t.equal(restrict.statusCode, 200, restrict.body)
  t.equal(
    (await a.inject({ method: 'GET', url })).statusCode,
    404,
    'a restricted category is no longer served',
  )
  t.equal((await a.inject({ method: 'GET', url: `/api/topics/${other.id}` })).statusCode, 404)

  const signedIn = await a.inject({ method: 'GET', url, headers: mod.auth })
  t.equal(json(signedIn).topic.can.moderate, true, 'members are never served the visitors’ page')
})

t.test('members read the shared cached page with their own permissions and reactions', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const reader = await makeMember(a)
  const { topic, post } = await makeTopic(a, author, cat.id)
  const url = `/api/topics/${topic.id}`
  const read = async (headers: Record<string, string>) =>
    json(await a.inject({ method: 'GET', url, headers }))

  t.same((await read(author.auth)).posts[0].can, { edit: true, delete: true, react: true })
  // The page is cached now; a row changed behind its back proves the next reads come from it.
  await a.db.updateTable('posts').set({ body: 'behind the cache' }).where('id', '=', post.id).execute()
  const asReader = await read(reader.auth)
  t.equal(asReader.posts[0].body, 'The opening post.', 'served from the shared cache')
  t.equal(asReader.posts[0].can.edit, false, 'permissions are the reader’s own, not the cached reader’s')
  t.same(asReader.posts[0].myReactions, [])

  // A reaction is a write: it invalidates the page, and the reader's own reactions are theirs only.
  await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/love`, headers: reader.auth })
  const after = await read(reader.auth)
  t.same(after.posts[0].myReactions, ['love'])
  t.equal(after.posts[0].reactions.love, 1)
  t.equal(after.posts[0].body, 'behind the cache', 'the write dropped the cached page')
  t.same((await read(author.auth)).posts[0].myReactions, [], 'the author has not reacted')
})

t.test('a post with more reactions than a cached page keeps still shows each member their own', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const { topic, post } = await makeTopic(a, author, cat.id)
  const crowd = []
  for (let i = 0; i < 21; i++) crowd.push(await makeMember(a))
  const [first, ...others] = crowd as [Member, ...Member[]]
  // 100 reactions written behind the API, then one through it, which drops the cached page.
  await a.db
    .insertInto('reactions')
    .values(others.flatMap((m) => reactionKinds.map((kind) => ({ postId: post.id, userId: m.id, kind }))))
    .execute()
  await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/like`, headers: first.auth })
  const read = async (m: Member) =>
    json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers: m.auth })).posts[0]
  t.same((await read(first)).myReactions, ['like'])
  t.same([...(await read(others[7]!)).myReactions].sort(), [...reactionKinds].sort())
  t.same((await read(author)).myReactions, [])
})

t.test('staff and silenced members read the cached page with their own rights', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const silenced = await makeMember(a, { silenced: true })
  const { topic } = await makeTopic(a, author, cat.id)
  const reply = await replyTo(a, author, topic.id, 'to be hidden')
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', reply.id).execute()
  // A live event on the topic stands for the moderation action that hides the post.
  await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic.id}`,
    headers: mod.auth,
    payload: { pinned: true },
  })
  const read = async (m: Member) =>
    json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers: m.auth })).posts
  const asMember = await read(await makeMember(a))
  t.equal(asMember[1].body, '', 'members do not read a hidden post')
  t.same(asMember[0].can, { edit: false, delete: false, react: true })
  const asMod = await read(mod)
  t.equal(asMod[1].body, 'to be hidden', 'moderators do')
  t.same(asMod[0].can, { edit: true, delete: true, react: true })
  t.same(
    (await read(silenced))[0].can,
    { edit: false, delete: false, react: false },
    'silenced members only read',
  )
})
