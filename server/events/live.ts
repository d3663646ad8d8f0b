import type { FastifyInstance } from 'fastify'
import { channelId } from '../live/channels.js'
import type { LiveEvent } from '../live/events.js'
import { canSee } from './policy.js'
import { presentQuestion, selectQuestions } from './qa/queries.js'

export const eventChannel = (id: number) => `event:${id}`

/**
 * `event:<id>`: an event's changes as they happen (its RSVP counts, edits, cancellation, the Q&A
 * switched on or off, questions asked, upvoted, answered or hidden), for whoever may see the
 * event, checked again before every batch (its visibility may have changed).
 */
export function registerEventChannel(app: FastifyInstance): void {
  const audience = (id: number) =>
    app.db.selectFrom('events').select(['visibility', 'groupId']).where('id', '=', id).executeTakeFirst()

  app.liveChannels.register('event', {
    async open(viewer, arg) {
      const id = channelId(arg)
      const event = id === null ? undefined : await audience(id)
      return event && canSee(viewer, event) ? { key: eventChannel(id!) } : 'not_found'
    },
    async gate(key) {
      const event = await audience(Number(key.slice('event:'.length)))
      if (!event) return () => 'gone'
      return (viewer) => (canSee(viewer, event) ? 'ok' : 'forbidden')
    },
  })
  app.live.present('event', (events) => currentQuestions(app, events))
}

const questionEvents = new Set(['question.created', 'question.updated'])

/**
 * Question events leave with the question as it is now, and a question hidden since it was
 * asked is retracted (`question.hidden`), never replayed with its text.
 */
async function currentQuestions(app: FastifyInstance, events: LiveEvent[]): Promise<LiveEvent[]> {
  const idOf = (e: LiveEvent) => (e.data as { question?: { id?: number } }).question?.id
  const ids = [...new Set(events.filter((e) => questionEvents.has(e.type)).map(idOf))].filter(
    (id): id is number => typeof id === 'number',
  )
  if (ids.length === 0) return events
  const rows = await selectQuestions(app.db).where('q.id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return events.map((e) => {
    if (!questionEvents.has(e.type)) return e
    const id = idOf(e)
    const row = id === undefined ? undefined : byId.get(id)
    if (!row || row.hiddenAt !== null) return { ...e, type: 'question.hidden', data: { questionId: id } }
    return { ...e, data: { question: presentQuestion(row, null) } }
  })
}
