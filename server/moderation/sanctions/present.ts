import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database, Db } from '../../db/database.js'

// Sanctions and their appeals as the API shows them: who decided, and whether it is in force now.

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

const person = (id: number | null, handle: string | null, displayName: string | null) =>
  id === null ? null : { id, handle: handle ?? '', displayName: displayName ?? '' }

export function selectSanctions(db: Db | Transaction<Database>) {
  return db
    .selectFrom('sanctions as s')
    .leftJoin('users as by', 'by.id', 's.createdBy')
    .leftJoin('appeals as a', 'a.sanctionId', 's.id')
    .leftJoin('users as dec', 'dec.id', 'a.decidedBy')
    .select([
      's.id',
      's.userId',
      's.kind',
      's.ruleId',
      's.reason',
      's.createdAt',
      's.endsAt',
      's.liftedAt',
      's.createdBy',
      'by.handle as byHandle',
      'by.displayName as byDisplayName',
      'a.id as appealId',
      'a.text as appealText',
      'a.createdAt as appealCreatedAt',
      'a.outcome as appealOutcome',
      'a.decisionReason as appealDecisionReason',
      'a.decidedAt as appealDecidedAt',
      'a.decidedBy as appealDecidedBy',
      'dec.handle as decHandle',
      'dec.displayName as decDisplayName',
      sql<boolean>`s.kind <> 'warning' and s.lifted_at is null and (s.ends_at is null or s.ends_at > now())`.as(
        'active',
      ),
    ])
}

export type SanctionRow = Awaited<ReturnType<ReturnType<typeof selectSanctions>['executeTakeFirstOrThrow']>>

export function presentAppeal(r: SanctionRow) {
  if (r.appealId === null) return null
  return {
    id: r.appealId,
    sanctionId: r.id,
    userId: r.userId,
    text: r.appealText ?? '',
    createdAt: iso(r.appealCreatedAt)!,
    status: (r.appealOutcome ?? 'pending') as 'pending' | 'upheld' | 'overturned',
    outcome: r.appealOutcome as 'upheld' | 'overturned' | null,
    decisionReason: r.appealDecisionReason,
    decidedAt: iso(r.appealDecidedAt),
    decidedBy: person(r.appealDecidedBy, r.decHandle, r.decDisplayName),
  }
}

export function presentSanction(r: SanctionRow) {
  return {
    id: r.id,
    userId: r.userId,
    kind: r.kind as 'warning' | 'silence' | 'suspension' | 'ban',
    ruleId: r.ruleId,
    reason: r.reason,
    createdAt: iso(r.createdAt)!,
    endsAt: iso(r.endsAt),
    liftedAt: iso(r.liftedAt),
    active: r.active,
    createdBy: person(r.createdBy, r.byHandle, r.byDisplayName),
    appeal: presentAppeal(r),
  }
}
