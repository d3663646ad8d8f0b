import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json, type TestApp } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'

// The fixed core of moderation, from the refused side first: hiding posts, sanctions taking
// effect on the next request, appeals heard by another moderator, and one audit entry per action.

async function world(t: Parameters<typeof build>[0]) {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const other = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const reader = await makeMember(a)
  const category = await makeCategory(a)
  const { topic } = await makeTopic(a, member, category.id)
  return { a, admin, moderator, other, member, reader, category, topic }
}

const auditCount = async (a: TestApp, action: string, targetId: number | string) =>
  Number(
    (
      await a.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .where('targetId', '=', String(targetId))
        .executeTakeFirstOrThrow()
    ).n,
  )

const post = (a: TestApp, who: Member | null, url: string, payload?: object) =>
  a.inject({ method: 'POST', url, ...(who ? { headers: who.auth } : {}), ...(payload ? { payload } : {}) })

t.test('hiding a post: refused to members and visitors, moderators against an admin refused', async (t) => {
  const w = await world(t)
  const reply = await replyTo(w.a, w.member, w.topic.id, 'Tu es un idiot.')
  const body = { ruleId: 'respect', reason: 'Insulte' }
  t.equal((await post(w.a, null, `/api/posts/${reply.id}/hide`, body)).statusCode, 401)
  t.equal((await post(w.a, w.reader, `/api/posts/${reply.id}/hide`, body)).statusCode, 403)
  const adminPost = await replyTo(w.a, w.admin, w.topic.id, 'Admin speaking.')
  const refused = await post(w.a, w.moderator, `/api/posts/${adminPost.id}/hide`, body)
  t.equal(refused.statusCode, 403)
  t.equal(json(refused).error.code, 'target_is_admin')
  const unknown = await post(w.a, w.moderator, `/api/posts/${reply.id}/hide`, { ruleId: 'nope', reason: 'x' })
  t.equal(unknown.statusCode, 422)
  t.equal(json(unknown).error.code, 'unknown_rule')

  const res = await post(w.a, w.moderator, `/api/posts/${reply.id}/hide`, body)
  t.equal(res.statusCode, 200)
  t.equal(json(res).post.hidden, true)
  t.equal(json(res).post.body, 'Tu es un idiot.', 'moderators still read it')
  const asReader = json(
    await w.a.inject({ method: 'GET', url: `/api/posts/${reply.id}`, headers: w.reader.auth }),
  ).post
  t.equal(asReader.body, '', 'readers no longer get its text')
  t.equal(asReader.html, '')
  const thread = json(await w.a.inject({ method: 'GET', url: `/api/topics/${w.topic.id}` }))
  t.notOk(JSON.stringify(thread).includes('idiot'), 'nor does the thread')
  t.equal(await auditCount(w.a, 'post.hidden', reply.id), 1, 'one audit entry')
  // Hiding again is no second decision.
  t.equal((await post(w.a, w.moderator, `/api/posts/${reply.id}/hide`, body)).statusCode, 200)
  t.equal(await auditCount(w.a, 'post.hidden', reply.id), 1, 'still one audit entry')
  const notice = await w.a.db
    .selectFrom('liveEvents')
    .select('data')
    .where('channel', '=', `user:${w.member.id}`)
    .where('type', '=', 'moderation.notice')
    .executeTakeFirstOrThrow()
  t.match(notice.data, { action: 'post.hidden', ruleId: 'respect', reason: 'Insulte' })
  t.ok((notice.data as { ruleBody: string }).ruleBody.length > 10, 'the member reads the rule’s text')

  const back = await post(w.a, w.other, `/api/posts/${reply.id}/unhide`, { reason: 'Second look' })
  t.equal(back.statusCode, 200)
  t.equal(json(back).post.hidden, false)
  t.equal(await auditCount(w.a, 'post.unhidden', reply.id), 1)
})

t.test('sanctions take effect on the next request; lifting restores', async (t) => {
  const w = await world(t)
  const url = `/api/users/${w.member.id}/sanctions`
  const silence = {
    kind: 'silence',
    ruleId: 'respect',
    reason: 'Cool down',
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  }
  t.equal((await post(w.a, null, url, silence)).statusCode, 401)
  t.equal((await post(w.a, w.reader, url, silence)).statusCode, 403)
  t.equal(
    (await post(w.a, w.moderator, `/api/users/${w.moderator.id}/sanctions`, silence)).statusCode,
    403,
    'not oneself',
  )
  t.equal(
    (await post(w.a, w.moderator, `/api/users/${w.admin.id}/sanctions`, silence)).statusCode,
    403,
    'not an admin',
  )
  t.equal((await post(w.a, w.moderator, url, { ...silence, endsAt: '2000-01-01T00:00:00Z' })).statusCode, 422)
  t.equal((await post(w.a, w.moderator, url, { ...silence, kind: 'exile' })).statusCode, 400)

  const res = await post(w.a, w.moderator, url, silence)
  t.equal(res.statusCode, 201)
  const sanction = json(res).sanction
  t.match(sanction, { kind: 'silence', ruleId: 'respect', active: true, createdBy: { id: w.moderator.id } })
  const write = await post(w.a, w.member, `/api/topics/${w.topic.id}/posts`, { body: 'Still here?' })
  t.equal(write.statusCode, 403)
  t.equal(json(write).error.code, 'silenced')
  t.equal(
    (await w.a.inject({ method: 'GET', url: `/api/topics/${w.topic.id}`, headers: w.member.auth }))
      .statusCode,
    200,
    'reads on',
  )
  t.equal(await auditCount(w.a, 'sanction.silence', w.member.id), 1)

  const mine = await w.a.inject({ method: 'GET', url, headers: w.member.auth })
  t.equal(mine.statusCode, 200, 'a member reads their own sanctions')
  t.equal(
    (await w.a.inject({ method: 'GET', url, headers: w.reader.auth })).statusCode,
    403,
    'not someone else’s',
  )

  const lifted = await post(w.a, w.other, `/api/sanctions/${sanction.id}/lift`, { reason: 'Apologised' })
  t.equal(lifted.statusCode, 200)
  t.equal(json(lifted).sanction.active, false)
  t.equal((await post(w.a, w.member, `/api/topics/${w.topic.id}/posts`, { body: 'Thanks.' })).statusCode, 201)
  t.equal(
    (await post(w.a, w.other, `/api/sanctions/${sanction.id}/lift`, { reason: 'again' })).statusCode,
    409,
  )

  const ban = await post(w.a, w.admin, url, { kind: 'ban', ruleId: 'legal', reason: 'Threats' })
  t.equal(ban.statusCode, 201)
  const locked = await w.a.inject({ method: 'GET', url: '/api/me', headers: w.member.auth })
  t.equal(locked.statusCode, 403, 'a banned member is shut out at once')
})

t.test('appeals: once per decision, heard by another moderator, overturning lifts', async (t) => {
  const w = await world(t)
  const res = await post(w.a, w.moderator, `/api/users/${w.member.id}/sanctions`, {
    kind: 'suspension',
    ruleId: 'respect',
    reason: 'Harassment',
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  })
  const sanction = json(res).sanction
  t.equal(
    (await post(w.a, w.reader, `/api/sanctions/${sanction.id}/appeals`, { text: 'Not me' })).statusCode,
    404,
    'only the member',
  )
  const filed = await post(w.a, w.member, `/api/sanctions/${sanction.id}/appeals`, { text: 'I was quoting.' })
  t.equal(filed.statusCode, 201, 'a suspended member may still appeal')
  const appeal = json(filed).appeal
  t.equal(appeal.status, 'pending')
  const twice = await post(w.a, w.member, `/api/sanctions/${sanction.id}/appeals`, { text: 'Again' })
  t.equal(twice.statusCode, 409)
  t.equal(json(twice).error.code, 'already_appealed')

  const decision = { outcome: 'overturned', reason: 'It was a quote.' }
  t.equal((await post(w.a, w.reader, `/api/appeals/${appeal.id}/decision`, decision)).statusCode, 403)
  const same = await post(w.a, w.moderator, `/api/appeals/${appeal.id}/decision`, decision)
  t.equal(same.statusCode, 403)
  t.equal(json(same).error.code, 'same_moderator')
  const pending = json(
    await w.a.inject({ method: 'GET', url: '/api/moderation/appeals', headers: w.other.auth }),
  )
  t.equal(pending.items.length, 1)
  const decided = await post(w.a, w.other, `/api/appeals/${appeal.id}/decision`, decision)
  t.equal(decided.statusCode, 200)
  t.match(json(decided).appeal, { status: 'overturned', decidedBy: { id: w.other.id } })
  t.equal(
    (await w.a.inject({ method: 'GET', url: '/api/me', headers: w.member.auth })).statusCode,
    200,
    'the member is back',
  )
  t.equal((await post(w.a, w.admin, `/api/appeals/${appeal.id}/decision`, decision)).statusCode, 409)
  t.equal(await auditCount(w.a, 'appeal.overturned', sanction.id), 1)
})

t.test('flags: one per member, weighed, hidden past the threshold, queued, dismissed', async (t) => {
  const w = await world(t)
  const reply = await replyTo(w.a, w.member, w.topic.id, 'Buy cheap watches here.')
  const url = `/api/posts/${reply.id}/flags`
  t.equal((await post(w.a, null, url, { ruleId: 'no-spam' })).statusCode, 401)
  t.equal((await post(w.a, w.member, url, { ruleId: 'no-spam' })).statusCode, 422, 'not one’s own post')
  const first = await post(w.a, w.reader, url, { ruleId: 'no-spam', note: 'Spam' })
  t.equal(first.statusCode, 201)
  t.match(json(first).flag, { weight: 1, itemHidden: false })
  const again = await post(w.a, w.reader, url, { ruleId: 'no-spam' })
  t.equal(again.statusCode, 409)
  t.equal(json(again).error.code, 'already_flagged')

  t.equal(
    (await w.a.inject({ method: 'GET', url: '/api/moderation/queue', headers: w.reader.auth })).statusCode,
    403,
  )
  let queue = json(
    await w.a.inject({ method: 'GET', url: '/api/moderation/queue', headers: w.moderator.auth }),
  )
  t.equal(queue.items.length, 1)
  t.match(queue.items[0], {
    kind: 'flagged',
    targetType: 'post',
    targetId: reply.id,
    flagCount: 1,
    post: { id: reply.id },
  })
  t.equal(queue.items[0].flags[0].note, 'Spam')

  // Four more members: the default threshold (5) is reached and the post hidden pending review.
  for (let i = 0; i < 4; i++) {
    const m = await makeMember(w.a)
    t.equal((await post(w.a, m, url, { ruleId: 'no-spam' })).statusCode, 201)
  }
  const hidden = json(
    await w.a.inject({ method: 'GET', url: `/api/posts/${reply.id}`, headers: w.reader.auth }),
  ).post
  t.equal(hidden.hidden, true, 'hidden pending review')
  t.equal(await auditCount(w.a, 'post.auto_hidden', reply.id), 1)
  queue = json(await w.a.inject({ method: 'GET', url: '/api/moderation/queue', headers: w.moderator.auth }))
  t.equal(queue.items.length, 1, 'still one item')
  t.equal(queue.items[0].flagCount, 5)
  const itemId = queue.items[0].id

  t.equal((await post(w.a, w.moderator, `/api/moderation/queue/${itemId}/claim`)).statusCode, 200)
  const taken = await post(w.a, w.other, `/api/moderation/queue/${itemId}/claim`)
  t.equal(taken.statusCode, 409, 'two moderators do not handle it at once')
  t.equal(json(taken).error.code, 'claimed')
  t.equal(
    (await post(w.a, w.other, `/api/moderation/queue/${itemId}/dismiss`, { reason: 'Fine' })).statusCode,
    409,
  )
  const dismissed = await post(w.a, w.moderator, `/api/moderation/queue/${itemId}/dismiss`, {
    reason: 'Not spam',
  })
  t.equal(dismissed.statusCode, 200)
  t.equal(json(dismissed).item.resolution, 'dismissed')
  const back = json(
    await w.a.inject({ method: 'GET', url: `/api/posts/${reply.id}`, headers: w.reader.auth }),
  ).post
  t.equal(back.hidden, false, 'shown again')
  queue = json(await w.a.inject({ method: 'GET', url: '/api/moderation/queue', headers: w.moderator.auth }))
  t.equal(queue.items.length, 0)
  t.equal(await auditCount(w.a, 'queue.dismissed', reply.id), 1)
})

t.test('the audit log: filtered, paginated, exported as CSV, and append-only', async (t) => {
  const w = await world(t)
  for (let i = 0; i < 3; i++) {
    const m = await makeMember(w.a)
    await post(w.a, w.moderator, `/api/users/${m.id}/sanctions`, {
      kind: 'warning',
      ruleId: 'respect',
      reason: `=HYPERLINK("x") ${i}`,
    })
  }
  t.equal(
    (await w.a.inject({ method: 'GET', url: '/api/moderation/audit', headers: w.reader.auth })).statusCode,
    403,
  )
  const page1 = json(
    await w.a.inject({
      method: 'GET',
      url: '/api/moderation/audit?limit=2&action=sanction',
      headers: w.moderator.auth,
    }),
  )
  t.equal(page1.items.length, 2)
  t.match(page1.items[0], {
    actor: { id: w.moderator.id },
    action: 'sanction.warning',
    target: { type: 'user' },
    ruleId: 'respect',
  })
  const page2 = json(
    await w.a.inject({
      method: 'GET',
      url: `/api/moderation/audit?limit=2&action=sanction&cursor=${page1.nextCursor}`,
      headers: w.moderator.auth,
    }),
  )
  t.equal(page2.items.length, 1)
  t.equal(page2.nextCursor, null)
  const csv = await w.a.inject({
    method: 'GET',
    url: '/api/moderation/audit?format=csv&action=sanction',
    headers: w.moderator.auth,
  })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /text\/csv/)
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
  t.equal(lines.length, 4, 'a header and three entries')
  t.match(lines[0], /^id,createdAt,actorId,actor,action/)
  t.ok(
    lines.slice(1).every((l) => l.includes(`'=HYPERLINK`)),
    'formulas are made inert',
  )
  await t.rejects(w.a.db.deleteFrom('auditLog').execute(), /append-only/, 'the database refuses deletes')
  await t.rejects(w.a.db.updateTable('auditLog').set({ reason: 'x' }).execute(), /append-only/, 'and edits')
  t.equal(
    (
      await w.a.inject({
        method: 'GET',
        url: '/api/moderation/audit?from=yesterday',
        headers: w.moderator.auth,
      })
    ).statusCode,
    400,
  )
})
