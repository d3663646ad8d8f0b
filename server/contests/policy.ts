import type { Viewer } from '../accounts/viewer.js'
import type { Db } from '../db/database.js'
import { type HttpError, unprocessable } from '../http/errors.js'
import { needsJuryProgress, type Phase, phaseAt, type Schedule } from './phase.js'
import type { Standing } from './present.js'
import { type ContestRow, juryComplete, standing } from './queries.js'

const dayMs = 86_400_000

export function scheduleOf(row: {
  submissionsOpenAt: Date | string
  votingOpensAt: Date | string
  votingClosesAt: Date | string
  resultsAt: Date | string | null
}): Schedule {
  return {
    submissionsOpenAt: new Date(row.submissionsOpenAt),
    votingOpensAt: new Date(row.votingOpensAt),
    votingClosesAt: new Date(row.votingClosesAt),
    resultsAt: row.resultsAt === null ? null : new Date(row.resultsAt),
  }
}

/** The contest's phase now, counting the jury's scores only when the phase depends on them. */
export async function currentPhase(db: Db, row: ContestRow, now: Date): Promise<Phase> {
  const schedule = scheduleOf(row)
  const done = needsJuryProgress(schedule, row.votingMode, now)
    ? await juryComplete(db, row.id, (row.criteria as unknown[]).length)
    : false
  return phaseAt(schedule, row.votingMode, now, done)
}

export interface EligibilityRules {
  minAccountAgeDays: number | null
  minTrustLevel: number | null
  groupIds: number[]
}

/**
 * Why this member may not enter or vote in the contest (its eligibility rules), or null when they
 * may. The same rules hold for staff: a moderator taking part is a member like any other. Without
 * `accountCreatedAt` the account's age is left for later (the vote's insert checks it itself).
 */
export function ineligibility(
  rules: EligibilityRules,
  viewer: Viewer,
  accountCreatedAt: Date | null,
  now: Date,
): HttpError | null {
  if (
    rules.minAccountAgeDays !== null &&
    accountCreatedAt !== null &&
    now.getTime() - accountCreatedAt.getTime() < rules.minAccountAgeDays * dayMs
  )
    return unprocessable(
      'not_eligible',
      `This contest is open to accounts at least ${rules.minAccountAgeDays} days old.`,
    )
  if (rules.minTrustLevel !== null && viewer.trustLevel < rules.minTrustLevel)
    return unprocessable(
      'not_eligible',
      `This contest is open to members of trust level ${rules.minTrustLevel} and above.`,
    )
  if (rules.groupIds.length > 0 && !viewer.groupIds.some((g) => rules.groupIds.includes(g)))
    return unprocessable('not_eligible', 'This contest is open to members of certain groups only.')
  return null
}

/** The core rule: an account created after submissions opened does not vote (no voting rings of new accounts). */
export function tooNewToVote(
  row: { submissionsOpenAt: Date | string },
  accountCreatedAt: Date,
): HttpError | null {
  return accountCreatedAt > new Date(row.submissionsOpenAt)
    ? unprocessable(
        'account_too_new',
        'Accounts created after submissions opened cannot vote in this contest.',
      )
    : null
}

/** The signed-in reader's standing in the contest, for `me` and `can`. */
export async function standingOf(
  db: Db,
  row: ContestRow,
  viewer: Viewer | null,
  now: Date,
): Promise<Standing | null> {
  if (!viewer) return null
  const s = await standing(db, row.id, viewer.id)
  return {
    entries: s.entries,
    votesUsed: s.votes,
    juror: s.juror,
    eligible: ineligibility(row, viewer, s.createdAt, now) === null,
    oldEnoughToVote: tooNewToVote(row, s.createdAt) === null,
  }
}
