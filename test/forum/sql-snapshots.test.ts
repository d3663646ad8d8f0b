import type { FastifyInstance } from 'fastify'
import {
  CamelCasePlugin,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import t from 'tap'
import type { Viewer } from '../../server/accounts/viewer.js'
import type { Database } from '../../server/db/database.js'
import type { CategoryInfo } from '../../server/forum/categories/directory.js'
import { reply } from '../../server/forum/posts/service.js'
import { insertPost } from '../../server/forum/posts/write.js'
import { categoryTopics } from '../../server/forum/topics/lists.js'
import { topicPage } from '../../server/forum/topics/page.js'
import { TopicPageCache } from '../../server/forum/topics/page-cache.js'
import { encodeCursor } from '../../server/http/cursor.js'
import { searchQuery } from '../../server/search/queries.js'

// The SQL the hot paths compile to, snapshotted so that a reviewer sees a change to it as SQL.
// The forum builds these statements inside the functions that run them, so each function runs here
// against a Kysely that compiles exactly as the app's (the PostgreSQL compiler and CamelCasePlugin,
// as server/db/database.ts sets them up on both databases) but sends nothing anywhere: it records
// each statement and answers with canned rows. No database is involved, so the snapshots are the
// same on PostgreSQL and PGlite. They are kept under tap-snapshots/.build/, named after the compiled
// file npm test runs (scripts/test.mjs). Regenerate with:
//   TAP_SNAPSHOT=1 npm test -- --db=postgres test/forum/sql-snapshots.test.ts

function recorder(answer: (sql: string) => Record<string, unknown>[] = () => []) {
  const statements: string[] = []
  const connection: DatabaseConnection = {
    async executeQuery(query) {
      statements.push(query.sql)
      return { rows: answer(query.sql) as never[] }
    },
    // biome-ignore lint/correctness/useYield: nothing here streams
    async *streamQuery() {
      throw new Error('not recorded')
    },
  }
  class RecordingDriver extends DummyDriver {
    override async acquireConnection() {
      return connection
    }
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(),
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (k) => new PostgresIntrospector(k),
    },
    plugins: [new CamelCasePlugin()],
  })
  return { db, statements }
}

const category: CategoryInfo = {
  id: 3,
  slug: 'general',
  name: 'General',
  description: '',
  position: 0,
  color: null,
  posting: 'members',
  topicCount: 0,
  readGroups: null,
  postGroups: [],
}

/** One row with every column the write path reads back, whatever the statement. */
const cannedRow = {
  id: 10,
  topicId: 5,
  categoryId: category.id,
  userEvents: [],
  authorId: 1,
  title: 'A topic',
  slug: 'a-topic',
  pinned: false,
  locked: false,
  postCount: 2,
  postNumber: 2,
  lastPostId: 10,
  lastPosterId: 1,
  replyToId: null,
  body: 'Merci',
  html: '<p>Merci</p>',
  revision: 1,
  reactions: {},
  createdAt: new Date(0),
  lastPostAt: new Date(0),
  editedAt: null,
  deletedAt: null,
  hiddenAt: null,
  handle: 'ana',
  displayName: 'Ana',
  avatarUrl: null,
  role: 'member',
  authorHandle: 'ana',
  authorDisplayName: 'Ana',
  authorAvatarUrl: null,
  authorRole: 'member',
}

const viewer: Viewer = {
  id: 1,
  handle: 'ana',
  displayName: 'Ana',
  role: 'member',
  // Trusted: a newer member's reply would also be followed by the trust promotion's statement.
  trustLevel: 2,
  groupIds: [],
  charterVersion: 1,
  restriction: null,
  sessionId: 1,
  via: 'bearer',
}

t.test('topic page: the topic, a page of posts and their authors in one statement', async (t) => {
  for (const [name, page] of [
    ['first page', { limit: 25 }],
    ['after a post', { after: 100, limit: 25 }],
    ['before a post', { before: 100, limit: 25 }],
  ] as const) {
    const { db, statements } = recorder()
    // No row comes back, so the page answers 404 once its statement is compiled and recorded.
    const err = await topicPage({ db } as FastifyInstance, new TopicPageCache(), null, 42, page).then(
      () => null,
      (e: { statusCode?: number }) => e,
    )
    t.equal(err?.statusCode, 404)
    t.equal(statements.length, 1)
    t.matchSnapshot(statements[0], name)
  }
})

t.test('category topic list: pinned first, then by activity, keyset', async (t) => {
  const app = { categories: { bySlug: async () => category } }
  for (const [name, cursor] of [
    ['first page', undefined],
    ['after a cursor', encodeCursor([false, 1_700_000_000_000_000, 42])],
  ] as const) {
    const { db, statements } = recorder()
    const page = await categoryTopics({ ...app, db } as unknown as FastifyInstance, null, 'general', {
      cursor,
      limit: 20,
    })
    t.same(page, { items: [], nextCursor: null })
    t.equal(statements.length, 1)
    t.matchSnapshot(statements[0], name)
  }
})

t.test('reply: every statement of the write, in order', async (t) => {
  const { db, statements } = recorder(() => [cannedRow])
  const app = {
    db,
    categories: { byId: async () => category },
    config: { publicUrl: 'http://tribune.test' },
    live: { publish: async () => {} },
    // Moderation with nothing to say (no watched words, no hold): only the forum's statements are recorded.
    watchedWords: {
      check: async (text: string) => ({ block: [], hold: [], flag: [], censor: [], censored: text }),
    },
    moderationPolicy: {
      slowModeSeconds: async () => 0,
      linkLimits: async () => ({ maxLinks: null, imagesAllowed: true }),
      settings: async () => ({ holdNewMembersPosts: 0 }),
      holdReason: async () => null,
    },
    clock: () => new Date(),
  }
  const outcome = await reply(app as unknown as FastifyInstance, viewer, 5, { body: 'Merci' }, undefined)
  t.equal((outcome as { statusCode: number }).statusCode, 201)
  t.matchSnapshot(statements.join(';\n\n'), 'load the topic, number the post, insert it, record events')
})

t.test('post insert with mentions', async (t) => {
  const { db, statements } = recorder(() => [cannedRow])
  await db.transaction().execute((trx) =>
    insertPost(trx, {
      id: 10,
      topicId: 5,
      postNumber: 2,
      authorId: 1,
      replyToId: null,
      body: 'Merci @bob @eve',
      rendered: { html: '<p>Merci</p>', mentionedUserIds: [2, 3] },
      opensTopic: false,
    }),
  )
  t.matchSnapshot(statements.join(';\n\n'), 'insert the post, count it, record its mentions')
})

t.test('search: candidates, rank, one page, headlines', async (t) => {
  const { db } = recorder()
  const args = { q: 'vélo électrique', categoryIds: [1, 2, 3], limit: 20 }
  t.matchSnapshot(searchQuery({ ...args, after: null }).compile(db).sql, 'first page')
  t.matchSnapshot(searchQuery({ ...args, after: { rank: 0.5, id: 42 } }).compile(db).sql, 'after a cursor')
})
