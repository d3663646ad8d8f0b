import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { forbidden } from '../http/errors.js'
import { type CategoryInfo, canPost } from './categories/directory.js'

// The forum's rules in one place. Routes enforce sanctions and the charter with requireWriter;
// these answer for the objects, and the same answers fill the `can` flags clients draw buttons from.

interface TopicFacts {
  authorId: number
  locked: boolean
}
interface PostFacts {
  authorId: number
  deleted: boolean
  hidden: boolean
}

/** Signed in and not restricted: the precondition of every forum write. */
function writes(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && viewer.restriction === null
}

export const canModerate = (viewer: Viewer | null) => writes(viewer) && isStaff(viewer)

export function canStartTopic(viewer: Viewer | null, category: CategoryInfo): boolean {
  return writes(viewer) && canPost(viewer, category)
}

export function canReply(viewer: Viewer | null, category: CategoryInfo, topic: TopicFacts): boolean {
  return canStartTopic(viewer, category) && (!topic.locked || isStaff(viewer))
}

/** Authors retitle their topic while it is open; moderators retitle, pin, lock and move any. */
export function canEditTopic(viewer: Viewer | null, topic: TopicFacts): boolean {
  return writes(viewer) && (isStaff(viewer) || (viewer.id === topic.authorId && !topic.locked))
}

export function canEditPost(viewer: Viewer | null, topic: TopicFacts, post: PostFacts): boolean {
  if (!writes(viewer) || post.deleted) return false
  return isStaff(viewer) || (viewer.id === post.authorId && !post.hidden && !topic.locked)
}

export function canDeletePost(viewer: Viewer | null, post: PostFacts): boolean {
  return writes(viewer) && !post.deleted && (isStaff(viewer) || viewer.id === post.authorId)
}

export function canReact(viewer: Viewer | null, post: PostFacts): boolean {
  return writes(viewer) && !post.deleted && !post.hidden
}

/** Throws the 403 that explains why a reply is refused. */
export function assertCanReply(viewer: Viewer, category: CategoryInfo, topic: TopicFacts): void {
  assertCanStartTopic(viewer, category)
  if (topic.locked && !isStaff(viewer))
    throw forbidden('topic_locked', 'This topic is locked: no new replies.')
}

export function assertCanStartTopic(viewer: Viewer, category: CategoryInfo): void {
  if (canPost(viewer, category)) return
  throw category.posting === 'moderators'
    ? forbidden('posting_restricted', 'Only moderators post in this category.')
    : forbidden('posting_restricted', 'Your groups may read this category but not post in it.')
}

export function assertCanEditPost(viewer: Viewer, topic: TopicFacts, post: PostFacts): void {
  if (canEditPost(viewer, topic, post)) return
  if (viewer.id === post.authorId && topic.locked)
    throw forbidden('topic_locked', 'This topic is locked: its posts can no longer be edited.')
  throw forbidden('forbidden', 'You can only edit your own posts.')
}

export function assertCanDeletePost(viewer: Viewer, post: PostFacts): void {
  if (!canDeletePost(viewer, post)) throw forbidden('forbidden', 'You can only delete your own posts.')
}
