import { sql } from 'kysely'
import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic } from './helpers.js'

t.test('50 replies at once: distinct numbers and every counter exact', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const members = await Promise.all(Array.from({ length: 5 }, () => makeMember(a)))
  const { topic } = await makeTopic(a, members[0]!, cat.id)
  await makeTopic(a, members[1]!, cat.id, 'A second topic')

  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      a.inject({
        method: 'POST',
        url: `/api/topics/${topic.id}/posts`,
        headers: members[i % 5]!.auth,
        payload: { body: `reply ${i}` },
      }),
    ),
  )
  t.same(
    results.map((r) => r.statusCode),
    Array(50).fill(201),
  )
  const numbers = results.map((r) => json(r).post.postNumber).sort((x, y) => x - y)
  t.same(
    numbers,
    Array.from({ length: 50 }, (_, i) => i + 2),
  )

  const topicRow = await a.db
    .selectFrom('topics')
    .selectAll()
    .where('id', '=', topic.id)
    .executeTakeFirstOrThrow()
  const actual = await sql<{ n: number; lastId: number }>`
    select count(*)::int as n, max(id)::int as last_id from posts where topic_id = ${topic.id}`.execute(a.db)
  t.equal(topicRow.postCount, actual.rows[0]!.n)
  t.equal(topicRow.postCount, 51)
  t.equal(topicRow.lastPostId, actual.rows[0]!.lastId)
  const last = await a.db
    .selectFrom('posts')
    .select(['authorId', 'createdAt'])
    .where('id', '=', topicRow.lastPostId!)
    .executeTakeFirstOrThrow()
  t.equal(topicRow.lastPosterId, last.authorId)
  t.equal(topicRow.lastPostAt.getTime(), last.createdAt.getTime())

  const users = await sql<{
    id: number
    postCount: number
    topicCount: number
    posts: number
    topics: number
  }>`
    select u.id, u.post_count, u.topic_count,
      (select count(*)::int from posts p where p.author_id = u.id and p.deleted_at is null) as posts,
      (select count(*)::int from topics x where x.author_id = u.id and x.deleted_at is null) as topics
    from users u where u.role = 'member'`.execute(a.db)
  for (const u of users.rows) {
    t.equal(u.postCount, u.posts, `user ${u.id} post_count`)
    t.equal(u.topicCount, u.topics, `user ${u.id} topic_count`)
  }
  const cats = await sql<{ topicCount: number; n: number }>`
    select c.topic_count, (select count(*)::int from topics x where x.category_id = c.id and x.deleted_at is null) as n
    from categories c`.execute(a.db)
  for (const c of cats.rows) t.equal(c.topicCount, c.n)
})
