import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'

/** A committed change the live layer tells readers about. */
export interface LiveEvent {
  id: number
  channel: string
  type: string
  data: unknown
}

/**
 * The lock that keeps a channel's event ids in commit order: taken before the id is drawn and
 * held until commit, so that an event with a lower id can never commit after a higher one a
 * reader has already seen, and `since` replays miss nothing. Writers of different channels
 * never wait for each other.
 */
export const lockChannelSql = (channel: unknown) => sql`pg_advisory_xact_lock(hashtext(${channel}::text))`

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
  const { rows } = await sql<{ id: number }>`
    insert into live_events (channel, type, data)
    select ${channel}, ${type}, ${JSON.stringify(data)}::jsonb from (select ${lockChannelSql(channel)}) as locked
    returning id`.execute(trx)
  return { id: rows[0]!.id, channel, type, data }
}

/** At most this many events are replayed to a reader who comes back; past it, they reload. */
export const replayLimit = 1_000

/**
 * What a reader missed on a channel since `since`, oldest first: up to `replayLimit` events,
 * and whether more were missed than that.
 */
export async function eventsSince(
  db: Kysely<Database>,
  channel: string,
  since: number,
): Promise<{ events: LiveEvent[]; truncated: boolean }> {
  const rows = await db
    .selectFrom('liveEvents')
    .select(['id', 'channel', 'type', 'data'])
    .where('channel', '=', channel)
    .where('id', '>', since)
    .orderBy('id')
    .limit(replayLimit + 1)
    .execute()
  return { events: rows.slice(0, replayLimit), truncated: rows.length > replayLimit }
}

/** The latest event id of a channel (0 when it has none). */
export async function lastEventId(db: Kysely<Database>, channel: string): Promise<number> {
  const row = await db
    .selectFrom('liveEvents')
    .select('id')
    .where('channel', '=', channel)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? 0
}

/** Every event after `afterId`, oldest first, up to `limit`: a hub catching up after its bus was away. */
export async function eventsAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<LiveEvent[]> {
  return db
    .selectFrom('liveEvents')
    .select(['id', 'channel', 'type', 'data'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** The latest event id of every channel. */
export async function maxEventId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('liveEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}
