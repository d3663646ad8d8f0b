import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { connect, listen } from './helpers.js'

t.test('user:me brings replies and mentions to the member concerned only', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const cat = await makeCategory(a)
  const ana = await makeMember(a, { handle: 'ana_live' })
  const bob = await makeMember(a, { handle: 'bob_live' })
  const eve = await makeMember(a, { handle: 'eve_live' })
  const { topic } = await makeTopic(a, ana, cat.id)
  const anaWs = await connect(t, url, { token: ana.token })
  const eveWs = await connect(t, url, { token: eve.token })
  const bobWs = await connect(t, url, { token: bob.token })
  for (const ws of [anaWs, eveWs, bobWs]) t.equal((await ws.subscribe('user:me')).op, 'subscribed')

  const reply = await replyTo(a, bob, topic.id, 'Bien vu, merci @eve_live')
  const toAna = await anaWs.next((f) => f.type === 'reply', 5_000, true)
  t.equal(toAna.channel, 'user:me', 'delivered as user:me')
  t.match(toAna.data, { postId: reply.id, topicId: topic.id, by: { id: bob.id, handle: 'bob_live' } })
  const toEve = await eveWs.next((f) => f.type === 'mention', 5_000, true)
  t.equal(toEve.data.postId, reply.id)
  await replyTo(a, ana, topic.id, 'A reply of my own')
  await new Promise((r) => setTimeout(r, 300))
  t.equal(bobWs.events('user:me').length, 0, 'no one is told of their own posts, nor of replies to others')
})

t.test('typing and the number of readers reach the other readers of the topic', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const bob = await makeMember(a)
  const { topic } = await makeTopic(a, ana, cat.id)
  const channel = `topic:${topic.id}`
  const anaWs = await connect(t, url, { token: ana.token })
  await anaWs.subscribe(channel)
  const first = await anaWs.next((f) => f.type === 'presence', 3_000, true)
  t.equal(first.data.readers, 1)
  const bobWs = await connect(t, url, { token: bob.token })
  await bobWs.subscribe(channel)
  t.equal((await anaWs.next((f) => f.type === 'presence' && f.data.readers === 2)).data.readers, 2)

  bobWs.send({ op: 'typing', channel })
  const typing = await anaWs.next((f) => f.type === 'typing')
  t.same(typing.data.user.id, bob.id)
  t.notOk(typing.id, 'typing is not stored: no id')
  for (let i = 0; i < 30; i++) bobWs.send({ op: 'typing', channel })
  const limited = await bobWs.next((f) => f.op === 'error')
  t.equal(limited.code, 'rate_limited')
  await new Promise((r) => setTimeout(r, 300))
  t.equal(anaWs.frames.filter((f) => f.type === 'typing').length, 1, 'a flood of typing reaches no one')
  t.equal(bobWs.frames.filter((f) => f.op === 'error').length, 1, 'and is answered once, not once per frame')
  t.notOk(bobWs.closed, 'the typist is not cut off')
  const stored = await a.db.selectFrom('liveEvents').select('type').where('type', '=', 'typing').execute()
  t.equal(stored.length, 0)

  bobWs.close()
  t.equal((await anaWs.next((f) => f.type === 'presence' && f.data.readers === 1)).data.readers, 1)
})

t.test('limits: sockets per member, sessions that end, slow readers, shutdown', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const cat = await makeCategory(a)
  const ana = await makeMember(a)
  const { topic } = await makeTopic(a, ana, cat.id)
  const channel = `topic:${topic.id}`

  const many = []
  for (let i = 0; i < 20; i++) many.push(await connect(t, url, { token: ana.token }))
  const extra = await connect(t, url, { token: ana.token })
  t.equal((await extra.waitClose()).code, 4029, 'the 21st socket of a member is refused')
  for (const ws of many.slice(1)) ws.close()

  // Signing out ends the session's sockets.
  const out = await a.inject({ method: 'POST', url: '/api/auth/logout', headers: ana.auth })
  t.equal(out.statusCode, 204, out.body)
  t.equal((await many[0]!.waitClose()).code, 4001, 'a socket of a session that ended is closed with 4001')

  // A reader that stops reading is cut off once 1 MiB waits for it (past what the kernel holds),
  // and the others go on. 400 events of 60 kB, written straight into the log to be quick.
  const slow = await connect(t, url)
  await slow.subscribe(channel)
  const fine = await connect(t, url)
  await fine.subscribe(channel)
  ;(slow.ws as unknown as { _socket: { pause(): void } })._socket.pause()
  const padding = 'x'.repeat(60_000)
  const rows = await a.db
    .insertInto('liveEvents')
    .values(
      Array.from({ length: 400 }, () => ({
        channel,
        type: 'reactions.changed',
        data: JSON.stringify({ padding }),
      })),
    )
    .returning(['id', 'channel', 'type'])
    .execute()
  await a.app.live.publish(rows.map((r) => ({ ...r, data: null })))
  const until = Date.now() + 10_000
  while (a.app.websocketServer.clients.size > 1 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50))
  t.equal(a.app.websocketServer.clients.size, 1, 'the slow reader was cut off')
  await fine.next(() => fine.events(channel).length === 400, 10_000, true)
  t.equal(fine.events(channel).length, 400, 'the other reader got everything')

  const last = await connect(t, url)
  const closing = last.waitClose(10_000)
  await a.app.close()
  t.equal((await closing).code, 1001, 'shutdown tells readers to go elsewhere')
})
