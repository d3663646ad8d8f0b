import type { TestApp } from '../helpers/app.js'
import { json } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'

let seq = 0

/** A category created through the API by an admin (so the directory learns about it as in production). */
export async function makeCategory(
  t: TestApp,
  opts: {
    posting?: 'members' | 'moderators'
    groups?: { groupId: number; canPost: boolean }[]
    slug?: string
  } = {},
) {
  const admin = await makeMember(t, { role: 'admin' })
  const n = ++seq
  const res = await t.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { name: `Category ${n}`, slug: opts.slug ?? `cat-${n}`, ...opts },
  })
  if (res.statusCode !== 201) throw new Error(`makeCategory: ${res.statusCode} ${res.body}`)
  return json(res).category as { id: number; slug: string }
}

export async function makeTopic(t: TestApp, author: Member, categoryId: number, title = 'A topic title') {
  const res = await t.inject({
    method: 'POST',
    url: '/api/topics',
    headers: author.auth,
    payload: { categoryId, title, body: 'The opening post.' },
  })
  if (res.statusCode !== 201) throw new Error(`makeTopic: ${res.statusCode} ${res.body}`)
  return json(res) as { topic: { id: number; slug: string }; post: { id: number } }
}

export async function replyTo(t: TestApp, author: Member, topicId: number, body = 'A reply.') {
  const res = await t.inject({
    method: 'POST',
    url: `/api/topics/${topicId}/posts`,
    headers: author.auth,
    payload: { body },
  })
  if (res.statusCode !== 201) throw new Error(`replyTo: ${res.statusCode} ${res.body}`)
  return json(res).post as { id: number; postNumber: number }
}
