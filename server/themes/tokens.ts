/**
 * Reading a theme's `--tribune-*` tokens out of its CSS, to preview its colours (GET /api/themes)
 * and to check their contrast (test/themes). Themes are small files we ship or an admin drops in
 * themes/, written in the one shape themes/README.md documents, so a scanner of blocks and
 * declarations is enough: no full CSS parser on the request path.
 */

export type Tokens = Map<string, string>

export interface ThemeTokens {
  /** Tokens of the `:where(:root)` blocks outside any media query. */
  base: Tokens
  /** Tokens restated under `@media (prefers-color-scheme: dark)`, when the theme follows the system. */
  dark: Tokens
}

/** Every `--tribune-*` declaration, by the blocks it sits in (comments removed). */
export function readTokens(css: string): ThemeTokens {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const base: Tokens = new Map()
  const dark: Tokens = new Map()
  const stack: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '{') {
      stack.push(text.slice(start, i).trim())
      start = i + 1
    } else if (ch === '}' || ch === ';') {
      const declaration = /^(--tribune-[a-z0-9-]+)\s*:\s*([\s\S]+)$/.exec(text.slice(start, i).trim())
      if (declaration && stack.some((s) => s.includes(':root'))) {
        const inDark = stack.some((s) => /^@media\b.*prefers-color-scheme:\s*dark/.test(s))
        ;(inDark ? dark : base).set(declaration[1]!, declaration[2]!.trim())
      }
      if (ch === '}') stack.pop()
      start = i + 1
    }
  }
  return { base, dark }
}

/** Layers token maps, later ones winning, as the cascade does for the same selector and layer. */
export function overlay(...maps: Tokens[]): Tokens {
  const out: Tokens = new Map()
  for (const m of maps) for (const [k, v] of m) out.set(k, v)
  return out
}

/** A token's value with every `var()` in it substituted (fallbacks honoured), or null if unset. */
export function resolve(tokens: Tokens, name: string, seen: Set<string> = new Set()): string | null {
  const raw = tokens.get(name)
  if (raw === undefined || seen.has(name)) return null
  seen.add(name)
  let out = raw
  // Innermost var() first, so that a fallback holding a var() resolves too.
  for (let guard = 0; guard < 20 && out.includes('var('); guard++) {
    out = out.replace(
      /var\(\s*(--[a-z0-9-]+)\s*(?:,\s*([^()]*))?\)/g,
      (_m, ref: string, fallback?: string) => {
        return resolve(tokens, ref, new Set(seen)) ?? fallback?.trim() ?? ''
      },
    )
  }
  return out
}

export type Rgb = readonly [number, number, number]

/** `#rgb`, `#rrggbb` or `rgb(r g b)` / `rgb(r, g, b)` as 0–255 channels; null for anything else. */
export function parseColor(value: string): Rgb | null {
  const v = value.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb
  }
  const rgb = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*(?:[,/]\s*1(?:\.0*)?\s*)?\)$/.exec(v)
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  return null
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** WCAG 2 contrast ratio, from 1 (none) to 21 (black on white). */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** `#rrggbb` of a resolved colour token, or null when it is unset or not a plain colour. */
export function hexColor(tokens: Tokens, name: string): string | null {
  const value = resolve(tokens, name)
  const rgb = value === null ? null : parseColor(value)
  return rgb ? `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}` : null
}

/**
 * The text/background pairs readers meet on the pages and in the components, each of which must
 * reach 4.5:1 (WCAG AA for body text) in every theme.
 */
export const contrastPairs: readonly (readonly [text: string, background: string])[] = [
  ['--tribune-color-text', '--tribune-color-surface'],
  ['--tribune-color-text', '--tribune-color-surface-raised'],
  ['--tribune-color-text', '--tribune-color-surface-sunken'],
  ['--tribune-color-text-quiet', '--tribune-color-surface'],
  ['--tribune-color-text-quiet', '--tribune-color-surface-raised'],
  ['--tribune-color-text-quiet', '--tribune-color-surface-sunken'],
  ['--tribune-color-link', '--tribune-color-surface'],
  ['--tribune-color-link', '--tribune-color-surface-raised'],
  ['--tribune-color-link', '--tribune-color-surface-sunken'],
  ['--tribune-color-brand', '--tribune-color-surface'],
  ['--tribune-color-brand', '--tribune-color-brand-fill-quiet'],
  ['--tribune-color-on-brand', '--tribune-color-brand-fill'],
  ['--tribune-color-danger', '--tribune-color-surface'],
  ['--tribune-color-danger', '--tribune-color-surface-raised'],
]
