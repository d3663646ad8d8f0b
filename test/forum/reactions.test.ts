import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic } from './helpers.js'

t.test('reactions: refused, idempotent, one of each kind, exact under concurrency', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const { topic, post } = await makeTopic(a, author, cat.id)
  const url = `/api/posts/${post.id}/reactions/like`
  t.equal((await a.inject({ method: 'PUT', url })).statusCode, 401)
  const m = await makeMember(a)
  t.equal(
    (await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/hate`, headers: m.auth }))
      .statusCode,
    400,
  )
  t.equal(
    (await a.inject({ method: 'PUT', url: '/api/posts/999999/reactions/like', headers: m.auth })).statusCode,
    404,
  )

  for (let i = 0; i < 2; i++) {
    const res = await a.inject({ method: 'PUT', url, headers: m.auth })
    t.equal(res.statusCode, 200)
    t.same(json(res), {
      reactions: { like: 1, love: 0, insightful: 0, funny: 0, disagree: 0 },
      myReactions: ['like'],
    })
  }
  const love = json(
    await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/love`, headers: m.auth }),
  )
  t.same(love.myReactions, ['like', 'love'])
  const page = json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers: m.auth }))
  t.same(page.posts[0].myReactions, ['like', 'love'])
  for (let i = 0; i < 2; i++) {
    const res = await a.inject({ method: 'DELETE', url, headers: m.auth })
    t.equal(res.statusCode, 200)
    t.equal(json(res).reactions.like, 0)
  }

  const members = await Promise.all(Array.from({ length: 20 }, () => makeMember(a)))
  const results = await Promise.all(
    members.flatMap((x) => [
      a.inject({ method: 'PUT', url, headers: x.auth }),
      a.inject({ method: 'PUT', url, headers: x.auth }),
    ]),
  )
  t.ok(results.every((r) => r.statusCode === 200))
  const rows = await a.db
    .selectFrom('reactions')
    .select('kind')
    .where('postId', '=', post.id)
    .where('kind', '=', 'like')
    .execute()
  const stored = await a.db
    .selectFrom('posts')
    .select('reactions')
    .where('id', '=', post.id)
    .executeTakeFirstOrThrow()
  t.equal(rows.length, 20)
  t.same(stored.reactions, { like: 20, love: 1 })
  const events = await a.db
    .selectFrom('liveEvents')
    .select('type')
    .where('type', '=', 'reactions.changed')
    .execute()
  t.equal(events.length, 20 + 1 + 1 + 1, 'an event only when something changed')
})
