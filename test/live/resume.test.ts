import t from 'tap'
import WebSocket from 'ws'
import { LiveClient, type LiveEvent } from '../../client/live/live-client.js'
import { makeCategory, makeTopic } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { listen } from './helpers.js'

// The test: a client that disconnects again and again while 1,000 posts stream in ends
// with exactly those 1,000 posts, in order, through the client library's own resume.
t.test('a client cut off again and again ends with every post, once, in order', async (t) => {
  const a = await build(t)
  const url = await listen(a)
  const cat = await makeCategory(a)
  const posters = await Promise.all([1, 2, 3, 4].map(() => makeMember(a)))
  const { topic } = await makeTopic(a, posters[0]!, cat.id)
  const channel = `topic:${topic.id}`

  const received: LiveEvent[] = []
  const client = new LiveClient({
    url,
    WebSocket: WebSocket as never,
    backoff: { initialMs: 10, maxMs: 200 },
  })
  t.teardown(() => client.close())
  const subscribed = new Promise<void>((resolve) => {
    client.subscribe(channel, (event) => {
      if (event.type === 'post.created') received.push(event)
    })
    const wait = setInterval(() => {
      if (client.status === 'open') {
        clearInterval(wait)
        setTimeout(resolve, 100)
      }
    }, 10)
  })
  await subscribed

  // Cut every live socket from the server side, every 20 to 120 ms, while the posts come in.
  let cuts = 0
  let cutting = true
  const chaos = (async () => {
    while (cutting) {
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 100))
      for (const socket of a.app.websocketServer.clients) {
        socket.terminate()
        cuts++
      }
    }
  })()

  const total = 1_000
  const created: number[] = []
  let next = 0
  await Promise.all(
    posters.map(async (poster) => {
      while (next < total) {
        const n = next++
        const res = await a.inject({
          method: 'POST',
          url: `/api/topics/${topic.id}/posts`,
          headers: poster.auth,
          payload: { body: `post ${n}` },
        })
        if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`)
        created.push(json(res).post.id)
      }
    }),
  )
  cutting = false
  await chaos

  const until = Date.now() + 20_000
  while (received.length < total && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
  t.ok(cuts >= 10, `the socket was cut ${cuts} times`)
  const ids = received.map((e) => (e.data as { post: { id: number } }).post.id)
  t.equal(ids.length, total, 'every post arrived, none twice')
  t.same(
    ids,
    [...created].sort((x, y) => x - y),
    'exactly the posts written, in order',
  )
  const eventIds = received.map((e) => e.id!)
  t.ok(
    eventIds.every((id, i) => i === 0 || id > eventIds[i - 1]!),
    'event ids strictly increase',
  )
})
