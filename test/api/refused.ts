import type { LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'

/**
 * A refusal answers in the one error shape, with the status and code expected, and gives nothing
 * away: never a 500, never a stack trace or an internal file path.
 */
export function assertRefused(
  t: Test,
  res: LightMyRequestResponse,
  status: number,
  code?: string,
  what = `${status}${code ? ` ${code}` : ''}`,
): void {
  t.equal(res.statusCode, status, `${what}: status (${res.body.slice(0, 200)})`)
  let body: { error?: { code?: unknown; message?: unknown } } | undefined
  try {
    body = JSON.parse(res.body)
  } catch {
    body = undefined
  }
  t.ok(body && typeof body.error === 'object', `${what}: {"error":{…}} shape`)
  t.equal(typeof body?.error?.code, 'string', `${what}: error.code`)
  t.ok(typeof body?.error?.message === 'string' && body.error.message.length > 0, `${what}: error.message`)
  if (code) t.equal(body?.error?.code, code, `${what}: code`)
  t.notMatch(
    res.body,
    /\bat [^\n]*\.(ts|js|mjs):\d+|node_modules|\/work\//,
    `${what}: no stack trace or path`,
  )
}
