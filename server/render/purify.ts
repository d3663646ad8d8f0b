import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { installSanitizePolicy } from './sanitize-config.js'

// One window and one DOMPurify for the whole process: building either costs milliseconds, and
// rendering runs on every post written.
const { window } = new JSDOM('<!doctype html><html><body></body></html>')
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
installSanitizePolicy(purify)

/** HTML from anywhere → HTML within the allowlist of sanitize-config.ts. Idempotent. */
export function sanitizeHtml(html: string): string {
  return purify.sanitize(html) as string
}
