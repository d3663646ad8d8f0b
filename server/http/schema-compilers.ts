import AjvCompiler from '@fastify/ajv-compiler'
import SerializerCompiler from '@fastify/fast-json-stringify-compiler'
import type { FastifySchemaCompiler } from 'fastify'

// What the factories and the compilers they build are at run time (the packages' types describe an
// older calling convention: Fastify passes { schema, method, url, httpPart }).
type Factory = (
  externalSchemas: unknown,
  options?: { customOptions?: Record<string, unknown>; plugins?: unknown[] },
) => FastifySchemaCompiler<unknown>
type Validate = ReturnType<FastifySchemaCompiler<unknown>> & { errors?: unknown }
type SerializerFactory = SerializerCompiler.SerializerFactory

// One pool for the process, not one per app: an Ajv instance costs ~100 ms to set up with the
// shared schemas, the pool keys instances by those schemas and options, and each instance caches
// what it compiled. A process building several apps (a test file does) sets up and compiles once.
const pool = AjvCompiler() as unknown as Factory

export interface SchemaCompilers {
  buildValidator: AjvCompiler.BuildCompilerFromPool
  buildSerializer: SerializerFactory
}

/**
 * Fastify's validator and serializer factories, with two changes.
 *
 * Bodies are never coerced. Query strings and path parameters arrive as text, so `?limit=20` must
 * become 20; a JSON body already has types, and coercing it would store `{"displayName": 42}` as
 * "42" or `["x"]` as "x" instead of refusing it.
 *
 * Compiling can wait for a route's first request (`lazy`). Ajv and fast-json-stringify take a second
 * of CPU to compile the ~150 routes' schemas, which a test building an app to call three routes
 * pays for nothing. The server compiles eagerly, as Fastify does, so that production requests never
 * wait on a compiler and a broken schema stops the start.
 */
export function schemaCompilers(opts: { lazy: boolean }): SchemaCompilers {
  const defer = <F>(compile: () => F): (() => F) => {
    let compiled: F | undefined
    return () => (compiled ??= compile())
  }

  const buildValidator: Factory = (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options)
    const strict = pool(externalSchemas, {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    })
    const compile = (route: Parameters<FastifySchemaCompiler<unknown>>[0]) => {
      if (route.httpPart === 'body') return strict(route) as Validate
      // Fastify lowercases header schemas itself only for its own compiler; Node lowercases names.
      if (route.httpPart === 'headers')
        return coercing({ ...route, schema: lowerCaseHeaders(route.schema) }) as Validate
      return coercing(route) as Validate
    }
    return (route) => {
      if (!opts.lazy) return compile(route)
      const get = defer(() => compile(route))
      // Fastify reads a failed validation's reasons from the function it called.
      const validate: Validate = (data: unknown) => {
        const fn = get()
        const result = fn(data)
        validate.errors = fn.errors
        return result
      }
      return validate
    }
  }

  const serializerPool = SerializerCompiler() as unknown as SerializerFactory
  const buildSerializer: SerializerFactory = (externalSchemas, options) => {
    const compile = serializerPool(externalSchemas, options)
    return (route) => {
      if (!opts.lazy) return compile(route)
      const get = defer(() => compile(route))
      return (data) => get()(data)
    }
  }

  return {
    buildValidator: buildValidator as unknown as AjvCompiler.BuildCompilerFromPool,
    buildSerializer: buildSerializer as unknown as SerializerFactory,
  }
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
