import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic } from './helpers.js'

t.test('edits keep every earlier version, oldest first', async (t) => {
  const a = await build(t)
  const cat = await makeCategory(a)
  const m = await makeMember(a)
  const mod = await makeMember(a, { role: 'moderator' })
  const { post } = await makeTopic(a, m, cat.id)

  const anon = await a.inject({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: 'x' } })
  t.equal(anon.statusCode, 401)
  const empty = await a.inject({
    method: 'PATCH',
    url: `/api/posts/${post.id}`,
    headers: m.auth,
    payload: { body: '' },
  })
  t.equal(empty.statusCode, 400)

  const e1 = await a.inject({
    method: 'PATCH',
    url: `/api/posts/${post.id}`,
    headers: m.auth,
    payload: { body: 'Second *version*', reason: 'typo' },
  })
  t.equal(e1.statusCode, 200, e1.body)
  t.match(json(e1).post, { body: 'Second *version*', revision: 2 })
  t.ok(json(e1).post.editedAt)
  const e2 = await a.inject({
    method: 'PATCH',
    url: `/api/posts/${post.id}`,
    headers: mod.auth,
    payload: { body: 'Third', reason: 'moderated' },
  })
  t.equal(e2.statusCode, 200)
  t.equal(json(e2).post.revision, 3)

  const res = await a.inject({ method: 'GET', url: `/api/posts/${post.id}/revisions` })
  t.equal(res.statusCode, 200)
  const items = json(res).items
  t.same(
    items.map((r: { body: string }) => r.body),
    ['The opening post.', 'Second *version*', 'Third'],
  )
  t.same(
    items.map((r: { revision: number }) => r.revision),
    [1, 2, 3],
  )
  t.same(
    items.map((r: { editor: { id: number } }) => r.editor.id),
    [m.id, m.id, mod.id],
  )
  t.same(
    items.map((r: { reason: string | null }) => r.reason),
    [null, 'typo', 'moderated'],
  )
  t.match(items[1].html, /<em>version<\/em>/)
  for (const r of items) t.match(r.writtenAt, /^\d{4}-\d\d-\d\dT.*Z$/)
  const rows = await a.db
    .selectFrom('postRevisions')
    .select(['revision', 'editorId'])
    .where('postId', '=', post.id)
    .orderBy('revision')
    .execute()
  t.same(rows, [
    { revision: 1, editorId: m.id },
    { revision: 2, editorId: m.id },
  ])
  const audit = await a.db.selectFrom('auditLog').select('action').where('targetType', '=', 'post').execute()
  t.same(audit, [{ action: 'post.edited' }])
})
