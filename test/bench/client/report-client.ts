import type { ClientResult, Timing } from './run-client.js'

// The targets for the client.
export const embedSizeTarget = { text: '≤ 35 KB', bytes: 35_000 }
export const embedTimeTarget = { text: 'median ≤ 400 ms', ms: 400 }
export const siteTimeTarget = { text: 'median ≤ 600 ms', ms: 600 }

type Verdict = 'PASS' | 'FAIL' | 'BROKEN' | '—'

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`
const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL')
const timed = (t: Timing, limit: number): [string, Verdict] =>
  t.median === null ? ['—', 'BROKEN'] : [`${t.median} ms`, verdict(t.median <= limit)]

function rows(r: ClientResult): string[][] {
  const [embedMs, embedVerdict] = timed(r.embed, embedTimeTarget.ms)
  const [siteMs, siteVerdict] = timed(r.site, siteTimeTarget.ms)
  return [
    [
      'Embed script (/embed.js, Lit included), minified + gzipped',
      kb(r.embedGzip),
      embedSizeTarget.text,
      verdict(r.embedGzip <= embedSizeTarget.bytes),
    ],
    ['Community site first script (entry + preloaded chunks), minified + gzipped', kb(r.appGzip), '', '—'],
    [
      `Embedded ${r.topic.posts}-post thread on a second origin, rendered`,
      embedMs,
      embedTimeTarget.text,
      embedVerdict,
    ],
    ['Community site topic page, rendered', siteMs, siteTimeTarget.text, siteVerdict],
  ]
}

const header = ['measure', 'result', 'target', 'verdict']

export function clientTextTable(r: ClientResult): string {
  const all = [header, ...rows(r)]
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)))
  const line = (row: string[]) =>
    row.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

/** Why a client figure is missing: the bench then exits 1, as for any BROKEN row. */
export function clientBroken(r: ClientResult): string[] {
  return [
    ...(r.embed.error ? [`embedded thread: ${r.embed.error}`] : []),
    ...(r.site.error ? [`topic page: ${r.site.error}`] : []),
  ]
}

export function clientSection(r: ClientResult): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`
  const samples = (t: Timing) => (t.samples.length ? t.samples.join(', ') : 'none')
  return [
    '## Client',
    '',
    line(header),
    '| --- | ---: | --- | --- |',
    ...rows(r).map(line),
    ...clientBroken(r).map((n) => `\n- BROKEN ${n}`),
    '',
    'How it is measured:',
    '',
    '- Sizes: the bundles the server builds at start (esbuild, minified), gzipped at level 9 as served.',
    `- Render times: headless Chromium (the browser tests' own), ${r.runs} fresh contexts (empty cache) after one unrecorded`,
    '  load; from navigation start to the moment the page holds as many `<tribune-post>` elements, counted through every',
    `  shadow root, as the thread's ${r.topic.posts > 20 ? 'first 20' : 20} posts (polled every 4 ms from the page's first script). The embed is`,
    '  `<tribune-thread>` on a page of a second local origin allowed by `EMBED_ORIGINS`; the topic page is',
    `  \`${r.topic.url}\` of the bench community, read anonymously.`,
    `- Samples (ms): embed ${samples(r.embed)}; topic page ${samples(r.site)}.`,
  ].join('\n')
}
