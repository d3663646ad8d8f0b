import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import type { CategoryInfo } from './categories/directory.js'
import { canPost } from './categories/directory.js'
import { canDeletePost, canEditPost, canEditTopic, canModerate, canReact, canReply } from './policy.js'
import { type ReactionKind, reactionKinds } from './schema.js'

/** Timestamps come as Date from rows and as strings from json_agg: both leave as ISO 8601 UTC. */
export function iso(value: Date | string): string
export function iso(value: Date | string | null): string | null
export function iso(value: Date | string | null): string | null {
  if (value === null) return null
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

export interface PostRow {
  id: number
  topicId: number
  postNumber: number
  authorId: number
  replyToId: number | null
  body: string
  html: string
  revision: number
  reactions: unknown
  createdAt: Date | string
  editedAt: Date | string | null
  deletedAt: Date | string | null
  hiddenAt: Date | string | null
  /** Set while the post waits for a moderator's approval (it is hidden meanwhile). */
  heldAt?: Date | string | null
  authorHandle: string
  authorDisplayName: string
  authorAvatarUrl: string | null
  authorRole: string
}

export interface TopicRow {
  id: number
  categoryId: number
  authorId: number
  title: string
  slug: string
  pinned: boolean
  locked: boolean
  postCount: number
  createdAt: Date | string
  lastPostAt: Date | string
  lastPostId: number | null
  lastPosterId: number | null
  /** Seconds a member waits between two posts in the topic; 0 when slow mode is off. */
  slowModeSeconds?: number
  authorHandle: string
  authorDisplayName: string
}

export function reactionCounts(raw: unknown): Record<ReactionKind, number> {
  const counts = (raw ?? {}) as Partial<Record<string, number>>
  return Object.fromEntries(reactionKinds.map((k) => [k, Number(counts[k] ?? 0)])) as Record<
    ReactionKind,
    number
  >
}

export function presentPost(
  row: PostRow,
  viewer: Viewer | null,
  topic: { authorId: number; locked: boolean },
  myReactions: ReactionKind[] = [],
) {
  const facts = { authorId: row.authorId, deleted: row.deletedAt !== null, hidden: row.hiddenAt !== null }
  const held = row.heldAt != null
  // Deleted and hidden posts keep their place in the thread, without their text; moderators still
  // read it, and so does the author of a post waiting for approval.
  const ownHeld = held && !facts.deleted && viewer !== null && viewer.id === row.authorId
  const redacted = (facts.deleted || facts.hidden) && !isStaff(viewer) && !ownHeld
  return {
    id: row.id,
    topicId: row.topicId,
    postNumber: row.postNumber,
    author: {
      id: row.authorId,
      handle: row.authorHandle,
      displayName: row.authorDisplayName,
      avatarUrl: row.authorAvatarUrl,
      role: row.authorRole,
    },
    body: redacted ? '' : row.body,
    html: redacted ? '' : row.html,
    replyToId: row.replyToId,
    createdAt: iso(row.createdAt),
    editedAt: iso(row.editedAt),
    revision: row.revision,
    reactions: reactionCounts(row.reactions),
    myReactions,
    deleted: facts.deleted,
    hidden: facts.hidden,
    held,
    can: {
      edit: canEditPost(viewer, topic, facts),
      delete: canDeletePost(viewer, facts),
      react: canReact(viewer, facts),
    },
  }
}

export function topicUrl(slug: string, id: number): string {
  return `/t/${slug}/${id}`
}

export function presentTopic(row: TopicRow, viewer: Viewer | null, category: CategoryInfo) {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    slug: row.slug,
    url: topicUrl(row.slug, row.id),
    authorId: row.authorId,
    author: { id: row.authorId, handle: row.authorHandle, displayName: row.authorDisplayName },
    postCount: row.postCount,
    createdAt: iso(row.createdAt),
    lastPostAt: iso(row.lastPostAt),
    lastPostId: row.lastPostId,
    lastPosterId: row.lastPosterId,
    pinned: row.pinned,
    locked: row.locked,
    slowModeSeconds: row.slowModeSeconds ?? 0,
    can: {
      reply: canReply(viewer, category, row),
      edit: canEditTopic(viewer, row),
      moderate: canModerate(viewer),
    },
  }
}

export function presentCategory(c: CategoryInfo, viewer: Viewer | null) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    position: c.position,
    color: c.color,
    posting: c.posting,
    topicCount: c.topicCount,
    restricted: c.readGroups !== null,
    can: { post: viewer !== null && viewer.restriction === null && canPost(viewer, c) },
    ...(viewer?.role === 'admin'
      ? {
          groups: (c.readGroups ?? []).map((groupId) => ({
            groupId,
            canPost: c.postGroups.includes(groupId),
          })),
        }
      : {}),
  }
}
