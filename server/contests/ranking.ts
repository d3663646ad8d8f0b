import type { TieBreak, VotingMode } from './phase.js'

// Ranking is pure: the counts in, the order out, so that its rules are tested on their own.

export interface Tally {
  entryId: number
  createdAt: Date
  /** Members' votes counted (disqualified ones left out). */
  votes: number
  /** The mean of every juror's score on every criterion (0–10), or null without scores. */
  juryScore: number | null
}

export interface Ranked extends Tally {
  score: number
  rank: number
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/**
 * Scores and ranks entries. The score is the members' vote count (`members`), the jury's mean
 * score (`jury`), or with `both` a blend on a common 0..1 scale: (1 − w) × votes / the most votes
 * any entry got + w × jury score / 10. Equal scores are then ordered by the tie-break:
 * - `earliest_entry` (default): the earlier entry first; ranks are never shared.
 * - `jury`: the higher jury score first; entries equal on that too share a rank.
 * - `shared`: equal scores share a rank (1, 1, 3).
 *
 * @example rankEntries(tallies, 'members', 0, 'earliest_entry')[0] // { entryId, votes, score, rank: 1 }
 */
export function rankEntries(
  tallies: Tally[],
  mode: VotingMode,
  juryWeight: number,
  tieBreak: TieBreak,
): Ranked[] {
  const maxVotes = Math.max(0, ...tallies.map((t) => t.votes))
  const scored = tallies.map((t) => {
    const jury = t.juryScore ?? 0
    let score: number
    if (mode === 'members') score = t.votes
    else if (mode === 'jury') score = jury
    else score = (1 - juryWeight) * (maxVotes > 0 ? t.votes / maxVotes : 0) + juryWeight * (jury / 10)
    // Rounded so that arithmetic noise never decides a tie.
    return { ...t, juryScore: t.juryScore === null ? null : round(t.juryScore, 4), score: round(score, 6) }
  })
  const earliest = (a: Tally, b: Tally) =>
    a.createdAt.getTime() - b.createdAt.getTime() || a.entryId - b.entryId
  scored.sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score
    if (tieBreak === 'jury' && (b.juryScore ?? 0) !== (a.juryScore ?? 0))
      return (b.juryScore ?? 0) - (a.juryScore ?? 0)
    return earliest(a, b)
  })
  const tied = (a: (typeof scored)[number], b: (typeof scored)[number]) => {
    if (tieBreak === 'earliest_entry' || a.score !== b.score) return false
    return tieBreak === 'shared' || (a.juryScore ?? 0) === (b.juryScore ?? 0)
  }
  const ranked: Ranked[] = []
  scored.forEach((t, i) => {
    const previous = ranked[i - 1]
    const rank = previous && tied(scored[i - 1]!, t) ? previous.rank : i + 1
    ranked.push({ ...t, rank })
  })
  return ranked
}
