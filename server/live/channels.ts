import type { Viewer } from '../accounts/viewer.js'
import type { LiveEvent } from './events.js'

/** Whether a reader may still receive a channel's events: worked out once per batch, asked per reader. */
export type Gate = (viewer: Viewer | null) => 'ok' | 'forbidden' | 'gone'

/**
 * A kind of channel (`topic:<id>`, `user:me`…), registered by the domain that owns it: it
 * decides who may follow, and who still may each time events go out.
 */
export interface ChannelKind {
  /**
   * The channel a reader asks for (`arg` is what follows the colon, '' when none): its key in
   * live_events, or why not. A channel that does not exist and one the reader may not see
   * answer the same.
   */
  open(viewer: Viewer | null, arg: string): Promise<{ key: string } | 'not_found' | 'unauthenticated'>
  /** Checked before every batch goes out: access may have been lost, the channel may be gone. */
  gate(key: string, events: LiveEvent[]): Promise<Gate>
  /** Members may say they are typing on it (topics). */
  typing?: boolean
  /** Its readers are counted and the count shown to them (topics). */
  presence?: boolean
}

const channelName = /^([a-z]{1,20})(?::([a-z0-9]{1,20}))?$/

/** The kinds of channel this server knows, by prefix. */
export class ChannelKinds {
  private readonly kinds = new Map<string, ChannelKind>()

  register(prefix: string, kind: ChannelKind): void {
    this.kinds.set(prefix, kind)
  }

  /** The kind and argument of a channel name, or null when the name is malformed or unknown. */
  parse(name: unknown): { kind: ChannelKind; prefix: string; arg: string } | null {
    if (typeof name !== 'string') return null
    const match = channelName.exec(name)
    if (!match) return null
    const kind = this.kinds.get(match[1]!)
    return kind ? { kind, prefix: match[1]!, arg: match[2] ?? '' } : null
  }
}

/** A positive id as channels write them ("42"), or null. */
export function channelId(arg: string): number | null {
  return /^[1-9]\d{0,14}$/.test(arg) ? Number(arg) : null
}
