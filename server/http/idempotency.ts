import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import { badRequest, unprocessable } from './errors.js'

/** A retried write's key, as read from the request: who sent it, the key, and what it was sent with. */
export interface IdempotencyClaim {
  userId: number
  key: string
  fingerprint: string
}

export interface StoredResponse {
  statusCode: number
  body: unknown
}

const visibleAscii = /^[\x21-\x7e]{1,200}$/

/**
 * Reads the Idempotency-Key header: undefined without one, 400 when malformed. The fingerprint
 * ties the key to this exact request (method, path, body), so reusing a key for another one is caught.
 */
export function idempotencyClaim(req: FastifyRequest, userId: number): IdempotencyClaim | undefined {
  const raw = req.headers['idempotency-key']
  if (raw === undefined) return undefined
  if (typeof raw !== 'string' || !visibleAscii.test(raw))
    throw badRequest(
      'invalid_idempotency_key',
      'The Idempotency-Key header must be 1 to 200 visible ASCII characters.',
    )
  const fingerprint = createHash('sha256')
    .update(`${req.method} ${req.url.split('?')[0]}\n${JSON.stringify(req.body ?? null)}`)
    .digest('base64url')
  return { userId, key: raw, fingerprint }
}

/**
 * Runs `write` once per key, inside the write's own transaction: the key row is inserted first, so a
 * concurrent request with the same key waits on it and then finds the stored answer. A write that
 * fails rolls its key back with it, and a retry tries afresh.
 *
 * @example
 * const outcome = await db.transaction().execute((trx) =>
 *   idempotent(trx, claim, async () => ({ ...await createThing(trx), statusCode: 201 }), (r) => r.body))
 * if ('replayed' in outcome) return reply.status(outcome.replayed.statusCode).send(outcome.replayed.body)
 */
export async function idempotent<R extends { statusCode: number }>(
  trx: Transaction<Database>,
  claim: IdempotencyClaim | undefined,
  write: () => Promise<R>,
  responseOf: (result: R) => unknown,
): Promise<R | { replayed: StoredResponse }> {
  if (!claim) return write()
  const inserted = await trx
    .insertInto('idempotencyKeys')
    .values({ userId: claim.userId, key: claim.key, fingerprint: claim.fingerprint })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  if (!inserted) {
    const prior = await trx
      .selectFrom('idempotencyKeys')
      .select(['fingerprint', 'statusCode', 'response'])
      .where('userId', '=', claim.userId)
      .where('key', '=', claim.key)
      .executeTakeFirstOrThrow()
    if (prior.fingerprint !== claim.fingerprint || prior.statusCode === null)
      throw unprocessable(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request; use a new key.',
      )
    return { replayed: { statusCode: prior.statusCode, body: prior.response } }
  }
  const result = await write()
  await trx
    .updateTable('idempotencyKeys')
    .set({ statusCode: result.statusCode, response: JSON.stringify(responseOf(result)) })
    .where('userId', '=', claim.userId)
    .where('key', '=', claim.key)
    .execute()
  return result
}

export function isReplay<R>(
  outcome: R | { replayed: StoredResponse },
): outcome is { replayed: StoredResponse } {
  return typeof outcome === 'object' && outcome !== null && 'replayed' in outcome
}

/**
 * Answers a creation: 201 with the new body, or, for a retried request, the first answer again
 * (marked `idempotent-replayed`) so the client cannot tell a retry from the original.
 */
export function sendCreated<R extends { body: unknown }>(
  reply: FastifyReply,
  outcome: R | { replayed: StoredResponse },
) {
  if (isReplay(outcome))
    return reply
      .status(outcome.replayed.statusCode as 201)
      .header('idempotent-replayed', 'true')
      .send(outcome.replayed.body as never)
  return reply.status(201).send(outcome.body as never)
}
