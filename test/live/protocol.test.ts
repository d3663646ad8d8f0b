import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { connect, listen } from './helpers.js'

t.test(
  'a reader follows a topic: replies, edits, reactions and deletions arrive live, in order',
  async (t) => {
    const a = await build(t)
    const url = await listen(a)
    const cat = await makeCategory(a)
    const author = await makeMember(a)
    const reader = await makeMember(a)
    const { topic } = await makeTopic(a, author, cat.id)
    const channel = `topic:${topic.id}`

    const ws = await connect(t, url, { token: reader.token })
    t.equal(ws.frames[0]?.op, 'welcome')
    t.equal((ws.frames[0] as { user: { id: number } }).user.id, reader.id)
    const sub = await ws.subscribe(channel)
    t.equal(sub.op, 'subscribed')

    // Each wait starts before its write: the frame may come before the write's answer does.
    const creating = ws.next((f) => f.type === 'post.created')
    const reply = await replyTo(a, author, topic.id, 'Hello **live**')
    const created = await creating
    t.equal(created.channel, channel)
    t.equal(created.data.post.id, reply.id)
    t.equal(created.data.post.html, '<p>Hello <strong>live</strong></p>\n')

    const editing = ws.next((f) => f.type === 'post.edited')
    await a.inject({
      method: 'PATCH',
      url: `/api/posts/${reply.id}`,
      headers: author.auth,
      payload: { body: 'Edited' },
    })
    const edited = await editing
    t.equal(edited.data.post.body, 'Edited', 'an edit carries the post as it is now')

    const reacting = ws.next((f) => f.type === 'reactions.changed')
    await a.inject({ method: 'PUT', url: `/api/posts/${reply.id}/reactions/like`, headers: reader.auth })
    const reacted = await reacting
    t.equal(reacted.data.reactions.like, 1)

    const deleting = ws.next((f) => f.type === 'post.deleted')
    await a.inject({ method: 'DELETE', url: `/api/posts/${reply.id}`, headers: author.auth })
    await deleting
    const ids = ws.events(channel).map((f) => f.id!)
    t.same(
      ids,
      [...ids].sort((x, y) => x - y),
      'ids increase',
    )
  },
)

t.test('since replays what was missed, from the database, then the stream goes on', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const cat = await makeCategory(a)
  const author = await makeMember(a)
  const { topic } = await makeTopic(a, author, cat.id)
  const channel = `topic:${topic.id}`

  const first = await connect(t, url)
  await first.subscribe(channel)
  await replyTo(a, author, topic.id, 'one')
  const seen = await first.next((f) => f.type === 'post.created', 5_000, true)
  first.close()
  const hidden = await replyTo(a, author, topic.id, 'two, soon hidden')
  await replyTo(a, author, topic.id, 'three')
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', hidden.id).execute()

  const again = await connect(t, url)
  const sub = await again.subscribe(channel, seen.id)
  const replayed = again.events(channel)
  t.equal(replayed.length, 2, 'both missed posts')
  t.equal(replayed[0]!.type, 'post.hidden', 'a post hidden since is retracted in the replay')
  t.same(replayed[0]!.data, { postId: hidden.id })
  t.notOk(JSON.stringify(replayed).includes('soon hidden'), 'its text never comes back')
  t.equal(replayed[1]!.data.post.body, 'three')
  t.equal(sub.lastId, replayed[1]!.id)
  t.ok(again.frames.indexOf(sub) > again.frames.indexOf(replayed[1]!), 'subscribed comes after the replay')
  const fourth = again.next((f) => f.type === 'post.created')
  await replyTo(a, author, topic.id, 'four')
  t.equal((await fourth).data.post.body, 'four')
})

t.test('channels are checked against the reader', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const vip = await makeGroup(a)
  const insider = await makeMember(a, { groups: [vip] })
  const outsider = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const open = await makeCategory(a)
  const secret = await makeCategory(a, { groups: [{ groupId: vip, canPost: true }] })
  const { topic: secretTopic } = await makeTopic(a, insider, secret.id)

  const anon = await connect(t, url)
  t.equal(
    (await anon.subscribe(`topic:${secretTopic.id}`)).code,
    'not_found',
    'visitors cannot follow a VIP topic',
  )
  t.equal(
    (await anon.subscribe('topic:999999')).code,
    'not_found',
    'nor a topic that does not exist: same answer',
  )
  t.equal((await anon.subscribe('user:me')).code, 'unauthenticated')
  t.equal((await anon.subscribe('moderation')).code, 'not_found')
  t.equal((await anon.subscribe(`category:${open.id}`)).op, 'subscribed')

  const out = await connect(t, url, { token: outsider.token })
  t.equal((await out.subscribe(`topic:${secretTopic.id}`)).code, 'not_found')
  t.equal((await out.subscribe(`category:${secret.id}`)).code, 'not_found')
  t.equal((await out.subscribe('moderation')).code, 'not_found', 'members do not see the review queue')
  t.equal((await out.subscribe('user:me')).op, 'subscribed')

  const m = await connect(t, url, { token: mod.token })
  t.equal((await m.subscribe('moderation')).op, 'subscribed')

  // A member removed from the group stops receiving the channel at once.
  const inside = await connect(t, url, { token: insider.token })
  t.equal((await inside.subscribe(`topic:${secretTopic.id}`)).op, 'subscribed')
  const admin = await makeMember(a, { role: 'admin' })
  const removed = await a.inject({
    method: 'DELETE',
    url: `/api/groups/${vip}/members/${insider.id}`,
    headers: admin.auth,
  })
  t.equal(removed.statusCode, 204, removed.body)
  const dropped = await inside.next((f) => f.op === 'unsubscribed')
  t.same(dropped, { op: 'unsubscribed', channel: `topic:${secretTopic.id}`, reason: 'forbidden' })
})

t.test('bad input gets an error or a documented close, never a crash', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const ws = await connect(t, url)
  for (const [frame, code] of [
    ['not json', 'invalid_message'],
    ['[1,2]', 'invalid_message'],
    ['null', 'invalid_message'],
    [{ op: 'dance' }, 'unknown_op'],
    [{ op: 'subscribe' }, 'invalid_channel'],
    [{ op: 'subscribe', channel: 'topic:abc' }, 'not_found'],
    [{ op: 'subscribe', channel: 'nope:1' }, 'invalid_channel'],
    [{ op: 'subscribe', channel: 'topic:1', since: -1 }, 'invalid_message'],
    [{ op: 'subscribe', channel: 'topic:1', since: 'x' }, 'invalid_message'],
    [{ op: 'typing', channel: 'topic:1' }, 'not_found'],
    [{ op: 'auth', token: 'short' }, 'invalid_token'],
  ] as const) {
    ws.send(frame)
    const err = await ws.next((f) => f.op === 'error')
    t.equal(err.code, code, JSON.stringify(frame))
  }
  ws.send({ op: 'ping' })
  t.equal((await ws.next((f) => f.op === 'pong')).op, 'pong', 'still served')

  const big = await connect(t, url)
  big.send(JSON.stringify({ op: 'subscribe', channel: 'x'.repeat(5_000) }))
  t.equal((await big.waitClose()).code, 1009, 'a frame over 4 KiB closes with 1009')

  const abuser = await connect(t, url)
  for (let i = 0; i < 25; i++) abuser.send('garbage')
  t.equal((await abuser.waitClose()).code, 4000, 'too many invalid messages close with 4000')

  const healthy = await connect(t, url)
  healthy.send({ op: 'ping' })
  await healthy.next((f) => f.op === 'pong')
  t.pass('other sockets are unaffected')

  const refused = await connect(t, url, { headers: { origin: 'https://evil.example' } }).catch((e) => e)
  t.equal(refused.statusCode, 403, 'a foreign origin is refused before the upgrade')
  const own = await connect(t, url, { headers: { origin: new URL(a.app.config.publicUrl).origin } })
  t.equal(own.frames[0]?.op, 'welcome', "the community's own pages connect")
})

t.test(
  "the topic page's lastEventId anchors since: nothing between the page and the stream is lost",
  async (t) => {
    const a = await build(t)
    const url = await listen(a)
    const cat = await makeCategory(a)
    const author = await makeMember(a)
    const { topic } = await makeTopic(a, author, cat.id)
    await replyTo(a, author, topic.id, 'before the page')
    const page = json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}`, headers: author.auth }))
    t.type(page.lastEventId, 'number')
    t.ok(page.lastEventId > 0)
    const anon = json(await a.inject({ method: 'GET', url: `/api/topics/${topic.id}` }))
    t.equal(anon.lastEventId, page.lastEventId, 'visitors get it too')
    await replyTo(a, author, topic.id, 'between the page and the socket')
    const ws = await connect(t, url)
    await ws.subscribe(`topic:${topic.id}`, page.lastEventId)
    const events = ws.events(`topic:${topic.id}`, 'post.created')
    t.same(
      events.map((e) => e.data.post.body),
      ['between the page and the socket'],
    )
  },
)
