import { sql } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/database.js'
import type { Bus } from '../live/bus.js'

/** What a vote is checked against, besides the entry and the voter: it changes only when a moderator edits the contest. */
export interface ContestRules {
  id: number
  submissionsOpenAt: Date
  votingOpensAt: Date
  votingClosesAt: Date
  resultsAt: Date | null
  votingMode: string
  votesPerMember: number
  minAccountAgeDays: number | null
  minTrustLevel: number | null
  groupIds: number[]
  jurorIds: number[]
}

/**
 * Contests' voting rules, kept in memory on each instance: a crowd voting at the close reads the
 * same contest thousands of times a minute. An edit calls `changed(id)`, which reaches every
 * instance through the bus; after the bus was away everything is read again. The phase itself is
 * never cached: it is worked out from these dates and the clock at each vote.
 */
export class ContestRulesCache {
  private readonly rules = new LRUCache<number, Promise<ContestRules | null>>({
    max: 1_000,
    ttl: 10 * 60_000,
  })
  private readonly stops: (() => void)[]

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
  ) {
    this.stops = [
      bus.subscribe('contests', (id) => this.rules.delete(Number(id))),
      bus.onReconnect(() => this.rules.clear()),
    ]
  }

  /** The contest's rules, or null when there is no such contest (never remembered: it may be created next). */
  get(id: number): Promise<ContestRules | null> {
    let found = this.rules.get(id)
    if (!found) {
      found = this.load(id).then(
        (r) => {
          if (r === null) this.rules.delete(id)
          return r
        },
        (err) => {
          this.rules.delete(id)
          throw err
        },
      )
      this.rules.set(id, found)
    }
    return found
  }

  /** After an edit is committed: every instance reads the contest again. */
  async changed(id: number): Promise<void> {
    this.rules.delete(id)
    await this.bus.publish('contests', String(id))
  }

  close(): void {
    for (const stop of this.stops) stop()
  }

  private async load(id: number): Promise<ContestRules | null> {
    const row = await this.db
      .selectFrom('contests as c')
      .select([
        'c.id',
        'c.submissionsOpenAt',
        'c.votingOpensAt',
        'c.votingClosesAt',
        'c.resultsAt',
        'c.votingMode',
        'c.votesPerMember',
        'c.minAccountAgeDays',
        'c.minTrustLevel',
        sql<
          number[]
        >`coalesce((select json_agg(g.group_id) from contest_groups g where g.contest_id = c.id), '[]')`.as(
          'groupIds',
        ),
        sql<
          number[]
        >`coalesce((select json_agg(j.user_id) from contest_jurors j where j.contest_id = c.id), '[]')`.as(
          'jurorIds',
        ),
      ])
      .where('c.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    return {
      ...row,
      submissionsOpenAt: new Date(row.submissionsOpenAt),
      votingOpensAt: new Date(row.votingOpensAt),
      votingClosesAt: new Date(row.votingClosesAt),
      resultsAt: row.resultsAt === null ? null : new Date(row.resultsAt),
    }
  }
}
