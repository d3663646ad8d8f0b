import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../paths.js'
import { defaultTheme, getTheme } from './service.js'

export interface Stylesheet {
  body: string
  /** Content hash: the address changes with the content, so browsers may keep it for good. */
  version: string
  url: string
}

const base = readFileSync(join(projectRoot, 'server/web/base.css'), 'utf8')
const built = new Map<string, Stylesheet>()

/**
 * The pages' stylesheet in a theme, in one request: the default theme's tokens (so a theme
 * restates only what differs), the theme's own, then the layout that reads them. Built once per
 * theme, since themes ship with the code.
 */
export function themeStylesheet(name: string): Stylesheet {
  const theme = getTheme(name)
  const cached = built.get(theme.name)
  if (cached) return cached
  const parts = [getTheme(defaultTheme).css, theme.name === defaultTheme ? '' : theme.css, base]
  const body = parts.filter(Boolean).join('\n')
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12)
  const query = theme.name === defaultTheme ? '' : `theme=${theme.name}&`
  const sheet = { body, version, url: `/assets/tribune.css?${query}v=${version}` }
  built.set(theme.name, sheet)
  return sheet
}
