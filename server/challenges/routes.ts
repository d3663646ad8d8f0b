import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole, requireViewer, requireWriter } from '../accounts/guard.js'
import { errorResponses, IdParams } from '../http/schemas.js'
import { Leaderboard, LeaderboardQuery, leaderboard } from './leaderboard.js'
import {
  Challenge,
  ChallengeCreate,
  ChallengeList,
  ChallengeListQuery,
  ChallengeOccurrence,
  ChallengePatch,
  ChallengeResponse,
  Progress,
  ProgressResponse,
  Review,
  Submission,
  SubmissionCreate,
  SubmissionList,
  SubmissionListQuery,
  SubmissionResponse,
} from './schema.js'
import {
  createChallenge,
  editChallenge,
  getChallenge,
  listChallenges,
  loadVisible,
  progressOf,
} from './service.js'
import { listSubmissions, review, submit } from './submissions.js'

export default async function challengeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(ChallengeOccurrence)
  app.addSchema(Submission)
  app.addSchema(Progress)
  app.addSchema(Challenge)

  app.get(
    '/api/challenges',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Challenges, newest first, each with the reader’s progress (evaluated now)',
        querystring: ChallengeListQuery,
        response: { 200: ChallengeList, ...errorResponses(400, 403) },
      },
    },
    async (req) => listChallenges(app, req.viewer, req.query),
  )

  app.post(
    '/api/challenges',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Create a challenge (moderators)',
        body: ChallengeCreate,
        response: { 201: ChallengeResponse, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const challenge = await createChallenge(app, requireRole(req, 'moderator'), req.body)
      return reply.status(201).send({ challenge })
    },
  )

  app.get(
    '/api/challenges/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'A challenge, with the reader’s progress',
        params: IdParams,
        response: { 200: ChallengeResponse, ...errorResponses(400, 404) },
      },
    },
    async (req) => ({ challenge: await getChallenge(app, req.viewer, req.params.id) }),
  )

  app.patch(
    '/api/challenges/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Edit, archive or restore a challenge (moderators)',
        params: IdParams,
        body: ChallengePatch,
        response: { 200: ChallengeResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => ({
      challenge: await editChallenge(app, requireRole(req, 'moderator'), req.params.id, req.body),
    }),
  )

  app.get(
    '/api/challenges/:id/progress',
    {
      schema: {
        tags: ['challenges'],
        summary: 'The signed-in member’s progress in the occurrence open now (null when none is open)',
        params: IdParams,
        response: { 200: ProgressResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req)
      const challenge = await loadVisible(app, viewer, req.params.id)
      return { progress: await progressOf(app, viewer, challenge, app.clock()) }
    },
  )

  app.post(
    '/api/challenges/:id/submissions',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Submit for a challenge completed by review (once per period, again after a rejection)',
        params: IdParams,
        body: SubmissionCreate,
        response: { 201: SubmissionResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireWriter(req, await app.charter.currentVersion())
      const submission = await submit(app, viewer, req.params.id, req.body)
      return reply.status(201).send({ submission })
    },
  )

  app.get(
    '/api/challenges/:id/submissions',
    {
      schema: {
        tags: ['challenges'],
        summary: 'A challenge’s submissions, newest first, by status (moderators)',
        params: IdParams,
        querystring: SubmissionListQuery,
        response: { 200: SubmissionList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return listSubmissions(app, req.params.id, req.query)
    },
  )

  app.post(
    '/api/challenge-submissions/:id/review',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Approve or reject a submission (moderators; a rejection says why)',
        params: IdParams,
        body: Review,
        response: { 200: SubmissionResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => ({
      submission: await review(app, requireRole(req, 'moderator'), req.params.id, req.body),
    }),
  )

  app.get(
    '/api/leaderboard',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Points leaderboard for the week, the month or all time, with the reader’s own rank',
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard, ...errorResponses(400) },
      },
    },
    async (req) => leaderboard(app, req.viewer, req.query),
  )
}
