import autocannon from 'autocannon'

/** What one scenario measured. Latencies in milliseconds. */
export interface Measured {
  rps: number
  p50: number
  p99: number
  requests: number
  /** Responses outside 2xx, plus connection errors and timeouts: any of them voids the figures. */
  failures: number
  statuses: Record<string, number>
  sample?: { status: number; path: string; body: string }
}

/** One request of a scenario; `next(i)` is called for every request sent, i counting up. */
export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadOptions {
  url: string
  connections: number
  seconds: number
  /** Send exactly this many requests instead of loading for `seconds`. */
  amount?: number
  next: (i: number) => RequestSpec
}

/**
 * Runs autocannon in this process with `connections` keep-alive connections for `seconds`,
 * each request built by `next` (so paths and tokens vary), and keeps one failing response as
 * a sample to print.
 */
export async function load(opts: LoadOptions): Promise<Measured> {
  let i = 0
  let sample: Measured['sample']
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
    // A slow response is a figure to report, not an error; only a stuck server times out.
    timeout: 30,
    requests: [
      {
        // One request in flight per connection (no pipelining): the context remembers its path.
        setupRequest: (req, ctx) => {
          const spec = opts.next(i++)
          ;(ctx as { path?: string }).path = spec.path
          return {
            ...req,
            method: spec.method ?? 'GET',
            path: spec.path,
            headers: { accept: 'application/json', ...spec.headers },
            body: spec.body ?? '',
          }
        },
        onResponse: (status, body, ctx) => {
          if ((status < 200 || status >= 300) && !sample)
            sample = { status, path: (ctx as { path?: string }).path ?? '', body: String(body).slice(0, 300) }
        },
      },
    ],
  })
  const statuses: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses,
    ...(sample ? { sample } : {}),
  }
}
