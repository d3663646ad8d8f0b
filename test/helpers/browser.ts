import { existsSync, mkdirSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'
import { projectRoot } from '../../server/paths.js'
import { build, type TestApp } from './app.js'
import { freePort } from './ports.js'

type Test = { teardown(fn: () => unknown): void }

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Never a downloaded one. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Where browser tests leave screenshots; CI keeps the folder as the run's artifacts. */
export const artifactsDir = pathToFileURL(`${projectRoot}/test/artifacts/`)

/** A headless Chromium for this test file, closed at its end. */
export async function launchBrowser(t: Test): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`No Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH).`)
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  t.teardown(() => browser.close())
  return browser
}

/** A fresh context (cookies, storage) in English unless told otherwise. */
export async function newContext(
  t: Test,
  browser: Browser,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', ...opts })
  t.teardown(() => context.close())
  return context
}

/**
 * The app, built as production builds it, listening on a free port of 127.0.0.1 with its
 * PUBLIC_URL set to that address (origin checks compare against it).
 */
export async function serve(
  t: Test,
  env: Record<string, string> = {},
): Promise<TestApp & { baseUrl: string; port: number }> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const a = await build(t, { env: { PUBLIC_URL: baseUrl, ...env } })
  await a.app.listen({ port, host: '127.0.0.1' })
  return { ...a, baseUrl, port }
}

/** A path under test/artifacts/ for a screenshot or trace, its folder created. */
export function artifactPath(name: string): string {
  const dir = new URL('screenshots/', artifactsDir)
  mkdirSync(dir, { recursive: true })
  return new URL(name, dir).pathname
}
