import WebSocket from 'ws'

/**
 * Runs a full garbage collection in another Node process, through its inspector: SIGUSR1 opens
 * the inspector on the port the process was started with (`--inspect-port`), then the DevTools
 * protocol asks for `HeapProfiler.collectGarbage`. Neither server needs code of its own for it,
 * so both are treated alike: memory read afterwards is what the connections retain, not the
 * garbage their handshakes left behind.
 */
export async function collectGarbage(pid: number, inspectPort: number): Promise<void> {
  const list = `http://127.0.0.1:${inspectPort}/json/list`
  let target: string | undefined
  // The inspector stays open once activated: a signal is only needed the first time.
  for (let attempt = 0; attempt < 50 && !target; attempt++) {
    target = await fetch(list)
      .then((r) => r.json() as Promise<{ webSocketDebuggerUrl?: string }[]>)
      .then((targets) => targets[0]?.webSocketDebuggerUrl)
      .catch(() => undefined)
    if (target) break
    if (attempt === 0) process.kill(pid, 'SIGUSR1')
    await new Promise((r) => setTimeout(r, 100))
  }
  if (!target) throw new Error(`the inspector of process ${pid} did not open on port ${inspectPort}`)
  const ws = new WebSocket(target)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no answer to HeapProfiler.collectGarbage in 30 s')),
        30_000,
      )
      ws.once('error', reject)
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })))
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { id?: number; error?: { message: string } }
        if (msg.id !== 1) return
        clearTimeout(timer)
        if (msg.error) reject(new Error(`HeapProfiler.collectGarbage: ${msg.error.message}`))
        else resolve()
      })
    })
  } finally {
    ws.close()
  }
}
