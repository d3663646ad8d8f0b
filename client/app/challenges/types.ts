// The challenges, leaderboard and badges API's shapes as the pages read them
// (server/challenges/schema.ts, server/challenges/leaderboard.ts, server/badges/routes.ts).

export type Recurrence = 'none' | 'weekly' | 'monthly'
export type Action = 'reply' | 'topic' | 'reaction_received'

export interface Occurrence {
  key: string
  startsAt: string
  endsAt: string | null
}

export interface Submission {
  id: number
  status: 'pending' | 'approved' | 'rejected'
  reviewReason: string | null
  createdAt: string
}

export interface Progress {
  occurrence: Occurrence
  count: number
  target: number
  completed: boolean
  completedAt: string | null
  submission: Submission | null
}

export interface Challenge {
  id: number
  title: string
  html: string
  points: number
  startsAt: string
  endsAt: string | null
  timeZone: string
  recurrence: Recurrence
  completion: 'activity' | 'submission'
  rule: { action: Action; count: number; categoryId: number | null } | null
  badge: { slug: string; nameEn: string; nameFr: string; icon: string } | null
  state: 'upcoming' | 'active' | 'ended' | 'archived'
  occurrence: Occurrence | null
  url: string
  can: { edit: boolean; submit: boolean; review: boolean }
  progress: Progress | null
}

export type Period = 'week' | 'month' | 'all'

export interface Leaderboard {
  period: Period
  startsAt: string | null
  endsAt: string | null
  items: { rank: number; points: number; user: { id: number; handle: string; displayName: string } }[]
  nextCursor: string | null
  me: { rank: number; points: number } | null
}

export interface AwardedBadge {
  id: number
  badge: {
    slug: string
    nameEn: string
    nameFr: string
    descriptionEn: string
    descriptionFr: string
    icon: string
  }
  awardedAt: string
  why: { kind: 'challenge' | 'milestone' | 'contest' | 'other'; id: number | null; title: string | null }
}

/** "2/3" and a share from 0 to 1 for a progress bar; a completed challenge is full whatever it counted. */
export function progressShare(p: Pick<Progress, 'count' | 'target' | 'completed'>): {
  text: string
  value: number
  max: number
} {
  const max = Math.max(1, p.target)
  const value = p.completed ? max : Math.min(Math.max(0, p.count), max)
  return { text: `${value}/${max}`, value, max }
}

/** The icons the client draws (client/app/challenges/icons.ts). */
export const badgeIcons = ['star', 'trophy', 'medal', 'flag', 'flame'] as const
export type BadgeIcon = (typeof badgeIcons)[number]
const aliases: Record<string, BadgeIcon> = { fire: 'flame', cup: 'trophy', award: 'medal', finish: 'flag' }

/** The icon to draw for a badge's icon name (server/badges): an unknown name gets a star. */
export function badgeIcon(name: string): BadgeIcon {
  if ((badgeIcons as readonly string[]).includes(name)) return name as BadgeIcon
  return aliases[name] ?? 'star'
}

/**
 * Which tab a key moves to in a tablist (the ARIA tabs pattern: arrows wrap, Home and End go to
 * the ends), or null for other keys.
 */
export function tabFor<T>(tabs: readonly T[], current: T, key: string): T | null {
  const i = tabs.indexOf(current)
  if (i < 0) return null
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return tabs[(i + 1) % tabs.length]!
    case 'ArrowLeft':
    case 'ArrowUp':
      return tabs[(i - 1 + tabs.length) % tabs.length]!
    case 'Home':
      return tabs[0]!
    case 'End':
      return tabs[tabs.length - 1]!
    default:
      return null
  }
}
