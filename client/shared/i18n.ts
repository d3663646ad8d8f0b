// Languages and locale formatting for the components. Strings live in catalogues beside the
// components that show them (`messages.ts` in each folder), one object per language with the
// same keys, so the type checker finds a missing translation; Intl does dates, numbers, plurals.

export const languages = ['fr', 'en'] as const
export type Lang = (typeof languages)[number]

/** A component's strings in every language; `satisfies Catalogue<…>` keeps both complete. */
export type Catalogue<M> = Record<Lang, M>

export const isLang = (value: unknown): value is Lang => languages.includes(value as Lang)

/**
 * The first of the candidates that is a language we speak: an explicit choice (an attribute,
 * the member's setting), then the browser's languages (`fr-CA` counts as `fr`), then English.
 */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages
  for (const candidate of [...candidates, ...browser]) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0]
    if (isLang(base)) return base
  }
  return 'en'
}

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' }

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}

/** A date and time in the reader's language and time zone (the browser's unless given). */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string | null): string {
  const tz = timeZone ?? undefined
  return cached(
    `dt:${lang}:${tz}`,
    () => new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }),
  ).format(new Date(iso))
}

export function formatDate(iso: string, lang: Lang, timeZone?: string | null): string {
  const tz = timeZone ?? undefined
  return cached(
    `d:${lang}:${tz}`,
    () => new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: tz }),
  ).format(new Date(iso))
}

let datesWarm = false
let warming: Promise<void> | undefined

/**
 * Whether dates format without a pause. A page's first Intl formatter loads the locale data, about
 * 50 ms of Chromium's main thread: a thread puts its posts on screen first and their dates one task
 * later (whenDatesReady), rather than making the reader wait for a "3 minutes ago".
 */
export function datesReady(): boolean {
  return datesWarm
}

/**
 * Resolves once the locale data is loaded, loading it on the first call after the next frame (so
 * the posts are painted first), or after 200 ms in a tab that paints no frame (in the background).
 */
export function whenDatesReady(): Promise<void> {
  warming ??= new Promise((resolve) => {
    let done = false
    const warm = () => {
      if (done) return
      done = true
      new Intl.RelativeTimeFormat(locales.en).format(0, 'second')
      datesWarm = true
      resolve()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(warm, 0))
    setTimeout(warm, 200)
  })
  return warming
}

/** "3 minutes ago", "il y a 3 minutes"; past a week, the date. */
export function formatRelative(iso: string, lang: Lang, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  const abs = Math.abs(seconds)
  const rtf = cached(`rt:${lang}`, () => new Intl.RelativeTimeFormat(locales[lang], { numeric: 'auto' }))
  if (abs < 45) return rtf.format(0, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day')
  return formatDate(iso, lang)
}

export function formatNumber(n: number, lang: Lang): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(locales[lang])).format(n)
}

const plurals = new Map<Lang, Intl.PluralRules>()
/** Picks the form for n: `plural(n, lang, { one: '1 réponse', other: `${n} réponses` })`. */
export function plural(n: number, lang: Lang, forms: { one: string; other: string; zero?: string }): string {
  if (n === 0 && forms.zero !== undefined) return forms.zero
  let rules = plurals.get(lang)
  if (!rules) {
    rules = new Intl.PluralRules(locales[lang])
    plurals.set(lang, rules)
  }
  return rules.select(n) === 'one' ? forms.one : forms.other
}
