import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { allEntries } from './queries.js'
import watchedWordRoutes from './routes.js'
import { WatchedWords } from './service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The watched words in force: `check(text)` on every write of member text. */
    watchedWords: WatchedWords
  }
}

/** Watched words: the decoration every write path checks through, and the moderators' routes. */
export default fp(
  async function watchedWords(app: FastifyInstance) {
    app.decorate('watchedWords', new WatchedWords(() => allEntries(app.db), app.bus))
    app.addHook('onClose', async () => app.watchedWords.close())
    await app.register(watchedWordRoutes)
  },
  { name: 'tribune-watched-words', dependencies: ['tribune-infra', 'tribune-guard'] },
)
