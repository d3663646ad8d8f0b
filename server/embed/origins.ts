import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import type { Bus } from '../live/bus.js'

/** The `embed` setting: which brand origins may use the API, and where article comments go. */
export interface EmbedSettings {
  origins: string[]
  commentsCategoryId: number | null
}

export const embedSettingKey = 'embed'
/** The bus topic an instance announces an edit on, so that every instance drops its copy. */
const busTopic = 'embed-settings'
export const maxOrigins = 100

/**
 * `scheme://host[:port]` in the form browsers send in `Origin` (lower-case host, no default port,
 * no trailing slash), or null when the text is not such an origin. A single trailing slash is
 * forgiven because admins paste addresses; a path, query, fragment or credentials are not.
 */
export function normaliseOrigin(raw: string): string | null {
  const text = raw.trim()
  if (text.length > 300 || !/^https?:\/\/[^/?#\\]+\/?$/i.test(text)) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password || !url.hostname) return null
  return url.origin
}

/**
 * The embed setting, cached in this process. An admin's edit clears the copy here at once and on
 * the other instances through the bus (and any missed message is covered by clearing on reconnect),
 * so a removed origin stops working everywhere within the bus's delivery time, not after a TTL.
 */
export class EmbedSettingsStore {
  private cached: Promise<EmbedSettings> | null = null
  private readonly stops: (() => void)[]

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly seed: string[],
    private readonly warn: (message: string) => void,
  ) {
    this.stops = [bus.subscribe(busTopic, () => this.invalidate()), bus.onReconnect(() => this.invalidate())]
  }

  get(): Promise<EmbedSettings> {
    if (!this.cached) {
      const loading = this.load()
      this.cached = loading
      // A failed read (database away) is not remembered: the next request tries again.
      loading.catch(() => {
        if (this.cached === loading) this.cached = null
      })
    }
    return this.cached
  }

  invalidate(): void {
    this.cached = null
  }

  /** After a write: forget here at once, then tell the other instances. */
  async changed(): Promise<void> {
    this.invalidate()
    await this.bus.publish(busTopic, 'changed').catch(() => {})
  }

  close(): void {
    for (const stop of this.stops) stop()
  }

  private async load(): Promise<EmbedSettings> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', embedSettingKey)
      .executeTakeFirst()
    if (row) return parseSettings(row.value)
    // No row until an admin saves one: EMBED_ORIGINS keeps applying (a changed environment
    // variable takes effect on restart) and is what the admin screen starts from.
    const origins: string[] = []
    for (const raw of this.seed) {
      const origin = normaliseOrigin(raw)
      if (origin) {
        if (!origins.includes(origin)) origins.push(origin)
      } else this.warn(`EMBED_ORIGINS: "${raw}" is not an origin (scheme://host[:port]); ignored`)
    }
    return { origins: origins.slice(0, maxOrigins), commentsCategoryId: null }
  }
}

function parseSettings(value: unknown): EmbedSettings {
  const v = (value ?? {}) as Partial<Record<keyof EmbedSettings, unknown>>
  const origins = Array.isArray(v.origins)
    ? v.origins.filter((o): o is string => typeof o === 'string' && normaliseOrigin(o) === o)
    : []
  const id = v.commentsCategoryId
  return { origins, commentsCategoryId: typeof id === 'number' && Number.isInteger(id) ? id : null }
}

export type OriginVerdict = 'none' | 'own' | 'embed' | 'refused'

/**
 * Where a request says it comes from, as the API's origin rules see it: no `Origin` (a server or a
 * script, unaffected), the community itself, an origin the admin allowed, or another site.
 *
 * "Own" is PUBLIC_URL's origin, and also the origin of the address the request was sent to: a
 * browser only sends `Origin: X` to host X for a page of X itself (someone browsing the server
 * as http://localhost while PUBLIC_URL says 127.0.0.1), and a non-browser could as well leave
 * `Origin` out, so this opens nothing.
 */
export async function originVerdict(app: FastifyInstance, req: FastifyRequest): Promise<OriginVerdict> {
  const origin = req.headers.origin
  if (origin === undefined) return 'none'
  if (origin === ownOrigin(app)) return 'own'
  const host = req.headers.host
  if (host && (origin === `http://${host}` || origin === `https://${host}`) && normaliseOrigin(origin))
    return 'own'
  const { origins } = await app.embedSettings.get()
  return origins.includes(origin) ? 'embed' : 'refused'
}

const own = new WeakMap<FastifyInstance['config'], string>()
function ownOrigin(app: FastifyInstance): string {
  let origin = own.get(app.config)
  if (!origin) {
    origin = new URL(app.config.publicUrl).origin
    own.set(app.config, origin)
  }
  return origin
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The embed setting (allowed origins, comments category), cached and shared across instances. */
    embedSettings: EmbedSettingsStore
  }
}
