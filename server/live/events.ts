import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'

/** A committed change the live layer tells readers about. */
export interface LiveEvent {
  id: number
  channel: string
  type: string
  data: unknown
}

/**
 * Records a live event in the writer's transaction, so it exists exactly when the change does.
 * The caller hands the returned event to `app.live.publish` after commit.
 */
export async function recordLiveEvent(
  trx: Transaction<Database>,
  channel: string,
  type: string,
  data: Record<string, unknown>,
): Promise<LiveEvent> {
  const row = await trx
    .insertInto('liveEvents')
    .values({ channel, type, data: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, channel, type, data }
}
