import type { ServerResponse } from 'node:http'
import websocket from '@fastify/websocket'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { WebSocket } from 'ws'
import { sessionViewer } from '../accounts/guard.js'
import { hashToken } from '../accounts/sessions.js'
import type { Viewer } from '../accounts/viewer.js'
import { originVerdict } from '../embed/origins.js'
import { HttpError } from '../http/errors.js'
import { errorResponses } from '../http/schemas.js'
import { ChannelKinds } from './channels.js'
import { type ConnectionHost, closeCodes, LiveConnection, type Subscription } from './connection.js'
import { PresenceBoard } from './presence.js'
import { Room } from './rooms.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The kinds of live channel: each domain registers its own (`topic`, `user`…). */
    liveChannels: ChannelKinds
  }
}

const maxFrame = 4 * 1024
const heartbeatMs = 25_000
const socketsPerMember = 20
const socketsPerAddress = 50

/** A restriction that shuts a member out entirely (silenced members still read). */
const shutOut = (viewer: Viewer | null) =>
  viewer?.restriction?.kind === 'suspension' || viewer?.restriction?.kind === 'ban'

/**
 * `/api/live`: the WebSocket readers follow channels on (see PROTOCOL.md). Connections,
 * rooms (one per followed channel on this instance), typing and presence live here; what a
 * channel is and who may read it belongs to the domain that registered its kind.
 */
export default fp(
  async function live(app: FastifyInstance) {
    const kinds = new ChannelKinds()
    app.decorate('liveChannels', kinds)

    const connections = new Set<LiveConnection>()
    const rooms = new Map<string, Room>()
    const socketCounts = new Map<string, number>()

    const presence = new PresenceBoard(app.bus, app.live.instanceId, (channel, readers) => {
      const room = rooms.get(channel)
      if (!room) return
      const frame = JSON.stringify({ channel, type: 'presence', data: { readers } })
      for (const member of room.members) member.send(frame)
    })

    const deliverTyping = (channel: string, user: unknown, except?: Subscription) => {
      const room = rooms.get(channel)
      if (!room) return
      const frame = JSON.stringify({ channel, type: 'typing', data: { user } })
      for (const member of room.members) if (member !== except) member.send(frame)
    }
    const stopTyping = app.bus.subscribe('typing', (message) => {
      const { from, channel, user } = JSON.parse(message) as { from: string; channel: string; user: unknown }
      if (from !== app.live.instanceId) deliverTyping(channel, user)
    })

    const host: ConnectionHost = {
      async openChannel(conn, name) {
        const parsed = kinds.parse(name)
        if (!parsed) return { error: 'invalid_channel' }
        const opened = await parsed.kind.open(conn.viewer, parsed.arg)
        if (typeof opened === 'string') return { error: opened }
        let room = rooms.get(opened.key)
        if (!room) {
          room = new Room(opened.key, parsed.kind, app.live, (empty) => {
            if (rooms.get(empty.key) === empty) rooms.delete(empty.key)
          })
          rooms.set(opened.key, room)
        }
        return { room, name }
      },
      replay: (key, since) => app.live.replay(key, since),
      async authenticate(conn, token) {
        if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false
        const tokenHash = hashToken(token)
        const next = await sessionViewer(app, tokenHash, 'bearer')
        if (!next) return false
        if (shutOut(next)) {
          conn.close(closeCodes.sessionEnded, 'this account is suspended or banned')
          return true
        }
        if (!hasRoom(conn, next)) return true
        count(conn, -1)
        conn.viewer = next
        conn.tokenHash = tokenHash
        count(conn, 1)
        await recheck(conn)
        conn.reply({ op: 'welcome', user: { id: conn.viewer.id, handle: conn.viewer.handle }, heartbeat: 25 })
        return true
      },
      typing(conn, sub) {
        const v = conn.viewer!
        const user = { id: v.id, handle: v.handle, displayName: v.displayName }
        deliverTyping(sub.room.key, user, sub)
        void app.bus
          .publish('typing', JSON.stringify({ from: app.live.instanceId, channel: sub.room.key, user }))
          .catch(() => {})
      },
      roomChanged(room) {
        if (room.kind.presence) presence.setLocal(room.key, room.members.size)
      },
    }

    /** Whose allowance a socket counts against: its member's, else (limits on) its address's. */
    const allowanceOf = (viewer: Viewer | null, address: string) =>
      viewer
        ? { key: `member:${viewer.id}`, max: socketsPerMember, per: 'member' }
        : app.config.rateLimits
          ? { key: `address:${address}`, max: socketsPerAddress, per: 'anonymous address' }
          : null

    /** Whether this viewer may hold one more socket; if not, the socket is closed with 4029. */
    function hasRoom(conn: LiveConnection, viewer: Viewer | null): boolean {
      const allowance = allowanceOf(viewer, conn.address)
      if (!allowance || (socketCounts.get(allowance.key) ?? 0) < allowance.max) return true
      conn.close(closeCodes.tooMany, `at most ${allowance.max} sockets per ${allowance.per}`)
      return false
    }

    function count(conn: LiveConnection, delta: 1 | -1): void {
      const allowance = allowanceOf(conn.viewer, conn.address)
      if (!allowance) return
      const n = (socketCounts.get(allowance.key) ?? 0) + delta
      if (n > 0) socketCounts.set(allowance.key, n)
      else socketCounts.delete(allowance.key)
    }

    /** After the reader changed (groups, role, sanctions): every subscription is asked again. */
    async function recheck(conn: LiveConnection): Promise<void> {
      for (const sub of [...conn.subscriptions.values()]) {
        const parsed = kinds.parse(sub.name)
        const opened = parsed ? await parsed.kind.open(conn.viewer, parsed.arg) : 'not_found'
        if (typeof opened === 'string' || opened.key !== sub.room.key) conn.drop(sub, 'forbidden')
      }
    }

    // Sessions that end close their sockets; members who change have their subscriptions checked.
    const stopAuth = app.bus.subscribe('auth', (message) => {
      const { userId, tokenHash } = JSON.parse(message) as { userId?: number; tokenHash?: string }
      for (const conn of connections) {
        if (!conn.viewer || !conn.tokenHash) continue
        if (tokenHash && conn.tokenHash === tokenHash) conn.close(closeCodes.sessionEnded, 'signed out')
        if (userId !== undefined && conn.viewer.id === userId) void refresh(conn)
      }
    })
    async function refresh(conn: LiveConnection): Promise<void> {
      // The viewer cache dropped this member on the same message: this reads them afresh.
      const viewer = await sessionViewer(app, conn.tokenHash!, conn.viewer!.via).catch(() => undefined)
      if (viewer === undefined) return
      if (!viewer || shutOut(viewer)) return conn.close(closeCodes.sessionEnded, 'session ended')
      conn.viewer = viewer
      await recheck(conn)
    }

    const heartbeat = setInterval(() => {
      for (const conn of connections) {
        if (!conn.alive) {
          conn.ws.terminate()
          continue
        }
        conn.alive = false
        conn.ws.ping()
      }
    }, heartbeatMs)
    heartbeat.unref()

    await app.register(websocket, {
      options: { maxPayload: maxFrame, perMessageDeflate: false },
      // Shutdown: every socket is told to go elsewhere (1001), then the server closes.
      preClose: async function closeSockets(this: FastifyInstance) {
        for (const conn of connections) conn.close(closeCodes.goingAway, 'server shutting down')
      },
    })

    app.addHook('onClose', async () => {
      clearInterval(heartbeat)
      stopAuth()
      stopTyping()
      presence.close()
      for (const conn of connections) conn.ws.terminate()
    })

    app.route({
      method: 'GET',
      url: '/api/live',
      schema: {
        tags: ['live'],
        summary: 'The live WebSocket: follow topics, categories, your notifications and the review queue',
        description:
          'Upgrade to a WebSocket (session cookie, bearer token, or {"op":"auth"} once connected). Messages, channels, replay with `since` and close codes: server/live/PROTOCOL.md.',
        response: errorResponses(403, 426),
      },
      preValidation: async (req: FastifyRequest) => {
        // Browsers always say where a page comes from: only the community and the embed origins
        // the admin allows now (server/embed/origins.ts) connect.
        if ((await originVerdict(app, req)) === 'refused')
          throw new HttpError(403, 'origin_not_allowed', 'This origin may not open the live socket.')
      },
      // A plain HTTP request, not an upgrade: say what this address wants.
      handler: async () => {
        throw new HttpError(
          426,
          'upgrade_required',
          'This address is a WebSocket: connect with Upgrade: websocket.',
        )
      },
      wsHandler: (socket: WebSocket, req: FastifyRequest) => {
        releaseUpgrade(socket, req)
        const viewer = req.viewer
        const conn = new LiveConnection(socket, host, viewer, req.sessionTokenHash, req.ip)
        socket.on('message', (data, isBinary) => {
          if (isBinary) conn.error('invalid_message', 'Messages are JSON text.')
          else conn.receive(data.toString())
        })
        socket.on('pong', () => {
          conn.alive = true
        })
        socket.on('close', () => {
          connections.delete(conn)
          count(conn, -1)
          const touched = [...conn.subscriptions.values()].map((s) => s.room)
          conn.dispose()
          for (const room of touched) host.roomChanged(room)
        })
        if (shutOut(viewer)) return conn.close(closeCodes.sessionEnded, 'this account is suspended or banned')
        if (!hasRoom(conn, viewer)) return
        count(conn, 1)
        connections.add(conn)
        conn.reply({
          op: 'welcome',
          user: viewer ? { id: viewer.id, handle: viewer.handle } : null,
          heartbeat: 25,
        })
      },
    })
  },
  { name: 'tribune-live', dependencies: ['tribune-infra', 'tribune-guard'] },
)

/**
 * Lets the upgrade's request and reply go once the socket is open, or every idle socket keeps
 * them (a few KiB each) for its whole life: @fastify/websocket's error listener closes over
 * both, and the HTTP response stays attached to the TCP socket.
 */
function releaseUpgrade(socket: WebSocket, req: FastifyRequest): void {
  socket.removeAllListeners('error')
  socket.on('error', () => socket.terminate())
  const tcp = req.raw.socket as (typeof req.raw.socket & { _httpMessage?: ServerResponse | null }) | null
  const response = tcp?._httpMessage
  if (tcp && response) response.detachSocket(tcp)
}
