import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { forbidden, HttpError, unauthorized } from '../http/errors.js'
import { lockedOut } from './locks.js'
import { atLeast, type Role } from './roles.js'
import { hashToken, loadViewer, touchSession } from './sessions.js'
import type { Viewer } from './viewer.js'
import { ViewerCache } from './viewer-cache.js'

export const sessionCookie = 'tribune_session'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member, or null for an anonymous reader. */
    viewer: Viewer | null
    /** The hash of the session token this request came with, when it had one. */
    sessionTokenHash: string | null
  }
  interface FastifyInstance {
    viewers: ViewerCache
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function bearerToken(req: FastifyRequest): string | null | undefined {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(header)
  return match ? match[1]! : null
}

/**
 * Authenticates every request once, from a bearer token or the session cookie, and checks the
 * CSRF token on cookie-authenticated writes. Routes then ask `requireViewer`, `requireWriter`
 * or `requireRole` for what they need.
 */
export default fp(
  async function guard(app: FastifyInstance) {
    app.decorateRequest('viewer', null)
    app.decorateRequest('sessionTokenHash', null)
    app.decorate('viewers', new ViewerCache(app.bus))
    app.addHook('onClose', async () => app.viewers.close())

    app.addHook('onRequest', async (req, reply) => {
      const bearer = bearerToken(req)
      if (bearer === null)
        throw new HttpError(401, 'invalid_token', 'The Authorization header must be "Bearer <token>".')
      const token = bearer ?? req.cookies[sessionCookie]
      if (!token) return
      const tokenHash = hashToken(token)
      const viewer = await sessionViewer(app, tokenHash, bearer ? 'bearer' : 'cookie')
      if (!viewer) {
        if (bearer)
          throw new HttpError(401, 'invalid_token', 'This token has expired or was revoked; sign in again.')
        // A stale cookie should not stop anyone from reading as a visitor.
        reply.clearCookie(sessionCookie, { path: '/' })
        return
      }
      req.viewer = viewer
      req.sessionTokenHash = tokenHash
      if (!bearer && unsafeMethods.has(req.method)) await checkCsrf(app, req, reply)
    })
  },
  { name: 'tribune-guard', dependencies: ['tribune-infra'] },
)

/**
 * The member a session token hash stands for, from the viewer cache or the database (which then
 * marks the session used), or null when the session expired or was revoked. The HTTP guard and
 * the live socket both resolve sessions through here.
 */
export async function sessionViewer(
  app: FastifyInstance,
  tokenHash: string,
  via: Viewer['via'],
): Promise<Viewer | null> {
  let viewer = app.viewers.get(tokenHash)
  if (!viewer) {
    const loaded = await loadViewer(app.db, tokenHash)
    if (!loaded) return null
    viewer = loaded
    app.viewers.set(tokenHash, viewer)
    await touchSession(app.db, viewer.sessionId, viewer.lastUsedAt)
  }
  const { lastUsedAt: _, ...rest } = viewer
  return { ...rest, via }
}

function checkCsrf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    app.csrfProtection(req, reply, (err?: Error) => {
      if (err)
        reject(
          new HttpError(
            403,
            'csrf_token_invalid',
            'Missing or invalid CSRF token (send it in X-CSRF-Token).',
          ),
        )
      else resolve()
    })
  })
}

/** The signed-in member; 401 for visitors, 403 for suspended or banned members. */
export function requireViewer(req: FastifyRequest): Viewer {
  const viewer = req.viewer
  if (!viewer) throw unauthorized()
  const r = viewer.restriction
  if (r && r.kind !== 'silence') throw lockedOut(r, 'Your account')
  return viewer
}

/** A member who may write: not silenced, and bound by the current charter. */
export function requireWriter(req: FastifyRequest, currentCharter: number): Viewer {
  const viewer = requireViewer(req)
  if (viewer.restriction?.kind === 'silence') {
    const until = viewer.restriction.endsAt ? ` until ${viewer.restriction.endsAt.toISOString()}` : ''
    throw forbidden('silenced', `You have been silenced${until}: you can read but not post.`)
  }
  if (viewer.charterVersion !== currentCharter && viewer.role === 'member') {
    throw forbidden(
      'charter_acceptance_required',
      'The usage charter has changed: accept the new version before posting.',
    )
  }
  return viewer
}

export function requireRole(req: FastifyRequest, role: Role): Viewer {
  const viewer = requireViewer(req)
  if (!atLeast(viewer.role, role))
    throw forbidden('forbidden', `Only ${role === 'admin' ? 'admins' : 'moderators'} can do that.`)
  return viewer
}
