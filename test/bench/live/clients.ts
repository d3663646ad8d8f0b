import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { withOpenFiles } from '../open-files.js'
import { counter } from '../progress.js'
import { repoRoot } from '../server.js'
import type { FromWorker, Samples, ToWorker } from './messages.js'
import { stopChild } from './stop-child.js'

const workerFile = fileURLToPath(new URL('client-worker.ts', import.meta.url))

interface Worker {
  child: ChildProcess
  stderr: string
  /** The reply awaited from this worker, if any. */
  waiting?: { op: FromWorker['op']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }
  onProgress?: (subscribed: number) => void
}

/**
 * The live bench's client processes (each a client-worker.ts), driven together: open sockets,
 * record, collect, close. One pool serves both servers, one after the other.
 */
export class ClientPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Spawns `count` workers, each allowed enough descriptors for `maxSockets` sockets in all. */
  static async start(count: number, maxSockets: number): Promise<ClientPool> {
    const perWorker = Math.ceil(maxSockets / count)
    const workers: Worker[] = []
    const pool = new ClientPool(workers)
    const readies: Promise<unknown>[] = []
    for (let i = 0; i < count; i++) {
      const [command, args] = withOpenFiles(perWorker + 256, process.execPath, [
        '--import',
        'tsx',
        workerFile,
      ])
      const child = spawn(command, args, {
        cwd: repoRoot,
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
        serialization: 'advanced',
      })
      const worker: Worker = { child, stderr: '' }
      // Asked before the first message arrives, so that 'ready' resolves it.
      readies.push(
        new Promise((resolve, reject) => {
          worker.waiting = { op: 'ready', resolve, reject }
        }),
      )
      child.stderr?.setEncoding('utf8')
      child.stderr?.on('data', (chunk: string) => {
        worker.stderr = (worker.stderr + chunk).slice(-4_000)
      })
      child.on('message', (msg: FromWorker) => {
        if (msg.op === 'progress') return worker.onProgress?.(msg.subscribed)
        const waiting = worker.waiting
        if (!waiting) return
        worker.waiting = undefined
        if (msg.op === 'failed') waiting.reject(new Error(`client process ${i + 1}: ${msg.error}`))
        else if (msg.op === waiting.op) waiting.resolve(msg)
        else waiting.reject(new Error(`client process ${i + 1} answered ${msg.op}, not ${waiting.op}`))
      })
      child.on('error', (err) => {
        worker.waiting?.reject(new Error(`client process ${i + 1} could not run: ${err.message}`))
        worker.waiting = undefined
      })
      child.on('exit', (code, signal) => {
        worker.waiting?.reject(
          new Error(
            `client process ${i + 1} exited (${signal ?? code})${worker.stderr ? `:\n${worker.stderr}` : ''}`,
          ),
        )
        worker.waiting = undefined
      })
      workers.push(worker)
    }
    try {
      await Promise.all(readies)
    } catch (err) {
      pool.kill()
      throw err
    }
    return pool
  }

  get size(): number {
    return this.workers.length
  }

  private ask<Op extends FromWorker['op']>(
    worker: Worker,
    msg: ToWorker,
    op: Op,
  ): Promise<Extract<FromWorker, { op: Op }>> {
    return new Promise((resolve, reject) => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null)
        return reject(new Error(`a client process has exited${worker.stderr ? `:\n${worker.stderr}` : ''}`))
      worker.waiting = { op, resolve: resolve as (m: FromWorker) => void, reject }
      worker.child.send(msg)
    })
  }

  /**
   * Opens `total` sockets spread over the workers, `window` opening at once in each, and waits
   * until every one is subscribed to `channel`; shows progress under `label`.
   */
  async open(label: string, url: string, total: number, channel: string, window = 25): Promise<void> {
    const bar = counter(label, total)
    try {
      await settleAll(
        this.workers.map((w, i) => {
          const count = Math.floor(total / this.workers.length) + (i < total % this.workers.length ? 1 : 0)
          w.onProgress = (n) => bar.add(n)
          return this.ask(w, { op: 'open', url, count, channel, window }, 'opened')
        }),
      )
    } finally {
      for (const w of this.workers) w.onProgress = undefined
      bar.stop()
    }
  }

  async record(): Promise<void> {
    await settleAll(this.workers.map((w) => this.ask(w, { op: 'record' }, 'recording')))
  }

  async collect(ids: number[], deadline: number): Promise<Samples[]> {
    const replies = await settleAll(
      this.workers.map((w) => this.ask(w, { op: 'collect', ids, deadline }, 'samples')),
    )
    return replies.map((r) => r.samples)
  }

  /** Closes every socket cleanly; returns how many had to be cut after 15 s. */
  async close(): Promise<number> {
    const replies = await settleAll(this.workers.map((w) => this.ask(w, { op: 'close' }, 'closed')))
    return replies.reduce((n, r) => n + r.forced, 0)
  }

  /** Ends every worker: disconnecting makes them exit; a stuck one is killed. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map(({ child }) => stopChild(child)))
  }

  /** For process 'exit' handlers, which cannot wait. */
  kill(): void {
    for (const { child } of this.workers)
      if (child.exitCode === null && child.signalCode === null) child.kill()
  }
}

/**
 * Every worker's answer, or the first failure once every worker has answered: a worker still
 * busy with one request must not receive the next.
 */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises)
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value)
}
