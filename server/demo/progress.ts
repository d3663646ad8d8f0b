import cliProgress from 'cli-progress'

export interface Progress {
  /** Moves on by `n` steps, noting what is being done. */
  advance(n: number, label: string): void
  /** A milestone: printed as a line in logs, shown as the label on a terminal. */
  note(line: string): void
  stop(): void
}

/**
 * A progress bar on a terminal; on anything else (a container's log, CI) a few plain lines, since
 * a redrawn bar turns into hundreds of lines there.
 */
export function progress(total: number, opts: { bar: boolean; log: (line: string) => void }): Progress {
  if (!opts.bar) {
    return { advance: () => {}, note: (line) => opts.log(`Demo community: ${line}`), stop: () => {} }
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'Seeding the demo community |{bar}| {percentage}% · {label}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stdout,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0, { label: 'starting' })
  return {
    advance: (n, label) => bar.increment(n, { label }),
    note: (label) => bar.update({ label }),
    stop: () => bar.stop(),
  }
}
