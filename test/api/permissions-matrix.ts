import { SignJWT } from 'jose'
import { createSession } from '../../server/accounts/sessions.js'
import { ssoSecret as currentSsoSecret } from '../../server/accounts/sso.js'
import { clientBundle } from '../../server/web/client-bundle.js'
import { defaultPassword, makeMember } from '../helpers/factories.js'
import { type Actor, ssoSecret, vipSecret, type World } from './permissions-world.js'

/** 'ok' is any 2xx; a number is that exact status; [status, code] also pins the error code. */
export type Outcome = 'ok' | number | readonly [number, string]
export type Expect = Record<Actor, Outcome>

export interface Request {
  method: string
  url: string
  payload?: object
  /** Replaces the actor's own credentials (e.g. a session of its own for logout). */
  headers?: Record<string, string>
}

export interface Entry {
  expect: Expect
  /** Builds the request for one actor; called afresh per actor, so writes never share a target. */
  request(w: World, actor: Actor): Request | Promise<Request>
}

// The rules, named once. VIP means the restricted category: member and silenced are in its group.
const everyone: Expect = {
  anonymous: 'ok',
  member: 'ok',
  outsider: 'ok',
  silenced: 'ok',
  moderator: 'ok',
  admin: 'ok',
}
/** Account housekeeping: any signed-in member, silenced ones included (silence stops posting only). */
const signedIn: Expect = { ...everyone, anonymous: 401 }
const adminOnly: Expect = {
  anonymous: 401,
  member: 403,
  outsider: 403,
  silenced: 403,
  moderator: 403,
  admin: 'ok',
}
/** Reading VIP content: who is not in the group learns nothing, not even that it exists. */
const vipRead: Expect = { ...everyone, anonymous: 404, outsider: 404 }
const staffOnly: Expect = { ...adminOnly, moderator: 'ok' }
const silenced = [403, 'silenced'] as const
const vipWrite: Expect = { ...everyone, anonymous: 401, outsider: 404, silenced }
/** Acting on a VIP post or topic someone else wrote: moderators may, its readers get 403. */
const vipModerate: Expect = { ...vipWrite, member: 403 }

const get = (url: string) => () => ({ method: 'GET', url })

export const matrix: Record<string, Entry> = {
  // Health and documentation
  'GET /healthz': { expect: everyone, request: get('/healthz') },
  'GET /readyz': { expect: everyone, request: get('/readyz') },
  'GET /api/openapi.json': { expect: everyone, request: get('/api/openapi.json') },
  // Over plain HTTP the live socket only says it is one; who may follow which channel once
  // connected is tested from both sides in test/live/protocol.test.ts.
  'GET /api/live': {
    expect: Object.fromEntries(
      Object.keys(everyone).map((a) => [a, [426, 'upgrade_required'] as const]),
    ) as unknown as Expect,
    request: get('/api/live'),
  },
  'GET /api/bench/baseline': {
    expect: everyone,
    request: (w) => get(`/api/bench/baseline?id=${w.poster.id}`)(),
  },

  // Accounts
  'POST /api/auth/register': {
    expect: everyone,
    request: (w) => {
      const n = w.next()
      return {
        method: 'POST',
        url: '/api/auth/register',
        payload: {
          email: `joiner${n}@example.com`,
          handle: `joiner${n}`,
          password: defaultPassword,
          charterVersion: 1,
        },
      }
    },
  },
  'POST /api/auth/login': {
    expect: everyone,
    request: (w) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: w.target.handle, password: defaultPassword },
    }),
  },
  'POST /api/auth/sso': {
    expect: everyone,
    request: async (w) => {
      const n = w.next()
      const token = await new SignJWT({ email: `brand${n}@example.com`, name: `Brand user ${n}` })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`brand-${n}`)
        .setJti(`jti-${n}-${Date.now()}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(ssoSecret))
      return { method: 'POST', url: '/api/auth/sso', payload: { token } }
    },
  },
  'POST /api/auth/logout': {
    expect: signedIn,
    // A session of its own, so that logging out does not sign the actor out of the other routes.
    request: async (w, actor) => {
      if (actor === 'anonymous') return { method: 'POST', url: '/api/auth/logout' }
      const { token } = await createSession(w.a.db, w.as[actor].id, {})
      return { method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } }
    },
  },
  'GET /api/auth/csrf': { expect: everyone, request: get('/api/auth/csrf') },
  'GET /api/me': { expect: signedIn, request: get('/api/me') },
  'PATCH /api/me': {
    expect: signedIn,
    request: () => ({ method: 'PATCH', url: '/api/me', payload: { bio: 'Hello there.' } }),
  },
  'GET /api/users/:id': { expect: everyone, request: (w) => get(`/api/users/${w.poster.id}`)() },
  'GET /api/users/by-handle/:handle': {
    expect: everyone,
    request: (w) => get(`/api/users/by-handle/${w.poster.handle}`)(),
  },
  // Everyone may list; what each reader gets (VIP posts or not) is tested in test/forum/activity.test.ts.
  'GET /api/users/by-handle/:handle/posts': {
    expect: everyone,
    request: (w) => get(`/api/users/by-handle/${w.poster.handle}/posts`)(),
  },
  'PATCH /api/users/:id': {
    expect: adminOnly,
    request: (w) => ({ method: 'PATCH', url: `/api/users/${w.target.id}`, payload: { role: 'member' } }),
  },

  // Groups
  'GET /api/groups': { expect: staffOnly, request: get('/api/groups') },
  'POST /api/groups': {
    expect: adminOnly,
    request: (w) => {
      const n = w.next()
      return { method: 'POST', url: '/api/groups', payload: { slug: `team-${n}`, name: `Team ${n}` } }
    },
  },
  'PATCH /api/groups/:id': {
    expect: adminOnly,
    request: (w) => ({
      method: 'PATCH',
      url: `/api/groups/${w.crew}`,
      payload: { description: 'The crew.' },
    }),
  },
  'GET /api/groups/:id/members': {
    expect: staffOnly,
    request: (w) => get(`/api/groups/${w.crew}/members`)(),
  },
  'PUT /api/groups/:id/members/:userId': {
    expect: adminOnly,
    request: (w) => ({ method: 'PUT', url: `/api/groups/${w.crew}/members/${w.target.id}` }),
  },
  'DELETE /api/groups/:id/members/:userId': {
    expect: adminOnly,
    request: (w) => ({ method: 'DELETE', url: `/api/groups/${w.crew}/members/${w.target.id}` }),
  },

  // Charter
  'GET /api/charter': { expect: everyone, request: get('/api/charter') },
  'GET /api/charter/versions/:version': { expect: everyone, request: get('/api/charter/versions/1') },
  'POST /api/charter/accept': {
    expect: signedIn,
    request: () => ({ method: 'POST', url: '/api/charter/accept', payload: { version: 1 } }),
  },

  // Forum: categories
  'GET /api/categories': { expect: everyone, request: get('/api/categories') },
  'POST /api/categories': {
    expect: adminOnly,
    request: (w) => {
      const n = w.next()
      return { method: 'POST', url: '/api/categories', payload: { name: `Cat ${n}`, slug: `cat-${n}` } }
    },
  },
  'PATCH /api/categories/:id': {
    expect: adminOnly,
    request: (w) => ({
      method: 'PATCH',
      url: `/api/categories/${w.general.id}`,
      payload: { description: 'Talk about anything.' },
    }),
  },
  'GET /api/categories/:slug/topics': {
    expect: vipRead,
    request: (w) => get(`/api/categories/${w.vip.slug}/topics`)(),
  },

  // Forum: topics
  'GET /api/topics': { expect: everyone, request: get('/api/topics') },
  'POST /api/topics': {
    expect: vipWrite,
    request: (w) => ({
      method: 'POST',
      url: '/api/topics',
      payload: { categoryId: w.vip.id, title: 'Another VIP topic', body: 'For the group.' },
    }),
  },
  'GET /api/topics/:id': { expect: vipRead, request: (w) => get(`/api/topics/${w.vipTopic.id}`)() },
  'PATCH /api/topics/:id': {
    expect: vipModerate,
    request: async (w) => ({
      method: 'PATCH',
      url: `/api/topics/${(await w.newVipTopic()).id}`,
      payload: { pinned: true },
    }),
  },
  'POST /api/topics/:id/posts': {
    expect: vipWrite,
    request: (w) => ({
      method: 'POST',
      url: `/api/topics/${w.vipTopic.id}/posts`,
      payload: { body: 'A reply.' },
    }),
  },

  // Forum: posts and reactions
  'GET /api/posts/:id': { expect: vipRead, request: (w) => get(`/api/posts/${w.vipTopic.firstPostId}`)() },
  'PATCH /api/posts/:id': {
    expect: vipModerate,
    request: async (w) => ({
      method: 'PATCH',
      url: `/api/posts/${await w.vipReply()}`,
      payload: { body: 'Edited by someone else.', reason: 'clarity' },
    }),
  },
  'GET /api/posts/:id/revisions': {
    expect: vipRead,
    request: (w) => get(`/api/posts/${w.vipTopic.firstPostId}/revisions`)(),
  },
  'DELETE /api/posts/:id': {
    expect: vipModerate,
    request: async (w) => ({ method: 'DELETE', url: `/api/posts/${await w.vipReply()}` }),
  },
  'PUT /api/posts/:id/reactions/:kind': {
    expect: vipWrite,
    request: (w) => ({ method: 'PUT', url: `/api/posts/${w.vipTopic.firstPostId}/reactions/like` }),
  },
  'DELETE /api/posts/:id/reactions/:kind': {
    expect: vipWrite,
    request: (w) => ({ method: 'DELETE', url: `/api/posts/${w.vipTopic.firstPostId}/reactions/like` }),
  },

  // Search
  'GET /api/search': { expect: everyone, request: get('/api/search?q=zanzibarquokka') },

  // Notifications: each member's own (no route names another's; test/notifications covers that).
  'GET /api/notifications': { expect: signedIn, request: get('/api/notifications') },
  'POST /api/notifications/read': {
    expect: signedIn,
    request: () => ({ method: 'POST', url: '/api/notifications/read', payload: { upTo: 1 } }),
  },
  'GET /api/notifications/preferences': { expect: signedIn, request: get('/api/notifications/preferences') },
  'PUT /api/notifications/preferences': {
    expect: signedIn,
    request: () => ({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { replies: true, mentions: true, email: false },
    }),
  },

  // Themes
  'GET /api/themes': { expect: everyone, request: get('/api/themes') },
  'GET /api/admin/theme': { expect: adminOnly, request: get('/api/admin/theme') },
  'PUT /api/admin/theme': {
    expect: adminOnly,
    request: () => ({ method: 'PUT', url: '/api/admin/theme', payload: { theme: 'default' } }),
  },
  // Silenced members too: choosing how pages look is not posting.
  'PUT /api/me/theme': {
    expect: signedIn,
    request: () => ({ method: 'PUT', url: '/api/me/theme', payload: { theme: 'dark' } }),
  },

  // Server-rendered pages
  'GET /': { expect: everyone, request: get('/') },
  'GET /c/:slug': { expect: vipRead, request: (w) => get(`/c/${w.vip.slug}`)() },
  'GET /t/:slug/:id': { expect: vipRead, request: (w) => get(`/t/${w.vipTopic.slug}/${w.vipTopic.id}`)() },
  'GET /u/:handle': { expect: everyone, request: (w) => get(`/u/${w.poster.handle}`)() },
  // The app's own views get a page shell, so their URLs survive a reload.
  'GET /search': { expect: everyone, request: get('/search?q=zanzibarquokka') },
  'GET /login': { expect: everyone, request: get('/login?next=/settings') },
  'GET /register': { expect: everyone, request: get('/register') },
  'GET /settings': { expect: everyone, request: get('/settings') },
  'GET /c/:slug/new': { expect: vipRead, request: (w) => get(`/c/${w.vip.slug}/new`)() },
  // The moderation screens' shells hold nothing: the app shows "not allowed" to members, and
  // the API behind each screen checks the role (its own entries below).
  'GET /mod': { expect: everyone, request: get('/mod') },
  'GET /mod/items/:id': { expect: everyone, request: get('/mod/items/1') },
  'GET /mod/appeals': { expect: everyone, request: get('/mod/appeals') },
  'GET /mod/audit': { expect: everyone, request: get('/mod/audit') },
  'GET /mod/words': { expect: everyone, request: get('/mod/words') },
  'GET /mod/duty': { expect: everyone, request: get('/mod/duty') },
  'GET /mod/crisis': { expect: everyone, request: get('/mod/crisis') },
  'GET /mod/charter': { expect: everyone, request: get('/mod/charter') },
  'GET /charter': { expect: everyone, request: get('/charter') },
  'GET /charter/v/:version': { expect: everyone, request: get('/charter/v/1') },
  // The community pages: an event's page shows what its API shows (a VIP event is not found for
  // those outside the group); the others are shells whose API checks the reader.
  'GET /events': { expect: everyone, request: get('/events?view=calendar&month=2026-03') },
  'GET /events/:id': { expect: vipRead, request: async (w) => get(`/events/${(await events(w)).vip}`)() },
  'GET /contests': { expect: everyone, request: get('/contests') },
  'GET /contests/:id': { expect: everyone, request: get('/contests/1') },
  'GET /challenges': { expect: everyone, request: get('/challenges') },
  'GET /challenges/:id': { expect: everyone, request: get('/challenges/1') },
  'GET /leaderboard': { expect: everyone, request: get('/leaderboard?period=month') },
  // The staff forms' shells hold nothing: the app shows the form to moderators only, and the API
  // behind each form checks the role (its own entries below).
  'GET /events/new': { expect: everyone, request: get('/events/new') },
  'GET /events/:id/edit': { expect: everyone, request: get('/events/1/edit') },
  'GET /contests/new': { expect: everyone, request: get('/contests/new') },
  'GET /challenges/new': { expect: everyone, request: get('/challenges/new') },
  'GET /assets/tribune.css': { expect: everyone, request: get('/assets/tribune.css') },
  'GET /assets/themes/:theme/:file': { expect: everyone, request: get('/assets/themes/acme/logo.svg') },
  'GET /robots.txt': { expect: everyone, request: get('/robots.txt') },
  // The client's bundles are public: what an embed may do is decided by the API's origin checks.
  'GET /assets/:name': {
    expect: everyone,
    request: async () => ({ method: 'GET', url: `/assets/${(await clientBundle()).app.name}` }),
  },
  'GET /embed.js': { expect: everyone, request: get('/embed.js') },
  'GET /sitemap.xml': { expect: everyone, request: get('/sitemap.xml') },

  // Moderation: acting on posts, flags, the queue, sanctions, appeals and the audit log. Each
  // request gets a target of its own (a fresh reply, item, sanction) so no write consumes another's.
  'POST /api/posts/:id/hide': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/posts/${await w.vipReply()}/hide`,
      payload: { ruleId: 'respect', reason: 'Insult' },
    }),
  },
  'POST /api/posts/:id/unhide': {
    expect: staffOnly,
    request: async (w) => {
      const id = await w.vipReply()
      await w.a.db
        .updateTable('posts')
        .set({ hiddenAt: new Date(), hiddenRuleId: 'respect' })
        .where('id', '=', id)
        .execute()
      return { method: 'POST', url: `/api/posts/${id}/unhide`, payload: { reason: 'A mistake' } }
    },
  },
  'POST /api/posts/:id/approve': {
    expect: staffOnly,
    request: async (w) => ({ method: 'POST', url: `/api/posts/${await heldReply(w)}/approve` }),
  },
  'POST /api/posts/:id/reject': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/posts/${await heldReply(w)}/reject`,
      payload: { ruleId: 'no-spam', reason: 'Advertising' },
    }),
  },
  // Whoever may read a post may flag it; the VIP poster's posts do not exist for the outsider.
  'POST /api/topics/:id/merge': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/topics/${(await w.newVipTopic()).id}/merge`,
      payload: { intoTopicId: (await w.newVipTopic()).id, ruleId: 'on-topic', reason: 'Same subject' },
    }),
  },
  'POST /api/topics/:id/split': {
    expect: staffOnly,
    request: async (w) => {
      const topic = await w.newVipTopic()
      // A reply of that topic, written straight to the database to keep the entry quick.
      const second = await w.a.db
        .insertInto('posts')
        .values({
          topicId: topic.id,
          authorId: w.poster.id,
          postNumber: 2,
          body: 'Off topic',
          html: '<p>Off topic</p>',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return {
        method: 'POST',
        url: `/api/topics/${topic.id}/split`,
        payload: {
          postIds: [second.id],
          title: 'A new thread',
          ruleId: 'on-topic',
          reason: 'Its own subject',
        },
      }
    },
  },
  'POST /api/posts/:id/flags': {
    expect: { ...vipWrite, silenced: 'ok' },
    request: async (w) => ({
      method: 'POST',
      url: `/api/posts/${await w.vipReply()}/flags`,
      payload: { ruleId: 'respect' },
    }),
  },
  'POST /api/topics/:id/flags': {
    expect: { ...vipWrite, silenced: 'ok' },
    request: async (w) => ({
      method: 'POST',
      url: `/api/topics/${(await w.newVipTopic()).id}/flags`,
      payload: { ruleId: 'on-topic' },
    }),
  },
  'POST /api/users/:id/flags': {
    expect: signedIn,
    request: async (w) => ({
      method: 'POST',
      url: `/api/users/${(await makeMember(w.a)).id}/flags`,
      payload: { ruleId: 'respect' },
    }),
  },
  'GET /api/moderation/queue': { expect: staffOnly, request: get('/api/moderation/queue') },
  'GET /api/moderation/queue/:id': {
    expect: staffOnly,
    request: async (w) => get(`/api/moderation/queue/${await queueItem(w)}`)(),
  },
  'POST /api/moderation/queue/:id/claim': {
    expect: staffOnly,
    request: async (w) => ({ method: 'POST', url: `/api/moderation/queue/${await queueItem(w)}/claim` }),
  },
  'DELETE /api/moderation/queue/:id/claim': {
    expect: staffOnly,
    request: async (w, actor) => {
      const claimedBy = actor === 'anonymous' ? null : w.as[actor].id
      return { method: 'DELETE', url: `/api/moderation/queue/${await queueItem(w, claimedBy)}/claim` }
    },
  },
  'POST /api/moderation/queue/:id/dismiss': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/moderation/queue/${await queueItem(w)}/dismiss`,
      payload: { reason: 'Nothing wrong' },
    }),
  },
  'POST /api/users/:id/sanctions': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/users/${(await makeMember(w.a)).id}/sanctions`,
      payload: { kind: 'warning', ruleId: 'respect', reason: 'First warning' },
    }),
  },
  // Moderators read anyone's sanctions; members only their own (tested in test/moderation).
  'GET /api/users/:id/sanctions': {
    expect: staffOnly,
    request: (w) => get(`/api/users/${w.target.id}/sanctions`)(),
  },
  'POST /api/sanctions/:id/lift': {
    expect: staffOnly,
    request: async (w) => {
      const member = await makeMember(w.a)
      return {
        method: 'POST',
        url: `/api/sanctions/${await sanctionOn(w, member.id, 'silence')}/lift`,
        payload: { reason: 'Made amends' },
      }
    },
  },
  // Only the sanctioned member appeals: each actor appeals a warning of their own.
  'POST /api/sanctions/:id/appeals': {
    expect: signedIn,
    request: async (w, actor) => {
      const userId = actor === 'anonymous' ? w.target.id : w.as[actor].id
      return {
        method: 'POST',
        url: `/api/sanctions/${await sanctionOn(w, userId, 'warning')}/appeals`,
        payload: { text: 'I disagree.' },
      }
    },
  },
  'POST /api/appeals/:id/decision': {
    expect: staffOnly,
    request: async (w) => {
      const member = await makeMember(w.a)
      const sanctionId = await sanctionOn(w, member.id, 'warning')
      const appeal = await w.a.db
        .insertInto('appeals')
        .values({ sanctionId, userId: member.id, text: 'Please reconsider.' })
        .returning('id')
        .executeTakeFirstOrThrow()
      return {
        method: 'POST',
        url: `/api/appeals/${appeal.id}/decision`,
        payload: { outcome: 'upheld', reason: 'The rule applies.' },
      }
    },
  },
  'GET /api/moderation/appeals': { expect: staffOnly, request: get('/api/moderation/appeals') },
  'GET /api/moderation/audit': { expect: staffOnly, request: get('/api/moderation/audit') },

  // Moderation policy: the duty schedule, the settings, crisis mode. The writes leave the policy
  // as it was (no schedule, defaults, crisis off) so the entries after them are not held.
  'GET /api/moderation/duty': { expect: staffOnly, request: get('/api/moderation/duty') },
  'PUT /api/moderation/duty': {
    expect: adminOnly,
    request: () => ({ method: 'PUT', url: '/api/moderation/duty', payload: { shifts: [] } }),
  },
  'GET /api/moderation/settings': { expect: staffOnly, request: get('/api/moderation/settings') },
  'PUT /api/moderation/settings': {
    expect: adminOnly,
    request: () => ({ method: 'PUT', url: '/api/moderation/settings', payload: { autoHideWeight: 5 } }),
  },
  // The pinned statement is for every page, visitors and embeds included.
  'GET /api/crisis': { expect: everyone, request: get('/api/crisis') },
  'PUT /api/admin/crisis': {
    expect: adminOnly,
    request: () => ({ method: 'PUT', url: '/api/admin/crisis', payload: { on: false } }),
  },

  // Watched words: made-up words no other entry's text contains, flagged only, so that the
  // entries after these are neither blocked nor held by them.
  'GET /api/moderation/watched-words': { expect: staffOnly, request: get('/api/moderation/watched-words') },
  'POST /api/moderation/watched-words': {
    expect: staffOnly,
    request: (w) => ({
      method: 'POST',
      url: '/api/moderation/watched-words',
      payload: { phrase: `matrixwatch${w.next()}`, action: 'flag' },
    }),
  },
  'DELETE /api/moderation/watched-words/:id': {
    expect: staffOnly,
    request: async (w) => {
      const phrase = `matrixgone${w.next()}`
      const { id } = await w.a.db
        .insertInto('watchedWords')
        .values({ phrase, normalized: phrase, action: 'flag' })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { method: 'DELETE', url: `/api/moderation/watched-words/${id}` }
    },
  },
  'POST /api/moderation/watched-words/check': {
    expect: staffOnly,
    request: () => ({
      method: 'POST',
      url: '/api/moderation/watched-words/check',
      payload: { text: 'Un texte à essayer.' },
    }),
  },

  // Challenges, points and badges: every write gets a challenge (or submission) of its own.
  'GET /api/challenges': { expect: everyone, request: get('/api/challenges') },
  'POST /api/challenges': {
    expect: staffOnly,
    request: () => ({
      method: 'POST',
      url: '/api/challenges',
      payload: { title: 'Matrix challenge', points: 5, startsAt: new Date().toISOString() },
    }),
  },
  'GET /api/challenges/:id': {
    expect: everyone,
    request: async (w) => get(`/api/challenges/${await challenge(w)}`)(),
  },
  'PATCH /api/challenges/:id': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'PATCH',
      url: `/api/challenges/${await challenge(w)}`,
      payload: { points: 6 },
    }),
  },
  'GET /api/challenges/:id/progress': {
    expect: signedIn,
    request: async (w) => get(`/api/challenges/${await challenge(w)}/progress`)(),
  },
  'POST /api/challenges/:id/submissions': {
    expect: { ...everyone, anonymous: 401, silenced },
    request: async (w) => ({
      method: 'POST',
      url: `/api/challenges/${await challenge(w)}/submissions`,
      payload: { text: 'Done, with a photo.' },
    }),
  },
  'GET /api/challenges/:id/submissions': {
    expect: staffOnly,
    request: async (w) => get(`/api/challenges/${await challenge(w)}/submissions`)(),
  },
  'POST /api/challenge-submissions/:id/review': {
    expect: staffOnly,
    request: async (w) => {
      const challengeId = await challenge(w)
      const row = await w.a.db
        .insertInto('challengeSubmissions')
        .values({
          challengeId,
          userId: w.target.id,
          occurrence: 'once',
          body: 'x',
          html: '<p>x</p>',
          createdAt: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return {
        method: 'POST',
        url: `/api/challenge-submissions/${row.id}/review`,
        payload: { decision: 'approve' },
      }
    },
  },
  'GET /api/leaderboard': { expect: everyone, request: get('/api/leaderboard?period=all') },
  'GET /api/badges': { expect: everyone, request: get('/api/badges') },
  'GET /api/users/by-handle/:handle/badges': {
    expect: everyone,
    request: (w) => get(`/api/users/by-handle/${w.poster.handle}/badges`)(),
  },

  // Events: a VIP event (restricted to the VIP group, its topic in the VIP category) and a public
  // one; RSVPs need a session (silenced members still answer: it carries no text), the Q&A a writer.
  'GET /api/events': { expect: everyone, request: get('/api/events?limit=100') },
  'POST /api/events': {
    expect: staffOnly,
    request: (w) => ({ method: 'POST', url: '/api/events', payload: matrixEventBody(w, 'Matrix ride') }),
  },
  'GET /api/events/:id': {
    expect: vipRead,
    request: async (w) => get(`/api/events/${(await events(w)).vip}`)(),
  },
  'PATCH /api/events/:id': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'PATCH',
      url: `/api/events/${(await events(w)).open}`,
      payload: { description: `Updated ${w.next()}` },
    }),
  },
  'POST /api/events/:id/cancel': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'POST',
      url: `/api/events/${await newEvent(w)}/cancel`,
      payload: { reason: 'Rain' },
    }),
  },
  'PUT /api/events/:id/rsvp': {
    expect: { ...vipWrite, silenced: 'ok' },
    request: async (w) => ({
      method: 'PUT',
      url: `/api/events/${(await events(w)).vip}/rsvp`,
      payload: { status: 'going' },
    }),
  },
  'DELETE /api/events/:id/rsvp': {
    expect: { ...vipWrite, silenced: 'ok' },
    request: async (w) => ({ method: 'DELETE', url: `/api/events/${(await events(w)).vip}/rsvp` }),
  },
  'GET /api/events/:id/attendees': {
    expect: staffOnly,
    request: async (w) => get(`/api/events/${(await events(w)).vip}/attendees`)(),
  },
  'GET /api/events/:id/ics': {
    expect: vipRead,
    request: async (w) => get(`/api/events/${(await events(w)).vip}/ics`)(),
  },
  'GET /api/calendar.ics': { expect: everyone, request: get('/api/calendar.ics') },
  'GET /api/events/:id/questions': {
    expect: vipRead,
    request: async (w) => get(`/api/events/${(await events(w)).vip}/questions`)(),
  },
  'POST /api/events/:id/questions': {
    expect: vipWrite,
    request: async (w) => ({
      method: 'POST',
      url: `/api/events/${(await events(w)).vip}/questions`,
      payload: { body: 'When do we meet?' },
    }),
  },
  'PUT /api/events/:id/questions/:qid/vote': {
    expect: vipWrite,
    request: async (w) => {
      const e = await events(w)
      return { method: 'PUT', url: `/api/events/${e.vip}/questions/${e.question}/vote` }
    },
  },
  'DELETE /api/events/:id/questions/:qid/vote': {
    expect: vipWrite,
    request: async (w) => {
      const e = await events(w)
      return { method: 'DELETE', url: `/api/events/${e.vip}/questions/${e.question}/vote` }
    },
  },
  'PATCH /api/events/:id/questions/:qid': {
    expect: staffOnly,
    request: async (w) => {
      const e = await events(w)
      return {
        method: 'PATCH',
        url: `/api/events/${e.vip}/questions/${e.question}`,
        payload: { answered: true },
      }
    },
  },

  // Contests: each entry gets a contest of its own in the phase it needs (members' entries and
  // votes are refused to visitors and the silenced; a jury contest's scores to all but its juror).
  'GET /api/contests': { expect: everyone, request: get('/api/contests') },
  'POST /api/contests': {
    expect: staffOnly,
    request: () => ({ method: 'POST', url: '/api/contests', payload: contestBody('submissions') }),
  },
  'GET /api/contests/:id': {
    expect: everyone,
    request: async (w) => get(`/api/contests/${await contestIn(w, 'submissions')}`)(),
  },
  'PATCH /api/contests/:id': {
    expect: staffOnly,
    request: async (w) => ({
      method: 'PATCH',
      url: `/api/contests/${await contestIn(w, 'submissions')}`,
      payload: { votingClosesAt: new Date(Date.now() + 3 * 3_600_000).toISOString() },
    }),
  },
  'GET /api/contests/:id/results': {
    expect: everyone,
    request: async (w) => get(`/api/contests/${await contestIn(w, 'results')}/results`)(),
  },
  'GET /api/contest-images/:id': {
    expect: everyone,
    request: async (w) => {
      const contestId = await contestIn(w, 'submissions')
      const image = await w.a.db
        .insertInto('contestImages')
        .values({ contentType: 'image/webp', width: 1, height: 1, byteSize: 4, bytes: Buffer.from('RIFF') })
        .returning('id')
        .executeTakeFirstOrThrow()
      await contestEntry(w, contestId, image.id)
      return get(`/api/contest-images/${image.id}`)()
    },
  },
  'POST /api/contests/:id/entries': {
    expect: { ...everyone, anonymous: 401, silenced },
    request: async (w) => ({
      method: 'POST',
      url: `/api/contests/${await contestIn(w, 'submissions')}/entries`,
      payload: { title: 'My entry', body: 'A photo of the sea.' },
    }),
  },
  'GET /api/contests/:id/entries': {
    expect: everyone,
    request: async (w) => get(`/api/contests/${await contestIn(w, 'submissions')}/entries`)(),
  },
  'POST /api/contests/:id/entries/:entryId/votes': {
    expect: { ...everyone, anonymous: 401, silenced },
    request: async (w) => {
      const contestId = await contestIn(w, 'voting')
      return {
        method: 'POST',
        url: `/api/contests/${contestId}/entries/${await contestEntry(w, contestId)}/votes`,
      }
    },
  },
  'PUT /api/contests/:id/entries/:entryId/scores': {
    expect: { ...staffOnly, admin: [403, 'not_a_juror'], member: 403, outsider: 403, silenced },
    request: async (w) => {
      const contestId = await contestIn(w, 'voting', {
        votingMode: 'jury',
        jurorIds: [w.as.moderator.id],
        criteria: [{ id: 'style', name: 'Style' }],
      })
      return {
        method: 'PUT',
        url: `/api/contests/${contestId}/entries/${await contestEntry(w, contestId)}/scores`,
        payload: { scores: { style: 7 } },
      }
    },
  },
  'GET /api/contests/:id/votes': {
    expect: staffOnly,
    request: async (w) => get(`/api/contests/${await contestIn(w, 'voting')}/votes`)(),
  },
  'GET /api/contests/:id/integrity': {
    expect: staffOnly,
    request: async (w) => get(`/api/contests/${await contestIn(w, 'voting')}/integrity`)(),
  },
  'POST /api/contests/:id/entries/:entryId/disqualify': {
    expect: staffOnly,
    request: async (w) => {
      const contestId = await contestIn(w, 'voting')
      return {
        method: 'POST',
        url: `/api/contests/${contestId}/entries/${await contestEntry(w, contestId)}/disqualify`,
        payload: { reason: 'Not the author’s photo' },
      }
    },
  },
  'POST /api/contests/:id/votes/:voteId/disqualify': {
    expect: staffOnly,
    request: async (w) => {
      const contestId = await contestIn(w, 'voting')
      const entryId = await contestEntry(w, contestId)
      const vote = await w.a.db
        .insertInto('contestVotes')
        .values({ contestId, entryId, voterId: w.target.id, slot: 1, ip: '192.0.2.1' })
        .returning('id')
        .executeTakeFirstOrThrow()
      return {
        method: 'POST',
        url: `/api/contests/${contestId}/votes/${vote.id}/disqualify`,
        payload: { reason: 'Vote bought' },
      }
    },
  },

  // Embeds: the admin's settings, article comment sections (opened by visitors, anonymous ones
  // included) and the community site's SSO redirect.
  'GET /api/admin/embed': { expect: adminOnly, request: get('/api/admin/embed') },
  'PUT /api/admin/embed': {
    expect: adminOnly,
    request: (w) => ({
      method: 'PUT',
      url: '/api/admin/embed',
      payload: { origins: ['https://brand.example'], commentsCategoryId: w.general.id },
    }),
  },
  'POST /api/embed/comments': {
    expect: everyone,
    request: async (w) => {
      await configureComments(w)
      return {
        method: 'POST',
        url: '/api/embed/comments',
        payload: { url: `https://brand.example/blog/${w.next()}`, title: 'An article' },
      }
    },
  },
  'GET /api/embed/comments': {
    expect: everyone,
    request: async (w) => {
      await configureComments(w)
      const url = 'https://brand.example/blog/read-by-everyone'
      await w.a.inject({ method: 'POST', url: '/api/embed/comments', payload: { url } })
      return get(`/api/embed/comments?url=${encodeURIComponent(url)}`)()
    },
  },
  // A page: 303 to `next` with the session cookie (a refused token gets a 401 page).
  'GET /auth/sso': {
    expect: Object.fromEntries(Object.keys(everyone).map((a) => [a, 303])) as unknown as Expect,
    request: async (w) => {
      const n = w.next()
      const token = await new SignJWT({ email: `redirect${n}@example.com`, name: `Redirected ${n}` })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`redirect-${n}`)
        .setJti(`redirect-${n}-${Date.now()}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        // The secret in force: the rotation entry below may have replaced the environment's.
        .sign(new TextEncoder().encode((await currentSsoSecret(w.a.app)) ?? ssoSecret))
      return get(`/auth/sso?token=${token}&next=/c/general`)()
    },
  },
  // Last: it replaces the SSO secret the entries above sign with.
  'POST /api/admin/sso-secret': {
    expect: adminOnly,
    request: () => ({ method: 'POST', url: '/api/admin/sso-secret' }),
  },
  // Last on purpose: publishing a charter makes members accept it again before their next post,
  // which every write entry above would otherwise meet.
  'POST /api/admin/charter': {
    expect: adminOnly,
    request: () => ({
      method: 'POST',
      url: '/api/admin/charter',
      payload: { summary: 'v2', rules: [{ id: 'respect', title: 'Respect', body: 'Be kind.' }] },
    }),
  },
}

/** A one-off challenge open since yesterday, completed by submission (for the challenges entries). */
async function challenge(w: World): Promise<number> {
  const row = await w.a.db
    .insertInto('challenges')
    .values({
      title: `Matrix challenge ${w.next()}`,
      points: 5,
      startsAt: new Date(Date.now() - 86_400_000),
      completion: 'submission',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A contest body whose dates put it in `phase` now. Submissions open a moment ago, after every
 * actor's account was created, so that their votes are not refused as coming from new accounts.
 */
function contestBody(phase: 'submissions' | 'voting' | 'results', extra: object = {}) {
  const now = Date.now()
  const at = (ms: number) => new Date(now + ms).toISOString()
  const dates = {
    submissions: [at(-1000), at(3_600_000), at(7_200_000)],
    voting: [at(-1000), at(-500), at(3_600_000)],
    results: [at(-3000), at(-2000), at(-1000)],
  }[phase]
  return {
    title: 'A matrix contest',
    rules: 'One photo each.',
    submissionsOpenAt: dates[0],
    votingOpensAt: dates[1],
    votingClosesAt: dates[2],
    votesPerMember: 3,
    ...extra,
  }
}

/** A new contest in `phase`, created by the moderator through the API. */
async function contestIn(w: World, phase: 'submissions' | 'voting' | 'results', extra: object = {}) {
  const res = await w.a.inject({
    method: 'POST',
    url: '/api/contests',
    headers: w.as.moderator.auth,
    payload: contestBody(phase, extra),
  })
  if (res.statusCode !== 201) throw new Error(`setup contest: ${res.statusCode} ${res.body}`)
  return res.json().contest.id as number
}

/** An entry by the poster (never one of the actors, so any actor may vote for it). */
async function contestEntry(w: World, contestId: number, imageId: number | null = null): Promise<number> {
  const row = await w.a.db
    .insertInto('contestEntries')
    .values({
      contestId,
      authorId: w.poster.id,
      slot: 1,
      title: 'An entry',
      body: 'The sea.',
      html: '<p>The sea.</p>',
      imageId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Points article comments at the general category (as an admin would), for the comments entries. */
async function configureComments(w: World): Promise<void> {
  const res = await w.a.inject({
    method: 'PUT',
    url: '/api/admin/embed',
    headers: w.as.admin.auth,
    payload: { origins: ['https://brand.example'], commentsCategoryId: w.general.id },
  })
  if (res.statusCode !== 200) throw new Error(`configureComments: ${res.statusCode} ${res.body}`)
}

/** A reply by the VIP poster, held for approval as the write path holds one. */
async function heldReply(w: World): Promise<number> {
  const id = await w.vipReply()
  await w.a.db
    .updateTable('posts')
    .set({ hiddenAt: new Date(), heldAt: new Date(), heldReason: 'new_member' })
    .where('id', '=', id)
    .execute()
  return id
}

/** An open queue item about a fresh VIP reply, claimed by `claimedBy` when given. */
async function queueItem(w: World, claimedBy: number | null = null): Promise<number> {
  const postId = await w.vipReply()
  const row = await w.a.db
    .insertInto('queueItems')
    .values({
      kind: 'flagged',
      targetType: 'post',
      targetId: postId,
      memberId: w.poster.id,
      flagCount: 1,
      flagWeight: 1,
      claimedBy,
      claimedAt: claimedBy === null ? null : new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function sanctionOn(w: World, userId: number, kind: 'warning' | 'silence'): Promise<number> {
  const row = await w.a.db
    .insertInto('sanctions')
    .values({
      userId,
      kind,
      ruleId: 'respect',
      reason: 'test',
      endsAt: kind === 'warning' ? null : new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A public event's body starting in three days, for the events entries. */
function matrixEventBody(w: World, title: string) {
  const start = Date.now() + 3 * 86_400_000
  return {
    title: `${title} ${w.next()}`,
    description: 'A ride along the coast.',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 7_200_000).toISOString(),
    timeZone: 'Europe/Paris',
    categoryId: w.general.id,
  }
}

/** A fresh public event created by the admin; its id. */
async function newEvent(w: World): Promise<number> {
  const res = await w.a.inject({
    method: 'POST',
    url: '/api/events',
    headers: w.as.admin.auth,
    payload: matrixEventBody(w, 'Matrix event'),
  })
  if (res.statusCode !== 201) throw new Error(`newEvent: ${res.statusCode} ${res.body}`)
  return res.json().event.id
}

const worldEvents = new WeakMap<World, Promise<{ open: number; vip: number; question: number }>>()

/**
 * The events entries' targets, made once per world: a public event, and a VIP event (for the VIP
 * group alone, its topic in the VIP category) with its Q&A open and a question by the VIP poster.
 */
function events(w: World) {
  let made = worldEvents.get(w)
  if (!made) {
    made = (async () => {
      const open = await newEvent(w)
      const vipGroup = (await w.a.app.categories.byId(w.vip.id))!.readGroups![0]!
      const res = await w.a.inject({
        method: 'POST',
        url: '/api/events',
        headers: w.as.admin.auth,
        payload: {
          ...matrixEventBody(w, `The ${vipSecret} meetup`),
          groupId: vipGroup,
          categoryId: w.vip.id,
          qaOpen: true,
        },
      })
      if (res.statusCode !== 201) throw new Error(`VIP event: ${res.statusCode} ${res.body}`)
      const vip = res.json().event.id as number
      const asked = await w.a.inject({
        method: 'POST',
        url: `/api/events/${vip}/questions`,
        headers: w.poster.auth,
        payload: { body: `Is the ${vipSecret} coming?` },
      })
      if (asked.statusCode !== 201) throw new Error(`VIP question: ${asked.statusCode} ${asked.body}`)
      return { open, vip, question: asked.json().question.id as number }
    })()
    worldEvents.set(w, made)
  }
  return made
}
