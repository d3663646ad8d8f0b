import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// What moderation keeps back before a post is published: crisis mode holds and slows, watched
// words block, hold or flag, and approval releases a held post into its thread.

t.test('crisis mode holds new posts and topics until a moderator approves them', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const reader = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, member, category.id)

  const on = await a.inject({
    method: 'PUT',
    url: '/api/admin/crisis',
    headers: admin.auth,
    payload: {
      on: true,
      categoryIds: [category.id],
      slowModeSeconds: 60,
      statement: 'Nous sommes au courant.',
    },
  })
  t.equal(on.statusCode, 200, on.body)

  // The topic's author wrote its opening post a moment ago: slow mode already applies to them.
  const slowAuthor = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: member.auth,
    payload: { body: 'Me again' },
  })
  t.equal(slowAuthor.statusCode, 429)
  const writer = await makeMember(a)
  const res = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: writer.auth,
    payload: { body: `What happened? @${reader.handle}` },
  })
  t.equal(res.statusCode, 201, res.body)
  const held = json(res).post
  t.match(held, { held: true, hidden: true, body: /^What happened\?/ }, 'its author reads it, marked held')
  const told = async (who: typeof member) =>
    json(await a.inject({ url: '/api/notifications', headers: who.auth }))
      .items.filter((n: { postId: number | null }) => n.postId === held.id)
      .map((n: { kind: string }) => n.kind)
  t.same(await told(member), [], 'a held reply notifies no one yet')
  t.same(await told(reader), [])
  const asReader = json(
    await a.inject({ method: 'GET', url: `/api/posts/${held.id}`, headers: reader.auth }),
  ).post
  t.equal(asReader.body, '', 'others do not')
  const thread = json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}` }))
  t.notOk(JSON.stringify(thread).includes('What happened'), 'nor does the thread')

  const slow = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: writer.auth,
    payload: { body: 'Hello?' },
  })
  t.equal(slow.statusCode, 429, 'slow mode')
  t.equal(json(slow).error.code, 'slow_mode')

  const newTopic = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: reader.auth,
    payload: { categoryId: category.id, title: 'Is it safe?', body: 'Tell us.' },
  })
  t.equal(newTopic.statusCode, 201)
  const list = json(await a.inject({ method: 'GET', url: `/api/categories/${category.slug}/topics` }))
  t.notOk(
    list.items.some((x: { id: number }) => x.id === json(newTopic).topic.id),
    'a held topic stays out of lists',
  )

  const queue = json(
    await a.inject({ method: 'GET', url: '/api/moderation/queue?kind=held', headers: moderator.auth }),
  )
  t.equal(queue.items.length, 2)
  t.equal(queue.items[0].detail, 'crisis')

  const approved = await a.inject({
    method: 'POST',
    url: `/api/posts/${held.id}/approve`,
    headers: moderator.auth,
  })
  t.equal(approved.statusCode, 200)
  t.match(json(approved).post, { held: false, hidden: false })
  const after = json(
    await a.inject({ method: 'GET', url: `/api/posts/${held.id}`, headers: reader.auth }),
  ).post
  t.match(after.body, /^What happened\?/, 'released into its thread')
  t.same(await told(member), ['reply'], 'approved, it tells the topic’s author')
  t.same(await told(reader), ['mention'], 'and the member it mentions')
  t.equal(
    (await a.inject({ method: 'POST', url: `/api/posts/${held.id}/approve`, headers: moderator.auth }))
      .statusCode,
    409,
  )

  await a.inject({
    method: 'POST',
    url: `/api/posts/${json(newTopic).post.id}/approve`,
    headers: moderator.auth,
  })
  const list2 = json(await a.inject({ method: 'GET', url: `/api/categories/${category.slug}/topics` }))
  t.ok(
    list2.items.some((x: { id: number }) => x.id === json(newTopic).topic.id),
    'approved, the topic is listed',
  )

  const off = await a.inject({
    method: 'PUT',
    url: '/api/admin/crisis',
    headers: admin.auth,
    payload: { on: false },
  })
  t.equal(off.statusCode, 200)
  const free = await replyTo(a, reader, topic.id, 'Back to normal.')
  t.ok(free.id, 'posts publish again')
  const audits = await a.db
    .selectFrom('auditLog')
    .select('action')
    .where('action', 'like', 'crisis.%')
    .execute()
  t.same(audits.map((x) => x.action).sort(), ['crisis.off', 'crisis.on'])
})

t.test('watched words block, hold, censor and flag', async (t) => {
  const a = await build(t)
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, member, category.id)
  for (const [phrase, action] of [
    ['arnaque*', 'block'],
    ['remboursement', 'hold'],
    ['zut', 'censor'],
    ['concurrent', 'flag'],
  ]) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/moderation/watched-words',
      headers: moderator.auth,
      payload: { phrase, action },
    })
    t.equal(res.statusCode, 201, res.body)
  }
  const write = (body: string) =>
    a.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/posts`,
      headers: member.auth,
      payload: { body },
    })

  const blocked = await write('Quelle ARNAQUES !')
  t.equal(blocked.statusCode, 422)
  t.equal(json(blocked).error.code, 'watched_word_blocked')
  const censored = json(await write('Zut alors.')).post
  t.equal(censored.body, '■■■ alors.')
  const held = json(await write('Je veux un Remboursement.')).post
  t.equal(held.held, true)
  const flagged = json(await write('Le concurrent fait mieux.')).post
  t.equal(flagged.held, false, 'published')
  const queue = json(await a.inject({ method: 'GET', url: '/api/moderation/queue', headers: moderator.auth }))
  t.same(queue.items.map((i: { kind: string }) => i.kind).sort(), ['held', 'watched'])
  t.match(
    queue.items.find((i: { kind: string }) => i.kind === 'watched'),
    { targetId: flagged.id, detail: 'concurrent' },
  )
})
