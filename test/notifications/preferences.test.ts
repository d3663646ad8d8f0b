import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory, makeTopic } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { list, post } from './helpers.js'

const url = '/api/notifications/preferences'

t.test('preferences: defaults, replaced whole, validated, one member’s own', async (t) => {
  const a = await build(t)
  const ana = await makeMember(a)
  const bob = await makeMember(a)
  const get = async (who = ana) => json(await a.inject({ method: 'GET', url, headers: who.auth }))
  t.same(await get(), { replies: true, mentions: true, email: false }, 'defaults')
  for (const payload of [
    {},
    { replies: false, mentions: true },
    { replies: 'no', mentions: true, email: false },
    { replies: false, mentions: true, email: false, sms: true },
  ])
    assertRefused(
      t,
      await a.inject({ method: 'PUT', url, headers: ana.auth, payload }),
      400,
      undefined,
      JSON.stringify(payload),
    )
  t.same(await get(), { replies: true, mentions: true, email: false }, 'a refused body changed nothing')

  const res = await a.inject({
    method: 'PUT',
    url,
    headers: ana.auth,
    payload: { replies: false, mentions: true, email: true },
  })
  t.equal(res.statusCode, 200)
  t.same(json(res), { replies: false, mentions: true, email: true })
  t.same(await get(), { replies: false, mentions: true, email: true }, 'stored')
  t.same(await get(bob), { replies: true, mentions: true, email: false }, 'Bob’s are his own')
  const row = await a.db
    .selectFrom('users')
    .select('notificationPrefs')
    .where('id', '=', ana.id)
    .executeTakeFirstOrThrow()
  t.same(row.notificationPrefs, { replies: false, mentions: true, email: true })
})

t.test('replies and mentions turned off are not recorded; the other kind still is', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const bob = await makeMember(a)
  const carl = await makeMember(a)
  const { topic } = await makeTopic(a, ana, cat.id)
  const put = (who: typeof ana, prefs: object) =>
    a.inject({ method: 'PUT', url, headers: who.auth, payload: { email: false, ...prefs } })
  const events = async (who: typeof ana) =>
    (
      await a.db
        .selectFrom('liveEvents')
        .select(['type', 'data'])
        .where('channel', '=', `user:${who.id}`)
        .execute()
    ).map((e) => [e.type, (e.data as { postId: number }).postId])

  t.equal((await put(ana, { replies: false, mentions: true })).statusCode, 200)
  const plain = await post(a, bob, topic.id, 'A plain reply')
  const mentioning = await post(a, bob, topic.id, `A reply naming @${ana.handle}`)
  t.same(
    await events(ana),
    [['mention', mentioning.id]],
    'no reply recorded; a reply that mentions her still reaches her as a mention',
  )
  t.notOk((await list(a, ana)).items.some((n) => n.postId === plain.id))

  t.equal((await put(carl, { replies: true, mentions: false })).statusCode, 200)
  await post(a, bob, topic.id, `Hi @${carl.handle}`)
  const toCarl = await post(a, carl, topic.id, 'Carl speaks')
  const answer = await post(a, bob, topic.id, `Answering @${carl.handle}`, toCarl.id)
  t.same(await events(carl), [['reply', answer.id]], 'no mention recorded; replies still are')

  // Both off: the reply is written all the same, with no notification at all.
  t.equal((await put(ana, { replies: false, mentions: false })).statusCode, 200)
  const silent = await post(a, bob, topic.id, `Again @${ana.handle}`)
  t.ok(silent.id, 'the reply itself is posted')
  t.same(await events(ana), [['mention', mentioning.id]])

  // Back on: recorded again.
  t.equal((await put(ana, { replies: true, mentions: true })).statusCode, 200)
  const again = await post(a, bob, topic.id, 'Welcome back')
  t.same((await events(ana)).at(-1), ['reply', again.id])
})
