import { createServer, type Server } from 'node:http'
import pg from 'pg'
import { type Browser, chromium } from 'playwright-core'
import { clientBundle } from '../../../server/web/client-bundle.js'
import { chromiumPath } from '../../helpers/browser.js'
import type { RunningServer } from '../server.js'

// The client bench: what a brand page and a reader download (the bundles, gzipped), and how long
// after navigation a 20-post thread is on screen, embedded on a second origin and on the
// community site's topic page, in the headless Chromium the browser tests use.

/** How many posts the measured thread shows, as the target says. */
export const threadPosts = 20

export interface Timing {
  /** Milliseconds from navigation start to the last post being rendered, one per fresh load. */
  samples: number[]
  median: number | null
  /** Why the loads could not be measured (the figures then mean nothing). */
  error?: string
}

export interface ClientResult {
  embedGzip: number
  appGzip: number
  topic: { id: number; url: string; posts: number }
  embed: Timing
  site: Timing
  runs: number
}

/** The origin the brand page is served from: the server must allow it (EMBED_ORIGINS). */
export function hostOrigin(port: number): string {
  return `http://127.0.0.1:${port}`
}

/**
 * A public topic with 20 posts (or the nearest above), read from the bench's community.
 */
async function pickTopic(databaseUrl: string): Promise<{ id: number; posts: number }> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const { rows } = await c.query<{ id: string; post_count: number }>(
      `select t.id, t.post_count from topics t
        where t.deleted_at is null and t.post_count >= $1
          and not exists (select 1 from category_groups g where g.category_id = t.category_id)
        order by t.post_count - $1, t.id limit 1`,
      [threadPosts],
    )
    if (!rows[0]) throw new Error(`no public topic with ${threadPosts} posts in the bench community`)
    return { id: Number(rows[0].id), posts: rows[0].post_count }
  } finally {
    await c.end()
  }
}

/**
 * Counts `<tribune-post>` elements through every open shadow root and records, once there are
 * enough, how long after navigation that was. Runs in the page from its first script on, polling
 * every few milliseconds: a document-level MutationObserver would not see inside shadow roots.
 * A string, not a function: tsx's transform would slip helpers the page does not have into it.
 */
const watchForPosts = (want: number) => `(() => {
  const count = (root) => {
    let n = 0
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'tribune-post') n++
      if (el.shadowRoot) n += count(el.shadowRoot)
    }
    return n
  }
  const timer = setInterval(() => {
    if (count(document) >= ${want}) {
      window.__tribuneRendered = performance.now()
      clearInterval(timer)
    }
  }, 4)
})()`

async function timeLoads(browser: Browser, url: string, want: number, runs: number): Promise<Timing> {
  const samples: number[] = []
  try {
    // One unrecorded load first: the server's first request of a kind compiles and caches.
    for (let i = 0; i <= runs; i++) {
      // A fresh context each time: empty cache and storage, as a first visit.
      const context = await browser.newContext({ locale: 'en-GB' })
      try {
        await context.addInitScript(watchForPosts(want))
        const page = await context.newPage()
        await page.goto(url, { waitUntil: 'commit' })
        // A function (a string would be eval'd, which the site's CSP refuses), with nothing in it
        // for tsx to wrap.
        const handle = await page.waitForFunction(
          () => (window as unknown as { __tribuneRendered?: number }).__tribuneRendered,
          null,
          { timeout: 15_000, polling: 50 },
        )
        const ms = (await handle.jsonValue()) as number
        if (i > 0) samples.push(Math.round(ms))
      } finally {
        await context.close()
      }
    }
  } catch (err) {
    return { samples, median: null, error: (err as Error).message.split('\n')[0] }
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { samples, median }
}

function brandPage(server: string, topic: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Brand article</title>
<script type="module" src="${server}/embed.js"></script></head>
<body><main><h1>An article</h1><tribune-thread topic="${topic}" lang="en"></tribune-thread></main></body></html>`
}

/**
 * Measures the bundles, then the embedded thread and the topic page (median of `runs` fresh
 * loads each). The server must have been started with EMBED_ORIGINS naming hostOrigin(hostPort).
 */
export async function measureClient(
  server: RunningServer,
  databaseUrl: string,
  hostPort: number,
  runs = 10,
): Promise<ClientResult> {
  const bundle = await clientBundle()
  const picked = await pickTopic(databaseUrl)
  const res = await fetch(`${server.url}/api/topics/${picked.id}`)
  if (!res.ok) throw new Error(`GET /api/topics/${picked.id}: ${res.status}`)
  const { topic } = (await res.json()) as { topic: { url: string } }

  const host: Server = createServer((_req, reply) => {
    reply.setHeader('content-type', 'text/html; charset=utf-8')
    reply.end(brandPage(server.url, picked.id))
  })
  await new Promise<void>((resolve) => host.listen(hostPort, '127.0.0.1', resolve))
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    process.stdout.write(`  Embedded ${threadPosts}-post thread, ${runs} fresh loads… `)
    const embed = await timeLoads(browser, `${hostOrigin(hostPort)}/`, threadPosts, runs)
    console.log(embed.median === null ? `BROKEN: ${embed.error}` : `median ${embed.median} ms`)
    process.stdout.write(`  Community site topic page, ${runs} fresh loads… `)
    const site = await timeLoads(browser, `${server.url}${topic.url}?lang=en`, threadPosts, runs)
    console.log(site.median === null ? `BROKEN: ${site.error}` : `median ${site.median} ms`)
    return {
      embedGzip: bundle.embed.gzipped.length,
      // What a topic page downloads before it runs: the entry and the chunks it imports (preloaded).
      appGzip: [bundle.app, ...bundle.appChunks].reduce((n, f) => n + f.gzipped.length, 0),
      topic: { id: picked.id, url: topic.url, posts: picked.posts },
      embed,
      site,
      runs,
    }
  } finally {
    await browser.close()
    host.closeAllConnections()
    host.close()
  }
}
