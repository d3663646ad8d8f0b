import { build, type TestApp } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'

type Test = Parameters<typeof build>[0]

export const hour = 3_600_000
export const day = 24 * hour

/**
 * An app whose clock the test moves, a moderator and a public category for the discussion
 * topics. The clock starts at the real time, so that members made now were created before the
 * contests' submissions open.
 */
export async function contestWorld(t: Test, env: Record<string, string> = {}) {
  const clock = { now: new Date() }
  const a = await build(t, { clock: () => clock.now, env })
  const admin = await makeMember(a, { role: 'admin' })
  const mod = await makeMember(a, { role: 'moderator' })
  const res = await a.inject({
    method: 'POST',
    url: '/api/categories',
    headers: admin.auth,
    payload: { name: 'Général', slug: 'general' },
  })
  if (res.statusCode !== 201) throw new Error(`category: ${res.statusCode} ${res.body}`)
  const start = clock.now.getTime()
  return {
    a,
    admin,
    mod,
    clock,
    /** Sets the clock to `offset` ms after the world was made. */
    at(offset: number) {
      clock.now = new Date(start + offset)
    },
    /** A contest opening submissions in 1 hour, voting in 1 day, closing in 2 days (times from the world's start). */
    async contest(extra: Record<string, unknown> = {}, by: Member = mod) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/contests',
        headers: by.auth,
        payload: {
          title: 'Photo de l’été',
          rules: 'Une photo **par membre**, prise cet été.',
          submissionsOpenAt: new Date(start + hour).toISOString(),
          votingOpensAt: new Date(start + day).toISOString(),
          votingClosesAt: new Date(start + 2 * day).toISOString(),
          votesPerMember: 3,
          ...extra,
        },
      })
      if (res.statusCode !== 201) throw new Error(`contest: ${res.statusCode} ${res.body}`)
      return res.json().contest as { id: number; topicId: number; phase: string; [k: string]: unknown }
    },
    async enter(member: Member, contestId: number, title = `Entry by ${member.handle}`) {
      const res = await a.inject({
        method: 'POST',
        url: `/api/contests/${contestId}/entries`,
        headers: member.auth,
        payload: { title, body: `Ma photo, *${title}*.` },
      })
      if (res.statusCode !== 201) throw new Error(`entry: ${res.statusCode} ${res.body}`)
      return res.json().entry as { id: number; [k: string]: unknown }
    },
    vote(member: Member, contestId: number, entryId: number) {
      return a.inject({
        method: 'POST',
        url: `/api/contests/${contestId}/entries/${entryId}/votes`,
        headers: member.auth,
      })
    },
    get(url: string, who?: Member) {
      return a.inject({ method: 'GET', url, ...(who ? { headers: who.auth } : {}) })
    },
  }
}

export type ContestWorld = Awaited<ReturnType<typeof contestWorld>>

/** A multipart/form-data body: text fields, and a file when given. */
export function multipart(
  fields: Record<string, string>,
  file?: { field?: string; name: string; type: string; bytes: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tribune${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'image'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

export type { TestApp }
