import type { Db } from '../db/database.js'
import type { Bus } from '../live/bus.js'
import { charterAt, latestVersion } from './queries.js'

/**
 * The charter in force. Its version is read on every write (members must have accepted it),
 * so it is remembered and forgotten on every instance when a new version is published.
 */
export class Charter {
  private version: Promise<number> | undefined
  private readonly stops: (() => void)[]

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
  ) {
    // A bus that was away may have missed a new version: read it again.
    const forget = () => {
      this.version = undefined
    }
    this.stops = [bus.subscribe('charter', forget), bus.onReconnect(forget)]
  }

  currentVersion(): Promise<number> {
    this.version ??= latestVersion(this.db).catch((err) => {
      this.version = undefined
      throw err
    })
    return this.version
  }

  async current() {
    return charterAt(this.db, await this.currentVersion())
  }

  at(version: number) {
    return charterAt(this.db, version)
  }

  async published(): Promise<void> {
    this.version = undefined
    await this.bus.publish('charter', 'changed')
  }

  close(): void {
    for (const stop of this.stops) stop()
  }
}
