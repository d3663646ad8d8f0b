import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { type BuildOptions, build } from 'esbuild'
import { projectRoot } from '../paths.js'

/** One built file, kept in memory with its gzipped twin. */
export interface Asset {
  /** The file's name under /assets/, its content hash in it (`app-3F2K5QZ1.js`). */
  name: string
  body: Buffer
  gzipped: Buffer
  type: string
  /** Quoted, for ETag. */
  etag: string
}

export interface ClientBundle {
  /** The community site's entry script, by name under /assets/. */
  app: Asset
  /** The chunks the entry imports statically: the page preloads them beside it, so they cost no extra round trip. */
  appChunks: Asset[]
  /** The embed: one ES module, served as /embed.js and under its hashed name. */
  embed: Asset
  /** Every file by name (scripts and source maps). */
  files: Map<string, Asset>
}

const common: BuildOptions = {
  absWorkingDir: projectRoot,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  outdir: 'assets',
  entryNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"' },
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

function asset(path: string, contents: Uint8Array): Asset {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const body = Buffer.from(contents)
  return {
    name,
    body,
    gzipped: gzipSync(body, { level: 9 }),
    type: types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  }
}

/**
 * Builds the client with esbuild, in memory: every start serves the bundles of the code it
 * runs, so there is no build step to forget and no stale dist/ to ship. The app gets a linked
 * source map; the embed is one file with nothing beside it (brand pages load just that).
 */
async function buildClient(): Promise<ClientBundle> {
  const [app, embed] = await Promise.all([
    // Screens few readers open (moderation, the charter) are chunks of their own (client/app/lazy.ts).
    build({
      ...common,
      entryPoints: { app: 'client/app/main.ts' },
      sourcemap: 'linked',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      metafile: true,
    }),
    build({ ...common, entryPoints: { embed: 'client/embed/embed.ts' } }),
  ])
  const files = new Map<string, Asset>()
  for (const f of [...(app.outputFiles ?? []), ...(embed.outputFiles ?? [])]) {
    const a = asset(f.path, f.contents)
    files.set(a.name, a)
  }
  const entry = (prefix: string) =>
    [...files.values()].find((f) => f.name.startsWith(prefix) && f.name.endsWith('.js'))!
  const appEntry = entry('app-')
  const [, meta] = Object.entries(app.metafile?.outputs ?? {}).find(([out]) => out.endsWith(appEntry.name))!
  const appChunks = meta.imports
    .filter((i) => i.kind === 'import-statement')
    .map((i) => files.get(i.path.slice(i.path.lastIndexOf('/') + 1))!)
  return { app: appEntry, appChunks, embed: entry('embed-'), files }
}

let built: Promise<ClientBundle> | undefined

/** The client, built once per process (the first caller waits about half a second). */
export function clientBundle(): Promise<ClientBundle> {
  built ??= buildClient().catch((err) => {
    built = undefined
    throw err
  })
  return built
}
