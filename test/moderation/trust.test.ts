import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// Trust is earned from time and published posts, and lost to sanctions: checked after each post,
// written only when the level rises.

t.test('a member earns trust from time and posts, not from posts alone', async (t) => {
  const a = await build(t)
  const author = await makeMember(a)
  const member = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, author, category.id)
  const level = async () =>
    (
      await a.db
        .selectFrom('users')
        .select('trustLevel')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow()
    ).trustLevel
  const settle = () => new Promise((r) => setTimeout(r, 150)) // promotion runs after the reply's answer

  for (let i = 0; i < 3; i++) await replyTo(a, member, topic.id, `Reply ${i}`)
  await settle()
  t.equal(await level(), 0, 'three posts on the first day: still new')

  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000)
  await a.db
    .updateTable('users')
    .set({ createdAt: daysAgo(2) })
    .where('id', '=', member.id)
    .execute()
  await replyTo(a, member, topic.id, 'A day later')
  await settle()
  t.equal(await level(), 1, 'a day old with three posts: basic')

  await a.db
    .updateTable('users')
    .set({ createdAt: daysAgo(20), postCount: 25 })
    .where('id', '=', member.id)
    .execute()
  await a.db
    .insertInto('sanctions')
    .values({ userId: member.id, kind: 'silence', ruleId: 'respect', reason: 'test', endsAt: daysAgo(1) })
    .execute()
  await replyTo(a, member, topic.id, 'Still here')
  await settle()
  t.equal(await level(), 1, 'a silence within 90 days keeps them from trusted')

  await a.db.deleteFrom('sanctions').where('userId', '=', member.id).execute()
  await replyTo(a, member, topic.id, 'Clean record')
  await settle()
  t.equal(await level(), 2, 'two weeks, twenty posts, a clean record: trusted')
})
