import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, preHandlerHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { requireRole } from '../accounts/guard.js'
import { Topic } from '../forum/schema.js'
import { errorResponses } from '../http/schemas.js'
import { EmbedSettingsStore } from './origins.js'
import {
  CommentsBody,
  CommentsQuery,
  CommentsResponse,
  EmbedSettingsBody,
  EmbedSettingsResponse,
  SsoRedirectQuery,
  SsoSecretResponse,
} from './schema.js'
import { embedSettings, findComments, openComments, rotateSsoSecret, saveEmbedSettings } from './service.js'
import { ssoRedirect } from './sso-redirect.js'

async function embedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  // The forum's topic shape, under the same $id: shared schemas are scoped to the plugin that adds them.
  app.addSchema(Topic)

  app.get(
    '/api/admin/embed',
    {
      schema: {
        tags: ['embed'],
        summary: 'The origins allowed to embed threads and the category article comments open in (admins)',
        response: { 200: EmbedSettingsResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'admin')
      return embedSettings(app)
    },
  )

  app.put(
    '/api/admin/embed',
    {
      schema: {
        tags: ['embed'],
        summary: 'Replace the allowed embed origins and the comments category (admins)',
        body: EmbedSettingsBody,
        response: { 200: EmbedSettingsResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => saveEmbedSettings(app, requireRole(req, 'admin'), req.body),
  )

  app.post(
    '/api/admin/sso-secret',
    {
      schema: {
        tags: ['embed'],
        summary:
          'Rotate the SSO secret brand sites sign tokens with; the new one is shown this once (admins)',
        response: { 200: SsoSecretResponse, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const secret = await rotateSsoSecret(app, requireRole(req, 'admin'))
      reply.header('cache-control', 'no-store')
      return { secret }
    },
  )

  // The brand page's visitor opens the section, usually anonymously: one address may only create
  // so many topics (a script could otherwise fill the category with made-up article URLs).
  const perAddress: preHandlerHookHandler[] = app.config.rateLimits
    ? [app.rateLimit({ max: 30, timeWindow: 60_000, keyGenerator: (req) => `embed-comments:ip:${req.ip}` })]
    : []

  app.post(
    '/api/embed/comments',
    {
      preHandler: perAddress,
      schema: {
        tags: ['embed'],
        summary:
          'The comment section of a brand’s article: its topic, created in the comments category the first time (201)',
        body: CommentsBody,
        response: {
          200: CommentsResponse,
          201: CommentsResponse,
          ...errorResponses(400, 401, 403, 404, 422, 429),
        },
      },
    },
    async (req, reply) => {
      const { created, topic } = await openComments(app, req.viewer, req.body, req.headers.origin)
      return reply.status(created ? 201 : 200).send({ topic })
    },
  )

  app.get(
    '/api/embed/comments',
    {
      schema: {
        tags: ['embed'],
        summary: 'The comment section of a brand’s article, if it has one (nothing is created)',
        querystring: CommentsQuery,
        response: { 200: CommentsResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => ({ topic: await findComments(app, req.viewer, req.query.url) }),
  )

  app.get(
    '/auth/sso',
    {
      // Validation errors reach the handler, which answers a person with a page, not JSON.
      attachValidation: true,
      schema: {
        tags: ['embed'],
        summary:
          'Sign in from a brand site: exchange a token as POST /api/auth/sso does, then 303 to `next` (a path here) or "/"',
        querystring: SsoRedirectQuery,
        response: {
          303: {
            type: 'string',
            description:
              'Signed in: the session cookie is set; Location is `next` or "/" (an HTML note links there).',
          },
          401: {
            type: 'string',
            description:
              'A page (English and French) linking home: the token is forged, expired, already used or missing. 422 and 429 answer the same way.',
          },
        },
      },
    },
    (req, reply) => ssoRedirect(app, req, reply),
  )
}

/**
 * Embeds: the origins allowed to embed (with their cache, which the API's CORS check and the live
 * socket read), article comment sections, the SSO secret and the community site's SSO redirect.
 */
export default fp(
  async function embed(app: FastifyInstance) {
    const store = new EmbedSettingsStore(app.db, app.bus, app.config.embedOrigins, (m) => app.log.warn(m))
    app.decorate('embedSettings', store)
    app.addHook('onClose', async () => store.close())
    await app.register(embedRoutes)
  },
  { name: 'tribune-embed', dependencies: ['tribune-infra', 'tribune-guard', 'tribune-forum'] },
)
