import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import t from 'tap'
import { insertVote } from '../../server/contests/votes.js'
import type { Database } from '../../server/db/database.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { contestWorld, day, hour } from './helpers.js'

// Entering and voting: who may, when, how many times. The database keeps the counts honest, so
// concurrent clicks never count twice; moderators audit every vote and the suspicious ones.

t.test('entries and votes', async (t) => {
  // Rate limits on: the votes below stay within a member's allowance (30 a minute).
  const w = await contestWorld(t, { RATE_LIMITS: 'on' })
  const { a, mod } = w
  const [ana, ben, cleo, dan, eve] = await Promise.all([1, 2, 3, 4, 5].map(() => makeMember(a)))
  const contest = await w.contest()
  const entries: number[] = []

  t.test('entries: only signed-in writers, only while submissions are open, one per member', async (t) => {
    const post = (payload: object, headers?: Record<string, string>) =>
      a.inject({
        method: 'POST',
        url: `/api/contests/${contest.id}/entries`,
        payload,
        ...(headers ? { headers } : {}),
      })
    const body = { title: 'Ma photo', body: 'Prise à Nice.' }
    t.equal((await post(body)).statusCode, 401)
    const early = await post(body, ana!.auth)
    t.equal(early.statusCode, 422, 'not before submissions open')
    t.equal(early.json().error.code, 'not_accepting_entries')
    w.at(hour)
    const silenced = await makeMember(a, { silenced: true })
    t.equal((await post(body, silenced.auth)).json().error.code, 'silenced')
    t.equal((await post({ title: 'x' }, ana!.auth)).statusCode, 400, 'body required')
    t.equal((await post({ title: '  ', body: 'y' }, ana!.auth)).statusCode, 400)
    t.equal(
      (
        await a.inject({
          method: 'POST',
          url: '/api/contests/999999/entries',
          headers: ana!.auth,
          payload: body,
        })
      ).statusCode,
      404,
    )
    // Two at once from the same member: one gets in, the other is told it already did.
    const both = await Promise.all([post(body, ana!.auth), post(body, ana!.auth)])
    t.same(both.map((r) => r.statusCode).sort(), [201, 409])
    t.equal(both.find((r) => r.statusCode === 409)!.json().error.code, 'entry_limit')
    const entry = both.find((r) => r.statusCode === 201)!.json().entry
    t.match(entry, {
      contestId: contest.id,
      author: { id: ana!.id },
      title: 'Ma photo',
      html: '<p>Prise à Nice.</p>\n',
      imageUrl: null,
      voted: false,
    })
    entries.push(entry.id, (await w.enter(ben!, contest.id)).id, (await w.enter(cleo!, contest.id)).id)
    const list = await w.get(`/api/contests/${contest.id}/entries?limit=2`)
    t.same(
      list.json().items.map((e: { id: number }) => e.id),
      entries.slice(0, 2),
    )
    const next = await w.get(`/api/contests/${contest.id}/entries?limit=2&cursor=${list.json().nextCursor}`)
    t.same(
      next.json().items.map((e: { id: number }) => e.id),
      entries.slice(2),
    )
    t.equal((await w.get(`/api/contests/${contest.id}/entries?cursor=nonsense`)).statusCode, 400)
  })

  t.test('a contest allowing two entries per member takes two, not three, even at once', async (t) => {
    w.at(0)
    const two = await w.contest({ entriesPerMember: 2 })
    w.at(hour)
    const post = () =>
      a.inject({
        method: 'POST',
        url: `/api/contests/${two.id}/entries`,
        headers: dan!.auth,
        payload: { title: 'Un', body: 'Deux' },
      })
    const codes = (await Promise.all([post(), post(), post()])).map((r) => r.statusCode).sort()
    t.same(codes, [201, 201, 409])
  })

  t.test('votes: the refused cases', async (t) => {
    const [first, second] = entries as [number, number, number]
    const early = await w.vote(dan!, contest.id, first)
    t.equal(early.statusCode, 422, 'not during submissions')
    t.equal(early.json().error.code, 'not_voting')
    entries.push((await w.enter(dan!, contest.id)).id)
    w.at(day)
    const late = await a.inject({
      method: 'POST',
      url: `/api/contests/${contest.id}/entries`,
      headers: eve!.auth,
      payload: { title: 'Trop tard', body: '…' },
    })
    t.equal(late.statusCode, 422, 'no entries once voting opened')
    t.equal(
      (await a.inject({ method: 'POST', url: `/api/contests/${contest.id}/entries/${first}/votes` }))
        .statusCode,
      401,
    )
    const own = await w.vote(ana!, contest.id, first)
    t.equal(own.statusCode, 422)
    t.equal(own.json().error.code, 'own_entry')
    t.equal((await w.vote(eve!, contest.id, 999999)).statusCode, 404)
    t.equal((await w.vote(eve!, 999999, first)).statusCode, 404)
    // An entry of another contest through this contest's address.
    t.equal((await w.vote(eve!, contest.id + 1, first)).statusCode, 404)
    const newcomer = await makeMember(a)
    await a.db
      .updateTable('users')
      .set({ createdAt: new Date(w.clock.now.getTime() - hour) })
      .where('id', '=', newcomer.id)
      .execute()
    const tooNew = await w.vote(newcomer, contest.id, first)
    t.equal(tooNew.statusCode, 422, 'accounts created after submissions opened do not vote')
    t.equal(tooNew.json().error.code, 'account_too_new')
    const silenced = await makeMember(a, { silenced: true })
    t.equal((await w.vote(silenced, contest.id, second)).statusCode, 403)
  })

  t.test('votes: one per entry, votesPerMember in all, even when clicked many times at once', async (t) => {
    // Five clicks at once on one entry: one vote.
    const clicks = await Promise.all([1, 2, 3, 4, 5].map(() => w.vote(eve!, contest.id, entries[0]!)))
    t.same(clicks.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409])
    t.equal(clicks.find((r) => r.statusCode === 409)!.json().error.code, 'already_voted')
    t.equal(clicks.find((r) => r.statusCode === 201)!.json().vote.votesLeft, 2)
    // Four entries at once with two votes left: two count.
    const spread = await Promise.all(
      [1, 2, 3].map((i) => w.vote(eve!, contest.id, entries[i] ?? entries[0]!)),
    )
    const extra = await w.vote(eve!, contest.id, entries[1]!)
    const codes = [...spread, extra].map((r) => r.statusCode)
    t.equal(codes.filter((c) => c === 201).length, 2)
    t.ok(
      [...spread, extra]
        .filter((r) => r.statusCode === 409)
        .some((r) => r.json().error.code === 'no_votes_left'),
    )
    const counted = await a.db
      .selectFrom('contestVotes')
      .select(['slot', 'entryId', 'ip'])
      .where('voterId', '=', eve!.id)
      .execute()
    t.equal(counted.length, 3)
    t.same(counted.map((v) => v.slot).sort(), [1, 2, 3])
    t.equal(new Set(counted.map((v) => v.entryId)).size, 3)
    t.ok(
      counted.every((v) => v.ip.length > 0),
      'the address is recorded',
    )
    const me = (await w.get(`/api/contests/${contest.id}`, eve!)).json().contest
    t.match(me.me, { votesUsed: 3, votesLeft: 0 })
    t.equal(me.can.vote, false)
    const mine = (await w.get(`/api/contests/${contest.id}/entries`, eve!)).json().items
    t.equal(mine.filter((e: { voted: boolean }) => e.voted).length, 3)
    // The database itself refuses a vote past the rules.
    await t.rejects(
      a.db
        .insertInto('contestVotes')
        .values({ contestId: contest.id, entryId: entries[0]!, voterId: eve!.id, slot: 4, ip: 'x' })
        .execute(),
      'a second vote for the same entry',
    )
    await t.rejects(
      sql`insert into contest_votes (contest_id, entry_id, voter_id, slot, ip) values (${contest.id + 1}, ${entries[0]}, ${ben!.id}, 1, 'x')`.execute(
        a.db,
      ),
      'an entry of another contest',
    )
  })

  t.test('eligibility: account age, trust level, groups', async (t) => {
    w.at(0)
    const group = await makeGroup(a)
    const insider = await makeMember(a, { groups: [group] })
    const strict = await w.contest({ minTrustLevel: 2, groupIds: [group], minAccountAgeDays: 0 })
    t.same(strict.eligibility, { minAccountAgeDays: 0, minTrustLevel: 2, groupIds: [group] })
    w.at(hour)
    const refused = await a.inject({
      method: 'POST',
      url: `/api/contests/${strict.id}/entries`,
      headers: ana!.auth,
      payload: { title: 'Non', body: 'Non' },
    })
    t.equal(refused.statusCode, 422)
    t.equal(refused.json().error.code, 'not_eligible')
    const lowTrust = await a.inject({
      method: 'POST',
      url: `/api/contests/${strict.id}/entries`,
      headers: insider.auth,
      payload: { title: 'Non', body: 'Non' },
    })
    t.equal(lowTrust.json().error.code, 'not_eligible', 'in the group, not trusted enough')
    await a.db.updateTable('users').set({ trustLevel: 2 }).where('id', '=', insider.id).execute()
    await a.app.viewers.invalidateUser(insider.id)
    t.equal(
      (
        await a.inject({
          method: 'POST',
          url: `/api/contests/${strict.id}/entries`,
          headers: insider.auth,
          payload: { title: 'Oui', body: 'Oui' },
        })
      ).statusCode,
      201,
    )
    const aged = await w.contest({ minAccountAgeDays: 30 })
    t.equal(
      (
        await a.inject({
          method: 'POST',
          url: `/api/contests/${aged.id}/entries`,
          headers: ben!.auth,
          payload: { title: 'Non', body: 'Non' },
        })
      ).json().error.code,
      'not_eligible',
    )
    w.at(day)
  })

  t.test('moderators audit every vote, as JSON and CSV, and the suspicious ones', async (t) => {
    // Three fresh accounts, created within minutes of one another, all for one entry, from one address.
    const burst = await Promise.all([1, 2, 3].map(() => makeMember(a)))
    const created = new Date(new Date(contest.submissionsOpenAt as string).getTime() - 10 * 60_000)
    for (const [i, m] of burst.entries())
      await a.db
        .updateTable('users')
        .set({ createdAt: new Date(created.getTime() + i * 60_000) })
        .where('id', '=', m.id)
        .execute()
    for (const m of burst)
      t.equal(
        (
          await a.inject({
            method: 'POST',
            url: `/api/contests/${contest.id}/entries/${entries[1]}/votes`,
            headers: m.auth,
          })
        ).statusCode,
        201,
      )

    const url = `/api/contests/${contest.id}/votes`
    t.equal((await w.get(url)).statusCode, 401)
    t.equal((await w.get(url, ana!)).statusCode, 403)
    t.equal((await w.get('/api/contests/999999/votes', mod)).statusCode, 404)
    const page = await w.get(`${url}?limit=2`, mod)
    t.equal(page.statusCode, 200)
    t.equal(page.json().items.length, 2)
    t.match(page.json().items[0], {
      entryId: Number,
      voter: { id: eve!.id, handle: eve!.handle },
      slot: 1,
      ip: String,
      disqualified: false,
    })
    const all = await w.get(`${url}?limit=500`, mod)
    t.equal(all.json().items.length, 6)
    const csv = await w.get(`${url}?format=csv`, mod)
    t.equal(csv.statusCode, 200)
    t.match(csv.headers['content-type'], /text\/csv/)
    t.equal(csv.body.trim().split('\n').length, 7, 'a header and six votes')
    t.match(csv.body, /voterCreatedAt/)

    t.equal((await w.get(`/api/contests/${contest.id}/integrity`, ana!)).statusCode, 403)
    const report = (await w.get(`/api/contests/${contest.id}/integrity?windowMinutes=30`, mod)).json()
    const cluster = report.newAccountClusters.find((c: { entryId: number }) => c.entryId === entries[1])
    t.ok(cluster, 'the burst of new accounts is reported')
    t.equal(cluster.voterCount, 3)
    t.same(cluster.voters.map((v: { id: number }) => v.id).sort(), burst.map((m) => m.id).sort())
    t.ok(report.sharedAddresses.length >= 1, 'several voters share an address')

    // Disqualifying a vote: audited, no longer counted.
    const vote = all.json().items.at(-1)
    const dq = `/api/contests/${contest.id}/votes/${vote.id}/disqualify`
    t.equal(
      (await a.inject({ method: 'POST', url: dq, headers: ana!.auth, payload: { reason: 'x' } })).statusCode,
      403,
    )
    const done = await a.inject({
      method: 'POST',
      url: dq,
      headers: mod.auth,
      payload: { reason: 'Compte créé pour voter' },
    })
    t.equal(done.statusCode, 200)
    t.equal(done.json().vote.disqualified, true)
    t.equal(
      (await a.inject({ method: 'POST', url: dq, headers: mod.auth, payload: { reason: 'again' } }))
        .statusCode,
      409,
    )
    const audited = await a.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'contest.vote_disqualified')
      .execute()
    t.equal(audited.length, 1)
    t.equal(audited[0]!.reason, 'Compte créé pour voter')

    // Disqualifying an entry: gone from the listing for members, still there for moderators.
    const entryDq = `/api/contests/${contest.id}/entries/${entries[2]}/disqualify`
    t.equal(
      (await a.inject({ method: 'POST', url: entryDq, headers: ana!.auth, payload: { reason: 'x' } }))
        .statusCode,
      403,
    )
    t.equal(
      (
        await a.inject({
          method: 'POST',
          url: entryDq,
          headers: mod.auth,
          payload: { reason: 'Photo volée' },
        })
      ).statusCode,
      200,
    )
    t.notOk(
      (await w.get(`/api/contests/${contest.id}/entries`))
        .json()
        .items.some((e: { id: number }) => e.id === entries[2]),
    )
    t.ok(
      (await w.get(`/api/contests/${contest.id}/entries`, mod))
        .json()
        .items.some((e: { id: number; disqualified: boolean }) => e.id === entries[2] && e.disqualified),
    )
    t.equal(
      (await w.vote(ben!, contest.id, entries[2]!)).statusCode,
      422,
      'no votes for a disqualified entry',
    )

    w.at(2 * day)
    const results = (await w.get(`/api/contests/${contest.id}/results`)).json().items
    const counted = await a.db
      .selectFrom('contestVotes')
      .select(['entryId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('contestId', '=', contest.id)
      .where('disqualifiedAt', 'is', null)
      .groupBy('entryId')
      .execute()
    const expected = entries
      .filter((id) => id !== entries[2])
      .map((id) => [id, Number(counted.find((c) => c.entryId === id)?.n ?? 0)] as [number, number])
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    t.same(
      results.map((r: { entry: { id: number }; votes: number }) => [r.entry.id, r.votes]),
      expected,
      'the disqualified vote and entry do not count; ties go to the earliest entry',
    )
    t.same(
      results.map((r: { rank: number }) => r.rank),
      [1, 2, 3],
    )
  })

  t.test('votes are rate-limited per member', async (t) => {
    const voter = await makeMember(a)
    const codes: number[] = []
    for (let i = 0; i < 31; i++) codes.push((await w.vote(voter, 999999, 1)).statusCode)
    t.same(codes.slice(0, 30), Array(30).fill(404), 'refused votes count too')
    t.equal(codes[30], 429)
    t.equal(
      (await w.vote(await makeMember(a), 999999, 1)).statusCode,
      404,
      'another member keeps their own allowance',
    )
  })
})

t.test('the vote statement, as SQL (a hot path: changes show up in review)', async (t) => {
  // Compiled only: no database needed.
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (k) => new PostgresIntrospector(k),
    },
  })
  const statement = insertVote({
    contestId: 1,
    entryId: 2,
    voterId: 3,
    votes: 3,
    oldest: new Date('2026-01-01T00:00:00Z'),
    ip: '192.0.2.1',
    now: new Date('2026-01-02T00:00:00Z'),
  }).compile(db)
  t.matchSnapshot(statement.sql, 'cast a vote: lowest free slot, guarded, one statement')
})
