import type { Role } from './roles.js'

/** Who is making a request, as every domain's policy sees them. */
export interface Viewer {
  id: number
  handle: string
  displayName: string
  role: Role
  trustLevel: number
  groupIds: number[]
  charterVersion: number | null
  /** Active restriction, if any: silenced members read but do not write; suspended and banned ones do neither. */
  restriction: { kind: 'silence' | 'suspension' | 'ban'; endsAt: Date | null } | null
  sessionId: number
  /** How the request proved who it is: cookie-authenticated writes also need the CSRF token. */
  via: 'cookie' | 'bearer'
}

export function isStaff(viewer: Viewer | null): boolean {
  return viewer !== null && (viewer.role === 'moderator' || viewer.role === 'admin')
}

export function isAdmin(viewer: Viewer | null): boolean {
  return viewer !== null && viewer.role === 'admin'
}
