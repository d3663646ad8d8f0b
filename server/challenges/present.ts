import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { currentOrNext, type Occurrence } from './occurrences.js'
import type { ChallengeRow, Executor } from './queries.js'
import type { Challenge, Submission } from './schema.js'

// Rows → API shapes, in one place.

const iso = (d: Date | null) => (d === null ? null : d.toISOString())

export type State = 'upcoming' | 'active' | 'ended' | 'archived'

export function stateOf(c: ChallengeRow, now: Date): State {
  if (c.archivedAt) return 'archived'
  if (now < c.startsAt) return 'upcoming'
  if (c.endsAt && now >= c.endsAt) return 'ended'
  return 'active'
}

export const presentOccurrence = (o: Occurrence) => ({
  key: o.key,
  startsAt: o.startsAt.toISOString(),
  endsAt: iso(o.endsAt),
})

export interface ProgressShape {
  occurrence: ReturnType<typeof presentOccurrence>
  count: number
  target: number
  completed: boolean
  completedAt: string | null
  submission: Static<typeof Submission> | null
}

export function presentChallenge(
  c: ChallengeRow,
  now: Date,
  viewer: Viewer | null,
  progress: ProgressShape | null,
): Static<typeof Challenge> {
  const state = stateOf(c, now)
  const occurrence = state === 'archived' ? null : currentOrNext(c, now)
  const staff = isStaff(viewer)
  const submit =
    viewer !== null &&
    viewer.restriction === null &&
    c.completion === 'submission' &&
    state === 'active' &&
    progress !== null &&
    !progress.completed &&
    (progress.submission === null || progress.submission.status === 'rejected')
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    html: c.html,
    points: c.points,
    startsAt: c.startsAt.toISOString(),
    endsAt: iso(c.endsAt),
    timeZone: c.timeZone,
    recurrence: c.recurrence,
    completion: c.completion,
    rule:
      c.ruleAction === null
        ? null
        : { action: c.ruleAction, count: c.ruleCount ?? 1, categoryId: c.ruleCategoryId },
    badge:
      c.badgeSlug === null
        ? null
        : {
            slug: c.badgeSlug,
            nameEn: c.badgeNameEn ?? c.badgeSlug,
            nameFr: c.badgeNameFr ?? c.badgeSlug,
            icon: c.badgeIcon ?? 'star',
          },
    state,
    occurrence: occurrence ? presentOccurrence(occurrence) : null,
    archivedAt: iso(c.archivedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    url: `/challenges/${c.id}`,
    can: { edit: staff, submit, review: staff && c.completion === 'submission' },
    progress,
  }
}

export function selectSubmissions(db: Executor) {
  return db
    .selectFrom('challengeSubmissions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .leftJoin('users as r', 'r.id', 's.reviewedBy')
    .select([
      's.id',
      's.challengeId',
      's.userId',
      's.occurrence',
      's.body',
      's.html',
      's.link',
      's.status',
      's.reviewReason',
      's.reviewedAt',
      's.createdAt',
      'u.handle',
      'u.displayName',
      'r.id as reviewerId',
      'r.handle as reviewerHandle',
      'r.displayName as reviewerDisplayName',
    ])
}

export type SubmissionRow = Awaited<
  ReturnType<ReturnType<typeof selectSubmissions>['executeTakeFirstOrThrow']>
>

export function presentSubmission(s: SubmissionRow): Static<typeof Submission> {
  return {
    id: s.id,
    challengeId: s.challengeId,
    occurrence: s.occurrence,
    author: { id: s.userId, handle: s.handle, displayName: s.displayName },
    text: s.body,
    html: s.html,
    link: s.link,
    status: s.status as 'pending' | 'approved' | 'rejected',
    reviewReason: s.reviewReason,
    reviewedBy:
      s.reviewerId === null
        ? null
        : { id: s.reviewerId, handle: s.reviewerHandle ?? '', displayName: s.reviewerDisplayName ?? '' },
    reviewedAt: iso(s.reviewedAt),
    createdAt: s.createdAt.toISOString(),
  }
}
