import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

/** The one error shape of the API: `{"error":{"code","message"}}` (shared/DESIGN.md). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

/** An error a route means to answer with: status, a stable snake_case code, a human sentence. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new HttpError(400, code, message, details)
export const unauthorized = (message = 'You need to sign in to do that.') =>
  new HttpError(401, 'unauthenticated', message)
export const forbidden = (code = 'forbidden', message = 'You are not allowed to do that.') =>
  new HttpError(403, code, message)
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found.`)
export const conflict = (code: string, message: string) => new HttpError(409, code, message)
export const unprocessable = (code: string, message: string) => new HttpError(422, code, message)

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } }
}

// SQLSTATE classes that mean "the database is away or gave up", not "your input is wrong".
const unavailableStates = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
])
const unavailableNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'])

function classify(err: FastifyError & { code?: string; validationContext?: string }): {
  status: number
  code: string
  message: string
  details?: unknown
} {
  if (err instanceof HttpError)
    return { status: err.statusCode, code: err.code, message: err.message, details: err.details }
  if (err.validation) {
    const first = err.validation[0]
    const where = `${err.validationContext ?? 'request'}${first?.instancePath ?? ''}`
    return {
      status: 400,
      code: 'invalid_request',
      message: `${where} ${first?.message ?? 'is invalid'}`.trim(),
      details: err.validation.map((v) => ({
        path: `${err.validationContext}${v.instancePath}`,
        message: v.message,
        params: v.params,
      })),
    }
  }
  if (err.code?.startsWith('FST_CSRF')) {
    return {
      status: 403,
      code: 'csrf_token_invalid',
      message: 'Missing or invalid CSRF token (send it in X-CSRF-Token).',
    }
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'The request body is too large.' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported_media_type',
        message: 'Send JSON (Content-Type: application/json).',
      }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'uri_too_long', message: 'A part of the address is too long.' }
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'bad_url', message: 'The address is not valid.' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'The JSON body is empty.' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' }
    case '57014':
      return { status: 503, code: 'timeout', message: 'The database took too long to answer; try again.' }
    case '23505':
      return { status: 409, code: 'conflict', message: 'That conflicts with something that already exists.' }
    case '22021':
    case '22P05':
      return {
        status: 400,
        code: 'invalid_text',
        message: 'The text contains bytes that are not valid UTF-8.',
      }
  }
  const code = err.code ?? ''
  if (unavailableStates.has(code) || unavailableNodeCodes.has(code) || isConnectionFailure(err)) {
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'The database is unavailable; try again shortly.',
    }
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: snake(err.code ?? 'bad_request'), message: err.message }
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'Something went wrong on our side. It has been logged.',
  }
}

// pg reports lost or refused connections with these messages and no SQLSTATE of the 08 class; a
// database closed to connections (maintenance, ALLOW_CONNECTIONS false) answers 55000 at connect.
const connectionFailure = new RegExp(
  [
    'Connection terminated',
    'connection timeout',
    'Client has encountered a connection error',
    'timeout exceeded when trying to connect',
    'Cannot use a pool after calling end',
    'is not currently accepting connections',
    'the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)',
    'terminating connection',
  ].join('|'),
  'i',
)

function isConnectionFailure(err: Error): boolean {
  return connectionFailure.test(err.message)
}

function snake(code: string): string {
  return code
    .replace(/^FST_ERR_/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message, details } = classify(err)
  if (status >= 500) req.log.error({ err }, 'request failed')
  else if (status !== 401 && status !== 404) req.log.info({ code, status }, message)
  if (status === 503) reply.header('retry-after', '2')
  reply.status(status).send(errorBody(code, message, details))
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  reply.status(404).send(errorBody('not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`))
}
