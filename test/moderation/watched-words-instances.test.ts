import t from 'tap'
import { buildApp } from '../../server/app.js'
import type { Bus } from '../../server/live/bus.js'
import { MemoryBus } from '../../server/live/bus.js'
import { busTopic, WatchedWords } from '../../server/moderation/watched-words/service.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// Every instance keeps its own compiled list: each must forget it when another changes the list
// (a message on the bus) and when the bus comes back (messages may have been lost meanwhile).

const url = '/api/moderation/watched-words'

t.test('another instance on the same database forgets its list when the bus says so', async (t) => {
  const bus = new MemoryBus()
  const a = await build(t, { bus })
  // A second app on the same database and bus, as a second server process would be.
  const b = await buildApp({ config: a.app.config, dbHandle: a.app.dbHandle, bus, logger: false })
  await b.ready()
  t.teardown(() => b.close())
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  t.same((await b.watchedWords.check('quelle arnaque')).block, [], 'compiled empty on B')

  const added = await a.inject({
    method: 'POST',
    url,
    headers: admin.auth,
    payload: { phrase: 'arnaque', action: 'block' },
  })
  t.equal(added.statusCode, 201, added.body)
  await new Promise((r) => setTimeout(r, 20))
  t.same(
    (await b.watchedWords.check('quelle arnaque')).block.map((m) => m.phrase),
    ['arnaque'],
    'B rebuilt after A’s message',
  )
  const removed = await a.inject({
    method: 'DELETE',
    url: `${url}/${json(added).word.id}`,
    headers: moderator.auth,
  })
  t.equal(removed.statusCode, 204)
  await new Promise((r) => setTimeout(r, 20))
  t.same((await b.watchedWords.check('quelle arnaque')).block, [], 'and after a removal')
})

t.test('a reconnected bus or a message on the topic drops the compiled list', async (t) => {
  let entries = [{ id: 1, phrase: 'arnaque', action: 'block' as const }]
  let loads = 0
  const handlers = new Map<string, (m: string) => void>()
  let reconnect = () => {}
  const bus: Bus = {
    publish: async () => {},
    subscribe: (topic, handler) => {
      handlers.set(topic, handler)
      return () => handlers.delete(topic)
    },
    onReconnect: (listener) => {
      reconnect = listener
      return () => {}
    },
    close: async () => {},
  }
  const words = new WatchedWords(async () => {
    loads++
    return entries
  }, bus)
  t.equal((await words.check('arnaque')).block.length, 1)
  entries = []
  t.equal((await words.check('arnaque')).block.length, 1, 'kept between changes')
  t.equal(loads, 1, 'read once')
  reconnect()
  t.equal((await words.check('arnaque')).block.length, 0, 'read again after the bus came back')
  entries = [{ id: 2, phrase: 'arnaque', action: 'block' }]
  handlers.get(busTopic)!('changed')
  t.equal((await words.check('arnaque')).block.length, 1, 'read again on the topic')
  t.equal(loads, 3)
  words.close()
  t.equal(handlers.size, 0, 'close unsubscribes')

  let fail = true
  const flaky = new WatchedWords(async () => {
    if (fail) throw new Error('database away')
    return entries
  }, new MemoryBus())
  await t.rejects(flaky.check('arnaque'), /database away/)
  fail = false
  t.equal((await flaky.check('arnaque')).block.length, 1, 'a failed read is not remembered')
  flaky.close()
})
