import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../db/database.js'
import type { Bus } from '../live/bus.js'

/**
 * Community settings: one jsonb value per key in `settings`, written by admins, read on hot paths.
 * Every domain that keeps a setting goes through here rather than through the table.
 */

/** A setting's stored value, or undefined when no admin ever saved it. */
export async function getSetting(db: Db | Transaction<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}

/** Writes one setting, replacing what was there, inside the caller's transaction (with its audit entry). */
export async function putSetting(trx: Transaction<Database>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value)
  await trx
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: sql`now()` }))
    .execute()
}

/**
 * Serialises writers of one setting until the transaction ends, so two admins switching the same
 * thing at once are applied one after the other (each sees the other's result, and audits it).
 */
export async function lockSetting(trx: Transaction<Database>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`settings:${key}`}::text))`.execute(trx)
}

/**
 * A value derived from the database, remembered in this process and forgotten on every instance
 * when a writer announces a change on `topic` (and after the bus was away, since messages sent
 * meanwhile were lost). A failed load is not remembered: the next caller tries again.
 *
 * @example
 *   const crisis = new CachedValue(app.bus, 'crisis', () => loadCrisis(app.db))
 *   await crisis.get(); await crisis.changed() // after a write commits
 */
export class CachedValue<T> {
  private value: Promise<T> | null = null
  private loadedAt = 0
  private readonly stops: (() => void)[]

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly load: () => Promise<T>,
    /** Also forget after this many milliseconds, for inputs no writer announces (a role change). */
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
  ) {
    this.stops = [bus.subscribe(topic, () => this.forget()), bus.onReconnect(() => this.forget())]
  }

  get(): Promise<T> {
    if (this.value && performance.now() - this.loadedAt > this.maxAgeMs) this.value = null
    if (!this.value) {
      const loading = this.load()
      this.value = loading
      this.loadedAt = performance.now()
      loading.catch(() => {
        if (this.value === loading) this.value = null
      })
    }
    return this.value
  }

  forget(): void {
    this.value = null
  }

  /** After a write commits: forget here at once, then tell the other instances. */
  async changed(): Promise<void> {
    this.forget()
    await this.bus.publish(this.topic, 'changed').catch(() => {})
  }

  close(): void {
    for (const stop of this.stops) stop()
  }
}
