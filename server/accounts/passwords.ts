import argon2 from 'argon2'

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. argon2 hashes on libuv's
// thread pool, so the event loop keeps serving other requests meanwhile.
const params = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, params)
}

// Checked against when the account does not exist, so that a miss costs what a hit costs and
// timing does not reveal which logins exist.
let decoy: Promise<string> | undefined

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword('tribune-decoy-password')
    await argon2.verify(await decoy, password).catch(() => false)
    return false
  }
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, params)
}
