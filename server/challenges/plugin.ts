import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import badgeRoutes from '../badges/routes.js'
import { scheduleJob } from '../jobs/queue.js'
import { evaluateKey, evaluateKind, graceMs, runEvaluation } from './evaluate.js'
import { activityChallenges } from './queries.js'
import challengeRoutes from './routes.js'

/**
 * Challenges, points and leaderboards, and the badges' reading side (the community's badges, a
 * member's badges with when and why). Challenges completed from activity are evaluated by the
 * `challenges.evaluate` job and whenever a member opens them (server/challenges/evaluate.ts).
 */
export default fp(
  async function challenges(app: FastifyInstance) {
    app.jobs.register(evaluateKind, () => runEvaluation(app))
    // The job keeps itself going while a challenge is open and is woken when one is created. Should
    // it have stopped (a crash between runs, retries exhausted while the database was away), an
    // instance starting revives it; while it is pending, nothing is touched.
    app.addHook('onReady', async () => {
      if ((await activityChallenges(app.db, app.clock(), graceMs)).length === 0) return
      const pending = await app.db
        .selectFrom('jobs')
        .select('id')
        .where('key', '=', evaluateKey)
        .where('doneAt', 'is', null)
        .where('failedAt', 'is', null)
        .executeTakeFirst()
      if (!pending) await scheduleJob(app.db, { kind: evaluateKind, key: evaluateKey, runAt: app.clock() })
    })
    await app.register(challengeRoutes)
    await app.register(badgeRoutes)
  },
  {
    name: 'tribune-challenges',
    dependencies: ['tribune-infra', 'tribune-guard', 'tribune-jobs', 'tribune-forum', 'tribune-live'],
  },
)
