import type { FastifyInstance } from 'fastify'
import secureJson from 'secure-json-parse'
import { badRequest } from './errors.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** How deep a body may nest: no route takes more than a few levels, and checks below recurse. */
const maxDepth = 32

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
      // An empty body reaches the route's schema, which says what was expected ("body must be object").
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
      } catch (err) {
        if (/forbidden (prototype|constructor) property/.test((err as Error).message))
          return done(
            badRequest('forbidden_key', 'The body may not use "__proto__" or "constructor.prototype" keys.'),
            undefined,
          )
        return done(badRequest('invalid_json', 'The body is not valid JSON.'), undefined)
      }
      const bad = findUnstorable(value, 0)
      if (bad) return done(badRequest(bad.code, bad.message), undefined)
      done(null, value)
    },
  )
}

type Problem = { code: string; message: string }

function checkText(text: string): Problem | null {
  if (text.includes('\u0000'))
    return { code: 'invalid_text', message: 'Text may not contain NUL characters.' }
  if (!text.isWellFormed())
    return { code: 'invalid_text', message: 'Text contains invalid Unicode (a lone surrogate).' }
  return null
}

function findUnstorable(value: unknown, depth: number): Problem | null {
  if (typeof value === 'string') return checkText(value)
  if (value === null || typeof value !== 'object') return null
  if (depth >= maxDepth)
    return { code: 'too_deeply_nested', message: `The body nests more than ${maxDepth} levels deep.` }
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = findUnstorable(v, depth + 1)
      if (bad) return bad
    }
    return null
  }
  for (const [k, v] of Object.entries(value)) {
    const bad = checkText(k) ?? findUnstorable(v, depth + 1)
    if (bad) return bad
  }
  return null
}
