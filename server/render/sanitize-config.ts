import type { Config, DOMPurify } from 'dompurify'

// The one allowlist for member HTML. The server sanitises with it at write time and the browser
// embed again before rendering (shared/DESIGN.md), so this module must not import jsdom: it only
// describes the policy and installs it on whichever DOMPurify instance it is given.

/** Every tag a post may contain; anything else is removed, its text kept. */
export const allowedTags = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
] as const

export const allowedAttributes = ['href', 'src', 'alt', 'title', 'class', 'rel', 'start', 'align'] as const

/** Every link carries this: member links must not pass reputation nor get a handle on our window. */
export const linkRel = 'nofollow ugc noopener'

// DOMPurify tests this after removing whitespace and control characters, so `java\tscript:`
// and entity-encoded colons (decoded by the parser before the test) are caught too. Schemeless
// values are relative URLs; a value with a scheme must be http(s) or mailto.
export const allowedUriRegexp = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

export const sanitizeConfig = {
  ALLOWED_TAGS: [...allowedTags],
  ALLOWED_ATTR: [...allowedAttributes],
  ALLOWED_URI_REGEXP: allowedUriRegexp,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_XML: true,
  KEEP_CONTENT: true,
  RETURN_TRUSTED_TYPE: false,
} satisfies Config

// Same characters DOMPurify strips before its own URI test.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const uriNoise = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g
const scheme = /^([a-z][a-z0-9+.-]*):/i

/** Whether a URL may be a link target (http(s), mailto, relative) or, with `image`, an image source. */
export function isAllowedUrl(value: string, kind: 'link' | 'image'): boolean {
  const compact = value.replace(uriNoise, '')
  const m = scheme.exec(compact)
  if (!m) return true
  const s = m[1]!.toLowerCase()
  return s === 'http' || s === 'https' || (kind === 'link' && s === 'mailto')
}

// Classes are only the ones the renderer emits, so a member cannot borrow the site's styles.
function keepClasses(tag: string, value: string): string {
  return value
    .split(/\s+/)
    .filter((c) => (tag === 'a' && c === 'mention') || (tag === 'code' && /^language-[\w+#-]{1,30}$/.test(c)))
    .join(' ')
}

/**
 * Installs the attribute rules the allowlist alone cannot express (which attribute on which tag,
 * image sources, classes, rel) and makes `sanitizeConfig` the instance's default.
 */
export function installSanitizePolicy(purify: DOMPurify): void {
  purify.setConfig(sanitizeConfig)
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const tag = node.nodeName.toLowerCase()
    const value = data.attrValue
    let keep = true
    switch (data.attrName) {
      case 'href':
        keep = tag === 'a' && isAllowedUrl(value, 'link')
        break
      case 'src':
        keep = tag === 'img' && isAllowedUrl(value, 'image')
        break
      case 'start':
        keep = tag === 'ol' && /^\d{1,9}$/.test(value)
        break
      case 'align':
        keep = (tag === 'th' || tag === 'td') && /^(left|center|right)$/.test(value)
        break
      case 'class':
        data.attrValue = keepClasses(tag, value)
        keep = data.attrValue !== ''
        break
      case 'rel':
        keep = tag === 'a'
        break
    }
    if (!keep) data.keepAttr = false
  })
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') node.setAttribute('rel', linkRel)
  })
}
