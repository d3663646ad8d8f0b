import type { ChannelKind } from './channels.js'
import type { LiveEvent } from './events.js'
import type { LiveHub } from './hub.js'

/** What a room needs of a subscription: its reader, and what to do with each batch. */
export interface RoomMember {
  readonly viewer: import('../accounts/viewer.js').Viewer | null
  /** The events, already shaped, in order; the member keeps only those after its last id. */
  receive(events: LiveEvent[], frames: (name: string) => string[]): void
  /** The server ended the subscription: the reader lost access, or the channel is gone. */
  end(reason: 'forbidden' | 'gone'): void
  /** The public name of the channel for this member (`user:me` rather than `user:42`). */
  readonly name: string
  /** An ephemeral frame (typing, presence) for this member's socket. */
  send(frame: string): void
}

/**
 * The readers of one channel on this instance. The room follows the channel through the hub
 * once, however many sockets listen, gates each batch once, and serializes each event once per
 * public name: a post reaching 10,000 sockets costs one read, one check and one JSON.stringify.
 */
export class Room {
  readonly members = new Set<RoomMember>()
  private following: Promise<{ from: number; stop: () => void }> | null = null
  private delivering: Promise<void> = Promise.resolve()

  constructor(
    readonly key: string,
    readonly kind: ChannelKind,
    private readonly hub: LiveHub,
    private readonly onEmpty: (room: Room) => void,
  ) {}

  /** Joins the room; resolves to the id after which events come live to this member. */
  async join(member: RoomMember): Promise<number> {
    this.members.add(member)
    this.following ??= this.hub.follow(this.key, (events) => this.deliver(events))
    try {
      return (await this.following).from
    } catch (err) {
      this.leave(member)
      throw err
    }
  }

  leave(member: RoomMember): void {
    if (!this.members.delete(member) || this.members.size > 0) return
    const following = this.following
    this.following = null
    void following?.then((f) => f.stop()).catch(() => {})
    this.onEmpty(this)
  }

  /**
   * Batches go out one after the other, in the order the hub read them: a batch whose gate
   * answers first must not overtake the one before it (its readers would skip the older ids).
   */
  private deliver(events: LiveEvent[]): void {
    this.delivering = this.delivering.then(() => this.send(events)).catch(() => {})
  }

  private async send(events: LiveEvent[]): Promise<void> {
    if (this.members.size === 0) return
    const gate = await this.kind.gate(this.key, events)
    const byName = new Map<string, string[]>()
    const frames = (name: string) => {
      let list = byName.get(name)
      if (!list) {
        list = events.map((e) => JSON.stringify({ channel: name, id: e.id, type: e.type, data: e.data }))
        byName.set(name, list)
      }
      return list
    }
    // One synchronous pass: yielding every few hundred readers (tried, so other requests get in
    // sooner) made the last reader wait twice as long, measured on 10,000 sockets.
    for (const member of [...this.members]) {
      const verdict = gate(member.viewer)
      // A channel that ended (a deleted topic) still says so before it goes.
      if (verdict !== 'forbidden') member.receive(events, frames)
      if (verdict !== 'ok') member.end(verdict)
    }
  }
}
