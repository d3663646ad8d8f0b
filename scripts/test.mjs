#!/usr/bin/env node
// Runs the whole suite twice: on the real PostgreSQL, then on embedded PGlite.
// Each pass migrates a template once; every test file copies it into a database of its own.
//   npm test                      both databases
//   npm test -- --db=pglite       one of them
//   npm test -- test/forum        only these files (any tap argument passes through)
// The browser journeys (test/browser) run on PostgreSQL only: they test the pages and the embed in
// Chromium, whatever database is behind, and every server path they touch is tested on both
// databases by the API suites. Files that touch no database at all run once too. Name files to run
// them on PGlite anyway: npm test -- --db=pglite test/browser
//
// The test files run compiled: server/, client/, migrations/ and test/ are transpiled by esbuild into
// .build/ first (a second), and tap runs the JavaScript. Under tsx's loader every module a test
// process imports, the server's dependencies included, goes through a hook on another thread:
// two to three seconds of CPU per process, over a couple of hundred processes. A single file still
// runs from source: node --import tsx test/forum/posts.test.ts
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildSync } from 'esbuild'

const args = process.argv.slice(2)
const dbArg = args.find((a) => a.startsWith('--db='))
// Folders are expanded to their test files: tap only takes files.
const expand = (p) =>
  fs.existsSync(p) && fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p, { recursive: true })
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => path.join(p, f))
    : [p]
const tapArgs = args.filter((a) => a !== dbArg).flatMap((a) => (a.startsWith('-') ? [a] : expand(a)))
const options = tapArgs.filter((a) => a.startsWith('-'))
const named = tapArgs.filter((a) => !a.startsWith('-'))
const suite = () => expand('test').filter((f) => !f.startsWith(path.join('test', 'bench')))
const databaseHelpers = /helpers\/(app|databases)\.js/
/**
 * Whether a test file builds an app or a database (itself, or through its folder's helpers.ts).
 * Those that don't (the client's logic, pure functions, SQL snapshots) test the same thing on both
 * passes: they run once, on the first.
 */
const usesDatabase = (file) => {
  const source = fs.readFileSync(file, 'utf8')
  if (databaseHelpers.test(source)) return true
  const helpers = path.join(path.dirname(file), 'helpers.ts')
  return (
    source.includes("from './helpers.js'") &&
    fs.existsSync(helpers) &&
    databaseHelpers.test(fs.readFileSync(helpers, 'utf8'))
  )
}
/** The PGlite pass: every test file that touches a database, but the benchmark's and the browser journeys. */
const pgliteFiles = () =>
  expand('test').filter(
    (f) =>
      !f.startsWith(path.join('test', 'bench')) &&
      !f.startsWith(path.join('test', 'browser')) &&
      usesDatabase(f),
  )
const passes = dbArg ? [dbArg.slice(5)] : ['postgres', 'pglite']
const buildDir = '.build'
/** Transpiles the TypeScript the tests load into .build/, beside nothing else (see the top). */
function compile() {
  fs.rmSync(buildDir, { recursive: true, force: true })
  const sources = ['server', 'client', 'migrations', 'test'].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => path.join(dir, f)),
  )
  buildSync({
    entryPoints: sources,
    outdir: buildDir,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    // Failures point at the TypeScript, line for line.
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  })
}
/** A test file's compiled twin. */
const compiled = (file) => path.join(buildDir, file.replace(/\.ts$/, '.js'))

const adminUrl = process.env.TRIBUNE_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const template = `tribune_test_template_${process.pid}`
const tsx = ['--import', 'tsx']

function run(cmd, argv, env) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status ?? 1
}

compile()
const failures = []
for (const db of passes) {
  console.log(`\n=== Tribune tests on ${db === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} ===\n`)
  const env = { TRIBUNE_TEST_DB: db, TRIBUNE_TEST_ADMIN_URL: adminUrl, TRIBUNE_TEST_TEMPLATE: template }
  let dump
  if (db === 'pglite') {
    dump = path.join(os.tmpdir(), `tribune-pglite-template-${process.pid}.tar`)
    env.TRIBUNE_TEST_PGLITE_TEMPLATE = dump
  }
  const prep = run(
    process.execPath,
    [...tsx, 'test/helpers/prepare.ts', db === 'pglite' ? 'pglite' : 'postgres'],
    env,
  )
  if (prep !== 0) {
    failures.push(`${db}: could not prepare the template database`)
    continue
  }
  const files = named.length > 0 ? named : db === 'pglite' && passes.length > 1 ? pgliteFiles() : suite()
  const status = run(path.resolve('node_modules/.bin/tap'), [...options, ...files.map(compiled)], env)
  if (status !== 0) failures.push(`${db}: tests failed`)
  run(process.execPath, [...tsx, 'test/helpers/prepare.ts', 'cleanup'], env)
  if (dump) fs.rmSync(dump, { force: true })
}

if (failures.length) {
  console.error(`\nFAILED: ${failures.join('; ')}`)
  process.exit(1)
}
console.log(`\nAll tests passed on ${passes.join(' and ')}.`)
