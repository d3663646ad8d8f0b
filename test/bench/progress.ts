import cliProgress from 'cli-progress'

const tty = process.stdout.isTTY ?? false

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Runs one named step and prints how long it took: one line per step, tty or not. */
export async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  if (tty) process.stdout.write(`  ${label}…`)
  try {
    const out = await run()
    const line = `  ${label}: ${seconds(Date.now() - started)}`
    if (tty) process.stdout.write(`\r\x1b[2K${line}\n`)
    else console.log(line)
    return out
  } catch (err) {
    if (tty) process.stdout.write('\n')
    throw err
  }
}

/**
 * A step made of many units of work (rows in chunks): a bar in a terminal, a line every tenth
 * of the way otherwise, so CI logs show progress without drowning in it.
 */
export function counter(label: string, total: number) {
  const started = Date.now()
  let done = 0
  let lastTenth = 0
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: `  ${label} [{bar}] {percentage}% {value}/{total} {duration}s eta {eta}s`,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined
  bar?.start(total, 0)
  return {
    add(n: number) {
      done += n
      bar?.update(done)
      const tenth = Math.floor((done / total) * 10)
      if (!bar && tenth > lastTenth) {
        lastTenth = tenth
        console.log(`  ${label}: ${done}/${total} (${seconds(Date.now() - started)})`)
      }
    },
    stop() {
      bar?.stop()
      console.log(`  ${label}: ${seconds(Date.now() - started)}`)
    },
  }
}
