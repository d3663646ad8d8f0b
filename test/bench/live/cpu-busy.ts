import { promises as fs } from 'node:fs'

async function cpuTimes(): Promise<{ busy: number; total: number }> {
  const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0]!
  // cpu user nice system idle iowait irq softirq steal …
  const fields = line.trim().split(/\s+/).slice(1).map(Number)
  const total = fields.reduce((a, b) => a + b, 0)
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
  return { busy: total - idle, total }
}

/**
 * How busy the machine's CPUs are, 0 to 1, over `ms`: read before the live bench starts
 * anything, it says how much of the machine other work takes. Null where /proc/stat is missing.
 */
export async function cpuBusy(ms = 2_000): Promise<number | null> {
  try {
    const a = await cpuTimes()
    await new Promise((r) => setTimeout(r, ms))
    const b = await cpuTimes()
    return b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : null
  } catch {
    return null
  }
}
