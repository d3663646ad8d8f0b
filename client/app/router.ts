// The community site's routes, as pure functions of a URL: the same paths the server renders,
// so a link shared or reloaded lands on the same view. No DOM here, so tests run in Node.

export type Route =
  | { name: 'home' }
  | { name: 'category'; slug: string }
  | { name: 'new-topic'; slug: string }
  | { name: 'topic'; slug: string; id: number }
  | { name: 'profile'; handle: string }
  | { name: 'search'; q: string }
  | { name: 'login'; next: string | null }
  | { name: 'register' }
  | { name: 'settings' }
  | { name: 'charter'; version: number | null }
  | { name: 'mod'; view: ModView }
  | { name: 'mod-item'; id: number }
  | { name: 'events'; view: 'list' | 'calendar'; month: string | null }
  | { name: 'event'; id: number }
  | { name: 'event-new' }
  | { name: 'event-edit'; id: number }
  | { name: 'contest-new' }
  | { name: 'challenge-new' }
  | { name: 'contests' }
  | { name: 'contest'; id: number }
  | { name: 'challenges' }
  | { name: 'challenge'; id: number }
  | { name: 'leaderboard'; period: LeaderboardPeriod }
  | { name: 'not-found' }

/** The moderation screens under /mod/<view>; 'queue' is /mod itself. */
export const modViews = ['queue', 'appeals', 'audit', 'words', 'duty', 'crisis', 'charter'] as const
export type ModView = (typeof modViews)[number]

export const leaderboardPeriods = ['week', 'month', 'all'] as const
export type LeaderboardPeriod = (typeof leaderboardPeriods)[number]

const positiveId = (s: string | undefined): number | null => {
  if (!s || !/^[1-9]\d{0,15}$/.test(s)) return null
  const id = Number(s)
  return Number.isSafeInteger(id) ? id : null
}

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

/** Only a local path may follow a login: `//evil.example` or `/\evil` would leave the site. */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null
  return next
}

/** The view for a path and query string. Trailing slashes are tolerated; anything else is not-found. */
export function matchRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search)
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  const parts = path.split('/').slice(1).map(decode)
  if (parts.some((p) => p === null)) return { name: 'not-found' }
  const [a, b, c, d] = parts as string[]
  if (path === '/') return { name: 'home' }
  if (a === 'c' && b && c === undefined) return { name: 'category', slug: b }
  if (a === 'c' && b && c === 'new' && d === undefined) return { name: 'new-topic', slug: b }
  if (a === 't' && b && c && d === undefined && /^[1-9]\d{0,15}$/.test(c)) {
    const id = Number(c)
    if (Number.isSafeInteger(id)) return { name: 'topic', slug: b, id }
  }
  if (a === 'u' && b && c === undefined) return { name: 'profile', handle: b }
  if (a === 'mod') {
    if (b === undefined) return { name: 'mod', view: 'queue' }
    if (b === 'items' && d === undefined && positiveId(c) !== null)
      return { name: 'mod-item', id: positiveId(c)! }
    if (c === undefined && b !== 'queue' && (modViews as readonly string[]).includes(b))
      return { name: 'mod', view: b as ModView }
  }
  if (a === 'charter' && b === undefined) return { name: 'charter', version: null }
  if (a === 'charter' && b === 'v' && d === undefined && positiveId(c) !== null)
    return { name: 'charter', version: positiveId(c) }
  // The community pages: /events (?view=calendar&month=2026-03), /events/:id, /contests[/:id],
  // /challenges[/:id], /leaderboard (?period=month).
  // The staff forms: /events/new, /events/:id/edit, /contests/new, /challenges/new.
  if ((a === 'events' || a === 'contests' || a === 'challenges') && b === 'new' && c === undefined)
    return { name: a === 'events' ? 'event-new' : a === 'contests' ? 'contest-new' : 'challenge-new' }
  if (a === 'events' && c === 'edit' && d === undefined && positiveId(b) !== null)
    return { name: 'event-edit', id: positiveId(b)! }
  if ((a === 'events' || a === 'contests' || a === 'challenges') && c === undefined && b !== undefined) {
    const id = positiveId(b)
    if (id !== null) {
      if (a === 'events') return { name: 'event', id }
      return a === 'contests' ? { name: 'contest', id } : { name: 'challenge', id }
    }
  }
  if (parts.length === 1) {
    if (a === 'events') {
      const month = params.get('month')
      return {
        name: 'events',
        view: params.get('view') === 'calendar' ? 'calendar' : 'list',
        month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
      }
    }
    if (a === 'contests') return { name: 'contests' }
    if (a === 'challenges') return { name: 'challenges' }
    if (a === 'leaderboard') {
      const period = params.get('period')
      return {
        name: 'leaderboard',
        period: (leaderboardPeriods as readonly (string | null)[]).includes(period)
          ? (period as LeaderboardPeriod)
          : 'week',
      }
    }
    if (a === 'search') return { name: 'search', q: params.get('q') ?? '' }
    if (a === 'login') return { name: 'login', next: safeNext(params.get('next')) }
    if (a === 'register') return { name: 'register' }
    if (a === 'settings') return { name: 'settings' }
  }
  return { name: 'not-found' }
}

/** What a click needs to be judged, taken from the MouseEvent and the anchor it hit. */
export interface ClickFacts {
  button: number
  metaKey: boolean
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
  defaultPrevented: boolean
  /** The anchor's href resolved against the page (a.href). */
  href: string
  target: string | null
  download: boolean
  rel: string | null
}

/**
 * Whether the app should handle this click itself (pushState) rather than let the browser follow
 * the link: a plain left click on a same-origin link to one of our pages. Modifier keys, another
 * target, downloads and the API or assets stay with the browser, as readers expect.
 */
export function shouldIntercept(click: ClickFacts, origin: string): URL | null {
  if (click.defaultPrevented || click.button !== 0) return null
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null
  if (click.download || (click.target && click.target !== '_self')) return null
  if (click.rel?.split(/\s+/).includes('external')) return null
  let url: URL
  try {
    url = new URL(click.href, origin)
  } catch {
    return null
  }
  if (url.origin !== origin) return null
  if (/^\/(api|assets|embed\.js|robots\.txt|sitemap\.xml|healthz|readyz)(\/|$)/.test(url.pathname))
    return null
  // The language links ask the server for the page in another language: a full load.
  if (url.searchParams.has('lang')) return null
  return url
}

/** Whether two URLs differ only by their fragment: the browser scrolls, no new view. */
export function sameDocumentHash(from: URL | Location, to: URL): boolean {
  return from.pathname === to.pathname && from.search === to.search && to.hash !== ''
}
