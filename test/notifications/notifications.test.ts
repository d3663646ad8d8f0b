import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory, makeTopic } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { list, listAll, markRead, post } from './helpers.js'

t.test('refused: visitors, bad cursors and bad bodies', async (t) => {
  const a = await build(t)
  for (const [method, url, payload] of [
    ['GET', '/api/notifications', undefined],
    ['POST', '/api/notifications/read', { upTo: 1 }],
    ['GET', '/api/notifications/preferences', undefined],
    ['PUT', '/api/notifications/preferences', { replies: true, mentions: true, email: false }],
  ] as const) {
    assertRefused(
      t,
      await a.inject({ method, url, ...(payload ? { payload } : {}) }),
      401,
      undefined,
      `${method} ${url}`,
    )
  }
  const m = await makeMember(a)
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/notifications?cursor=nope', headers: m.auth }),
    400,
    'invalid_cursor',
  )
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/notifications?limit=0', headers: m.auth }), 400)
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/notifications?other=1', headers: m.auth }), 400)
  for (const payload of [{}, { upTo: -1 }, { upTo: 'x' }, { upTo: 1, more: 1 }])
    assertRefused(
      t,
      await a.inject({ method: 'POST', url: '/api/notifications/read', headers: m.auth, payload }),
      400,
      undefined,
      JSON.stringify(payload),
    )
  // A suspended member is locked out of the whole account, notifications included.
  const suspended = await makeMember(a)
  await a.db
    .insertInto('sanctions')
    .values({ userId: suspended.id, kind: 'suspension', ruleId: 'respect', reason: 'test' })
    .execute()
  t.equal(
    (await a.inject({ method: 'GET', url: '/api/notifications', headers: suspended.auth })).statusCode,
    403,
  )
})

t.test('replies and mentions, newest first, paginated; nobody else reads them', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const bob = await makeMember(a)
  await a.db.updateTable('users').set({ displayName: 'Bob B.' }).where('id', '=', bob.id).execute()
  const { topic } = await makeTopic(a, ana, cat.id, 'Ana’s topic')
  const empty = await list(a, ana)
  t.same(empty.items, [], 'none yet')
  t.equal(empty.unread, 0)
  t.equal(empty.nextCursor, null)

  const posts = []
  for (let i = 0; i < 5; i++) posts.push(await post(a, bob, topic.id, `Reply ${i} to @${ana.handle}`))
  // Bob replying to himself notifies nobody; Ana replying to Bob notifies Bob.
  await post(a, bob, topic.id, 'Talking to myself', posts[0]!.id)
  const back = await post(a, ana, topic.id, 'Answer', posts[1]!.id)

  const first = await list(a, ana, '?limit=2')
  t.equal(first.items.length, 2)
  t.equal(first.unread, 5, 'all five unread')
  t.ok(first.nextCursor)
  t.ok(first.lastEventId >= first.items[0]!.id, 'lastEventId covers the newest')
  const item = first.items[0]!
  t.match(item, {
    kind: 'reply',
    topicId: topic.id,
    postId: posts[4]!.id,
    by: { id: bob.id, handle: bob.handle, displayName: 'Bob B.' },
    topicTitle: 'Ana’s topic',
    read: false,
  })
  t.notOk('data' in item, 'known kinds carry no raw data')
  t.ok(!Number.isNaN(Date.parse(item.createdAt)))
  const all = await listAll(a, ana)
  t.same(
    all.map((n) => n.postId),
    posts.map((p) => p.id).reverse(),
    'every page in order, no duplicate, none missing',
  )
  t.same(new Set(all.map((n) => n.kind)), new Set(['reply']), 'a reply that mentions counts once, as a reply')

  const bobs = await list(a, bob)
  t.same(
    bobs.items.map((n) => n.postId),
    [back.id],
    'Bob only has his own: Ana’s answer',
  )
  t.notOk(
    bobs.items.some((n) => all.some((m) => m.id === n.id)),
    'and never Ana’s',
  )
  // Another member's read marker is not reachable either: Bob marking read moves only his.
  t.equal((await markRead(a, bob, all[0]!.id)).statusCode, 204)
  t.equal((await list(a, ana)).unread, 5, 'Ana’s unread untouched by Bob')

  // A mention without a reply.
  const carl = await makeMember(a)
  await post(a, ana, topic.id, `Hello @${carl.handle}`)
  t.match((await list(a, carl)).items, [{ kind: 'mention', by: { id: ana.id } }])
})

t.test('read state moves forward only, and never past the newest', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const bob = await makeMember(a)
  const { topic } = await makeTopic(a, ana, cat.id)
  for (let i = 0; i < 4; i++) await post(a, bob, topic.id, `Reply ${i}`)
  const ids = (await list(a, ana)).items.map((n) => n.id)

  t.equal((await markRead(a, ana, ids[2]!)).statusCode, 204)
  let page = await list(a, ana)
  t.equal(page.unread, 2)
  t.equal(page.seenId, ids[2])
  t.same(
    page.items.map((n) => n.read),
    [false, false, true, true],
  )
  t.equal((await markRead(a, ana, ids[3]!)).statusCode, 204, 'an older id is accepted')
  page = await list(a, ana)
  t.equal(page.seenId, ids[2], 'but does not move the marker back')
  t.equal(page.unread, 2)
  await markRead(a, ana, 0)
  t.equal((await list(a, ana)).seenId, ids[2], 'nor does 0')

  // A marker far in the future would swallow notifications not yet written: it stops at the newest.
  await markRead(a, ana, Number.MAX_SAFE_INTEGER)
  page = await list(a, ana)
  t.equal(page.unread, 0)
  t.equal(page.seenId, ids[0])
  await post(a, bob, topic.id, 'One more')
  page = await list(a, ana)
  t.equal(page.unread, 1, 'the next one is unread')
  t.equal(page.items[0]!.read, false)
  const row = await a.db
    .selectFrom('users')
    .select('notificationsSeenId')
    .where('id', '=', ana.id)
    .executeTakeFirstOrThrow()
  t.equal(row.notificationsSeenId, ids[0], 'as stored')
})

t.test('deleted and hidden posts, hidden topics and unreadable categories leave the list', async (t) => {
  const a = await build(t)
  const vipGroup = await makeGroup(a)
  const cat = await makeCategory(a)
  const vip = await makeCategory(a, { groups: [{ groupId: vipGroup, canPost: true }] })
  const ana = await makeMember(a, { groups: [vipGroup] })
  const bob = await makeMember(a, { groups: [vipGroup] })
  const { topic } = await makeTopic(a, ana, cat.id)
  const kept = await post(a, bob, topic.id, 'Kept')
  const deleted = await post(a, bob, topic.id, 'Deleted')
  const hidden = await post(a, bob, topic.id, 'Hidden')
  const other = await makeTopic(a, ana, cat.id, 'Topic hidden later')
  await post(a, bob, other.topic.id, 'In a hidden topic')
  const vipTopic = await makeTopic(a, ana, vip.id, 'VIP only')
  const inVip = await post(a, bob, vipTopic.topic.id, 'VIP reply')
  t.equal((await list(a, ana)).items.length, 5)

  t.equal(
    (await a.inject({ method: 'DELETE', url: `/api/posts/${deleted.id}`, headers: bob.auth })).statusCode,
    204,
  )
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', hidden.id).execute()
  await a.db.updateTable('topics').set({ hiddenAt: new Date() }).where('id', '=', other.topic.id).execute()
  let page = await list(a, ana)
  t.same(
    page.items.map((n) => n.postId),
    [inVip.id, kept.id],
  )
  t.equal(page.unread, 2, 'the count leaves them out too')

  // Ana leaves the VIP group: what she can no longer read goes, title and all.
  await a.db.deleteFrom('groupMembers').where('userId', '=', ana.id).execute()
  await a.app.viewers.invalidateUser(ana.id)
  page = await list(a, ana)
  t.same(
    page.items.map((n) => n.postId),
    [kept.id],
  )
  t.notMatch(JSON.stringify(page), /VIP/)
})

t.test('other kinds (moderation notices) come with their data', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const { topic, post: first } = await makeTopic(a, ana, cat.id, 'Ana’s own topic')
  const notice = {
    action: 'post.hidden',
    ruleId: 'respect',
    ruleTitle: 'Respect / Be respectful',
    ruleBody: 'No insults.',
    reason: 'Insult in the second paragraph',
    postId: first.id,
    topicId: topic.id,
  }
  await a.db
    .insertInto('liveEvents')
    .values([
      { channel: `user:${ana.id}`, type: 'moderation.notice', data: JSON.stringify(notice) },
      // A kind nobody knows yet, with odd data: listed, not dropped, and no 500.
      {
        channel: `user:${ana.id}`,
        type: 'future.kind',
        data: JSON.stringify({ postId: 'not a number', x: [1] }),
      },
    ])
    .execute()
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', first.id).execute()
  const res = await a.inject({ method: 'GET', url: '/api/notifications', headers: ana.auth })
  t.equal(res.statusCode, 200, res.body)
  const { items, unread } = json(res)
  t.equal(unread, 2)
  t.match(items, [
    { kind: 'future.kind', postId: null, topicId: null, by: null, data: { postId: 'not a number', x: [1] } },
    { kind: 'moderation.notice', postId: first.id, topicId: topic.id, data: notice, read: false },
  ])
  t.equal(items[1].topicTitle, 'Ana’s own topic', 'the notice keeps its topic’s title, its post hidden')
})
