import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'

export interface AuditEntry {
  actorId: number | null
  action: string
  targetType: string
  targetId: string | number
  ruleId?: string | null
  reason?: string
  data?: Record<string, unknown>
}

/**
 * Appends to the audit log inside the action's own transaction: an action without its entry,
 * or an entry without its action, cannot exist. Nothing in the product updates or deletes it.
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      ruleId: entry.ruleId ?? null,
      reason: entry.reason ?? '',
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute()
}
