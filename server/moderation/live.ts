import type { FastifyInstance } from 'fastify'
import { isStaff } from '../accounts/viewer.js'
import { moderationChannel } from './decision.js'

/** `moderation`: the queue and appeals as they change, for moderators and admins only. */
export function registerModerationChannel(app: FastifyInstance): void {
  app.liveChannels.register(moderationChannel, {
    // Visitors and members are told the channel does not exist, as for a topic they may not read.
    open: async (viewer, arg) => (arg === '' && isStaff(viewer) ? { key: moderationChannel } : 'not_found'),
    gate: async () => (viewer) => (isStaff(viewer) && viewer?.restriction === null ? 'ok' : 'forbidden'),
  })
}
