import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { withOpenFiles } from '../open-files.js'
import { freePort, repoRoot } from '../server.js'
import { now } from './messages.js'
import { stopChild } from './stop-child.js'

const serverFile = fileURLToPath(new URL('bare-server.ts', import.meta.url))

export interface BareServer {
  url: string
  pid: number
  /** Where its inspector opens on SIGUSR1 (collect-garbage.ts). */
  inspectPort: number
  /** Broadcasts `frame` to every subscribed socket; resolves with when the server acknowledged it. */
  broadcast(frame: string): Promise<number>
  stop(): Promise<void>
  /** For process 'exit' handlers, which cannot wait. */
  kill(): void
}

/** Starts bare-server.ts in its own process, allowed `openFiles` descriptors. */
export async function startBareServer(openFiles: number): Promise<BareServer> {
  const inspectPort = await freePort()
  const [command, args] = withOpenFiles(openFiles, process.execPath, [
    `--inspect-port=127.0.0.1:${inspectPort}`,
    '--import',
    'tsx',
    serverFile,
  ])
  const child: ChildProcess = spawn(command, args, {
    cwd: repoRoot,
    // Its stderr is kept for errors only: the inspector greets every garbage collection there.
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000)
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare ws server did not start within 30 s')), 30_000)
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer)
      resolve(m.port)
    })
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(new Error(`the bare ws server could not run: ${err.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the bare ws server exited (${code}) before listening:\n${stderr}`))
    })
  }).catch((err) => {
    child.kill()
    throw err
  })
  const base = `http://127.0.0.1:${port}`
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill()
  }
  return {
    url: `ws://127.0.0.1:${port}/api/live`,
    pid: child.pid!,
    inspectPort,
    async broadcast(frame) {
      const res = await fetch(`${base}/broadcast`, { method: 'POST', body: frame })
      const ackAt = now()
      if (res.status !== 201) throw new Error(`the bare ws server answered ${res.status}:\n${stderr}`)
      await res.arrayBuffer()
      return ackAt
    },
    stop: () => stopChild(child),
    kill,
  }
}
