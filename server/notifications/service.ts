import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import type { Db } from '../db/database.js'
import type { CategoryDirectory } from '../forum/categories/directory.js'
import { decodeCursor, keysetPage } from '../http/cursor.js'
import { notFound } from '../http/errors.js'
import { lastEventId } from '../live/events.js'
import {
  advanceSeen,
  type NotificationRow,
  notificationPage,
  notificationState,
  postKinds,
  storePrefs,
  unreadCount,
} from './queries.js'
import type { Notification, NotificationPage, Preferences } from './schema.js'

export interface Deps {
  db: Db
  categories: CategoryDirectory
}

export type Prefs = Static<typeof Preferences>

/** What a member gets before choosing: replies and mentions recorded, no email. */
export const defaultPrefs: Prefs = { replies: true, mentions: true, email: false }

/** Stored preferences over the defaults: keys never set (the column starts as `{}`) keep theirs. */
export function readPrefs(stored: unknown): Prefs {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>
  const pick = (k: keyof Prefs) => (typeof s[k] === 'boolean' ? (s[k] as boolean) : defaultPrefs[k])
  return { replies: pick('replies'), mentions: pick('mentions'), email: pick('email') }
}

async function state(db: Db, viewer: Viewer) {
  // The session was valid a moment ago; a member erased since reads as gone.
  const row = await notificationState(db, viewer.id)
  if (!row) throw notFound('Your account')
  return row
}

function present(row: NotificationRow, seenId: number): Static<typeof Notification> {
  const known = (postKinds as readonly string[]).includes(row.type)
  return {
    id: row.id,
    kind: row.type,
    topicId: row.topicId,
    postId: row.postId,
    postNumber: row.postNumber,
    by:
      row.byId !== null
        ? { id: row.byId, handle: row.byHandle ?? '', displayName: row.byDisplayName ?? '' }
        : null,
    topicTitle: row.topicTitle,
    createdAt: row.createdAt.toISOString(),
    read: row.id <= seenId,
    ...(known ? {} : { data: row.data }),
  }
}

/**
 * A page of the member's notifications, newest first, with their unread count.
 *
 * @example listNotifications(deps, viewer, { limit: 20 }) // → { items, nextCursor, unread, seenId, lastEventId }
 */
export async function listNotifications(
  deps: Deps,
  viewer: Viewer,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<Static<typeof NotificationPage>> {
  const before = decodeCursor(query.cursor, 'n')?.[0] as number | undefined
  const limit = query.limit ?? 20
  const channel = `user:${viewer.id}`
  // Read first: an event recorded while the page is read is then at most replayed twice, never missed.
  const last = await lastEventId(deps.db, channel)
  const [{ notificationsSeenId: seenId }, categoryIds] = await Promise.all([
    state(deps.db, viewer),
    deps.categories.readableIds(viewer),
  ])
  const [rows, unread] = await Promise.all([
    notificationPage(deps.db, { userId: viewer.id, categoryIds, before: before ?? null, limit: limit + 1 }),
    unreadCount(deps.db, { userId: viewer.id, categoryIds, seenId }),
  ])
  const page = keysetPage(
    rows,
    limit,
    (r) => [r.id],
    (r) => present(r, seenId),
  )
  return { ...page, unread, seenId, lastEventId: last }
}

/** Moves the member's read marker up to `upTo` (never back, never past their newest notification). */
export async function markRead(deps: Deps, viewer: Viewer, upTo: number): Promise<void> {
  await advanceSeen(deps.db, viewer.id, upTo)
}

export async function getPrefs(deps: Deps, viewer: Viewer): Promise<Prefs> {
  return readPrefs((await state(deps.db, viewer)).notificationPrefs)
}

/**
 * Replaces the member's preferences. Replies and mentions are honoured where they are recorded
 * (server/forum/posts/write.ts reads the same keys); email is kept for when mail exists.
 */
export async function setPrefs(deps: Deps, viewer: Viewer, prefs: Prefs): Promise<Prefs> {
  const clean = readPrefs(prefs)
  await storePrefs(deps.db, viewer.id, clean)
  return clean
}
