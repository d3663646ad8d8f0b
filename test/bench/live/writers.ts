import type { BareServer } from './bare.js'
import { now } from './messages.js'

/** One acknowledged write: the post id the clients will see, and when the acknowledgement arrived. */
export interface Ack {
  id: number
  ackAt: number
}

/** What the live bench writes to: the i-th write makes one post.created frame reach every reader. */
export interface Writer {
  write(i: number): Promise<Ack>
}

export interface Written {
  /** With when each write's request went out. */
  acks: (Ack & { sentAt: number })[]
  /** Request sent to acknowledgement received, ms: how long the write itself took. */
  writeMs: number[]
  failures: number
  firstError?: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Sends `count` writes at `rate` per second on a fixed schedule, not waiting for earlier ones:
 * a slow acknowledgement does not slow the rate down (an open loop, as real writers are).
 */
export async function writeAtRate(
  writer: Writer,
  first: number,
  count: number,
  rate: number,
): Promise<Written> {
  const start = now()
  const pending: Promise<{ ack: Ack & { sentAt: number }; ms: number } | { error: string }>[] = []
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - now()
    if (wait > 0) await sleep(wait)
    const sentAt = now()
    pending.push(
      writer.write(first + i).then(
        (ack) => ({ ack: { ...ack, sentAt }, ms: ack.ackAt - sentAt }),
        (err: Error) => ({ error: err.message }),
      ),
    )
  }
  const out: Written = { acks: [], writeMs: [], failures: 0 }
  for (const r of await Promise.all(pending)) {
    if ('error' in r) {
      out.failures++
      out.firstError ??= r.error
    } else {
      out.acks.push(r.ack)
      out.writeMs.push(r.ms)
    }
  }
  return out
}

/** A reply posted over HTTP as a member; its 201 is the acknowledgement. */
export function tribuneWriter(opts: {
  url: string
  topicId: number
  token: string
  body: (i: number) => string
}): Writer & { post(i: number): Promise<{ ackAt: number; post: Record<string, unknown> }> } {
  const post = async (i: number) => {
    const res = await fetch(`${opts.url}/api/topics/${opts.topicId}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: opts.body(i) }),
    })
    // Stamped when the answer's head arrives, before its body is read.
    const ackAt = now()
    const text = await res.text()
    if (res.status !== 201)
      throw new Error(`POST /api/topics/${opts.topicId}/posts: ${res.status} ${text.slice(0, 300)}`)
    return { ackAt, post: (JSON.parse(text) as { post: Record<string, unknown> }).post }
  }
  return {
    post,
    async write(i) {
      const { ackAt, post: p } = await post(i)
      return { id: Number(p.id), ackAt }
    },
  }
}

/**
 * Broadcasts through the bare server a frame shaped and sized as Tribune's post.created frame:
 * the event envelope around a post Tribune returned, with the i-th id.
 */
export function bareWriter(bare: BareServer, channel: string, post: Record<string, unknown>): Writer {
  // Ids after the real post's: the same number of digits, so the same frame size.
  const base = Number(post.id)
  return {
    async write(i) {
      const id = base + 1 + i
      const frame = JSON.stringify({ channel, id, type: 'post.created', data: { post: { ...post, id } } })
      return { id, ackAt: await bare.broadcast(frame) }
    },
  }
}
