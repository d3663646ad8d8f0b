import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Mailer } from '../mail/mailer.js'
import icsRoutes from './ics/routes.js'
import { registerEventChannel } from './live.js'
import questionRoutes from './qa/routes.js'
import { registerReminders } from './reminders.js'
import eventRoutes from './routes.js'
import rsvpRoutes from './rsvp/routes.js'
import { Event, Rsvp } from './schema.js'

/**
 * Events: meet-ups and live sessions with RSVPs (capacity, waitlist), a discussion topic each,
 * reminders (jobs), .ics files and a calendar feed, and a live Q&A on the `event:<id>` channel.
 */
export default fp(
  async function events(app: FastifyInstance) {
    const mailer = new Mailer(app.config, app.log)
    app.addHook('onClose', async () => mailer.close())
    registerEventChannel(app)
    registerReminders(app, mailer)
    await app.register(async (scope) => {
      scope.addSchema(Rsvp)
      scope.addSchema(Event)
      await scope.register(eventRoutes)
      await scope.register(rsvpRoutes)
      await scope.register(questionRoutes)
      await scope.register(icsRoutes)
    })
  },
  {
    name: 'tribune-events',
    dependencies: ['tribune-infra', 'tribune-guard', 'tribune-live', 'tribune-jobs', 'tribune-forum'],
  },
)
