import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import type { Db } from '../db/database.js'
import { projectRoot } from '../paths.js'
import { getSetting, putSetting } from '../settings/store.js'
import { hexColor, overlay, readTokens, type Tokens } from './tokens.js'

/** The theme every community starts with, and the one every other theme is served on top of. */
export const defaultTheme = 'default'
/** Theme names are file names in themes/: lower-case words joined by hyphens. */
export const themeNamePattern = '^[a-z0-9]+(-[a-z0-9]+)*$'

const themesDir = join(projectRoot, 'themes')
const settingKey = 'theme'

/** A file a theme's CSS points at (its logo), served under a content-hashed address. */
export interface ThemeFile {
  body: Buffer
  type: string
  hash: string
}

export interface Theme {
  name: string
  label: { fr: string; en: string }
  /** The theme's own CSS, its url()s rewritten to the files' hashed addresses. */
  css: string
  /** Its tokens over the default theme's, as a reader's page resolves them. */
  tokens: Tokens
  /** True when the theme is dark whatever the reader's system preference. */
  dark: boolean
  files: Map<string, ThemeFile>
}

const fileTypes: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
}

export const themeFileUrl = (theme: string, file: string, hash: string) =>
  `/assets/themes/${theme}/${file}?v=${hash}`

function loadTheme(name: string): Theme {
  const source = readFileSync(join(themesDir, `${name}.css`), 'utf8')
  const label = (lang: string) => new RegExp(`@label-${lang}\\s+(.+)`).exec(source)?.[1]?.trim() || name
  const files = new Map<string, ThemeFile>()
  // A url() relative to themes/ names a file of this theme's own folder; anything else (an
  // absolute address, a data: URL, another theme's folder) is left for the browser to judge.
  const css = source.replace(
    /url\(\s*(["']?)([a-z0-9-]+)\/([A-Za-z0-9_.-]+)\1\s*\)/g,
    (match, _q, dir, file) => {
      const type = fileTypes[extname(file)]
      if (dir !== name || !type || file.startsWith('.')) return match
      const body = readFileSync(join(themesDir, dir, file))
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
      files.set(file, { body, type, hash })
      return `url("${themeFileUrl(name, file, hash)}")`
    },
  )
  const own = readTokens(css)
  const base =
    name === defaultTheme ? null : readTokens(readFileSync(join(themesDir, `${defaultTheme}.css`), 'utf8'))
  const tokens = base ? overlay(base.base, own.base) : own.base
  return {
    name,
    label: { fr: label('fr'), en: label('en') },
    css,
    tokens,
    dark: /^\s*dark\s*$/.test(tokens.get('--tribune-color-scheme') ?? ''),
    files,
  }
}

let themes: Map<string, Theme> | undefined

/**
 * Every theme in themes/, read once: they ship with the code (a new theme is a deploy, like
 * a new bundle), so their stylesheets can be served under content-hashed addresses for good.
 * The default theme first, then by name.
 */
export function allThemes(): Map<string, Theme> {
  if (themes) return themes
  const names = readdirSync(themesDir)
    .filter((f) => f.endsWith('.css') && statSync(join(themesDir, f)).isFile())
    .map((f) => f.slice(0, -4))
    .filter((n) => new RegExp(themeNamePattern).test(n))
    .sort((a, b) => (a === defaultTheme ? -1 : b === defaultTheme ? 1 : a.localeCompare(b)))
  themes = new Map(names.map((n) => [n, loadTheme(n)]))
  return themes
}

export const isTheme = (name: string): boolean => allThemes().has(name)

export function getTheme(name: string): Theme {
  return allThemes().get(name) ?? allThemes().get(defaultTheme)!
}

/** The colours a theme picker shows as a swatch. */
export function swatch(theme: Theme) {
  const c = (token: string) => hexColor(theme.tokens, `--tribune-color-${token}`)
  return {
    surface: c('surface'),
    surfaceRaised: c('surface-raised'),
    text: c('text'),
    brand: c('brand'),
    brandFill: c('brand-fill'),
    onBrand: c('on-brand'),
    accent: c('accent'),
  }
}

/** The community's theme, as the admin chose it; the default when unset or since removed. */
export async function communityTheme(db: Db): Promise<string> {
  const name = ((await getSetting(db, settingKey)) as { name?: unknown } | undefined)?.name
  return typeof name === 'string' && isTheme(name) ? name : defaultTheme
}

/** A member's own choice, or null when they follow the community's (or chose a theme since removed). */
export async function memberTheme(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('theme').where('id', '=', userId).executeTakeFirst()
  return row?.theme && isTheme(row.theme) ? row.theme : null
}

/** The theme a reader's pages use: their own choice, else the community's. */
export async function effectiveTheme(db: Db, userId: number | null): Promise<string> {
  const [community, own] = await Promise.all([
    communityTheme(db),
    userId === null ? null : memberTheme(db, userId),
  ])
  return own ?? community
}

export type ThemeOutcome = { ok: true; theme: string | null } | { ok: false; reason: 'unknown_theme' }

/**
 * Sets the community's theme (the caller checked the actor is an admin), audited.
 *
 * @example await setCommunityTheme(app.db, viewer, 'dark')
 */
export async function setCommunityTheme(db: Db, actor: Viewer, name: string): Promise<ThemeOutcome> {
  if (!isTheme(name)) return { ok: false, reason: 'unknown_theme' }
  const previous = await communityTheme(db)
  await db.transaction().execute(async (trx) => {
    await putSetting(trx, settingKey, { name })
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'theme.changed',
      targetType: 'community',
      targetId: settingKey,
      data: { from: previous, to: name },
    })
  })
  return { ok: true, theme: name }
}

/**
 * Sets or clears (null) a member's own theme.
 *
 * @example await setMemberTheme(app.db, viewer.id, null) // follow the community's again
 */
export async function setMemberTheme(db: Db, userId: number, name: string | null): Promise<ThemeOutcome> {
  if (name !== null && !isTheme(name)) return { ok: false, reason: 'unknown_theme' }
  await db.updateTable('users').set({ theme: name }).where('id', '=', userId).execute()
  return { ok: true, theme: name }
}
