// Switching the page's theme without a reload: the server links one stylesheet per theme
// (server/web/layout.ts: `<link rel="stylesheet" href="/assets/tribune.css?theme=…&v=…">`) and
// names the theme on `<html data-theme>`; both change here.

/** The theme stylesheets this document links (the pages' own, not a brand's). */
function themeLinks(doc: Document): HTMLLinkElement[] {
  return [...doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter(
    (l) => new URL(l.href, doc.baseURI).pathname === '/assets/tribune.css',
  )
}

/**
 * Shows the page in `name`, whose stylesheet is at `href` (GET /api/themes gives both). The new
 * sheet goes in beside the old one, which leaves once it has loaded: no flash of unstyled page.
 */
export async function applyTheme(name: string, href: string, doc: Document = document): Promise<void> {
  const old = themeLinks(doc)
  if (old.some((l) => l.getAttribute('href') === href)) {
    doc.documentElement.dataset.theme = name
    return
  }
  const link = doc.createElement('link')
  link.rel = 'stylesheet'
  link.href = href
  const loaded = await new Promise<boolean>((resolve) => {
    link.addEventListener('load', () => resolve(true), { once: true })
    link.addEventListener('error', () => resolve(false), { once: true })
    const last = old.at(-1)
    if (last) last.after(link)
    else doc.head.append(link)
  })
  // A sheet that did not load would leave the page unstyled: keep the old one until next visit.
  if (!loaded) {
    link.remove()
    throw new Error(`the stylesheet ${href} did not load`)
  }
  doc.documentElement.dataset.theme = name
  for (const l of old) l.remove()
}
