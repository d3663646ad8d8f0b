import { parseArgs } from 'node:util'

/** How big a community the bench seeds. */
export interface Sizes {
  posts: number
  topics: number
  members: number
  /** Replies in the one very long topic (it has one more post: its opening post). */
  bigTopic: number
}

export const fullSizes: Sizes = { posts: 1_000_000, topics: 50_000, members: 20_000, bigTopic: 10_000 }
export const smallSizes: Sizes = { posts: 50_000, topics: 2_500, members: 1_000, bigTopic: 10_000 }

export interface BenchOptions {
  sizes: Sizes
  databaseUrl: string
  reseed: boolean
  connections: number
  /** Seconds each scenario is measured for. */
  duration: number
  only: string[] | undefined
  /** Sockets of the live fan-out bench. */
  liveClients: number
  /** Writes per second of the live fan-out bench, and for how many seconds. */
  liveRate: number
  liveDuration: number
}

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/tribune_bench'

export const usage = `npm run bench -- [options]

  --small              a quick check: 50,000 posts, 2,500 topics, 1,000 members, 1,000 live clients
  --posts N --topics N --members N --big-topic N
                       dataset sizes (default 1,000,000 / 50,000 / 20,000 / 10,000)
  --reseed             drop the bench database and seed it again
  --connections N      concurrent connections per scenario (default 32)
  --duration S         seconds per scenario (default 10)
  --only a,b           only these scenarios (the baseline runs with any HTTP scenario);
                       \`live\` is the live fan-out bench, \`client\` the bundle sizes and render
                       times in Chromium, \`moderation\` the watched-word check (in-process: no
                       seed, no server); a partial run leaves RESULTS.md alone but for the
                       Moderation section, which it replaces when it measured it
  --live-clients N     WebSocket clients of the live bench (default 10,000; 1,000 with --small)
  --live-rate N        writes per second in the live bench (default 1: a broadcast to 10,000 sockets
                       takes about 400 ms on 2 shared cores; faster, a busy machine measures a queue)
  --live-duration S    seconds of writes in the live bench (default 30)

  BENCH_DATABASE_URL   the bench database (default ${defaultDatabaseUrl}); it is created if missing
  BENCH_SERVER_ARGS    Node flags for the server process alone (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")`

/** A mistake in the command line: printed without a stack trace. */
export class UsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${raw}"`)
  return n
}

export function parseOptions(argv: string[]): BenchOptions & { help: boolean } {
  const parsed = (() => {
    try {
      return parseArgs({
        args: argv,
        options: {
          small: { type: 'boolean', default: false },
          posts: { type: 'string' },
          topics: { type: 'string' },
          members: { type: 'string' },
          'big-topic': { type: 'string' },
          reseed: { type: 'boolean', default: false },
          connections: { type: 'string' },
          duration: { type: 'string' },
          only: { type: 'string' },
          'live-clients': { type: 'string' },
          'live-rate': { type: 'string' },
          'live-duration': { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
      })
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\n\n${usage}`)
    }
  })()
  const { values } = parsed
  const base = values.small ? smallSizes : fullSizes
  const sizes: Sizes = {
    posts: positive('posts', values.posts, base.posts),
    topics: positive('topics', values.topics, base.topics),
    members: positive('members', values.members, base.members),
    bigTopic: positive('big-topic', values['big-topic'], base.bigTopic),
  }
  // Every topic has its opening post, and the long topic its replies: the rest are spread.
  if (sizes.posts < sizes.topics + sizes.bigTopic)
    throw new UsageError(`--posts must be at least --topics + --big-topic (${sizes.topics + sizes.bigTopic})`)
  if (sizes.bigTopic < 26)
    throw new UsageError('--big-topic must be at least 26 (the deep page reads its last 25)')
  if (sizes.members < 100) throw new UsageError('--members must be at least 100')
  if (sizes.topics < 10) throw new UsageError('--topics must be at least 10')
  return {
    sizes,
    databaseUrl: process.env.BENCH_DATABASE_URL || defaultDatabaseUrl,
    reseed: values.reseed ?? false,
    connections: positive('connections', values.connections, 32),
    duration: positive('duration', values.duration, 10),
    only: values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    liveClients: positive('live-clients', values['live-clients'], values.small ? 1_000 : 10_000),
    liveRate: positive('live-rate', values['live-rate'], 1),
    liveDuration: positive('live-duration', values['live-duration'], 30),
    help: values.help ?? false,
  }
}
