import createDOMPurify from 'dompurify'
import { installSanitizePolicy } from '../../server/render/sanitize-config.js'

// Post HTML is sanitised again in the browser, under the server's own allowlist, before it
// enters a page (shared/DESIGN.md): in an embed it runs with the brand's origin, so a miss in
// the server's sanitiser must not become script on the brand's site. This is the only way
// member HTML reaches `unsafeHTML`.

const purify = createDOMPurify(window)
installSanitizePolicy(purify)

export function sanitizePostHtml(html: string): string {
  return purify.sanitize(html) as string
}
