import type { InjectOptions } from 'fastify'
import type { Test } from 'tap'
import type { TestApp } from '../helpers/app.js'
import { json } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'

export interface Cast {
  member: Member
  moderator: Member
  admin: Member
}

export async function cast(a: TestApp): Promise<Cast> {
  return {
    member: await makeMember(a),
    moderator: await makeMember(a, { role: 'moderator' }),
    admin: await makeMember(a, { role: 'admin' }),
  }
}

/** The refused cases first: a visitor gets 401, then each signed-in role below `allowed` gets 403. */
export async function assertRefusals(
  t: Test,
  a: TestApp,
  who: Cast,
  req: InjectOptions,
  allowed: 'moderator' | 'admin',
) {
  const anon = await a.inject(req)
  t.equal(anon.statusCode, 401, `anonymous ${req.method} ${req.url}`)
  t.equal(json(anon).error.code, 'unauthenticated')
  const refused = allowed === 'admin' ? [who.member, who.moderator] : [who.member]
  for (const m of refused) {
    const res = await a.inject({ ...req, headers: m.auth })
    t.equal(res.statusCode, 403, `${m.role} ${req.method} ${req.url}`)
    t.equal(json(res).error.code, 'forbidden')
  }
}

/** A group created through the API by the admin. */
export async function createGroup(a: TestApp, admin: Member, slug: string, name = slug) {
  const res = await a.inject({
    method: 'POST',
    url: '/api/groups',
    headers: admin.auth,
    payload: { slug, name },
  })
  if (res.statusCode !== 201) throw new Error(`createGroup: ${res.statusCode} ${res.body}`)
  return json(res).group as { id: number; slug: string; name: string; memberCount: number }
}

export function auditRows(a: TestApp) {
  return a.db
    .selectFrom('auditLog')
    .select(['action', 'actorId', 'targetType', 'targetId', 'data'])
    .where('targetType', '=', 'group')
    .orderBy('id')
    .execute()
}
