import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// Answers are kept between writes; every write through the product that could change one drops them.
t.test('search answers come from the cache until a write could change them', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const reader = await makeMember(a)
  const { topic, post } = await makeTopic(a, author, cat.id, 'Le sac zorbatex')
  const find = async (q = 'zorbatex') =>
    json(
      await a.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, headers: reader.auth }),
    ).items as { post: { id: number; author: { displayName: string } } }[]

  const first = await find()
  t.equal(first.length, 1)
  const name = first[0]!.post.author.displayName
  // Written behind the product (no live event): the cached answer stands, which proves it is one.
  await a.db
    .updateTable('users')
    .set({ displayName: 'Behind the cache' })
    .where('id', '=', author.id)
    .execute()
  t.equal((await find())[0]!.post.author.displayName, name, 'served from the cache')

  const reply = await replyTo(a, author, topic.id, 'Mon zorbatex a tenu dix ans')
  const afterReply = await find()
  t.equal(afterReply.length, 2, 'a reply drops the answers')
  t.equal(afterReply[0]!.post.author.displayName, 'Behind the cache')

  await a.db.updateTable('users').set({ displayName: name }).where('id', '=', author.id).execute()
  await a.inject({ method: 'PUT', url: `/api/posts/${reply.id}/reactions/like`, headers: reader.auth })
  t.equal((await find())[0]!.post.author.displayName, 'Behind the cache', 'a reaction changes no answer')

  await a.inject({
    method: 'PATCH',
    url: `/api/posts/${reply.id}`,
    headers: author.auth,
    payload: { body: 'Plus rien à voir' },
  })
  t.same(
    (await find()).map((h) => h.post.id),
    [post.id],
    'an edit drops the answers',
  )

  const renamed = await a.inject({
    method: 'PATCH',
    url: '/api/me',
    headers: author.auth,
    payload: { displayName: 'Ana Zorba' },
  })
  t.equal(renamed.statusCode, 200)
  t.equal((await find())[0]!.post.author.displayName, 'Ana Zorba', 'a new name drops them')

  await a.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: author.auth })
  t.same(await find(), [], 'deleting the topic drops them')
})
