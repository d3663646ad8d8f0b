import cors from '@fastify/cors'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../http/errors.js'
import { originVerdict } from './origins.js'

/** What the API's clients send and read across origins (embeds authenticate with a bearer token). */
const corsAnswer = {
  credentials: false,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language'],
  exposedHeaders: ['Idempotent-Replayed', 'Retry-After', 'ETag'],
  // Ten minutes: long enough to spare most preflights, short enough that an origin the admin
  // removes stops being pre-approved soon after.
  maxAge: 600,
}

const isApi = (req: FastifyRequest) => req.url === '/api' || req.url.startsWith('/api/')

/**
 * CORS for embeds, registered before authentication so that preflights (which carry no token) are
 * answered first. On `/api/*`: no `Origin` or the community's own → nothing to add; an origin the
 * admin allowed → its CORS headers; any other origin → 403 `origin_not_allowed`, for simple
 * requests too, which a browser would otherwise send (and the server act on) before reading the
 * answer's missing CORS headers. Other paths (pages, assets) are left to their routes.
 */
export default fp(
  async function embedCors(app: FastifyInstance) {
    await app.register(cors, {
      hideOptionsRoute: true,
      delegator: async (req: FastifyRequest) => {
        // WebSocket handshakes are not CORS: /api/live checks the same verdict itself, in its route,
        // where @fastify/websocket also closes the socket of a refused handshake (refused here, the
        // socket would stay open). A handshake aimed at any other path is a GET whose answer the
        // browser never shows the page, and browsers do not let pages set Upgrade themselves.
        if (!isApi(req) || req.headers.upgrade !== undefined) return { origin: false }
        const verdict = await originVerdict(app, req)
        if (verdict === 'refused')
          throw new HttpError(
            403,
            'origin_not_allowed',
            'This site is not allowed to use the community’s API: an admin must add its origin to the embed origins.',
          )
        if (verdict !== 'embed') return { origin: false }
        return { ...corsAnswer, origin: req.headers.origin }
      },
    })
    // Helmet answers `Cross-Origin-Resource-Policy: same-origin` everywhere; an answer meant for an
    // allowed embed says cross-origin instead, so that a page isolated with COEP can still read it.
    app.addHook('onRequest', async (req, reply) => {
      if (isApi(req) && reply.getHeader('access-control-allow-origin'))
        reply.header('cross-origin-resource-policy', 'cross-origin')
    })
  },
  { name: 'tribune-embed-cors' },
)
