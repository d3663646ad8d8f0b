import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// Merging and splitting threads: posts keep their order, get numbers in their new thread, and
// every counter follows; members may not, and each move leaves one audit entry under a rule.

t.test('merge a topic into another, then split replies off into a new one', async (t) => {
  const a = await build(t)
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const category = await makeCategory(a)
  const target = await makeTopic(a, member, category.id, 'Brakes squeal')
  await replyTo(a, member, target.topic.id, 'Target reply')
  const source = await makeTopic(a, member, category.id, 'Squealing brakes again')
  const r1 = await replyTo(a, member, source.topic.id, 'Source reply one')
  const r2 = await replyTo(a, member, source.topic.id, 'Source reply two')

  const merge = (who: typeof member, payload: object) =>
    a.inject({ method: 'POST', url: `/api/topics/${source.topic.id}/merge`, headers: who.auth, payload })
  t.equal(
    (await merge(member, { intoTopicId: target.topic.id, ruleId: 'on-topic', reason: 'dup' })).statusCode,
    403,
  )
  t.equal(
    (await merge(moderator, { intoTopicId: source.topic.id, ruleId: 'on-topic', reason: 'dup' })).statusCode,
    422,
  )
  const merged = await merge(moderator, {
    intoTopicId: target.topic.id,
    ruleId: 'on-topic',
    reason: 'Duplicate',
  })
  t.equal(merged.statusCode, 200, merged.body)
  t.equal(json(merged).topic.postCount, 5)
  t.equal(
    (await a.inject({ method: 'GET', url: `/api/topics/${source.topic.id}` })).statusCode,
    404,
    'the merged topic is gone',
  )
  const page = json(await a.inject({ method: 'GET', url: `/api/topics/${target.topic.id}` }))
  t.same(
    page.posts.map((p: { postNumber: number; body: string }) => [p.postNumber, p.body]),
    [
      [1, 'The opening post.'],
      [2, 'Target reply'],
      [3, 'The opening post.'],
      [4, 'Source reply one'],
      [5, 'Source reply two'],
    ],
  )

  const split = await a.inject({
    method: 'POST',
    url: `/api/topics/${target.topic.id}/split`,
    headers: moderator.auth,
    payload: { postIds: [r1.id, r2.id], title: 'Source replies', ruleId: 'on-topic', reason: 'Own subject' },
  })
  t.equal(split.statusCode, 201, split.body)
  const fresh = json(split).topic
  t.equal(fresh.postCount, 2)
  const newPage = json(await a.inject({ method: 'GET', url: `/api/topics/${fresh.id}` }))
  t.same(
    newPage.posts.map((p: { postNumber: number; body: string }) => [p.postNumber, p.body]),
    [
      [1, 'Source reply one'],
      [2, 'Source reply two'],
    ],
  )
  const refused = await a.inject({
    method: 'POST',
    url: `/api/topics/${target.topic.id}/split`,
    headers: moderator.auth,
    payload: { postIds: [target.post.id], title: 'Opening', ruleId: 'on-topic', reason: 'x' },
  })
  t.equal(refused.statusCode, 422, 'the opening post stays')
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'ruleId'])
    .where('action', 'in', ['topic.merged', 'topic.split'])
    .execute()
  t.same(audit.map((x) => x.action).sort(), ['topic.merged', 'topic.split'])

  // Locking and moving are decisions about the author's topic too: each is notified with its rule.
  const other = await makeCategory(a)
  const patched = await a.inject({
    method: 'PATCH',
    url: `/api/topics/${target.topic.id}`,
    headers: moderator.auth,
    payload: { locked: true, categoryId: other.id, ruleId: 'on-topic', reason: 'Hors sujet ici' },
  })
  t.equal(patched.statusCode, 200, patched.body)
  const notices = json(await a.inject({ url: '/api/notifications', headers: member.auth }))
    .items.filter((n: { kind: string }) => n.kind === 'moderation.notice')
    .map((n: { data: { action: string; ruleId: string; ruleBody: string; topicId: number } }) => n.data)
  t.same(notices.map((n: { action: string }) => n.action).sort(), [
    'topic.locked',
    'topic.merged',
    'topic.moved',
    'topic.split',
  ])
  t.ok(
    notices.every((n: { ruleId: string; ruleBody: string }) => n.ruleId === 'on-topic' && n.ruleBody),
    'each with the rule’s text',
  )
  const modNotices = json(await a.inject({ url: '/api/notifications', headers: moderator.auth })).items
  t.equal(modNotices.length, 0, 'the moderator is not told about their own decisions')
})
