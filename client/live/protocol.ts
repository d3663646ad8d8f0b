// The wire shapes of the live protocol (server/live/PROTOCOL.md), as the client sees them.

/**
 * An event of a channel. Stored events (posts, edits, reactions, moderation, notifications) carry
 * the id of their `live_events` row; ephemeral ones (`typing`, `presence`) carry none.
 */
export interface LiveEvent {
  channel: string
  id?: number
  type: string
  data: unknown
}

/** The member a welcome names; null for an anonymous reader. */
export interface LiveUser {
  id: number
  handle: string
}

/** Messages the server sends that are not events. */
export type ServerMessage =
  | { op: 'welcome'; user: LiveUser | null; heartbeat: number }
  | { op: 'subscribed'; channel: string; lastId: number | null }
  | { op: 'reset'; channel: string }
  | { op: 'unsubscribed'; channel: string; reason: string }
  | { op: 'error'; code: string; message: string; channel?: string }
  | { op: 'pong' }

export type ClientMessage =
  | { op: 'auth'; token: string }
  | { op: 'subscribe'; channel: string; since?: number }
  | { op: 'unsubscribe'; channel: string }
  | { op: 'typing'; channel: string }
  | { op: 'ping' }

/**
 * Close codes after which reconnecting cannot help: the session is over, or the client itself is
 * broken and would only be closed again. The value is the `code` the client reports.
 */
export const finalCloseCodes: Record<number, string> = {
  1009: 'message_too_big',
  4000: 'too_many_invalid_messages',
  4001: 'session_ended',
}

/** The server is shutting down: another instance answers right away. */
export const goingAway = 1001
/** Too many sockets for this member or address: hammering would only be refused again. */
export const tooManySockets = 4029
