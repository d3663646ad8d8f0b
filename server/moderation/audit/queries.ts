import type { Db } from '../../db/database.js'

export interface AuditFilter {
  actorId?: number | undefined
  action?: string | undefined
  targetType?: string | undefined
  targetId?: string | undefined
  ruleId?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** Audit entries newest first, after the cursor's id, under the filter; keyset on the primary key. */
export function selectAudit(db: Db, f: AuditFilter, beforeId: number | null, limit: number) {
  return (
    db
      .selectFrom('auditLog as a')
      .leftJoin('users as u', 'u.id', 'a.actorId')
      .select([
        'a.id',
        'a.actorId',
        'u.handle as actorHandle',
        'u.displayName as actorDisplayName',
        'a.action',
        'a.targetType',
        'a.targetId',
        'a.ruleId',
        'a.reason',
        'a.data',
        'a.createdAt',
      ])
      .$if(f.actorId !== undefined, (q) => q.where('a.actorId', '=', f.actorId!))
      // An action family (`sanction`) or one action (`sanction.ban`).
      .$if(f.action !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('a.action', '=', f.action!),
            eb('a.action', 'like', `${f.action!.replace(/[\\%_]/g, '\\$&')}.%`),
          ]),
        ),
      )
      .$if(f.targetType !== undefined, (q) => q.where('a.targetType', '=', f.targetType!))
      .$if(f.targetId !== undefined, (q) => q.where('a.targetId', '=', f.targetId!))
      .$if(f.ruleId !== undefined, (q) => q.where('a.ruleId', '=', f.ruleId!))
      .$if(f.from !== undefined, (q) => q.where('a.createdAt', '>=', new Date(f.from!)))
      .$if(f.to !== undefined, (q) => q.where('a.createdAt', '<', new Date(f.to!)))
      .$if(beforeId !== null, (q) => q.where('a.id', '<', beforeId!))
      .orderBy('a.id', 'desc')
      .limit(limit)
  )
}

export type AuditRow = Awaited<ReturnType<ReturnType<typeof selectAudit>['execute']>>[number]

export function presentAudit(r: AuditRow) {
  return {
    id: r.id,
    actor:
      r.actorId === null
        ? null
        : { id: r.actorId, handle: r.actorHandle ?? '', displayName: r.actorDisplayName ?? '' },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    ruleId: r.ruleId,
    reason: r.reason,
    data: r.data as Record<string, unknown>,
    createdAt: new Date(r.createdAt).toISOString(),
  }
}
