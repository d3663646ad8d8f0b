// The moderation API's shapes as the screens read them (server/moderation/**/schema and routes).

export interface Person {
  id: number
  handle: string
  displayName: string
}

export type ItemKind = 'flagged' | 'held' | 'watched'

export interface QueueFlag {
  id: number
  ruleId: string
  note: string
  weight: number
  urgent: boolean
  createdAt: string
  flagger: Person
}

export interface QueueMember extends Person {
  role: string
  trustLevel: number
  postCount: number
  createdAt: string
  sanctionCount: number
  restricted: boolean
}

export interface QueuePost {
  id: number
  topicId: number
  postNumber: number
  author: Person
  body: string
  html: string
  createdAt: string
  hidden: boolean
  held: boolean
  deleted: boolean
  heldReason: string | null
  topic: { id: number; title: string; url: string }
}

export interface ContextPost {
  id: number
  postNumber: number
  author: { handle: string; displayName: string }
  body: string
  createdAt: string
  hidden: boolean
  deleted: boolean
}

export interface PastSanction {
  id: number
  kind: SanctionKind
  ruleId: string
  reason: string
  createdAt: string
  endsAt: string | null
  liftedAt: string | null
}

export interface QueueItem {
  id: number
  kind: ItemKind
  targetType: 'post' | 'topic' | 'user'
  targetId: number
  urgent: boolean
  flagCount: number
  flagWeight: number
  detail: string
  createdAt: string
  claimedBy: Person | null
  claimedAt: string | null
  resolvedAt: string | null
  resolution: string | null
  post: QueuePost | null
  member: QueueMember | null
  flags: QueueFlag[]
  context?: ContextPost[]
  history?: PastSanction[]
}

export interface Rule {
  id: string
  title: string
  body: string
}

export interface Charter {
  version: number
  publishedAt: string
  summary: string
  rules: Rule[]
}

export const sanctionKinds = ['warning', 'silence', 'suspension', 'ban'] as const
export type SanctionKind = (typeof sanctionKinds)[number]

export interface Sanction {
  id: number
  userId: number
  kind: SanctionKind
  ruleId: string
  reason: string
  createdAt: string
  endsAt: string | null
  liftedAt: string | null
  active: boolean
  createdBy: Person | null
}

export interface Appeal {
  id: number
  sanctionId: number
  userId: number
  text: string
  createdAt: string
  status: 'pending' | 'upheld' | 'overturned'
}

export interface AuditEntry {
  id: number
  actor: Person | null
  action: string
  target: { type: string; id: string }
  ruleId: string | null
  reason: string
  data: Record<string, unknown>
  createdAt: string
}

export const watchedActions = ['block', 'hold', 'censor', 'flag'] as const
export type WatchedAction = (typeof watchedActions)[number]

export interface WatchedWord {
  id: number
  phrase: string
  action: WatchedAction
  createdAt: string
  createdBy: Person | null
}

export interface WordCheck {
  matches: { entryId: number; phrase: string; action: WatchedAction; start: number; end: number }[]
  censored: string
}

export interface StaffMember extends Person {
  role: string
}

export interface Shift {
  moderatorId: number
  timeZone: string
  weekday: number
  startsAt: string
  endsAt: string
}

export interface Duty {
  shifts: (Omit<Shift, 'moderatorId'> & { id: number; moderator: StaffMember })[]
  coveredNow: boolean
  onDuty: StaffMember[]
  nextChange: string | null
}

export interface ModerationSettings {
  autoHideWeight: number
  offHoursAutoHideWeight: number
  holdNewMembersPosts: number
  offHoursHoldTrustBelow: number
  newMemberMaxLinks: number
  newMemberImages: boolean
  trustedFlagWeight: number
  alertWebhookUrl: string | null
  alertEmail: string | null
  urgentRuleIds: string[]
}

export interface Crisis {
  on: boolean
  statement: string
  statementHtml: string
  categoryIds: number[] | null
  slowModeSeconds: number
  since: string | null
}

export interface CategoryRef {
  id: number
  slug: string
  name: string
}
