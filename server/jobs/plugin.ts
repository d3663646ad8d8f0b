import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { JobRunner } from './runner.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Scheduled work from the jobs table. Domains register their kinds while the app is built
     * (`app.jobs.register('event.reminder', handler)`) and schedule rows with `scheduleJob`;
     * polling starts once the app is ready and stops before it closes.
     */
    jobs: JobRunner
  }
}

export default fp(
  async function jobs(app: FastifyInstance) {
    const runner = new JobRunner({
      db: app.db,
      clock: () => app.clock(),
      log: app.log,
      pollMs: app.config.jobsPollMs,
    })
    app.decorate('jobs', runner)
    app.addHook('onReady', async () => runner.start())
    app.addHook('preClose', async () => runner.stop())
  },
  { name: 'tribune-jobs', dependencies: ['tribune-infra'] },
)
