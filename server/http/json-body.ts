import type { FastifyInstance } from 'fastify'
import secureJson from 'secure-json-parse'
import { badRequest } from './errors.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Parses JSON bodies strictly: invalid UTF-8 is refused instead of silently replaced, and so are
 * strings PostgreSQL cannot store byte for byte (NUL) or that are not well-formed Unicode (lone
 * surrogates from `\ud800` escapes). Prototype-poisoning keys are refused by secure-json-parse.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json$/,
    { parseAs: 'buffer' },
    (_req, body: Buffer, done) => {
      if (body.length === 0) return done(null, undefined)
      let text: string
      try {
        text = utf8.decode(body)
      } catch {
        return done(badRequest('invalid_utf8', 'The body is not valid UTF-8.'), undefined)
      }
      let value: unknown
      try {
        value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })
      } catch {
        return done(badRequest('invalid_json', 'The body is not valid JSON.'), undefined)
      }
      const bad = findUnstorableString(value)
      if (bad) return done(badRequest('invalid_text', bad), undefined)
      done(null, value)
    },
  )
}

function findUnstorableString(value: unknown, depth = 0): string | null {
  if (depth > 32) return 'The body is nested too deeply.'
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'Text may not contain NUL characters.'
    if (!value.isWellFormed()) return 'Text contains invalid Unicode (a lone surrogate).'
    return null
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = findUnstorableString(v, depth + 1)
      if (bad) return bad
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = findUnstorableString(k, depth + 1) ?? findUnstorableString(v, depth + 1)
      if (bad) return bad
    }
  }
  return null
}
