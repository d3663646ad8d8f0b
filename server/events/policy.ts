import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import type { Database } from '../db/database.js'
import type { Visibility } from './schema.js'

// Who may see an event, in one place: the rule in code (one event) and the same rule in SQL (lists).
// Staff see every event; `public` ones everyone, visitors included; `members` ones any signed-in
// member; `group` ones the members of that group (as restricted categories are read).

export interface Audience {
  visibility: string
  groupId: number | null
}

export function canSee(viewer: Viewer | null, event: Audience): boolean {
  if (isStaff(viewer)) return true
  const visibility = event.visibility as Visibility
  if (visibility === 'public') return true
  if (!viewer) return false
  if (visibility === 'members') return true
  return event.groupId !== null && viewer.groupIds.includes(event.groupId)
}

/** The same rule as `canSee`, for a `where` on the `events` table aliased `e`. */
export function visibleTo(viewer: Viewer | null) {
  return (eb: ExpressionBuilder<Database & { e: Database['events'] }, 'e'>): Expression<SqlBool> => {
    if (isStaff(viewer)) return eb.lit(true)
    const open: Expression<SqlBool>[] = [eb('e.visibility', '=', 'public')]
    if (viewer) {
      open.push(eb('e.visibility', '=', 'members'))
      if (viewer.groupIds.length)
        open.push(eb.and([eb('e.visibility', '=', 'group'), eb('e.groupId', 'in', viewer.groupIds)]))
    }
    return eb.or(open)
  }
}

/** Moderators and admins create, edit and cancel events, read attendee lists and moderate the Q&A. */
export const canManage = isStaff
