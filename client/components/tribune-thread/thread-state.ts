// A thread's state and how pages and live events change it: plain data and pure functions, no
// DOM, so the rules (dedupe, retraction, ordering, reactions) are tested in Node without a browser.
// Every change returns a new state, which is what makes Lit re-render.
import type { LiveStatus } from '../../live/live-client.js'
import type { LiveEvent } from '../../live/protocol.js'
import type { Viewer } from '../../shared/context.js'

export const reactionKinds = ['like', 'love', 'insightful', 'funny', 'disagree'] as const
export type ReactionKind = (typeof reactionKinds)[number]
export type ReactionCounts = Record<ReactionKind, number>

/** A post as GET /api/topics/:id gives it (server/forum/schema.ts, `Post`). */
export interface Post {
  id: number
  topicId: number
  postNumber: number
  author: { id: number; handle: string; displayName: string; avatarUrl?: string | null; role?: string }
  body: string
  html: string
  replyToId: number | null
  createdAt: string
  editedAt: string | null
  revision: number
  reactions: ReactionCounts
  myReactions: ReactionKind[]
  deleted: boolean
  hidden: boolean
  /** Waiting for a moderator’s approval: only its author and moderators read it (absent in older events). */
  held?: boolean
  can: { edit: boolean; delete: boolean; react: boolean }
}

/** The topic as GET /api/topics/:id gives it (only what the thread uses). */
export interface TopicInfo {
  id: number
  title: string
  url: string
  locked: boolean
  postCount: number
  can: { reply: boolean; edit: boolean; moderate: boolean }
}

/** GET /api/topics/:id: one page of the thread. */
export interface TopicPage {
  topic: TopicInfo
  posts: Post[]
  nextCursor: number | null
  prevCursor?: number | null
  lastEventId: number
}

export interface TypingUser {
  id: number
  handle: string
  displayName: string
  /** Date.now() after which the notice is stale: typing events are ephemeral. */
  until: number
}

export interface ThreadState {
  topic: TopicInfo
  /** In thread order (postNumber), each id once. */
  posts: Post[]
  /** The last post id of the loaded run when newer posts remain to load; null at the end. */
  nextCursor: number | null
  /** The first post id of the loaded run when older posts remain to load; null at the start. */
  prevCursor: number | null
  /** The last stored live event reflected here: where a subscription resumes. */
  lastEventId: number
  typing: TypingUser[]
  /** People reading the topic, from the latest presence event; null before the first. */
  readers: number | null
  /** The server ended the subscription: the reader lost access or the topic is gone. */
  ended: 'forbidden' | 'gone' | null
}

/** How long a "X is typing…" notice lasts without a new typing event (the server relays one per 2 s). */
export const typingTtlMs = 5000

export function fromPage(page: TopicPage): ThreadState {
  return {
    topic: page.topic,
    posts: sortPosts(dedupe(page.posts)),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor ?? null,
    lastEventId: page.lastEventId,
    typing: [],
    readers: null,
    ended: null,
  }
}

/** Adds a page of newer posts (loaded `after` the cursor). */
export function appendPage(state: ThreadState, page: TopicPage): ThreadState {
  return {
    ...state,
    topic: page.topic,
    posts: mergePosts(state.posts, page.posts),
    nextCursor: page.nextCursor,
    lastEventId: Math.max(state.lastEventId, page.lastEventId),
  }
}

/** Adds a page of older posts (loaded `before` the cursor). */
export function prependPage(state: ThreadState, page: TopicPage): ThreadState {
  return {
    ...state,
    topic: page.topic,
    posts: mergePosts(state.posts, page.posts),
    prevCursor: page.prevCursor ?? null,
    lastEventId: Math.max(state.lastEventId, page.lastEventId),
  }
}

/** The reader's own reply, as POST /api/topics/:id/posts answered it (their permissions included). */
export function addOwnPost(state: ThreadState, post: Post): ThreadState {
  return { ...state, posts: mergePosts(state.posts, [post]) }
}

/** PUT/DELETE /api/posts/:id/reactions/:kind answered: counts and the reader's own. */
export function applyReactionResult(
  state: ThreadState,
  postId: number,
  result: { reactions: Partial<ReactionCounts>; myReactions: ReactionKind[] },
): ThreadState {
  return updatePost(state, postId, (p) => ({
    ...p,
    reactions: counts(result.reactions),
    myReactions: result.myReactions,
  }))
}

/**
 * Applies one live event of the topic's channel. Post events carry no permissions (they go to
 * every reader alike): the reader's are kept from what they already had, or worked out here.
 */
export function applyEvent(
  state: ThreadState,
  event: LiveEvent,
  viewer: Viewer | null,
  now = Date.now(),
): ThreadState {
  const next =
    typeof event.id === 'number' ? { ...state, lastEventId: Math.max(state.lastEventId, event.id) } : state
  const data = (event.data ?? {}) as Record<string, unknown>
  switch (event.type) {
    case 'post.created':
    case 'post.edited': {
      const post = data.post as Post | undefined
      if (!post || typeof post.id !== 'number') return next
      const existing = next.posts.find((p) => p.id === post.id)
      // An edit of a post not loaded yet comes with its page; a creation is the thread's newest.
      if (!existing && event.type === 'post.edited') return next
      const merged = existing ? liveVersion(existing, post) : withPermissions(post, viewer, next.topic)
      return { ...next, posts: mergePosts(next.posts, [merged], true) }
    }
    case 'post.deleted':
    case 'post.hidden': {
      const postId = Number(data.postId)
      return updatePost(next, postId, (p) => retract(p, event.type === 'post.deleted' ? 'deleted' : 'hidden'))
    }
    case 'reactions.changed': {
      const postId = Number(data.postId)
      const reactions = data.reactions as Partial<ReactionCounts> | undefined
      if (!reactions) return next
      return updatePost(next, postId, (p) => ({ ...p, reactions: counts(reactions) }))
    }
    case 'typing': {
      const user = data.user as Omit<TypingUser, 'until'> | undefined
      if (!user || typeof user.id !== 'number' || user.id === viewer?.id) return next
      const others = next.typing.filter((u) => u.id !== user.id && u.until > now)
      const entry = {
        id: user.id,
        handle: user.handle,
        displayName: user.displayName,
        until: now + typingTtlMs,
      }
      return { ...next, typing: [...others, entry] }
    }
    case 'presence': {
      const readers = Number(data.readers)
      return Number.isFinite(readers) ? { ...next, readers } : next
    }
    case 'topic.updated': {
      const topic = data.topic as Partial<TopicInfo> | undefined
      if (!topic) return next
      // A new title or a lock applies at once; permissions stay the reader's own from the page.
      return {
        ...next,
        topic: {
          ...next.topic,
          ...(typeof topic.title === 'string' ? { title: topic.title } : {}),
          ...(typeof topic.locked === 'boolean' ? { locked: topic.locked } : {}),
        },
      }
    }
    default:
      return next
  }
}

/** Drops the typing notices that expired; returns the same state when none did (no re-render). */
export function expireTyping(state: ThreadState, now = Date.now()): ThreadState {
  const typing = state.typing.filter((u) => u.until > now)
  return typing.length === state.typing.length ? state : { ...state, typing }
}

export function endSubscription(state: ThreadState, reason: string): ThreadState {
  return { ...state, ended: reason === 'forbidden' ? 'forbidden' : 'gone', typing: [], readers: null }
}

/** A post retracted by its author or a moderator: it keeps its place, its text is gone for good. */
export function retract(post: Post, why: 'deleted' | 'hidden'): Post {
  return {
    ...post,
    body: '',
    html: '',
    deleted: post.deleted || why === 'deleted',
    hidden: post.hidden || why === 'hidden',
    can: { edit: false, delete: false, react: false },
  }
}

export function isRetracted(post: Post): boolean {
  return post.deleted || post.hidden
}

function liveVersion(existing: Post, incoming: Post): Post {
  // A retraction is final: an older version arriving late must not bring the text back.
  if (isRetracted(existing) && !isRetracted(incoming)) return existing
  return { ...incoming, can: existing.can, myReactions: existing.myReactions }
}

/** The reader's permissions on a post the live channel brought (the server decides in the end). */
function withPermissions(post: Post, viewer: Viewer | null, topic: TopicInfo): Post {
  const retracted = isRetracted(post)
  const own = viewer !== null && viewer.id === post.author.id
  const staff = viewer?.role === 'moderator' || viewer?.role === 'admin'
  return {
    ...post,
    myReactions: [],
    can: {
      edit: !retracted && (staff || (own && !topic.locked)),
      delete: !retracted && (own || staff),
      react: !retracted && viewer !== null && !own,
    },
  }
}

/**
 * Merges posts by id, in thread order. For a post present on both sides, a page (older data from a
 * cache) never undoes what the live channel already applied: a retraction or a later revision wins.
 */
function mergePosts(current: Post[], incoming: Post[], incomingIsNewer = false): Post[] {
  const byId = new Map(current.map((p) => [p.id, p]))
  for (const post of incoming) {
    const existing = byId.get(post.id)
    byId.set(post.id, existing && !incomingIsNewer ? newest(existing, post) : post)
  }
  return sortPosts([...byId.values()])
}

function newest(existing: Post, incoming: Post): Post {
  if (isRetracted(existing) && !isRetracted(incoming)) return existing
  if (existing.revision > incoming.revision) return existing
  return incoming
}

function updatePost(state: ThreadState, postId: number, change: (p: Post) => Post): ThreadState {
  const index = state.posts.findIndex((p) => p.id === postId)
  if (index === -1) return state
  const posts = state.posts.slice()
  posts[index] = change(posts[index]!)
  return { ...state, posts }
}

function dedupe(posts: Post[]): Post[] {
  return [...new Map(posts.map((p) => [p.id, p])).values()]
}

function sortPosts(posts: Post[]): Post[] {
  return posts.sort((a, b) => a.postNumber - b.postNumber || a.id - b.id)
}

function counts(raw: Partial<Record<string, number>>): ReactionCounts {
  return Object.fromEntries(reactionKinds.map((k) => [k, Number(raw[k] ?? 0)])) as ReactionCounts
}

export type LiveNotice = 'reconnecting' | 'stopped' | 'back' | null

/**
 * What to tell the reader about the live connection: nothing while it first connects (the posts
 * are there already), that it is reconnecting once it was up, that it is back, or that it stopped.
 */
export function liveNotice(status: LiveStatus | null, wasOpen: boolean): LiveNotice {
  if (status === 'closed') return 'stopped'
  if (status === 'connecting') return wasOpen ? 'reconnecting' : null
  if (status === 'open') return wasOpen ? 'back' : null
  return null
}
