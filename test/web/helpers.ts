import type { TestApp } from '../helpers/app.js'
import { json } from '../helpers/app.js'
import type { Member } from '../helpers/factories.js'

/** A category made through the API, as an admin would; `groups` restricts it to those groups. */
export async function makeCategory(
  a: TestApp,
  admin: Member,
  slug: string,
  opts: { name?: string; description?: string; groups?: number[] } = {},
): Promise<{ id: number; slug: string }> {
  const res = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: {
      name: opts.name ?? slug,
      slug,
      description: opts.description ?? `About ${slug}`,
      ...(opts.groups ? { groups: opts.groups.map((groupId) => ({ groupId, canPost: true })) } : {}),
    },
  })
  if (res.statusCode !== 201) throw new Error(`category ${slug}: ${res.statusCode} ${res.body}`)
  return json(res).category
}

export async function makeTopic(
  a: TestApp,
  author: Member,
  categoryId: number,
  title: string,
  body = 'Un premier message avec **du gras**.',
): Promise<{ id: number; url: string; slug: string }> {
  const res = await a.inject({
    method: 'POST',
    url: '/api/topics',
    headers: author.auth,
    payload: { categoryId, title, body },
  })
  if (res.statusCode !== 201) throw new Error(`topic ${title}: ${res.statusCode} ${res.body}`)
  return json(res).topic
}

/** Every <script> element of a page, with its attributes and content. */
export function scripts(page: string): { attrs: string; content: string }[] {
  return [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    attrs: m[1]!,
    content: m[2]!,
  }))
}
