import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { freePort } from '../helpers/ports.js'
import { withOpenFiles } from './open-files.js'

export { freePort }

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningServer {
  url: string
  logFile: string
  /** The server process's id (its memory is read from /proc/<pid>/status). */
  pid: number
  /** Where its inspector opens on SIGUSR1, when asked for (the live bench collects garbage through it). */
  inspectPort?: number
  /** SIGTERM, then waits for the process to finish its requests and exit. */
  stop(): Promise<void>
  /** SIGTERM without waiting: for signal handlers, which cannot. */
  kill(): void
}

/**
 * Starts the real server as production does (`node --import tsx server/main.ts`), in its own
 * process so that its event loop competes with nothing of the bench's, and waits for /readyz.
 */
export async function startServer(
  databaseUrl: string,
  opts: { openFiles?: number; inspectPort?: number } = {},
): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logFile = path.join(os.tmpdir(), `tribune-bench-server-${port}.log`)
  const log = fs.openSync(logFile, 'w')
  // BENCH_SERVER_ARGS passes Node flags to the server alone, e.g. `--cpu-prof` to see where a scenario spends.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
  // Where the inspector opens if the bench signals it (SIGUSR1): the live bench collects garbage through it.
  if (opts.inspectPort) nodeArgs.push(`--inspect-port=127.0.0.1:${opts.inspectPort}`)
  // One descriptor per live socket: the live bench holds thousands open at once.
  const [command, args] = withOpenFiles(opts.openFiles ?? 0, process.execPath, [
    ...nodeArgs,
    '--import',
    'tsx',
    'server/main.ts',
  ])
  const child = spawn(command, args, {
    cwd: repoRoot,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      RATE_LIMITS: 'off',
      TRIBUNE_BENCH_BASELINE: 'on',
      TRIBUNE_DEMO: 'off',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
    },
  })
  fs.closeSync(log)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let gone = false
  void exited.then(() => {
    gone = true
  })

  const deadline = Date.now() + 90_000
  while (true) {
    if (gone) throw new Error(`the server exited before it was ready:\n${tail(logFile)}`)
    if (Date.now() > deadline) {
      await stop(child, exited)
      throw new Error(`the server was not ready within 90 s:\n${tail(logFile)}`)
    }
    const ready = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ready) break
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    logFile,
    pid: child.pid!,
    ...(opts.inspectPort ? { inspectPort: opts.inspectPort } : {}),
    stop: () => stop(child, exited),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    },
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  await exited
  clearTimeout(timer)
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * Waits (up to 30 s) until no statement of the bench database is running, so that queries a
 * scenario left behind (a slow search still running after its client gave up) are not
 * charged to the next scenario.
 */
export async function waitIdle(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const { rows } = await c.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      )
      if (rows[0].n === 0) return
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await c.end()
  }
}
