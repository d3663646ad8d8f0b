import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { connect, listen } from '../live/helpers.js'

// Decisions reach open sockets at once: live readers lose a hidden post, a banned member's
// socket closes, the member is told on user:me, and moderators' queues change live.

t.test('hide, ban and flag reach live sockets', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const reader = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, reader, category.id)
  const reply = await replyTo(a, member, topic.id, 'Rude words.')

  const readerWs = await connect(t, url, { token: reader.token })
  await readerWs.subscribe(`topic:${topic.id}`)
  const memberWs = await connect(t, url, { token: member.token })
  await memberWs.subscribe('user:me')
  const modWs = await connect(t, url, { token: moderator.token })
  t.match(await modWs.subscribe('moderation'), { op: 'subscribed' })
  const refused = await readerWs.subscribe('moderation')
  t.equal(refused.op, 'error', 'members cannot follow the moderation channel')

  const queued = modWs.next((f) => f.channel === 'moderation' && f.type === 'queue.changed')
  const flagged = await a.inject({
    method: 'POST',
    url: `/api/posts/${reply.id}/flags`,
    headers: reader.auth,
    payload: { ruleId: 'respect' },
  })
  t.equal(flagged.statusCode, 201)
  t.match((await queued).data, { change: 'added' })

  const retracted = readerWs.next((f) => f.type === 'post.hidden')
  const told = memberWs.next((f) => f.type === 'moderation.notice')
  const hidden = await a.inject({
    method: 'POST',
    url: `/api/posts/${reply.id}/hide`,
    headers: moderator.auth,
    payload: { ruleId: 'respect', reason: 'Rude' },
  })
  t.equal(hidden.statusCode, 200)
  t.same((await retracted).data, { postId: reply.id }, 'live readers get it retracted')
  t.match((await told).data, { action: 'post.hidden', ruleId: 'respect', reason: 'Rude' })

  const ban = await a.inject({
    method: 'POST',
    url: `/api/users/${member.id}/sanctions`,
    headers: moderator.auth,
    payload: { kind: 'ban', ruleId: 'respect', reason: 'Repeated insults' },
  })
  t.equal(ban.statusCode, 201)
  t.equal((await memberWs.waitClose()).code, 4001, 'the banned member’s socket closes at once')
})
