import type { TestApp } from '../helpers/app.js'
import { type Member, makeGroup, makeMember } from '../helpers/factories.js'

/** The six people every route is tried as. */
export const actors = ['anonymous', 'member', 'outsider', 'silenced', 'moderator', 'admin'] as const
export type Actor = (typeof actors)[number]
export type SignedIn = Exclude<Actor, 'anonymous'>

/**
 * A word only the restricted VIP category contains: no answer to someone who may not read that
 * category may contain it, whatever the route (lists, search, pages, sitemap, profiles).
 */
export const vipSecret = 'zanzibarquokka'

export const ssoSecret = 'a test secret for brand-site sign-in, long enough'

export interface World {
  a: TestApp
  /** member and silenced belong to the VIP group; outsider does not. */
  as: Record<SignedIn, Member>
  /** Writes the posts and topics the others try to edit: a VIP member, never one of the actors. */
  poster: Member
  /** A member whose role and groups the admin routes change. */
  target: Member
  /** A group that grants nothing, for the group routes to change. */
  crew: number
  general: { id: number; slug: string }
  vip: { id: number; slug: string }
  vipTopic: { id: number; slug: string; firstPostId: number }
  /** A new reply by the poster in the VIP topic, for a write that consumes its target. */
  vipReply(): Promise<number>
  /** A new VIP topic by the poster. */
  newVipTopic(): Promise<{ id: number; slug: string }>
  /** A number never handed out before in this world. */
  next(): number
}

export async function buildWorld(a: TestApp): Promise<World> {
  const vipGroup = await makeGroup(a, 'vip-members')
  const crew = await makeGroup(a, 'crew')
  const admin = await makeMember(a, { role: 'admin' })
  const as: Record<SignedIn, Member> = {
    member: await makeMember(a, { groups: [vipGroup] }),
    outsider: await makeMember(a),
    silenced: await makeMember(a, { groups: [vipGroup], silenced: true }),
    moderator: await makeMember(a, { role: 'moderator' }),
    admin,
  }
  const poster = await makeMember(a, { groups: [vipGroup] })
  const target = await makeMember(a)
  const call = async (who: Member, method: 'POST', url: string, payload: object) => {
    const res = await a.inject({ method, url, headers: who.auth, payload })
    if (res.statusCode !== 201) throw new Error(`setup ${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const general = (await call(admin, 'POST', '/api/categories', { name: 'General', slug: 'general' }))
    .category
  const vip = (
    await call(admin, 'POST', '/api/categories', {
      name: 'VIP lounge',
      slug: 'vip-lounge',
      groups: [{ groupId: vipGroup, canPost: true }],
    })
  ).category
  await call(poster, 'POST', '/api/topics', {
    categoryId: general.id,
    title: 'A public topic everyone reads',
    body: 'Nothing secret here.',
  })
  let n = 0
  const newVipTopic = async () => {
    const { topic } = await call(poster, 'POST', '/api/topics', {
      categoryId: vip.id,
      title: `The ${vipSecret} plan, part ${++n}`,
      body: `Only VIP members read about the ${vipSecret}.`,
    })
    return { id: topic.id as number, slug: topic.slug as string }
  }
  const first = await call(poster, 'POST', '/api/topics', {
    categoryId: vip.id,
    title: `The ${vipSecret} plan`,
    body: `Only VIP members read about the ${vipSecret}.`,
  })
  const vipTopic = { id: first.topic.id, slug: first.topic.slug, firstPostId: first.post.id }
  const vipReply = async () =>
    (await call(poster, 'POST', `/api/topics/${vipTopic.id}/posts`, { body: `More on the ${vipSecret}.` }))
      .post.id as number
  // A reply and an edit, so that the VIP post has revisions to list.
  const edited = await a.inject({
    method: 'PATCH',
    url: `/api/posts/${vipTopic.firstPostId}`,
    headers: poster.auth,
    payload: { body: `Only VIP members read about the ${vipSecret} (edited).`, reason: 'typo' },
  })
  if (edited.statusCode !== 200) throw new Error(`setup edit: ${edited.statusCode} ${edited.body}`)
  await vipReply()
  return {
    a,
    as,
    poster,
    target,
    crew,
    general: { id: general.id, slug: general.slug },
    vip: { id: vip.id, slug: vip.slug },
    vipTopic,
    vipReply,
    newVipTopic,
    next: () => ++n,
  }
}
