import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../accounts/guard.js'
import { errorResponses, IdParams, NoContent } from '../../http/schemas.js'
import {
  CheckBody,
  CheckResponse,
  WatchedWord,
  WordCreate,
  WordList,
  WordListQuery,
  WordResponse,
} from './schema.js'
import { addWord, listWords, removeWord } from './service.js'

/** The watched-word list and its try-out, for moderators and admins. */
export default async function watchedWordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(WatchedWord)
  const deps = { db: app.db, watchedWords: app.watchedWords }
  const tags = ['moderation']

  app.get(
    '/api/moderation/watched-words',
    {
      schema: {
        tags,
        summary: 'The watched words and phrases, newest first (moderators)',
        querystring: WordListQuery,
        response: { 200: WordList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return listWords(deps, req.query)
    },
  )

  app.post(
    '/api/moderation/watched-words',
    {
      schema: {
        tags,
        summary: 'Watch a word or phrase (moderators); 409 when the same words are already watched',
        body: WordCreate,
        response: { 201: WordResponse, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const word = await addWord(deps, requireRole(req, 'moderator'), req.body)
      return reply.status(201).send({ word })
    },
  )

  app.delete(
    '/api/moderation/watched-words/:id',
    {
      schema: {
        tags,
        summary: 'Stop watching a word or phrase (moderators)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeWord(deps, requireRole(req, 'moderator'), req.params.id)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/moderation/watched-words/check',
    {
      schema: {
        tags,
        summary: 'Try the watched words on a text: every hit and the censored text (moderators)',
        body: CheckBody,
        response: { 200: CheckResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return app.watchedWords.scan(req.body.text)
    },
  )
}
