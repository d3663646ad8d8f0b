import { unprocessable } from '../http/errors.js'

// A contest's phase is never stored: it is worked out from the dates and the time now, at read
// time, so it is right even when no job has run yet (jobs only carry the side effects: the live
// phase change, the winners' announcement and badges).

export const phases = ['upcoming', 'submissions', 'voting', 'closed', 'results'] as const
export type Phase = (typeof phases)[number]

export const votingModes = ['members', 'jury', 'both'] as const
export type VotingMode = (typeof votingModes)[number]

export const tieBreaks = ['earliest_entry', 'jury', 'shared'] as const
export type TieBreak = (typeof tieBreaks)[number]

export interface Schedule {
  submissionsOpenAt: Date
  votingOpensAt: Date
  votingClosesAt: Date
  /** The jury's deadline, when there is a jury and it has one. */
  resultsAt: Date | null
}

export const hasJury = (mode: string) => mode !== 'members'

/**
 * The phase at `now`. Without a jury results are out the moment voting closes; with one the
 * contest stays `closed` (judging) until every juror has scored every entry (`juryDone`) or the
 * jury's deadline `resultsAt` has passed.
 *
 * @example phaseAt(schedule, 'members', new Date(), false) // 'voting'
 */
export function phaseAt(s: Schedule, mode: string, now: Date, juryDone: boolean): Phase {
  const t = now.getTime()
  if (t < s.submissionsOpenAt.getTime()) return 'upcoming'
  if (t < s.votingOpensAt.getTime()) return 'submissions'
  if (t < s.votingClosesAt.getTime()) return 'voting'
  if (!hasJury(mode) || juryDone) return 'results'
  if (s.resultsAt && t >= s.resultsAt.getTime()) return 'results'
  return 'closed'
}

/** Whether the phase at `now` depends on the jury's progress (so the caller must count scores). */
export function needsJuryProgress(s: Schedule, mode: string, now: Date): boolean {
  if (!hasJury(mode) || now.getTime() < s.votingClosesAt.getTime()) return false
  return !(s.resultsAt && now.getTime() >= s.resultsAt.getTime())
}

/**
 * Dates in order: submissions open, then voting opens, then closes, then (optionally) the jury's
 * deadline. Any date may be in the past: moderators move dates freely as long as the order holds.
 * The database checks the same (contests_dates_in_order).
 */
export function assertInOrder(s: Schedule): void {
  if (!(s.submissionsOpenAt < s.votingOpensAt))
    throw unprocessable('dates_out_of_order', 'Voting must open after submissions open.')
  if (!(s.votingOpensAt < s.votingClosesAt))
    throw unprocessable('dates_out_of_order', 'Voting must close after it opens.')
  if (s.resultsAt && s.resultsAt < s.votingClosesAt)
    throw unprocessable(
      'dates_out_of_order',
      'The jury’s deadline (resultsAt) cannot come before voting closes.',
    )
}

/** A date from the API (ISO 8601), or a 422 naming the field. */
export function parseDate(field: string, value: string): Date {
  const d = new Date(value)
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2200)
    throw unprocessable('invalid_date', `${field} is not a date between 2000 and 2200.`)
  return d
}
