import type { FastifyInstance } from 'fastify'
import type { Viewer } from '../accounts/viewer.js'
import { ensureOpenCategory } from '../forum/categories/service.js'
import { unprocessable } from '../http/errors.js'
import { hasJury, type TieBreak, type VotingMode } from './phase.js'

// What a new contest is checked against before anything is written.

export interface JuryInput {
  votingMode?: VotingMode | undefined
  jurorIds?: number[] | undefined
  criteria?: { id: string; name: string }[] | undefined
  juryWeight?: number | undefined
  tieBreak?: TieBreak | undefined
}

/** The voting mode and what it needs: jurors and criteria with a jury, none without. */
export function checkJury(input: JuryInput) {
  const jurorIds = input.jurorIds ?? []
  const criteria = input.criteria ?? []
  const mode: VotingMode = input.votingMode ?? (jurorIds.length ? 'both' : 'members')
  if (hasJury(mode)) {
    if (jurorIds.length === 0) throw unprocessable('jury_required', `votingMode "${mode}" needs jurorIds.`)
    if (criteria.length === 0)
      throw unprocessable('criteria_required', `votingMode "${mode}" needs criteria to score.`)
    if (new Set(criteria.map((c) => c.id)).size !== criteria.length)
      throw unprocessable('duplicate_criterion', 'Each criterion needs its own id.')
  } else if (jurorIds.length || criteria.length) {
    throw unprocessable('no_jury', 'Jurors and criteria need votingMode "jury" or "both".')
  }
  if (input.juryWeight !== undefined && mode !== 'both')
    throw unprocessable('no_jury_weight', 'juryWeight blends jury and members: it needs votingMode "both".')
  const tieBreak = input.tieBreak ?? 'earliest_entry'
  if (tieBreak === 'jury' && !hasJury(mode)) throw unprocessable('no_jury', 'tieBreak "jury" needs a jury.')
  const weight = mode === 'members' ? 0 : mode === 'jury' ? 1 : (input.juryWeight ?? 0.5)
  return { mode, jurorIds, criteria, weight, tieBreak }
}

export async function checkPeople(app: FastifyInstance, jurorIds: number[], groupIds: number[]) {
  if (jurorIds.length) {
    const found = await app.db.selectFrom('users').select('id').where('id', 'in', jurorIds).execute()
    const missing = jurorIds.filter((j) => !found.some((f) => f.id === j))
    if (missing.length) throw unprocessable('unknown_juror', `No member has the id ${missing.join(', ')}.`)
  }
  if (groupIds.length) {
    const found = await app.db.selectFrom('groups').select('id').where('id', 'in', groupIds).execute()
    const missing = groupIds.filter((g) => !found.some((f) => f.id === g))
    if (missing.length) throw unprocessable('unknown_group', `No group has the id ${missing.join(', ')}.`)
  }
}

/**
 * Where a contest's discussion goes by default: the community's "contests" category, else the
 * first every reader may read (not the one made for events); a community with none gets one.
 */
export async function defaultCategory(app: FastifyInstance, actor: Viewer): Promise<number> {
  const all = await app.categories.all()
  const open =
    all.find((c) => c.slug === 'contests' && c.readGroups === null) ??
    all.find((c) => c.readGroups === null && c.slug !== 'events')
  if (open) return open.id
  const category = await ensureOpenCategory(app, actor, {
    slug: 'contests',
    name: 'Contests',
    description: 'Discussions of the community’s contests.',
  })
  return category.id
}
