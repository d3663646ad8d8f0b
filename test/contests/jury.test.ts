import t from 'tap'
import { rankEntries, type Tally } from '../../server/contests/ranking.js'
import { makeMember } from '../helpers/factories.js'
import { contestWorld, day, hour } from './helpers.js'

// A jury: chosen members score each entry on each criterion; the contest stays closed (judging)
// until every juror has scored or the jury's deadline, then ranks by the weighted score.

t.test('ranking and its tie-breaks', async (t) => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n))
  const tallies: Tally[] = [
    { entryId: 1, createdAt: at(3), votes: 5, juryScore: 6 },
    { entryId: 2, createdAt: at(1), votes: 5, juryScore: 8 },
    { entryId: 3, createdAt: at(2), votes: 5, juryScore: 8 },
    { entryId: 4, createdAt: at(0), votes: 2, juryScore: 9 },
  ]
  const order = (r: ReturnType<typeof rankEntries>) => r.map((x) => [x.entryId, x.rank])
  t.same(
    order(rankEntries(tallies, 'members', 0, 'earliest_entry')),
    [
      [2, 1],
      [3, 2],
      [1, 3],
      [4, 4],
    ],
    'earliest entry first, ranks never shared',
  )
  t.same(
    order(rankEntries(tallies, 'members', 0, 'shared')),
    [
      [2, 1],
      [3, 1],
      [1, 1],
      [4, 4],
    ],
    'equal votes share a rank',
  )
  t.same(
    order(rankEntries(tallies, 'members', 0, 'jury')),
    [
      [2, 1],
      [3, 1],
      [1, 3],
      [4, 4],
    ],
    'the jury breaks ties; still equal, shared',
  )
  t.same(order(rankEntries(tallies, 'jury', 1, 'earliest_entry')), [
    [4, 1],
    [2, 2],
    [3, 3],
    [1, 4],
  ])
  const both = rankEntries(tallies, 'both', 0.5, 'earliest_entry')
  // Entry 4: 0.5 × 2/5 + 0.5 × 0.9 = 0.65; entries 2 and 3: 0.5 + 0.4 = 0.9; entry 1: 0.5 + 0.3 = 0.8.
  t.same(
    both.map((x) => [x.entryId, x.score]),
    [
      [2, 0.9],
      [3, 0.9],
      [1, 0.8],
      [4, 0.65],
    ],
  )
  t.same(rankEntries([], 'both', 0.5, 'jury'), [])
})

t.test('a jury', async (t) => {
  const w = await contestWorld(t)
  const { a, mod } = w
  const [j1, j2, ana, ben, voter] = await Promise.all([1, 2, 3, 4, 5].map(() => makeMember(a)))
  const criteria = [
    { id: 'originality', name: 'Originalité' },
    { id: 'technique', name: 'Technique' },
  ]
  const withJury = (extra: object = {}) =>
    w.contest({
      jurorIds: [j1!.id, j2!.id],
      criteria,
      votingMode: 'both',
      juryWeight: 0.5,
      tieBreak: 'jury',
      resultsAt: new Date(w.clock.now.getTime() + 4 * day).toISOString(),
      ...extra,
    })
  const contest = await withJury()
  const score = (who: typeof j1, entryId: number, scores: object, id = contest.id) =>
    a.inject({
      method: 'PUT',
      url: `/api/contests/${id}/entries/${entryId}/scores`,
      headers: who!.auth,
      payload: { scores },
    })
  const phase = async (id = contest.id) => (await w.get(`/api/contests/${id}`)).json().contest.phase

  t.test('jurors are shown, judge, and neither enter nor vote', async (t) => {
    const c = (await w.get(`/api/contests/${contest.id}`, j1)).json().contest
    t.match(c, { votingMode: 'both', juryWeight: 0.5, tieBreak: 'jury', criteria, me: { juror: true } })
    t.same(c.jurors.map((j: { id: number }) => j.id).sort(), [j1!.id, j2!.id].sort())
    w.at(hour)
    const enter = await a.inject({
      method: 'POST',
      url: `/api/contests/${contest.id}/entries`,
      headers: j1!.auth,
      payload: { title: 'Moi', body: 'x' },
    })
    t.equal(enter.json().error.code, 'juror_cannot_enter')
    const first = await w.enter(ana!, contest.id)
    t.equal(
      (await score(j1, first.id, { originality: 5, technique: 5 })).json().error.code,
      'not_judging',
      'not before voting',
    )
    w.at(day)
    t.equal((await w.vote(j1!, contest.id, first.id)).json().error.code, 'juror_cannot_vote')
  })

  t.test('scores: jurors only, every criterion, 0 to 10', async (t) => {
    const [first] = (await w.get(`/api/contests/${contest.id}/entries`)).json().items
    t.equal(
      (
        await a.inject({
          method: 'PUT',
          url: `/api/contests/${contest.id}/entries/${first.id}/scores`,
          payload: { scores: {} },
        })
      ).statusCode,
      401,
    )
    t.equal((await score(ana, first.id, { originality: 5, technique: 5 })).json().error.code, 'not_a_juror')
    t.equal((await score(j1, first.id, { originality: 5 })).json().error.code, 'missing_criterion')
    t.equal(
      (await score(j1, first.id, { originality: 5, technique: 5, luck: 1 })).json().error.code,
      'unknown_criterion',
    )
    t.equal((await score(j1, first.id, { originality: 11, technique: 5 })).statusCode, 400)
    t.equal((await score(j1, 999999, { originality: 1, technique: 5 })).statusCode, 404)
    const ok = await score(j1, first.id, { originality: 7, technique: 6 })
    t.equal(ok.statusCode, 200)
    t.same(ok.json(), { scores: { originality: 7, technique: 6 }, juryComplete: false })
    const again = await score(j1, first.id, { originality: 8, technique: 6 })
    t.same(again.json().scores, { originality: 8, technique: 6 }, 'scoring again replaces')
    const mine = (await w.get(`/api/contests/${contest.id}/entries`, j1)).json().items[0]
    t.same(mine.myScores, { originality: 8, technique: 6 })
  })

  t.test('closed (judging) until the jury is done or its deadline, then ranked by the blend', async (t) => {
    w.at(2 * day)
    t.equal(await phase(), 'closed')
    t.equal((await w.get(`/api/contests/${contest.id}/results`)).json().error.code, 'results_not_out')
    w.at(4 * day)
    t.equal(await phase(), 'results', 'the deadline passed: results with the scores given')
    const results = (await w.get(`/api/contests/${contest.id}/results`)).json().items
    t.equal(results.length, 1)
    t.match(results[0], { rank: 1, votes: 0, juryScore: 7, score: 0.35 })
  })

  t.test('the last score after voting closed brings the results out at once', async (t) => {
    w.at(0)
    const quick = await withJury({ votingMode: 'jury', juryWeight: undefined, tieBreak: 'earliest_entry' })
    t.equal(quick.juryWeight, 1)
    w.at(hour)
    const e1 = await w.enter(ana!, quick.id, 'Première')
    const e2 = await w.enter(ben!, quick.id, 'Seconde')
    w.at(day)
    t.equal((await w.vote(voter!, quick.id, e1.id)).json().error.code, 'jury_only')
    await score(j1, e1.id, { originality: 9, technique: 9 }, quick.id)
    await score(j1, e2.id, { originality: 4, technique: 4 }, quick.id)
    await score(j2, e1.id, { originality: 8, technique: 8 }, quick.id)
    w.at(2 * day)
    t.equal(await phase(quick.id), 'closed')
    const last = await score(j2, e2.id, { originality: 5, technique: 5 }, quick.id)
    t.equal(last.json().juryComplete, true)
    t.equal(await phase(quick.id), 'results')
    const results = (await w.get(`/api/contests/${quick.id}/results`)).json().items
    t.same(
      results.map((r: { entry: { id: number }; rank: number; juryScore: number }) => [
        r.entry.id,
        r.rank,
        r.juryScore,
      ]),
      [
        [e1.id, 1, 8.5],
        [e2.id, 2, 4.5],
      ],
    )
    const row = await a.db
      .selectFrom('contests')
      .select('resultsAnnouncedAt')
      .where('id', '=', quick.id)
      .executeTakeFirstOrThrow()
    t.ok(row.resultsAnnouncedAt, 'announced without waiting for the deadline')
    const badge = await a.db
      .selectFrom('userBadges')
      .select('userId')
      .where('source', '=', `contest:${quick.id}`)
      .execute()
    t.same(badge, [{ userId: ana!.id }])
    t.equal(
      (await score(j1, e1.id, { originality: 1, technique: 1 }, quick.id)).json().error.code,
      'not_judging',
      'no scoring once results are out',
    )
  })

  t.test('resultsAt moves with the other dates, in order', async (t) => {
    const res = await a.inject({
      method: 'PATCH',
      url: `/api/contests/${contest.id}`,
      headers: mod.auth,
      payload: { resultsAt: new Date(w.clock.now.getTime() - 30 * day).toISOString() },
    })
    t.equal(res.json().error.code, 'dates_out_of_order')
  })
})
