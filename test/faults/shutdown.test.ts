import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { projectRoot } from '../../server/paths.js'
import { freshDatabase, testDb } from '../helpers/databases.js'
import { freePort } from '../helpers/ports.js'

async function waitReady(base: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`)
    try {
      const res = await fetch(`${base}/readyz`)
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the server was not ready within ${ms} ms`)
}

/** One request; resolves with its status (or the failure), and pushes onto `sent` once it is written. */
function send(
  agent: http.Agent,
  port: string,
  method: string,
  path: string,
  body?: unknown,
  sent?: Promise<void>[],
): Promise<number | string> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', (err) => resolve(`failed: ${err.message}`))
    sent?.push(new Promise((written) => req.on('finish', () => written())))
    req.end(payload)
  })
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

t.test('SIGTERM finishes the requests in flight, then exits 0', async (t) => {
  const env: Record<string, string> = {
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    TRIBUNE_DEMO: 'off',
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
  }
  if (testDb === 'postgres') {
    const fresh = await freshDatabase()
    await fresh.handle.close()
    t.teardown(fresh.drop)
    env.DATABASE_URL = fresh.url!
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-shutdown-'))
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
    env.DATA_DIR = dir
  }
  const { DATABASE_URL: _, DATA_DIR: __, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => {
    output += d
  })
  child.stderr!.on('data', (d) => {
    output += d
  })
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  const base = `http://127.0.0.1:${env.PORT}`
  await waitReady(base, child, 60_000)

  const register = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'late@example.com',
      handle: 'late',
      password: 'a long enough password',
      charterVersion: 1,
    }),
  })
  t.equal(register.status, 201, 'the server works before shutdown')

  // Logins verify an argon2 hash (tens of milliseconds each, on a small thread pool): several at
  // once are still running when the signal lands. They go over keep-alive connections opened
  // beforehand, so each has surely reached the server, as a load balancer's requests would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
  t.teardown(() => agent.destroy())
  await Promise.all(Array.from({ length: 8 }, () => send(agent, env.PORT!, 'GET', '/healthz')))
  const sent: Promise<void>[] = []
  const inFlight = Array.from({ length: 8 }, () =>
    send(
      agent,
      env.PORT!,
      'POST',
      '/api/auth/login',
      { login: 'late', password: 'a long enough password' },
      sent,
    ),
  )
  await Promise.all(sent)
  await new Promise((resolve) => setTimeout(resolve, 30))
  const signalledAt = Date.now()
  child.kill('SIGTERM')
  const [statuses, exit] = await Promise.all([Promise.all(inFlight), exited(child)])
  const took = Date.now() - signalledAt
  t.same(statuses, Array(8).fill(200), 'every request in flight completed')
  t.same(exit, { code: 0, signal: null }, `exited cleanly\n${output.slice(-2000)}`)
  t.ok(took < 10_000, `within 10 s (${took} ms)`)
  t.notMatch(output, /uncaught|unhandled|ERR_/i, 'nothing went wrong on the way out')

  const after = await fetch(`${base}/healthz`).then(
    () => 'answered',
    () => 'refused',
  )
  t.equal(after, 'refused', 'nothing listens any more')
})
