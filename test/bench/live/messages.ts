// What the coordinator and its client workers say to each other over IPC ('advanced'
// serialization, so typed arrays travel as they are).

/** Epoch milliseconds with sub-millisecond precision, comparable across processes of one machine. */
export const now = () => performance.timeOrigin + performance.now()

export type ToWorker =
  /** Open `count` sockets, at most `window` opening at once, each subscribing to `channel`. */
  | { op: 'open'; url: string; count: number; channel: string; window: number }
  /** Forget what arrived so far: the measurement starts. */
  | { op: 'record' }
  /** Send what arrived, once every socket has every post of `ids` or at `deadline` (epoch ms). */
  | { op: 'collect'; ids: number[]; deadline: number }
  /** Close every socket and wait for the close handshakes. */
  | { op: 'close' }

export interface Samples {
  /** Sockets that were open and subscribed when recording started. */
  sockets: number
  /** Per post id, when each socket that got it received it (epoch ms). */
  received: Record<number, Float64Array>
  /** A socket receiving one post twice. */
  duplicates: number
  /** Frames that were not post.created on the channel, by type or op (presence, pong…). */
  others: Record<string, number>
  /** Bytes of one post.created frame, as received. */
  frameBytes: number | null
  /** Sockets the server closed or lost while recording: code and reason. */
  drops: string[]
}

export type FromWorker =
  /** Listening: messages sent before this would be lost while tsx loads the worker. */
  | { op: 'ready' }
  /** `subscribed` more sockets are open and subscribed. */
  | { op: 'progress'; subscribed: number }
  | { op: 'opened' }
  | { op: 'recording' }
  | { op: 'samples'; samples: Samples }
  | { op: 'closed'; forced: number }
  | { op: 'failed'; error: string }
