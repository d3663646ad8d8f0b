import type { Transaction } from 'kysely'
import type { Database, Db } from '../../db/database.js'
import { getSetting } from '../../settings/store.js'

/** Crisis mode as stored in `settings` under 'crisis'. */
export interface CrisisState {
  on: boolean
  /** Where new posts are held; null: everywhere. */
  categoryIds: number[] | null
  /** The slow mode crisis mode imposes where it applies. */
  slowModeSeconds: number
  /** The pinned statement, Markdown as the admin wrote it, and its sanitised HTML. */
  statement: string
  statementHtml: string
  /** When it was switched on (kept through updates), ISO; null when off. */
  since: string | null
}

export const crisisKey = 'crisis'
export const defaultSlowModeSeconds = 60

export const crisisOff: CrisisState = {
  on: false,
  categoryIds: null,
  slowModeSeconds: defaultSlowModeSeconds,
  statement: '',
  statementHtml: '',
  since: null,
}

export async function loadCrisis(db: Db | Transaction<Database>): Promise<CrisisState> {
  const v = (await getSetting(db, crisisKey)) as Partial<CrisisState> | undefined
  if (!v || typeof v !== 'object') return crisisOff
  return {
    on: v.on === true,
    categoryIds: Array.isArray(v.categoryIds) ? v.categoryIds.filter((x) => Number.isInteger(x)) : null,
    slowModeSeconds:
      typeof v.slowModeSeconds === 'number' && v.slowModeSeconds >= 0
        ? v.slowModeSeconds
        : defaultSlowModeSeconds,
    statement: typeof v.statement === 'string' ? v.statement : '',
    statementHtml: typeof v.statementHtml === 'string' ? v.statementHtml : '',
    since: v.on === true && typeof v.since === 'string' ? v.since : null,
  }
}

/** Whether crisis mode holds posts and slows topics in this category. */
export function crisisApplies(state: CrisisState, categoryId: number): boolean {
  return state.on && (state.categoryIds === null || state.categoryIds.includes(categoryId))
}
