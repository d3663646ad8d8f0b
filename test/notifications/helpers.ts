import type { TestApp } from '../helpers/app.js'
import { json } from '../helpers/app.js'
import type { Member } from '../helpers/factories.js'

export interface Item {
  id: number
  kind: string
  topicId: number | null
  postId: number | null
  by: { id: number; handle: string; displayName: string } | null
  topicTitle: string | null
  createdAt: string
  read: boolean
  data?: Record<string, unknown>
}
export interface Page {
  items: Item[]
  nextCursor: string | null
  unread: number
  seenId: number
  lastEventId: number
}

export async function list(a: TestApp, who: Member, query = ''): Promise<Page> {
  const res = await a.inject({ method: 'GET', url: `/api/notifications${query}`, headers: who.auth })
  if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${res.body}`)
  return json(res)
}

/** Every notification, page after page. */
export async function listAll(a: TestApp, who: Member, limit = 2): Promise<Item[]> {
  const items: Item[] = []
  let cursor: string | null = ''
  while (cursor !== null) {
    const page: Page = await list(a, who, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    items.push(...page.items)
    cursor = page.nextCursor
  }
  return items
}

export async function markRead(a: TestApp, who: Member, upTo: number) {
  return a.inject({ method: 'POST', url: '/api/notifications/read', headers: who.auth, payload: { upTo } })
}

export async function post(a: TestApp, who: Member, topicId: number, body: string, replyToId?: number) {
  const res = await a.inject({
    method: 'POST',
    url: `/api/topics/${topicId}/posts`,
    headers: who.auth,
    payload: { body, ...(replyToId ? { replyToId } : {}) },
  })
  if (res.statusCode !== 201) throw new Error(`post: ${res.statusCode} ${res.body}`)
  return json(res).post as { id: number }
}
