import fs from 'node:fs'

/** This process's open-files limit (children inherit it), from /proc: Node has no API for it. */
export function openFilesLimit(): { soft: number; hard: number } {
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'))
    const [soft, hard] = (line?.slice('Max open files'.length).trim().split(/\s+/) ?? []).map((v) =>
      v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v),
    )
    if (soft && hard) return { soft, hard }
  } catch {
    // Not Linux: assume the limit is high enough and let a failing socket say otherwise.
  }
  return { soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY }
}

/**
 * The command line that runs `command args` with at least `need` open files: unchanged when the
 * inherited limit suffices, else through `sh -c 'ulimit -n …; exec …'` (exec keeps the pid, the
 * IPC channel and every inherited descriptor). Throws when even the hard limit is too low.
 */
export function withOpenFiles(need: number, command: string, args: string[]): [string, string[]] {
  const { soft, hard } = openFilesLimit()
  if (soft >= need) return [command, args]
  if (hard < need)
    throw new Error(
      `a bench process needs ${need.toLocaleString('en')} open files but the hard limit is ${hard.toLocaleString('en')}: ` +
        'raise it (ulimit -Hn as root, LimitNOFILE in systemd, --ulimit nofile in Docker) or use fewer --live-clients',
    )
  return ['sh', ['-c', `ulimit -n ${need} && exec "$0" "$@"`, command, ...args]]
}
