// The contests API's shapes as the pages read them (server/contests/schema.ts has them in full),
// and the contest's calendar as pure functions (tested in Node, test/client/community-pages.test.ts).

export type Phase = 'upcoming' | 'submissions' | 'voting' | 'closed' | 'results'
export type VotingMode = 'members' | 'jury' | 'both'

export interface Person {
  id: number
  handle: string
  displayName: string
}

export interface Contest {
  id: number
  title: string
  rulesHtml: string
  phase: Phase
  submissionsOpenAt: string
  votingOpensAt: string
  votingClosesAt: string
  resultsAt: string | null
  votesPerMember: number
  entriesPerMember: number
  votingMode: VotingMode
  entryCount: number
  topicId: number
  topicUrl: string | null
  url: string
  me: { entries: number; votesUsed: number; votesLeft: number; juror: boolean } | null
  can: { enter: boolean; vote: boolean; judge: boolean; moderate: boolean }
}

export interface Entry {
  id: number
  contestId: number
  author: Person
  title: string
  html: string
  imageUrl: string | null
  createdAt: string
  disqualified: boolean
  voted: boolean
}

export interface Result {
  entry: Entry
  votes: number
  rank: number
  score: number
  juryScore: number | null
}

/** A stage of the contest as the page shows it, in order. */
export type Stage = 'submissions' | 'voting' | 'judging' | 'results'

export interface TimelineStep {
  stage: Stage
  /** When it starts (null: when the jury is done). */
  from: string | null
  /** When it ends, for the stages that last. */
  to: string | null
  state: 'done' | 'current' | 'next'
}

const order: Record<Phase, number> = { upcoming: 0, submissions: 1, voting: 2, closed: 3, results: 4 }
const stagePhase: Record<Stage, Phase> = {
  submissions: 'submissions',
  voting: 'voting',
  judging: 'closed',
  results: 'results',
}

/**
 * The contest's stages with their dates, each done, current or next. A jury adds a judging stage
 * between voting closing and the results (at `resultsAt` at the latest, else when it is done);
 * without one, results come out when voting closes.
 *
 * @example timeline(contest).find((s) => s.state === 'current')?.stage // 'voting'
 */
export function timeline(
  c: Pick<
    Contest,
    'phase' | 'submissionsOpenAt' | 'votingOpensAt' | 'votingClosesAt' | 'resultsAt' | 'votingMode'
  >,
): TimelineStep[] {
  const jury = c.votingMode !== 'members'
  const steps: Omit<TimelineStep, 'state'>[] = [
    { stage: 'submissions', from: c.submissionsOpenAt, to: c.votingOpensAt },
    { stage: 'voting', from: c.votingOpensAt, to: c.votingClosesAt },
    ...(jury ? [{ stage: 'judging' as const, from: c.votingClosesAt, to: c.resultsAt }] : []),
    { stage: 'results', from: jury ? c.resultsAt : c.votingClosesAt, to: null },
  ]
  const now = order[c.phase]
  return steps.map((s) => {
    const at = order[stagePhase[s.stage]]
    return { ...s, state: at < now ? 'done' : at === now ? 'current' : 'next' }
  })
}

/** What happens next and when: null once the results are out. `at` is null when the jury decides. */
export function nextChange(
  c: Pick<Contest, 'phase' | 'submissionsOpenAt' | 'votingOpensAt' | 'votingClosesAt' | 'resultsAt'>,
): { what: 'submissionsOpen' | 'votingOpens' | 'votingCloses' | 'results'; at: string | null } | null {
  switch (c.phase) {
    case 'upcoming':
      return { what: 'submissionsOpen', at: c.submissionsOpenAt }
    case 'submissions':
      return { what: 'votingOpens', at: c.votingOpensAt }
    case 'voting':
      return { what: 'votingCloses', at: c.votingClosesAt }
    case 'closed':
      return { what: 'results', at: c.resultsAt }
    case 'results':
      return null
  }
}

/** Why the reader may not vote for this entry, or null if they may. */
export function voteBlock(
  c: Pick<Contest, 'phase' | 'can' | 'me'>,
  entry: Pick<Entry, 'voted' | 'author' | 'disqualified'>,
  readerId: number | null,
): 'voted' | 'own' | 'noVotesLeft' | 'closed' | 'signedOut' | 'notAllowed' | null {
  if (entry.voted) return 'voted'
  if (c.phase !== 'voting') return 'closed'
  if (readerId === null) return 'signedOut'
  if (entry.author.id === readerId) return 'own'
  if (c.me && c.me.votesLeft <= 0) return 'noVotesLeft'
  if (!c.can.vote || entry.disqualified) return 'notAllowed'
  return null
}
