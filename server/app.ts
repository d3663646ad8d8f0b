import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { Redis } from 'ioredis'
import guard from './accounts/guard.js'
import accountRoutes from './accounts/routes.js'
import challenges from './challenges/plugin.js'
import charterRoutes from './charter/routes.js'
import type { Config } from './config.js'
import contests from './contests/plugin.js'
import type { DbHandle } from './db/database.js'
import embedCors from './embed/cors.js'
import embed from './embed/routes.js'
import events from './events/plugin.js'
import forum from './forum/plugin.js'
import groups from './groups/plugin.js'
import healthRoutes from './health/routes.js'
import { errorHandler, HttpError, notFoundHandler } from './http/errors.js'
import { registerJsonBody } from './http/json-body.js'
import { schemaCompilers } from './http/schema-compilers.js'
import { ErrorResponse } from './http/schemas.js'
import { registerSecurityHeaders } from './http/security-headers.js'
import infra from './infra.js'
import jobs from './jobs/plugin.js'
import type { Bus } from './live/bus.js'
import { MemoryBus } from './live/bus.js'
import live from './live/routes.js'
import moderation from './moderation/plugin.js'
import notifications from './notifications/plugin.js'
import search from './search/routes.js'
import web from './web/routes.js'

export interface RouteInventoryEntry {
  method: string
  url: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, as `{method, url}` (HEAD twins and swagger-ui's own routes left out). */
    routeInventory: RouteInventoryEntry[]
  }
}

/**
 * A request as the log shows it. A sign-in token travels in /auth/sso's address: single-use and
 * short-lived, still not something to keep in logs.
 */
export function logRequest(req: { method: string; url: string; ip?: string }) {
  return {
    method: req.method,
    url: req.url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]'),
    remoteAddress: req.ip,
  }
}

export interface BuildOptions {
  config: Config
  dbHandle: DbHandle
  bus?: Bus
  logger?: FastifyServerOptions['logger']
  /** Replaces the wall clock (tests crossing schedule boundaries). */
  clock?: () => Date
  /** Compiles each route's schemas on its first request instead of at start (tests that call a few). */
  lazySchemas?: boolean
}

/** Builds the whole Tribune server; production (main.ts) and tests call this alike. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel, serializers: { req: logRequest } },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'on',
    // Requests arriving while closing get our own 503 (below), in the API's error shape.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    ajv: {
      // Unknown fields are refused, not silently dropped; query strings are coerced to their types.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    routerOptions: { maxParamLength: 200 },
    // The router's own refusals (an overlong or malformed path) answer in the API's error shape too.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
    // Query strings are coerced to their types; JSON bodies are not (see schemaCompilers).
    schemaController: { compilersFactory: schemaCompilers({ lazy: opts.lazySchemas === true }) },
  })

  // Every route the app serves, so that tests can require each one to be documented (OpenAPI) and
  // to have a permissions entry: a new route cannot silently skip either. HEAD twins of GET routes
  // are Fastify's, not ours. swagger-ui's routes under /api/docs are exempt: they serve the viewer
  // itself (its page, scripts, styles and config), answer everyone alike, are hidden from the
  // document they display, and change with the plugin's version; a test checks /api/docs answers.
  app.decorate('routeInventory', [] as RouteInventoryEntry[])
  app.addHook('onRoute', (route) => {
    if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) return
    // @fastify/cors's catch-all OPTIONS route only lets preflights reach its onRequest hook, which
    // answers them (server/embed/cors.ts, tested in test/embed/cors.test.ts); anything else it 404s.
    if (route.url === '*' && route.method === 'OPTIONS') return
    for (const method of [route.method].flat()) {
      const twin =
        method === 'HEAD' && app.routeInventory.some((r) => r.method === 'GET' && r.url === route.url)
      if (!twin) app.routeInventory.push({ method, url: route.url })
    }
  })

  app.setErrorHandler(errorHandler)
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return
    reply.header('connection', 'close')
    throw new HttpError(503, 'shutting_down', 'This server is shutting down; retry and another will answer.')
  })
  app.setNotFoundHandler(notFoundHandler)
  registerJsonBody(app)
  app.addSchema(ErrorResponse)

  // 1. External plugins.
  registerSecurityHeaders(app, { https: config.secureCookies })
  // CORS for embeds, before authentication: preflights carry no token, and a page on an origin
  // the admin did not allow is refused before anything else runs (the origin list is read at
  // request time, from the embed domain registered below).
  await app.register(embedCors)
  await app.register(cookie)
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'tribune_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  })
  await app.register(rateLimit, {
    global: false,
    ...(config.redisUrl
      ? {
          redis: new Redis(config.redisUrl, {
            connectTimeout: 500,
            maxRetriesPerRequest: 1,
            lazyConnect: false,
          }),
          skipOnError: true,
        }
      : {}),
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(
        429,
        'rate_limited',
        `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`,
      ),
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tribune API', version: '1', description: 'The HTTP API of a Tribune community.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'tribune_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }, {}],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  // 2. Tribune's own infrastructure: config, database, bus and live hub; then who is asking.
  await app.register(infra, {
    config,
    dbHandle: opts.dbHandle,
    bus: opts.bus ?? new MemoryBus(),
    ...(opts.clock ? { clock: opts.clock } : {}),
  })
  await app.register(guard)
  await app.register(live)
  await app.register(jobs)

  // 3. One plugin per domain.
  await app.register(healthRoutes)
  await app.register(accountRoutes)
  await app.register(charterRoutes)
  await app.register(forum)
  await app.register(groups)
  await app.register(search)
  await app.register(embed)
  await app.register(moderation)
  await app.register(notifications)
  await app.register(events)
  await app.register(contests)
  await app.register(challenges)
  await app.register(web)
  // The benchmark's baseline (a bare primary-key SELECT), only when npm run bench asks for it.
  if (process.env.TRIBUNE_BENCH_BASELINE === 'on')
    await app.register((await import('./bench/baseline.js')).default)

  app.get(
    '/api/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This OpenAPI document',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => app.swagger(),
  )
  if (!config.rateLimits)
    app.log.warn('RATE_LIMITS=off: every rate limit is lifted (benchmarks and load tests only)')
  return app
}
