import { sql } from 'kysely'
import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// A new charter version: admins publish it, old versions stay readable, members accept it again
// before they can post; topics are locked, moved and slowed down under a rule; trust is earned.

const rules = [
  { id: 'respect', title: 'Respect', body: 'No insults.' },
  { id: 'no-ads', title: 'No advertising', body: 'No promotion of products or services.' },
]

t.test('publishing a new charter version makes members accept it again before posting', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, member, category.id)
  const publish = (who: typeof admin | null, payload: object) =>
    a.inject({ method: 'POST', url: '/api/admin/charter', ...(who ? { headers: who.auth } : {}), payload })

  t.equal((await publish(null, { summary: 'x', rules })).statusCode, 401)
  t.equal((await publish(member, { summary: 'x', rules })).statusCode, 403)
  t.equal((await publish(moderator, { summary: 'x', rules })).statusCode, 403)
  const dup = await publish(admin, { summary: 'x', rules: [rules[0], rules[0]] })
  t.equal(dup.statusCode, 422)
  t.equal(json(dup).error.code, 'duplicate_rule_id')
  t.equal((await publish(admin, { summary: 'x', rules: [] })).statusCode, 400)
  t.equal(
    (await publish(admin, { summary: 'x', rules: [{ id: 'Bad Id!', title: 't', body: 'b' }] })).statusCode,
    400,
  )

  const res = await publish(admin, { summary: 'Ajout : pas de publicité', rules })
  t.equal(res.statusCode, 201)
  t.equal(json(res).version, 2)
  t.same(
    json(await a.inject({ method: 'GET', url: '/api/charter' })).rules.map((r: { id: string }) => r.id),
    ['respect', 'no-ads'],
  )
  const v1 = json(await a.inject({ method: 'GET', url: '/api/charter/versions/1' }))
  t.ok(
    v1.rules.some((r: { id: string }) => r.id === 'on-topic'),
    'the old version stays readable',
  )

  const me = json(await a.inject({ method: 'GET', url: '/api/me', headers: member.auth }))
  t.equal(me.user?.mustAcceptCharter ?? me.mustAcceptCharter, true)
  const blocked = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: member.auth,
    payload: { body: 'Hi' },
  })
  t.equal(blocked.statusCode, 403)
  t.equal(json(blocked).error.code, 'charter_acceptance_required')
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: '/api/charter/accept',
        headers: member.auth,
        payload: { version: 1 },
      })
    ).statusCode,
    422,
  )
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: '/api/charter/accept',
        headers: member.auth,
        payload: { version: 2 },
      })
    ).statusCode,
    204,
  )
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: `/api/topics/${topic.id}/posts`,
        headers: member.auth,
        payload: { body: 'Hi' },
      })
    ).statusCode,
    201,
  )
  // Decisions now cite the new rules, and no longer the removed ones.
  const reply = await replyTo(a, member, topic.id, 'Achetez mes vélos !')
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: `/api/posts/${reply.id}/hide`,
        headers: moderator.auth,
        payload: { ruleId: 'no-ads', reason: 'Pub' },
      })
    ).statusCode,
    200,
  )
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: `/api/posts/${reply.id}/flags`,
        headers: admin.auth,
        payload: { ruleId: 'on-topic' },
      })
    ).statusCode,
    422,
  )
  const audit = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'charter.published')
    .execute()
  t.equal(audit.length, 1)
  t.equal(audit[0]!.targetId, '2')
})

t.test('moderators lock, move and slow down topics under a rule; members may not', async (t) => {
  const a = await build(t)
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const other = await makeMember(a)
  const category = await makeCategory(a)
  const elsewhere = await makeCategory(a)
  const { topic } = await makeTopic(a, member, category.id)
  const patch = (who: typeof member, payload: object) =>
    a.inject({ method: 'PATCH', url: `/api/topics/${topic.id}`, headers: who.auth, payload })

  t.equal((await patch(member, { slowModeSeconds: 30 })).statusCode, 403)
  t.equal((await patch(member, { locked: true, ruleId: 'respect' })).statusCode, 403)
  t.equal((await patch(moderator, { locked: true, ruleId: 'nope' })).statusCode, 422)
  const slowed = await patch(moderator, { slowModeSeconds: 30, ruleId: 'respect', reason: 'Heated' })
  t.equal(slowed.statusCode, 200)
  t.equal(json(slowed).topic.slowModeSeconds, 30)
  t.equal((await replyTo(a, other, topic.id, 'First')).id > 0, true)
  const second = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: other.auth,
    payload: { body: 'Second' },
  })
  t.equal(second.statusCode, 429)
  t.ok(json(second).error.details.retryAfterSeconds > 0)
  t.equal(
    (
      await a.inject({
        method: 'POST',
        url: `/api/topics/${topic.id}/posts`,
        headers: moderator.auth,
        payload: { body: 'Calm down' },
      })
    ).statusCode,
    201,
    'not for moderators',
  )

  t.equal(
    (await patch(moderator, { locked: true, ruleId: 'respect', reason: 'Out of hand' })).statusCode,
    200,
  )
  t.equal(
    (await patch(moderator, { categoryId: elsewhere.id, ruleId: 'on-topic', reason: 'Wrong place' }))
      .statusCode,
    200,
  )
  const entries = await a.db
    .selectFrom('auditLog')
    .select(['action', 'ruleId', 'reason'])
    .where('targetType', '=', 'topic')
    .where('targetId', '=', String(topic.id))
    .orderBy('id')
    .execute()
  t.same(entries, [
    { action: 'topic.slow_mode', ruleId: 'respect', reason: 'Heated' },
    { action: 'topic.locked', ruleId: 'respect', reason: 'Out of hand' },
    { action: 'topic.moved', ruleId: 'on-topic', reason: 'Wrong place' },
  ])
})

t.test('members earn trust from time and published posts; their flags then weigh more', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  const author = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, author, category.id)
  // A member of three weeks with twenty posts already.
  await a.db
    .updateTable('users')
    .set({ createdAt: sql`now() - interval '21 days'`, postCount: 20 })
    .where('id', '=', member.id)
    .execute()
  await replyTo(a, member, topic.id, 'One more.')
  const waitFor = async () => {
    for (let i = 0; i < 50; i++) {
      const row = await a.db
        .selectFrom('users')
        .select('trustLevel')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow()
      if (row.trustLevel === 2) return 2
      await new Promise((r) => setTimeout(r, 50))
    }
    return -1
  }
  t.equal(await waitFor(), 2, 'trusted')
  const reply = await replyTo(a, author, topic.id, 'Something.')
  const flag = await a.inject({
    method: 'POST',
    url: `/api/posts/${reply.id}/flags`,
    headers: member.auth,
    payload: { ruleId: 'respect' },
  })
  t.equal(flag.statusCode, 201)
  t.ok(json(flag).flag.weight > 1, 'a trusted member’s flag weighs more')

  // A fresh member stays at 0, and their links are limited.
  const fresh = await makeMember(a)
  const links = 'https://a.example https://b.example https://c.example'
  const res = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: fresh.auth,
    payload: { body: links },
  })
  t.equal(res.statusCode, 422)
  t.equal(json(res).error.code, 'too_many_links')
})
