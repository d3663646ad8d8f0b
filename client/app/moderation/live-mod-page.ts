import { consume } from '@lit/context'
import type { PropertyValues } from 'lit'
import { state } from 'lit/decorators.js'
import type { LiveClient, LiveEvent } from '../../live/live-client.js'
import { liveContext } from '../../shared/context.js'
import { ModPage } from './mod-page.js'

/**
 * A moderation screen that follows the `moderation` channel: each screen says what an event
 * means to it; after a gap too long to replay, it reads everything again.
 */
export class LiveModPage extends ModPage {
  @consume({ context: liveContext, subscribe: true })
  @state()
  protected live?: LiveClient

  private unsubscribe: (() => void) | undefined
  private subscribedTo: LiveClient | undefined

  /** One event of the moderation channel (queue.changed, appeal.changed). */
  protected onModeration(_event: LiveEvent): void {}

  /** The channel was reset (too much missed): read the screen's data again. */
  protected onModerationReset(): void {
    void this.start()
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed)
    // A new live client (after a login) needs its own subscription.
    if (this.allowed && this.live && this.live !== this.subscribedTo) {
      this.unsubscribe?.()
      this.subscribedTo = this.live
      this.unsubscribe = this.live.subscribe('moderation', (e) => this.onModeration(e), {
        onReset: () => this.onModerationReset(),
      })
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.subscribedTo = undefined
  }
}
