import t from 'tap'
import { makeMember } from '../helpers/factories.js'
import { contestWorld, day, hour } from './helpers.js'

// A contest's life: created by a moderator with its discussion topic, phases computed from the
// dates at read time, dates moved (past ones included, in order), and at the close the winners
// announced in the topic and given a badge by the phase jobs, once.

t.test('contests', async (t) => {
  const w = await contestWorld(t)
  const { a, mod } = w
  const member = await makeMember(a)

  t.test('creating one is refused to visitors and members, and to bad input', async (t) => {
    const body = {
      title: 'Un concours',
      rules: 'Les règles.',
      submissionsOpenAt: '2030-01-01T00:00:00Z',
      votingOpensAt: '2030-01-02T00:00:00Z',
      votingClosesAt: '2030-01-03T00:00:00Z',
      votesPerMember: 3,
    }
    const post = (payload: object, headers = mod.auth) =>
      a.inject({ method: 'POST', url: '/api/contests', headers, payload })
    t.equal((await a.inject({ method: 'POST', url: '/api/contests', payload: body })).statusCode, 401)
    const forbidden = await post(body, member.auth)
    t.equal(forbidden.statusCode, 403)
    t.equal(forbidden.json().error.code, 'forbidden')
    t.equal((await post({ ...body, votesPerMember: 0 })).statusCode, 400)
    t.equal((await post({ ...body, extra: 1 })).statusCode, 400, 'unknown fields are refused')
    t.equal((await post({ ...body, submissionsOpenAt: 'tomorrow' })).statusCode, 400)
    const disorder = await post({ ...body, votingClosesAt: '2030-01-01T12:00:00Z' })
    t.equal(disorder.statusCode, 422)
    t.equal(disorder.json().error.code, 'dates_out_of_order')
    t.equal((await post({ ...body, votingMode: 'jury' })).json().error.code, 'jury_required')
    t.equal((await post({ ...body, jurorIds: [mod.id] })).json().error.code, 'criteria_required')
    t.equal((await post({ ...body, resultsAt: '2030-01-04T00:00:00Z' })).json().error.code, 'no_jury')
    t.equal(
      (await post({ ...body, jurorIds: [999999], criteria: [{ id: 'x', name: 'X' }] })).json().error.code,
      'unknown_juror',
    )
    t.equal((await post({ ...body, categoryId: 999999 })).statusCode, 404)
    t.equal(
      await a.db
        .selectFrom('contests')
        .select('id')
        .execute()
        .then((r) => r.length),
      0,
      'nothing half-written',
    )
  })

  t.test('a moderator creates one, with its topic and audit entry, and anyone reads it', async (t) => {
    const contest = await w.contest()
    t.match(contest, {
      title: 'Photo de l’été',
      phase: 'upcoming',
      votesPerMember: 3,
      entriesPerMember: 1,
      votingMode: 'members',
      tieBreak: 'earliest_entry',
      url: `/contests/${contest.id}`,
      rulesHtml: /<strong>par membre<\/strong>/,
    })
    const topic = await w.get(`/api/topics/${contest.topicId}`)
    t.equal(topic.statusCode, 200, 'the discussion topic exists and is public')
    t.equal(topic.json().topic.title, 'Photo de l’été')
    t.match(topic.json().posts[0].body, `/contests/${contest.id}`)
    t.equal(
      contest.topicUrl,
      topic.json().topic.url,
      'the contest links to its discussion by its canonical address',
    )
    const audit = await a.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'contest.created')
      .execute()
    t.equal(audit.length, 1)
    t.equal(audit[0]!.actorId, mod.id)
    const jobs = await a.db
      .selectFrom('jobs')
      .select(['key', 'runAt'])
      .where('kind', '=', 'contest.phase')
      .execute()
    t.same(jobs.map((j) => j.key).sort(), [
      `contest:${contest.id}:closed`,
      `contest:${contest.id}:submissions`,
      `contest:${contest.id}:voting`,
    ])
    const anon = await w.get(`/api/contests/${contest.id}`)
    t.equal(anon.statusCode, 200)
    t.equal(anon.json().contest.me, null)
    t.same(anon.json().contest.can, { enter: false, vote: false, judge: false, moderate: false })
    t.equal((await w.get('/api/contests/999999')).statusCode, 404)
    // Its live channel: anyone may follow a contest that exists, as anyone reads its page.
    const channel = (name: string) => a.app.liveChannels.parse(name)!
    t.same(await channel(`contest:${contest.id}`).kind.open(null, String(contest.id)), {
      key: `contest:${contest.id}`,
    })
    t.equal(await channel('contest:999999').kind.open(null, '999999'), 'not_found')
    const list = await w.get('/api/contests?limit=1')
    t.equal(list.json().items[0].id, contest.id)
  })

  t.test('the phase follows the clock, read time, with no job run', async (t) => {
    const contest = await w.contest()
    const phase = async () => (await w.get(`/api/contests/${contest.id}`, member)).json().contest
    w.at(0)
    t.equal((await phase()).phase, 'upcoming')
    w.at(hour)
    t.equal((await phase()).phase, 'submissions', 'opens at the exact time')
    t.equal((await phase()).can.enter, true)
    w.at(day)
    t.equal((await phase()).phase, 'voting')
    t.equal((await phase()).can.vote, true)
    t.equal((await phase()).me.votesLeft, 3)
    w.at(2 * day)
    t.equal((await phase()).phase, 'results', 'without a jury, results the moment voting closes')
    w.at(0)
  })

  t.test(
    'moderators move dates, past ones included, in order only; each move audited and its job moved',
    async (t) => {
      const contest = await w.contest()
      const patch = (payload: object, headers = mod.auth) =>
        a.inject({ method: 'PATCH', url: `/api/contests/${contest.id}`, headers, payload })
      t.equal(
        (await a.inject({ method: 'PATCH', url: `/api/contests/${contest.id}`, payload: { title: 'x y z' } }))
          .statusCode,
        401,
      )
      t.equal((await patch({ title: 'Nouveau titre' }, member.auth)).statusCode, 403)
      t.equal(
        (
          await a.inject({
            method: 'PATCH',
            url: '/api/contests/999999',
            headers: mod.auth,
            payload: { title: 'abc' },
          })
        ).statusCode,
        404,
      )
      t.equal((await patch({})).statusCode, 400)
      const disorder = await patch({ votingOpensAt: new Date(w.clock.now.getTime() + 3 * day).toISOString() })
      t.equal(disorder.statusCode, 422)
      t.equal(disorder.json().error.code, 'dates_out_of_order')

      // Into the past: submissions opened yesterday, voting opened an hour ago.
      const past = {
        submissionsOpenAt: new Date(w.clock.now.getTime() - day).toISOString(),
        votingOpensAt: new Date(w.clock.now.getTime() - hour).toISOString(),
        reason: 'Starting early',
      }
      const moved = await patch(past)
      t.equal(moved.statusCode, 200)
      t.equal(moved.json().contest.phase, 'voting')
      t.equal(moved.json().contest.submissionsOpenAt, past.submissionsOpenAt)
      const entry = await a.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'contest.dates_moved')
        .where('targetId', '=', String(contest.id))
        .executeTakeFirstOrThrow()
      t.equal(entry.reason, 'Starting early')
      t.match(entry.data, { votingOpensAt: { to: past.votingOpensAt } })
      const job = await a.db
        .selectFrom('jobs')
        .selectAll()
        .where('key', '=', `contest:${contest.id}:voting`)
        .executeTakeFirstOrThrow()
      t.equal(job.runAt.toISOString(), past.votingOpensAt, 'the voting job moved with the date')
      const events = await a.db
        .selectFrom('liveEvents')
        .select(['type', 'data'])
        .where('channel', '=', `contest:${contest.id}`)
        .execute()
      t.ok(
        events.some((e) => e.type === 'contest.phase' && (e.data as { phase: string }).phase === 'voting'),
        'live readers told at once',
      )
    },
  )

  t.test(
    'at the close: the phase job announces the winners in the topic and awards the badge, once',
    async (t) => {
      const contest = await w.contest()
      const [ana, ben, cleo, dan] = await Promise.all([
        makeMember(a),
        makeMember(a),
        makeMember(a),
        makeMember(a),
      ])
      w.at(hour)
      await a.app.jobs.runDue()
      const first = await w.enter(ana!, contest.id, 'Coucher de soleil')
      const second = await w.enter(ben!, contest.id, 'Lever de lune')
      t.equal((await w.get(`/api/contests/${contest.id}/results`)).json().error.code, 'results_not_out')
      w.at(day)
      await a.app.jobs.runDue()
      for (const voter of [cleo!, dan!]) t.equal((await w.vote(voter, contest.id, first.id)).statusCode, 201)
      t.equal((await w.vote(cleo!, contest.id, second.id)).statusCode, 201)
      const early = await w.get(`/api/contests/${contest.id}/results`)
      t.equal(early.statusCode, 409, 'no counts while voting is open')
      t.notMatch(
        (await w.get(`/api/contests/${contest.id}/entries`)).body,
        /"votes"/,
        'entries carry no counts',
      )

      w.at(2 * day)
      const results = await w.get(`/api/contests/${contest.id}/results`)
      t.equal(results.statusCode, 200, 'readable the moment voting closed, before any job ran')
      t.same(
        results
          .json()
          .items.map((i: { entry: { id: number }; votes: number; rank: number }) => [
            i.entry.id,
            i.votes,
            i.rank,
          ]),
        [
          [first.id, 2, 1],
          [second.id, 1, 2],
        ],
      )
      await a.app.jobs.runDue()
      await a.app.jobs.runDue()
      const row = await a.db
        .selectFrom('contests')
        .selectAll()
        .where('id', '=', contest.id)
        .executeTakeFirstOrThrow()
      t.ok(row.resultsAnnouncedAt)
      t.equal(row.publishedPhase, 'results')
      const topic = (await w.get(`/api/topics/${contest.topicId}`)).json()
      t.equal(topic.posts.length, 2, 'one announcement')
      t.match(topic.posts[1].body, /Coucher de soleil/)
      t.match(topic.posts[1].body, new RegExp(`@${ana!.handle}`))
      const badges = await a.db
        .selectFrom('userBadges as ub')
        .innerJoin('badges as b', 'b.id', 'ub.badgeId')
        .select(['ub.userId', 'b.slug', 'ub.source'])
        .where('ub.source', '=', `contest:${contest.id}`)
        .execute()
      t.same(badges, [{ userId: ana!.id, slug: 'contest-winner', source: `contest:${contest.id}` }])
      const won = await a.db
        .selectFrom('liveEvents')
        .select('type')
        .where('channel', '=', `user:${ana!.id}`)
        .where('type', '=', 'contest.won')
        .execute()
      t.equal(won.length, 1, 'the winner is told once')

      // A retried job, or the sync run again: nothing twice.
      const { syncContest } = await import('../../server/contests/jobs.js')
      await syncContest(a.app, contest.id)
      t.equal((await w.get(`/api/topics/${contest.topicId}`)).json().posts.length, 2)
      const phases = await a.db
        .selectFrom('liveEvents')
        .select('data')
        .where('channel', '=', `contest:${contest.id}`)
        .where('type', '=', 'contest.phase')
        .execute()
      t.same(
        phases.map((e) => (e.data as { phase: string }).phase),
        ['submissions', 'voting', 'results'],
        'each phase change told once, live',
      )
      w.at(0)
    },
  )
})
