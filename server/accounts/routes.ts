import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { notFound, unauthorized } from '../http/errors.js'
import { errorResponses, IdParams } from '../http/schemas.js'
import { requireRole, requireViewer, sessionCookie } from './guard.js'
import { registerUserChannel } from './live.js'
import { Me, presentUser, User } from './present.js'
import { findPublicByHandle } from './queries.js'
import {
  CsrfResponse,
  HandleParams,
  LoginBody,
  MePatch,
  MeResponse,
  RegisterBody,
  RolePatch,
  SessionResponse,
  SsoBody,
  UserResponse,
} from './schema.js'
import { changeRole, login, logout, me, publicProfile, register, updateProfile } from './service.js'
import { sessionLifetimeMs } from './sessions.js'
import { signInWithSso } from './sso.js'

export default async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(User)
  app.addSchema(Me)
  registerUserChannel(app)

  // Per address and per account: guessing one account's password from many addresses is slowed
  // as much as trying many accounts from one.
  const limit = (
    max: number,
    minutes: number,
    key: (req: FastifyRequest) => string,
  ): preHandlerHookHandler[] =>
    app.config.rateLimits ? [app.rateLimit({ max, timeWindow: minutes * 60_000, keyGenerator: key })] : []
  const perIp = (name: string, max: number) => limit(max, 1, (req) => `${name}:ip:${req.ip}`)
  const perAccount = (name: string, max: number, field: 'login' | 'email') =>
    limit(
      max,
      15,
      (req) => `${name}:acct:${String((req.body as Record<string, unknown>)?.[field] ?? '').toLowerCase()}`,
    )

  const startSession = (reply: FastifyReply, s: { token: string; expiresAt: Date }) => {
    reply.setCookie(sessionCookie, s.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      maxAge: sessionLifetimeMs / 1000,
    })
    return reply.generateCsrf()
  }
  const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] })

  app.post(
    '/api/auth/register',
    {
      preHandler: [...perIp('register', 10), ...perAccount('register', 5, 'email')],
      schema: {
        tags: ['accounts'],
        summary: 'Join the community, accepting the charter in force',
        body: RegisterBody,
        response: { 201: SessionResponse, ...errorResponses(400, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const s = await register(app, req.body, meta(req))
      const csrfToken = await startSession(reply, s)
      return reply
        .status(201)
        .send({ user: s.user, token: s.token, csrfToken, expiresAt: s.expiresAt.toISOString() })
    },
  )

  app.post(
    '/api/auth/login',
    {
      preHandler: [...perIp('login', 30), ...perAccount('login', 10, 'login')],
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email or handle',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const s = await login(app, req.body, meta(req))
      const csrfToken = await startSession(reply, s)
      return { user: s.user, token: s.token, csrfToken, expiresAt: s.expiresAt.toISOString() }
    },
  )

  app.post(
    '/api/auth/sso',
    {
      preHandler: perIp('sso', 60),
      schema: {
        tags: ['accounts'],
        summary:
          'Exchange a brand site’s signed token (HS256 JWT, at most 10 minutes, unique jti) for a session',
        body: SsoBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 403, 422, 429) },
      },
    },
    async (req, reply) => {
      const s = await signInWithSso(app, req.body.token, meta(req))
      const csrfToken = await startSession(reply, s)
      return { user: s.user, token: s.token, csrfToken, expiresAt: s.expiresAt.toISOString() }
    },
  )

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End this session (the token stops working at once)',
        response: { 204: { type: 'null' }, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      if (!req.viewer || !req.sessionTokenHash) throw unauthorized()
      await logout(app, req.sessionTokenHash)
      reply.clearCookie(sessionCookie, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/auth/csrf',
    {
      schema: {
        tags: ['accounts'],
        summary: 'A CSRF token for cookie-authenticated writes',
        response: { 200: CsrfResponse },
      },
    },
    async (_req, reply) => ({ token: await reply.generateCsrf() }),
  )

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in member',
        response: { 200: MeResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ user: await me(app, requireViewer(req)) }),
  )

  app.patch(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Update your display name, language, time zone or bio',
        body: MePatch,
        response: { 200: MeResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => ({ user: await updateProfile(app, requireViewer(req), req.body) }),
  )

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'A member’s public profile',
        params: IdParams,
        response: { 200: UserResponse, ...errorResponses(400, 404) },
      },
    },
    async (req) => ({ user: await publicProfile(app, req.params.id) }),
  )

  app.get(
    '/api/users/by-handle/:handle',
    {
      schema: {
        tags: ['accounts'],
        summary: 'A member’s public profile, by handle',
        params: HandleParams,
        response: { 200: UserResponse, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const row = await findPublicByHandle(app.db, req.params.handle)
      if (!row) throw notFound(`@${req.params.handle}`)
      return { user: presentUser(row) }
    },
  )

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change a member’s role (admins)',
        params: IdParams,
        body: RolePatch,
        response: { 200: UserResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => ({ user: await changeRole(app, requireRole(req, 'admin'), req.params.id, req.body.role) }),
  )
}
