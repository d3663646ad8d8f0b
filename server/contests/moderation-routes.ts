import { Readable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { stringify } from 'csv-stringify'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { requireRole } from '../accounts/guard.js'
import { errorResponses } from '../http/schemas.js'
import { disqualifyEntry } from './entries.js'
import { disqualifyVote, integrityReport, listVotes, voteCsvColumns, voteRows } from './integrity.js'
import {
  AuditVote,
  ContestParams,
  EntryParams,
  EntryResponse,
  IntegrityQuery,
  IntegrityReport,
  Reason,
  VoteList,
  VoteParams,
  VotesQuery,
} from './schema.js'

/** What moderators audit a contest with: every vote (JSON or CSV), suspicious patterns, disqualification. */
export default async function moderationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get(
    '/api/contests/:id/votes',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Every vote of a contest with voter, address and time, in casting order; `format=csv` exports them all (moderators)',
        params: ContestParams,
        querystring: VotesQuery,
        response: { 200: VoteList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      requireRole(req, 'moderator')
      const { cursor, limit = 100, format } = req.query
      if (format === 'csv') {
        await listVotes(app, req.params.id, { limit: 1 })
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tribune-contest-${req.params.id}-votes.csv"`)
          .send(
            Readable.from(voteRows(app, req.params.id)).pipe(
              stringify({ header: true, columns: voteCsvColumns, bom: true }),
            ) as never,
          )
      }
      return listVotes(app, req.params.id, { cursor, limit })
    },
  )

  app.get(
    '/api/contests/:id/integrity',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Suspicious voting: several members voting from one address, bursts of new accounts voting for one entry (moderators)',
        params: ContestParams,
        querystring: IntegrityQuery,
        response: { 200: IntegrityReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      const { windowMinutes = 60, minVoters = 3 } = req.query
      return integrityReport(app, req.params.id, { windowMinutes, minVoters })
    },
  )

  app.post(
    '/api/contests/:id/entries/:entryId/disqualify',
    {
      schema: {
        tags: ['contests'],
        summary: 'Disqualify an entry, with the reason (moderators, audited)',
        params: EntryParams,
        body: Reason,
        response: { 200: EntryResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      entry: await disqualifyEntry(
        app,
        requireRole(req, 'moderator'),
        req.params.id,
        req.params.entryId,
        req.body.reason,
      ),
    }),
  )

  app.post(
    '/api/contests/:id/votes/:voteId/disqualify',
    {
      schema: {
        tags: ['contests'],
        summary: 'Disqualify a vote, with the reason (moderators, audited): it no longer counts',
        params: VoteParams,
        body: Reason,
        response: { 200: Type.Object({ vote: AuditVote }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      vote: await disqualifyVote(
        app,
        requireRole(req, 'moderator'),
        req.params.id,
        req.params.voteId,
        req.body.reason,
      ),
    }),
  )
}
