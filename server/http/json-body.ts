import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify'
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

// What the factory and the compilers it builds are at run time (the package's types describe an
// older calling convention: Fastify passes { schema, method, url, httpPart }).
type Factory = (
  externalSchemas: unknown,
  options?: { customOptions?: Record<string, unknown>; plugins?: unknown[] },
) => FastifySchemaCompiler<unknown>

/**
 * Fastify's validator factory, except that bodies are never coerced. Query strings and path
 * parameters arrive as text, so `?limit=20` must become 20; a JSON body already has types, and
 * coercing it would store `{"displayName": 42}` as "42" or `["x"]` as "x" instead of refusing it.
 * Use as `Fastify({ schemaController: { compilersFactory: { buildValidator: strictBodyValidator() } } })`.
 */
export function strictBodyValidator(): AjvCompiler.BuildCompilerFromPool {
  const pool = AjvCompiler() as unknown as Factory
  const factory: Factory = (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options)
    const strict = pool(externalSchemas, {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    })
    return (route) => {
      if (route.httpPart === 'body') return strict(route)
      // Fastify lowercases header schemas itself only for its own compiler; Node lowercases names.
      if (route.httpPart === 'headers') return coercing({ ...route, schema: lowerCaseHeaders(route.schema) })
      return coercing(route)
    }
  }
  return factory as unknown as AjvCompiler.BuildCompilerFromPool
}

function lowerCaseHeaders(schema: unknown): unknown {
  const s = schema as { properties?: Record<string, unknown>; required?: unknown } | null
  if (!s || typeof s !== 'object' || !s.properties) return schema
  return {
    ...s,
    properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k.toLowerCase(), v])),
    ...(Array.isArray(s.required) ? { required: s.required.map((k: string) => k.toLowerCase()) } : {}),
  }
}
