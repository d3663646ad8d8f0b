import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import activityRoutes from './activity.js'
import { CategoryDirectory } from './categories/directory.js'
import { registerForumChannels } from './live.js'
import forumRoutes from './routes.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Categories and who may read and post in them; other domains filter through it. */
    categories: CategoryDirectory
  }
}

export default fp(
  async function forum(app: FastifyInstance) {
    app.decorate('categories', new CategoryDirectory(app.db, app.bus))
    app.addHook('onClose', async () => app.categories.close())
    registerForumChannels(app)
    await app.register(forumRoutes)
    await app.register(activityRoutes)
  },
  { name: 'tribune-forum', dependencies: ['tribune-infra', 'tribune-guard', 'tribune-live'] },
)
