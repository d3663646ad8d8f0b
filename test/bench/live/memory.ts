import { promises as fs } from 'node:fs'

/** A process's resident memory in KiB (VmRSS of /proc/<pid>/status). */
export async function rssKiB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1])
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return kib
}

/**
 * The median of a few readings a moment apart: a garbage collection between two readings moves
 * one of them, not the median.
 */
export async function settledRssKiB(pid: number, readings = 5, gapMs = 400): Promise<number> {
  const values: number[] = []
  for (let i = 0; i < readings; i++) {
    if (i) await new Promise((r) => setTimeout(r, gapMs))
    values.push(await rssKiB(pid))
  }
  values.sort((a, b) => a - b)
  return values[Math.floor(values.length / 2)]!
}
