import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import { type LiveEvent, lockChannelSql } from '../live/events.js'

/**
 * Records one notification per member on their `user:<id>` channel (what the notifications list
 * and `user:me` show), in the caller's transaction; publish the returned events after commit.
 * Channel locks are taken in id order first, so two writers notifying overlapping members never
 * wait on each other in a circle.
 */
export async function notifyMembers(
  trx: Transaction<Database>,
  userIds: number[],
  type: string,
  data: Record<string, unknown>,
): Promise<LiveEvent[]> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b)
  if (ids.length === 0) return []
  await sql`select ${lockChannelSql(sql`'user:' || s.id`)} from (
      select id from unnest(${ids}::bigint[]) as u(id) order by id
    ) s`.execute(trx)
  const { rows } = await sql<{ id: number; channel: string }>`
    insert into live_events (channel, type, data)
    select 'user:' || u.id, ${type}, ${JSON.stringify(data)}::jsonb
    from unnest(${ids}::bigint[]) with ordinality as u(id, n)
    order by u.n
    returning id, channel`.execute(trx)
  return rows.map((r) => ({ id: Number(r.id), channel: r.channel, type, data }))
}
