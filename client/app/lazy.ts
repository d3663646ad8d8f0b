import type { Route } from './router.js'

// Screens most readers never open are separate chunks, loaded on their first visit: the script a
// topic page waits for stays small. A route named here renders its element at once; the element
// upgrades when its chunk has run (properties set before then are kept by Lit).
const loaders: Partial<Record<Route['name'], () => Promise<unknown>>> = {
  mod: () => import('./moderation/screens.js'),
  'mod-item': () => import('./moderation/screens.js'),
  charter: () => import('./moderation/screens.js'),
  events: () => import('./events/screens.js'),
  event: () => import('./events/screens.js'),
  'event-new': () => import('./staff/screens.js'),
  'event-edit': () => import('./staff/screens.js'),
  'contest-new': () => import('./staff/screens.js'),
  'challenge-new': () => import('./staff/screens.js'),
  contests: () => import('./contests/screens.js'),
  contest: () => import('./contests/screens.js'),
  challenges: () => import('./challenges/screens.js'),
  challenge: () => import('./challenges/screens.js'),
  leaderboard: () => import('./challenges/screens.js'),
  // The profile page itself is in the first script; the member's badges under it are not.
  profile: () => import('./challenges/profile-screens.js'),
}

/** Starts loading the chunk a route's screen needs, if any; resolves once its elements are defined. */
export function loadScreen(name: Route['name']): Promise<unknown> | undefined {
  return loaders[name]?.()
}
