import type { FastifyInstance } from 'fastify'
import { channelId } from '../live/channels.js'

/**
 * `contest:<id>`: a contest's phase changes, new and disqualified entries, the results coming
 * out. Contests are public, like their pages: anyone may follow one that exists. Vote counts never
 * travel on it before results.
 */
export function registerContestChannel(app: FastifyInstance): void {
  const exists = async (id: number | null) =>
    id !== null &&
    (await app.db.selectFrom('contests').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  app.liveChannels.register('contest', {
    open: async (_viewer, arg) => {
      const id = channelId(arg)
      return (await exists(id)) ? { key: `contest:${id}` } : 'not_found'
    },
    gate: async (key) =>
      (await exists(channelId(key.slice('contest:'.length)))) ? () => 'ok' : () => 'gone',
  })
}
