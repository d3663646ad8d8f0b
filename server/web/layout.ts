import type { Me } from './api.js'
import { type Html, html, jsonForScript } from './html.js'
import { type Lang, languages, type Messages } from './i18n.js'

/** What every page knows about the request it answers. */
export interface PageContext {
  lang: Lang
  t: Messages
  me: Me | null
  site: { name: string; description: string }
  publicUrl: string
  /** The reader's theme (their own choice, else the community's): `<html data-theme>`. */
  theme: string
  /** The stylesheet's address in that theme, versioned by its content so browsers may keep it. */
  stylesheet: string
  /** The community site's script (content-hashed): its components take the page over. */
  appScript: string
  /** Chunks the app script imports, preloaded beside it. */
  appChunks: string[]
  /**
   * What the server already read for this page as this reader (`/api/me`, a topic's first
   * page…), handed to the app in a JSON block so its first view needs no second round trip.
   */
  firstView: { path: string; me: unknown } & Record<string, unknown>
  /** The path being shown (no query), to build the canonical URL and the language links. */
  path: string
}

export interface PageOptions {
  title: string
  description: string
  /** Canonical path; defaults to the path being shown. Null for pages that should not be indexed. */
  canonical?: string | null
  ogType?: 'website' | 'article' | 'profile'
  jsonLd?: unknown
  body: Html
}

/** The whole document: head with SEO and social tags, a skip link, header, main, footer. */
export function page(ctx: PageContext, opts: PageOptions): string {
  const { t } = ctx
  const canonical = opts.canonical === null ? null : `${ctx.publicUrl}${opts.canonical ?? ctx.path}`
  const fullTitle = opts.title === ctx.site.name ? opts.title : `${opts.title} · ${ctx.site.name}`
  return `<!doctype html>\n${
    html`<html lang="${ctx.lang}" data-theme="${ctx.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${opts.description}">
${canonical ? html`<link rel="canonical" href="${canonical}">` : html`<meta name="robots" content="noindex">`}
${
  canonical
    ? languages.map((l) => html`<link rel="alternate" hreflang="${l}" href="${canonical}?lang=${l}">\n`)
    : ''
}<meta property="og:site_name" content="${ctx.site.name}">
<meta property="og:title" content="${opts.title}">
<meta property="og:description" content="${opts.description}">
<meta property="og:type" content="${opts.ogType ?? 'website'}">
<meta property="og:locale" content="${ctx.lang === 'fr' ? 'fr_FR' : 'en_GB'}">
${canonical ? html`<meta property="og:url" content="${canonical}">` : ''}
<meta name="twitter:card" content="summary">
<link rel="stylesheet" href="${ctx.stylesheet}">
<script type="module" src="${ctx.appScript}"></script>
${ctx.appChunks.map((c) => html`<link rel="modulepreload" href="${c}">\n`)}<script type="application/json" id="tribune-first-view">${jsonForScript(ctx.firstView)}</script>
${opts.jsonLd ? html`<script type="application/ld+json">${jsonForScript(opts.jsonLd)}</script>` : ''}
</head>
<body>
<tribune-app>
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-name" href="/">${ctx.site.name}</a>
    ${ctx.me ? html`<span class="viewer">${t.signedInAs} <a href="/u/${ctx.me.handle}">${ctx.me.displayName}</a></span>` : ''}
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${opts.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <nav aria-label="${t.language}">
      ${languages.map(
        (l) =>
          html`<a href="${ctx.path}?lang=${l}" hreflang="${l}" lang="${l}"${l === ctx.lang ? html` aria-current="true"` : ''}>${l === 'fr' ? 'Français' : 'English'}</a> `,
      )}
    </nav>
    <p><a href="/api/docs">${t.apiDocs}</a> · ${t.poweredBy}</p>
  </div>
</footer>
</tribune-app>
</body>
</html>`.value
  }\n`
}

/** Breadcrumbs, shown above a category's or a topic's title. */
export function crumbs(ctx: PageContext, trail: { href: string; label: string }[]): Html {
  return html`<nav class="crumbs" aria-label="breadcrumb"><ol>
<li><a href="/">${ctx.t.home}</a></li>
${trail.map((c) => html`<li><a href="${c.href}">${c.label}</a></li>`)}
</ol></nav>`
}
