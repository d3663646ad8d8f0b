import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { requireWriter } from '../accounts/guard.js'
import { errorResponses, PageQuery } from '../http/schemas.js'
import { createEntry, listEntries } from './entries.js'
import { readEntryForm } from './images.js'
import { scoreEntry } from './jury.js'
import {
  ContestParams,
  EntryCreate,
  EntryList,
  EntryParams,
  EntryResponse,
  ScoresBody,
  ScoresResponse,
  VoteResponse,
} from './schema.js'
import { castVote } from './votes.js'

/** The image of a multipart entry, read before validation (which then checks its text fields). */
const uploads = new WeakMap<FastifyRequest, Buffer | null>()

export default async function entryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  // A member votes a few times per contest: a burst beyond this is a script or a stuck button.
  const votesPerMember: preHandlerHookHandler[] = app.config.rateLimits
    ? [
        app.rateLimit({
          max: 30,
          timeWindow: 60_000,
          keyGenerator: (req) => `contest-votes:${req.viewer?.id ?? req.ip}`,
        }),
      ]
    : []

  app.post(
    '/api/contests/:id/entries',
    {
      schema: {
        tags: ['contests'],
        summary: 'Enter a contest while submissions are open: JSON, or multipart with an `image` file',
        params: ContestParams,
        consumes: ['application/json', 'multipart/form-data'],
        body: EntryCreate,
        response: { 201: EntryResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 422, 429) },
      },
      // Multipart: who is asking is checked before a byte of the file is read, then the form is
      // read into the body the schema validates (title, body) and the image kept aside.
      preValidation: async (req) => {
        if (!req.isMultipart()) return
        requireWriter(req, await app.charter.currentVersion())
        const form = await readEntryForm(req)
        req.body = { title: form.fields.title ?? '', body: form.fields.body ?? '' }
        uploads.set(req, form.image)
      },
    },
    async (req, reply) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      const entry = await createEntry(app, viewer, req.params.id, req.body, uploads.get(req) ?? null)
      return reply.status(201).send({ entry })
    },
  )

  app.get(
    '/api/contests/:id/entries',
    {
      schema: {
        tags: ['contests'],
        summary: 'A contest’s entries in the order they came in (vote counts hidden until results)',
        params: ContestParams,
        querystring: PageQuery,
        response: { 200: EntryList, ...errorResponses(400, 404) },
      },
    },
    async (req) => listEntries(app, req.viewer, req.params.id, req.query),
  )

  app.post(
    '/api/contests/:id/entries/:entryId/votes',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Vote for an entry (one vote per entry, votesPerMember per contest): 409 past the allowance, 422 for one’s own entry or outside voting',
        params: EntryParams,
        response: { 201: VoteResponse, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
      preHandler: votesPerMember,
    },
    async (req, reply) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      const vote = await castVote(app, viewer, req.params.id, req.params.entryId, req.ip)
      return reply.status(201).send({ vote })
    },
  )

  app.put(
    '/api/contests/:id/entries/:entryId/scores',
    {
      schema: {
        tags: ['contests'],
        summary: 'Score an entry on every criterion, 0 to 10 (the contest’s jurors)',
        params: EntryParams,
        body: ScoresBody,
        response: { 200: ScoresResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      return scoreEntry(app, viewer, req.params.id, req.params.entryId, req.body.scores)
    },
  )
}
