import { sql } from 'kysely'
import t from 'tap'
import { build, json } from '../helpers/app.js'

const operations = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const

/** `/api/topics/:id` as OpenAPI writes it: `/api/topics/{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

// The benchmark baseline is a route production can expose: it must be documented too.
process.env.TRIBUNE_BENCH_BASELINE = 'on'
const a = await build(t)
// Nothing below needs the database; one query makes sure the embedded one is opened, so that
// closing it ends the process (server/db/database.ts closes a PGlite only once Kysely has used it).
await sql`select 1`.execute(a.db)

t.test('every route the app serves is in the OpenAPI document', async (t) => {
  const res = await a.inject({ method: 'GET', url: '/api/openapi.json' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const doc = json(res)
  t.ok(a.app.routeInventory.length > 10, 'the inventory saw the routes')
  t.ok(a.app.routeInventory.some((r) => r.url === '/api/bench/baseline'))
  t.notOk(
    a.app.routeInventory.some((r) => r.method === 'HEAD'),
    'HEAD twins are not listed',
  )
  t.notOk(
    a.app.routeInventory.some((r) => r.url.startsWith('/api/docs')),
    'swagger-ui routes are not listed',
  )
  const missing = a.app.routeInventory
    .filter((r) => !doc.paths?.[openApiPath(r.url)]?.[r.method.toLowerCase()])
    .map((r) => `${r.method} ${r.url}`)
  t.same(missing, [], 'routes missing from /api/openapi.json')
})

t.test('the document is structurally valid OpenAPI 3', async (t) => {
  const doc = json(await a.inject({ method: 'GET', url: '/api/openapi.json' }))
  t.match(doc.openapi, /^3\.\d+\.\d+$/)
  t.type(doc.info?.title, 'string')
  t.type(doc.info?.version, 'string')
  t.type(doc.paths, 'object')

  const problems: string[] = []
  const opIds = new Set<string>()
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    if (!path.startsWith('/')) problems.push(`${path}: paths start with /`)
    if (/:[A-Za-z]/.test(path)) problems.push(`${path}: parameters are written {name}`)
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
    for (const method of operations) {
      const op = item[method]
      if (!op) continue
      const where = `${method.toUpperCase()} ${path}`
      if (typeof op.summary !== 'string' || op.summary.trim() === '') problems.push(`${where}: no summary`)
      const responses = Object.entries<any>(op.responses ?? {})
      if (responses.length === 0) problems.push(`${where}: no responses`)
      for (const [status, r] of responses) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${where}: status ${status}`)
        if (!r.$ref && typeof r.description !== 'string') problems.push(`${where} ${status}: no description`)
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      for (const name of templated) {
        if (!params.some((p: any) => p.in === 'path' && p.name === name && p.required === true))
          problems.push(`${where}: path parameter ${name} is not declared`)
      }
      if (op.operationId !== undefined) {
        if (opIds.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`)
        opIds.add(op.operationId)
      }
    }
  }
  // Every reference points at something the document defines.
  const text = JSON.stringify(doc)
  for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
    const target = ref!
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
    if (!ref!.startsWith('#/') || target === undefined) problems.push(`unresolved $ref ${ref}`)
  }
  t.same(problems, [], 'structural problems')
  t.ok(doc.components?.schemas?.Error, 'the error shape is documented')
})

t.test('/api/docs serves the documentation viewer', async (t) => {
  let res = await a.inject({ method: 'GET', url: '/api/docs' })
  // Some versions of swagger-ui redirect the bare prefix to its trailing-slash form.
  if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
    res = await a.inject({ method: 'GET', url: new URL(res.headers.location, 'http://x').pathname })
  }
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/html/)
  t.match(res.body, /swagger/i)
})
