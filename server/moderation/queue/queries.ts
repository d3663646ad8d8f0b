import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../../db/database.js'
import { fromMicros, microsOf } from '../../http/cursor.js'

export type QueueKind = 'flagged' | 'held' | 'watched'
export type TargetType = 'post' | 'topic' | 'user'

export interface QueueEntry {
  kind: QueueKind
  targetType: TargetType
  targetId: number
  /** The member the item is about (the author of a post, the flagged member). */
  memberId: number | null
  urgent?: boolean
  flagWeight?: number
  detail?: string
}

/**
 * Opens the queue item for a target, or adds to the one already open (one open item per kind
 * and target: ten flags on a post are one item with ten flags, not ten items).
 */
export async function openItem(trx: Transaction<Database>, e: QueueEntry) {
  const flags = e.kind === 'flagged' ? 1 : 0
  const { rows } = await sql<{ id: number; flagWeight: number; flagCount: number; created: boolean }>`
    insert into queue_items (kind, target_type, target_id, member_id, urgent, flag_count, flag_weight, detail)
    values (${e.kind}, ${e.targetType}, ${e.targetId}, ${e.memberId}, ${e.urgent ?? false}, ${flags},
      ${e.flagWeight ?? 0}, ${e.detail ?? ''})
    on conflict (kind, target_type, target_id) where resolved_at is null do update set
      flag_count = queue_items.flag_count + excluded.flag_count,
      flag_weight = queue_items.flag_weight + excluded.flag_weight,
      urgent = queue_items.urgent or excluded.urgent,
      detail = case when excluded.detail = '' then queue_items.detail else excluded.detail end
    returning id, flag_weight, flag_count, (xmax = 0) as created`.execute(trx)
  return rows[0]!
}

/** Closes every open item about a target, saying how; returns the ids closed. */
export async function resolveItemsFor(
  trx: Transaction<Database>,
  targetType: TargetType,
  targetId: number,
  by: number,
  resolution: string,
  kinds?: QueueKind[],
): Promise<number[]> {
  const rows = await trx
    .updateTable('queueItems')
    .set({ resolvedAt: sql`now()`, resolvedBy: by, resolution })
    .where('targetType', '=', targetType)
    .where('targetId', '=', targetId)
    .where('resolvedAt', 'is', null)
    .$if(kinds !== undefined, (q) => q.where('kind', 'in', kinds!))
    .returning('id')
    .execute()
  if (targetType !== 'user')
    await trx
      .updateTable('flags')
      .set({ resolvedAt: sql`now()` })
      .where('targetType', '=', targetType)
      .where('targetId', '=', targetId)
      .where('resolvedAt', 'is', null)
      .execute()
  return rows.map((r) => r.id)
}

export const itemColumns = [
  'q.id',
  'q.kind',
  'q.targetType',
  'q.targetId',
  'q.memberId',
  'q.urgent',
  'q.flagCount',
  'q.flagWeight',
  'q.detail',
  'q.claimedBy',
  'q.claimedAt',
  'q.createdAt',
  'q.resolvedAt',
  'q.resolvedBy',
  'q.resolution',
] as const

/**
 * Open items, urgent first then oldest, keyset-paginated on queue_items_open_order_idx: the
 * cursor is (not urgent, created_at in microseconds, id).
 */
export function listOpen(
  db: Db,
  after: [boolean, number, number] | null,
  limit: number,
  kind: QueueKind | undefined,
) {
  return db
    .selectFrom('queueItems as q')
    .select(itemColumns)
    .select(microsOf('q.created_at').as('createdMicros'))
    .where('q.resolvedAt', 'is', null)
    .$if(kind !== undefined, (q) => q.where('q.kind', '=', kind!))
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(not q.urgent, q.created_at, q.id) > (${after![0]}, ${fromMicros(after![1])}, ${after![2]})`,
      ),
    )
    .orderBy(sql`not q.urgent`)
    .orderBy('q.createdAt')
    .orderBy('q.id')
    .limit(limit + 1)
}

export function findItem(db: Db | Transaction<Database>, id: number) {
  return db.selectFrom('queueItems as q').select(itemColumns).where('q.id', '=', id).executeTakeFirst()
}
