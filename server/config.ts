import path from 'node:path'

/** Everything Tribune reads from its environment, parsed once. Names are fixed by shared/API.md. */
export interface Config {
  port: number
  host: string
  publicUrl: string
  databaseUrl: string | undefined
  dataDir: string
  redisUrl: string | undefined
  adminEmail: string | undefined
  adminPassword: string | undefined
  embedOrigins: string[]
  ssoSecret: string | undefined
  rateLimits: boolean
  logLevel: string
  /** Seed the French demo community on first start of an empty embedded database. */
  demoOnFirstStart: boolean
  /** Milliseconds a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs: number
  /** A session cookie marked Secure: on when PUBLIC_URL is https. */
  secureCookies: boolean
  /** Memory the shared topic-page cache may hold, in bytes. */
  pageCacheBytes: number
  /** Where mail is sent through (`smtp://` or `smtps://`, credentials in the URL); unset: no email. */
  smtpUrl: string | undefined
  /** The From of every email Tribune sends. */
  smtpFrom: string
  /** How often, in milliseconds, an instance looks for due jobs (0: never; tests run them by hand). */
  jobsPollMs: number
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['on', 'true', '1', 'yes'].includes(raw)) return true
  if (['off', 'false', '0', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be on or off, got "${env[name]}"`)
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000)
  if (port > 65535) throw new ConfigError(`PORT must be at most 65535, got ${port}`)
  const host = env.HOST || '127.0.0.1'
  const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
    /\/+$/,
    '',
  )
  try {
    new URL(publicUrl)
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`)
  }
  const databaseUrl = env.DATABASE_URL || undefined
  const smtpUrl = env.SMTP_URL || undefined
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/?#\s]+/i.test(smtpUrl))
    // The URL itself is left out: it usually carries the SMTP password.
    throw new ConfigError('SMTP_URL must look like smtp://user:password@host:587 (or smtps://)')
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    redisUrl: env.REDIS_URL || undefined,
    adminEmail: env.TRIBUNE_ADMIN_EMAIL || undefined,
    adminPassword: env.TRIBUNE_ADMIN_PASSWORD || undefined,
    embedOrigins: (env.EMBED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    ssoSecret: env.SSO_SECRET || undefined,
    rateLimits: flag(env, 'RATE_LIMITS', true),
    logLevel: env.LOG_LEVEL || 'info',
    demoOnFirstStart: flag(env, 'TRIBUNE_DEMO', databaseUrl === undefined),
    statementTimeoutMs: int(env, 'TRIBUNE_STATEMENT_TIMEOUT_MS', 15_000),
    secureCookies: publicUrl.startsWith('https:'),
    pageCacheBytes: int(env, 'TRIBUNE_PAGE_CACHE_MB', 128) * 1024 * 1024,
    smtpUrl,
    jobsPollMs: int(env, 'TRIBUNE_JOBS_POLL_MS', 1000),
    smtpFrom: env.SMTP_FROM || `Tribune <no-reply@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')}>`,
  }
}
