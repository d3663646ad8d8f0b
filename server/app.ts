import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { Redis } from 'ioredis'
import guard from './accounts/guard.js'
import accountRoutes from './accounts/routes.js'
import charterRoutes from './charter/routes.js'
import type { Config } from './config.js'
import type { DbHandle } from './db/database.js'
import forum from './forum/plugin.js'
import healthRoutes from './health/routes.js'
import { errorHandler, HttpError, notFoundHandler } from './http/errors.js'
import { registerJsonBody } from './http/json-body.js'
import { ErrorResponse } from './http/schemas.js'
import infra from './infra.js'
import type { Bus } from './live/bus.js'
import { MemoryBus } from './live/bus.js'
import search from './search/routes.js'
import web from './web/routes.js'

export interface BuildOptions {
  config: Config
  dbHandle: DbHandle
  bus?: Bus
  logger?: FastifyServerOptions['logger']
}

/** Builds the whole Tribune server; production (main.ts) and tests call this alike. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'on',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: {
      // Unknown fields are refused, not silently dropped; query strings are coerced to their types.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    routerOptions: { maxParamLength: 200 },
  })

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  registerJsonBody(app)
  app.addSchema(ErrorResponse)

  // 1. External plugins.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.secureCookies,
  })
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
  await app.register(infra, { config, dbHandle: opts.dbHandle, bus: opts.bus ?? new MemoryBus() })
  await app.register(guard)

  // 3. One plugin per domain.
  await app.register(healthRoutes)
  await app.register(accountRoutes)
  await app.register(charterRoutes)
  await app.register(forum)
  await app.register(search)
  await app.register(web)
  // The benchmark's baseline (a bare primary-key SELECT), only when npm run bench asks for it.
  if (process.env.TRIBUNE_BENCH_BASELINE === 'on') await app.register((await import('./bench/baseline.js')).default)

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  if (!config.rateLimits)
    app.log.warn('RATE_LIMITS=off: every rate limit is lifted (benchmarks and load tests only)')
  return app
}
