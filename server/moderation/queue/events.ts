import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import { type LiveEvent, recordLiveEvent } from '../../live/events.js'
import { moderationChannel } from '../decision.js'

export type QueueChange = 'added' | 'updated' | 'claimed' | 'released' | 'resolved'

/**
 * Tells every moderator's open queue what changed, in the change's transaction. Items are named,
 * not carried: each screen reads the item again with its own permissions.
 */
export function recordQueueChange(
  trx: Transaction<Database>,
  itemIds: number[],
  change: QueueChange,
  extra: Record<string, unknown> = {},
): Promise<LiveEvent[]> {
  return Promise.all(
    itemIds.map((itemId) =>
      recordLiveEvent(trx, moderationChannel, 'queue.changed', { itemId, change, ...extra }),
    ),
  )
}
