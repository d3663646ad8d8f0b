import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { Type } from 'typebox'
import { notFound } from '../http/errors.js'
import { errorResponses } from '../http/schemas.js'

const BaselineQuery = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'A user id.' }) },
  { additionalProperties: false },
)

const BaselineRow = Type.Object(
  { id: Type.Integer(), handle: Type.String() },
  { description: 'The user row, as bare as a route can answer.' },
)

/**
 * The yardstick `npm run bench` compares every scenario with: the cheapest useful thing this
 * server can do (one primary-key SELECT over plain `pg`), measured on the same machine in the
 * same run. It has its own pool, sized like the app's, so it shares neither Kysely's overhead
 * nor the app's connections, and so a ratio to it isolates what Tribune adds.
 *
 *     curl 'http://127.0.0.1:3000/api/bench/baseline?id=1'  →  {"id":1,"handle":"admin"}
 *
 * Registered only when TRIBUNE_BENCH_BASELINE=on (see server/app.ts).
 */
export default async function baseline(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const lookup = pgLookup(app) ?? kyselyLookup(app)

  app.get(
    '/api/bench/baseline',
    {
      schema: {
        tags: ['bench'],
        summary: 'Benchmark baseline: one user row by primary key with bare pg',
        description: 'Only present when the server runs with TRIBUNE_BENCH_BASELINE=on (npm run bench).',
        querystring: BaselineQuery,
        response: { 200: BaselineRow, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const row = await lookup(req.query.id)
      if (!row) throw notFound('This user')
      return row
    },
  )
}

type Lookup = (id: number) => Promise<{ id: number; handle: string } | undefined>

function pgLookup(app: FastifyInstance): Lookup | undefined {
  const url = app.config.databaseUrl
  if (!url) return undefined
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    connectionTimeoutMillis: 5_000,
    statement_timeout: app.config.statementTimeoutMs,
    application_name: 'tribune-bench-baseline',
  })
  // Without a listener, an idle client losing its connection would crash the process.
  pool.on('error', (err) => app.log.warn({ err }, 'bench baseline pool: connection lost'))
  app.addHook('onClose', async () => pool.end())
  return async (id) => {
    // A named statement is parsed once per connection, as a hand-tuned pg route would be.
    const res = await pool.query<{ id: string; handle: string }>({
      name: 'bench-baseline',
      text: 'select id, handle from users where id = $1',
      values: [id],
    })
    const row = res.rows[0]
    return row && { id: Number(row.id), handle: row.handle }
  }
}

// The embedded database has no pg server to connect to; the route still answers so that the
// OpenAPI document is the same, but its figures then mean little.
function kyselyLookup(app: FastifyInstance): Lookup {
  app.log.warn('bench baseline: no DATABASE_URL, answering through the embedded database')
  return async (id) => {
    const res = await sql<{
      id: number
      handle: string
    }>`select id, handle from users where id = ${id}`.execute(app.db)
    return res.rows[0]
  }
}
