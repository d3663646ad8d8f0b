import t from 'tap'
import { excerptOf } from '../../server/forum/activity.js'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, replyTo } from './helpers.js'

t.test('GET /api/users/by-handle/:handle/posts: refusals first', async (t) => {
  const a = await build(t)
  const unknown = await a.inject({ method: 'GET', url: '/api/users/by-handle/nobody_here/posts' })
  t.equal(unknown.statusCode, 404)
  t.equal(json(unknown).error.code, 'not_found')
  const hostile = await a.inject({
    method: 'GET',
    url: `/api/users/by-handle/${encodeURIComponent('<script>')}/posts`,
  })
  t.equal(hostile.statusCode, 400)
  const m = await makeMember(a)
  for (const cursor of [
    'garbage',
    Buffer.from('["x"]').toString('base64url'),
    Buffer.from('[-5]').toString('base64url'),
  ]) {
    const res = await a.inject({
      method: 'GET',
      url: `/api/users/by-handle/${m.handle}/posts?cursor=${cursor}`,
    })
    t.equal(res.statusCode, 400, cursor)
    t.equal(json(res).error.code, 'invalid_cursor')
  }
  const extra = await a.inject({ method: 'GET', url: `/api/users/by-handle/${m.handle}/posts?evil=1` })
  t.equal(extra.statusCode, 400)
})

t.test('only the posts the reader may see, newest first, keyset pages', async (t) => {
  const a = await build(t)
  const group = await makeGroup(a)
  const open = await makeCategory(a)
  const vip = await makeCategory(a, { groups: [{ groupId: group, canPost: true }] })
  const author = await makeMember(a, { groups: [group] })
  const insider = await makeMember(a, { groups: [group] })
  const outsider = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })

  const pub = await makeTopic(a, author, open.id, 'Public topic')
  const secret = await makeTopic(a, author, vip.id, 'Secret topic')
  const r1 = await replyTo(a, author, pub.topic.id, 'A **public** reply')
  const r2 = await replyTo(a, author, secret.topic.id, 'A secret reply')
  const gone = await replyTo(a, author, pub.topic.id, 'Soon deleted')
  const hidden = await replyTo(a, author, pub.topic.id, 'Soon hidden')
  t.equal(
    (await a.inject({ method: 'DELETE', url: `/api/posts/${gone.id}`, headers: author.auth })).statusCode,
    204,
  )
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', hidden.id).execute()

  const list = async (headers: Record<string, string> = {}, cursor = '', limit = 20) => {
    const res = await a.inject({
      method: 'GET',
      url: `/api/users/by-handle/${author.handle.toUpperCase()}/posts?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      headers,
    })
    t.equal(res.statusCode, 200, res.body)
    return json(res) as {
      items: { id: number; topic: { title: string; url: string }; excerpt: string }[]
      nextCursor: string | null
    }
  }

  const anon = await list()
  t.same(
    anon.items.map((i) => i.id),
    [r1.id, pub.post.id],
    'a visitor sees the public posts only, not deleted or hidden ones',
  )
  t.equal(anon.items[0]!.excerpt, 'A public reply')
  t.equal(anon.items[0]!.topic.url, `/t/${pub.topic.slug}/${pub.topic.id}`)
  t.notMatch(JSON.stringify(anon), /secret/i)
  t.same(
    (await list(outsider.auth)).items.map((i) => i.id),
    [r1.id, pub.post.id],
  )
  t.same(
    (await list(insider.auth)).items.map((i) => i.id),
    [r2.id, r1.id, secret.post.id, pub.post.id],
  )
  t.same(
    (await list(mod.auth)).items.map((i) => i.id),
    [r2.id, r1.id, secret.post.id, pub.post.id],
  )

  const first = await list(insider.auth, '', 3)
  t.equal(first.items.length, 3)
  t.ok(first.nextCursor)
  const second = await list(insider.auth, first.nextCursor!, 3)
  t.same(
    second.items.map((i) => i.id),
    [pub.post.id],
  )
  t.equal(second.nextCursor, null)
})

t.test('excerptOf: Markdown to a short plain line', async (t) => {
  t.equal(
    excerptOf('> quoted\n\n**bold** and [a link](https://x.example)\n```\ncode\n```'),
    'quoted bold and a link',
  )
  t.equal(excerptOf('x'.repeat(500)).length, 280)
  t.equal(
    excerptOf('<script>alert(1)</script>'),
    '<script>alert(1)</script>',
    'text, escaped by whoever renders it',
  )
})
