import type { TestApp } from '../helpers/app.js'
import { json } from '../helpers/app.js'
import type { Member } from '../helpers/factories.js'

export const day = 86_400_000

/** A JSON document read back from the API, navigated freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read answers as documents and assert on them
export type Json = any

/** A challenge created through the API by `mod`; started a month ago unless told otherwise. */
export async function makeChallenge(a: TestApp, mod: Member, over: Record<string, unknown> = {}) {
  const res = await a.inject({
    method: 'POST',
    url: '/api/challenges',
    headers: mod.auth,
    payload: {
      title: 'Three replies this week',
      description: 'Reply to **three** topics.',
      points: 30,
      startsAt: new Date(Date.now() - 30 * day).toISOString(),
      ...over,
    },
  })
  if (res.statusCode !== 201) throw new Error(`makeChallenge: ${res.statusCode} ${res.body}`)
  return json(res).challenge as { id: number; [k: string]: Json }
}

/** The member's notifications of one kind, newest first. */
export async function notificationsOf(a: TestApp, m: Member, kind: string) {
  const res = await a.inject({ method: 'GET', url: '/api/notifications?limit=50', headers: m.auth })
  return (json(res).items as { kind: string; data?: Record<string, Json> }[]).filter((n) => n.kind === kind)
}

/** The member's all-time points from the ledger, summed (what the totals must agree with). */
export async function ledgerSum(a: TestApp, userId: number, challengeId?: number): Promise<number> {
  const row = await a.db
    .selectFrom('points')
    .select((eb) => eb.fn.sum<number>('amount').as('sum'))
    .where('userId', '=', userId)
    .$if(challengeId !== undefined, (q) => q.where('source', 'like', `challenge:${challengeId}:%`))
    .executeTakeFirst()
  return Number(row?.sum ?? 0)
}
