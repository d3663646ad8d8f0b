import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder holding package.json: themes/, the client's sources and the server's stylesheet are
 * read from there. Found by walking up rather than fixed relative to this file, because the test
 * suite runs the server compiled into .build/ (scripts/test.mjs), where those files are not.
 */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)))

function findRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir
  const up = dirname(dir)
  if (up === dir) throw new Error('package.json not found above server/')
  return findRoot(up)
}
