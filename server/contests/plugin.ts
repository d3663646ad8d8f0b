import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { registerPhaseJobs } from './jobs.js'
import { registerContestChannel } from './live.js'
import contestRoutes from './routes.js'
import { ContestRulesCache } from './rules-cache.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Contests' voting rules in memory, forgotten on every instance when a contest is edited. */
    contestRules: ContestRulesCache
  }
}

/**
 * Contests: moderators run them, members enter and vote, a jury may score; phases open and close
 * on schedule (computed at read time; `contest.phase` jobs carry the live change, the winners'
 * announcement and badges); each contest has its discussion topic.
 */
export default fp(
  async function contests(app: FastifyInstance) {
    app.decorate('contestRules', new ContestRulesCache(app.db, app.bus))
    app.addHook('onClose', async () => app.contestRules.close())
    registerPhaseJobs(app)
    registerContestChannel(app)
    // Not wrapped: multipart parsing stays inside the contests' own scope.
    await app.register(contestRoutes)
  },
  {
    name: 'tribune-contests',
    dependencies: ['tribune-infra', 'tribune-guard', 'tribune-live', 'tribune-jobs', 'tribune-forum'],
  },
)
