import { createContext } from '@lit/context'
import type { LiveClient } from '../live/live-client.js'
import type { TribuneApi } from './api.js'
import type { Lang } from './i18n.js'

// What every component may need from the page it lives in, provided once at the root (the
// community site's <tribune-app>, or each embed element) through Lit's context protocol, so
// no component reaches for a global and two embeds on one page can differ.

/** The member as /api/me gives it, or null for a visitor. */
export interface Viewer {
  id: number
  handle: string
  displayName: string
  role: 'member' | 'moderator' | 'admin'
  avatarUrl?: string | null
  locale?: string | null
  timeZone?: string | null
}

export const apiContext = createContext<TribuneApi>(Symbol('tribune-api'))
export const langContext = createContext<Lang>(Symbol('tribune-lang'))
export const viewerContext = createContext<Viewer | null>(Symbol('tribune-viewer'))
export const liveContext = createContext<LiveClient>(Symbol('tribune-live'))
