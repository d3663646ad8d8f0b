import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { topicUrl } from '../forum/present.js'
import type { Phase, TieBreak, VotingMode } from './phase.js'
import type { ContestRow, EntryRow } from './queries.js'

const iso = (d: Date | string) => new Date(d).toISOString()

export const contestUrl = (id: number) => `/contests/${id}`
export const imageUrl = (id: number) => `/api/contest-images/${id}`

export interface Criterion {
  id: string
  name: string
}

/** The reader's own standing, as `me` shows it (null for visitors). */
export interface Standing {
  entries: number
  votesUsed: number
  juror: boolean
  /** Whether the reader may enter and vote at all (account age, trust, groups). */
  eligible: boolean
  /** The core rule: accounts created after submissions opened do not vote. */
  oldEnoughToVote: boolean
}

export function presentContest(row: ContestRow, phase: Phase, viewer: Viewer | null, me: Standing | null) {
  const mode = row.votingMode as VotingMode
  // What the reader may do takes an account in good standing: not silenced, suspended or banned.
  const acting = viewer !== null && viewer.restriction === null ? me : null
  const votesLeft = me ? Math.max(0, row.votesPerMember - me.votesUsed) : 0
  return {
    id: row.id,
    title: row.title,
    rules: row.rules,
    rulesHtml: row.rulesHtml,
    phase,
    submissionsOpenAt: iso(row.submissionsOpenAt),
    votingOpensAt: iso(row.votingOpensAt),
    votingClosesAt: iso(row.votingClosesAt),
    resultsAt: row.resultsAt === null ? null : iso(row.resultsAt),
    votesPerMember: row.votesPerMember,
    entriesPerMember: row.entriesPerMember,
    votingMode: mode,
    juryWeight: row.juryWeight,
    criteria: row.criteria as unknown as Criterion[],
    jurors: row.jurors,
    tieBreak: row.tieBreak as TieBreak,
    eligibility: {
      minAccountAgeDays: row.minAccountAgeDays,
      minTrustLevel: row.minTrustLevel,
      groupIds: row.groupIds,
    },
    entryCount: row.entryCount,
    topicId: row.topicId,
    topicUrl: row.topicSlug === null ? null : topicUrl(row.topicSlug, row.topicId),
    url: contestUrl(row.id),
    createdAt: iso(row.createdAt),
    me: me && { entries: me.entries, votesUsed: me.votesUsed, votesLeft, juror: me.juror },
    can: {
      enter:
        phase === 'submissions' &&
        acting?.eligible === true &&
        !acting.juror &&
        acting.entries < row.entriesPerMember,
      vote:
        phase === 'voting' &&
        mode !== 'jury' &&
        acting?.eligible === true &&
        acting.oldEnoughToVote &&
        !acting.juror &&
        votesLeft > 0,
      judge: acting?.juror === true && (phase === 'voting' || phase === 'closed'),
      moderate: isStaff(viewer),
    },
  }
}

export type Contest = ReturnType<typeof presentContest>

export function presentEntry(
  row: EntryRow,
  viewer: Viewer | null,
  extra: { voted?: boolean; myScores?: Record<string, number> | undefined } = {},
) {
  const staff = isStaff(viewer)
  return {
    id: row.id,
    contestId: row.contestId,
    author: {
      id: row.authorId,
      handle: row.authorHandle,
      displayName: row.authorDisplayName,
      avatarUrl: row.authorAvatarUrl,
    },
    title: row.title,
    body: row.body,
    html: row.html,
    imageUrl: row.imageId === null ? null : imageUrl(row.imageId),
    createdAt: iso(row.createdAt),
    disqualified: row.disqualifiedAt !== null,
    ...(staff ? { disqualifiedReason: row.disqualifiedReason } : {}),
    voted: extra.voted ?? false,
    ...(extra.myScores ? { myScores: extra.myScores } : {}),
  }
}

export type Entry = ReturnType<typeof presentEntry>
