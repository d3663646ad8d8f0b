import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { DemoReactions, DemoThread } from './content/types.js'
import type { Progress } from './progress.js'

const hour = 3600_000
/** Gaps between replies when the content does not say, in hours: conversations have a rhythm. */
const rhythm = [2, 5, 1, 9, 3, 14, 4, 7]

export interface Poster {
  id: number
  handle: string
  auth: { authorization: string }
}

/** One post of the timeline: when it is dated, which thread and which post of it. */
interface Planned {
  at: Date
  thread: number
  index: number
}

/**
 * Dates every post of every thread, relative to `now`: a thread opens `daysAgo` days back during
 * the day, and replies follow at the given (or a varied) pace. A thread that would run into the
 * future is moved back whole, so its order is kept.
 */
export function plan(threads: DemoThread[], now: Date): Planned[] {
  const out: Planned[] = []
  threads.forEach((thread, t) => {
    let at =
      now.getTime() - thread.daysAgo * 24 * hour + (8 + ((t * 7) % 10)) * hour - now.getUTCHours() * hour
    const times = [at]
    thread.replies.forEach((reply, j) => {
      at += (reply.after ?? rhythm[j % rhythm.length]!) * hour + ((j * 17 + t * 11) % 50) * 60_000
      // Members sleep: a reply that would fall in the French night waits for the morning.
      const utcHour = new Date(at).getUTCHours()
      if (utcHour >= 22 || utcHour < 6)
        at += (((30 - utcHour) % 24) * 60 - new Date(at).getUTCMinutes() + 7) * 60_000
      times.push(at)
    })
    const overshoot = times[times.length - 1]! - (now.getTime() - 20 * 60_000)
    times.forEach((time, index) => {
      out.push({ at: new Date(overshoot > 0 ? time - overshoot : time), thread: t, index })
    })
  })
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.thread - b.thread || a.index - b.index)
}

async function call<T>(
  app: FastifyInstance,
  poster: Poster,
  method: 'POST' | 'PUT',
  url: string,
  payload?: object,
) {
  const res = await app.inject({ method, url, headers: poster.auth, ...(payload ? { payload } : {}) })
  if (res.statusCode >= 300) {
    throw new Error(
      `demo seed: ${method} ${url} as @${poster.handle} answered ${res.statusCode}: ${res.body}`,
    )
  }
  return (res.body ? res.json() : {}) as T
}

/**
 * Creates every topic and reply through the public API in the order of their dates (so ids and
 * dates agree everywhere), then the reactions, then moves the dates back to the plan.
 */
export async function postThreads(
  app: FastifyInstance,
  threads: DemoThread[],
  people: Map<string, Poster>,
  categoryIds: Map<string, number>,
  bar: Progress,
): Promise<{ topics: number; replies: number; reactions: number }> {
  const who = (key: string) => {
    const p = people.get(key)
    if (!p) throw new Error(`demo seed: no member "${key}"`)
    return p
  }
  const mentions = (body: string) =>
    body.replace(/@\{([\w.-]+)\}/g, (_, key: string) => `@${who(key).handle}`)
  const timeline = plan(threads, new Date())
  const topicIds: number[] = []
  const postIds: number[][] = threads.map(() => [])
  const dated: { id: number; at: string }[] = []

  for (const step of timeline) {
    const thread = threads[step.thread]!
    if (step.index === 0) {
      const { topic, post } = await call<{ topic: { id: number }; post: { id: number } }>(
        app,
        who(thread.author),
        'POST',
        '/api/topics',
        { categoryId: categoryIds.get(thread.category), title: thread.title, body: mentions(thread.body) },
      )
      topicIds[step.thread] = topic.id
      postIds[step.thread]!.push(post.id)
      dated.push({ id: post.id, at: step.at.toISOString() })
    } else {
      const reply = thread.replies[step.index - 1]!
      const replyToId = reply.replyTo === undefined ? undefined : postIds[step.thread]![reply.replyTo]
      const { post } = await call<{ post: { id: number } }>(
        app,
        who(reply.author),
        'POST',
        `/api/topics/${topicIds[step.thread]}/posts`,
        { body: mentions(reply.body), ...(replyToId ? { replyToId } : {}) },
      )
      postIds[step.thread]!.push(post.id)
      dated.push({ id: post.id, at: step.at.toISOString() })
    }
    bar.advance(1, thread.title)
  }

  let reactions = 0
  const reactTo = async (postId: number, react: DemoReactions | undefined) => {
    for (const [kind, handles] of Object.entries(react ?? {})) {
      for (const key of handles) {
        await call(app, who(key), 'PUT', `/api/posts/${postId}/reactions/${kind}`)
        reactions++
        bar.advance(1, 'reactions')
      }
    }
  }
  for (const [t, thread] of threads.entries()) {
    await reactTo(postIds[t]![0]!, thread.react)
    for (const [j, reply] of thread.replies.entries()) await reactTo(postIds[t]![j + 1]!, reply.react)
  }

  await backdate(app, dated, topicIds, threads)
  return { topics: topicIds.length, replies: dated.length - topicIds.length, reactions }
}

/** The API dates everything now; the demo's weeks of history are written back in one transaction. */
async function backdate(
  app: FastifyInstance,
  dated: { id: number; at: string }[],
  topicIds: number[],
  threads: DemoThread[],
) {
  const values = sql.join(dated.map((d) => sql`(${d.id}::bigint, ${d.at}::timestamptz)`))
  const pinned = topicIds.filter((_, t) => threads[t]!.pinned)
  await app.db.transaction().execute(async (trx) => {
    await sql`update posts set created_at = v.at from (values ${values}) as v(id, at) where posts.id = v.id`.execute(
      trx,
    )
    await sql`update topics set
        created_at = (select min(p.created_at) from posts p where p.topic_id = topics.id),
        last_post_at = (select max(p.created_at) from posts p where p.topic_id = topics.id and p.deleted_at is null)
      where id in (${sql.join(topicIds)})`.execute(trx)
    // A reaction comes a little after its post, and never later than now.
    await sql`update reactions set created_at = least(now(), p.created_at + interval '47 minutes')
      from posts p where p.id = reactions.post_id and p.topic_id in (${sql.join(topicIds)})`.execute(trx)
    if (pinned.length)
      await trx.updateTable('topics').set({ pinned: true }).where('id', 'in', pinned).execute()
  })
}
