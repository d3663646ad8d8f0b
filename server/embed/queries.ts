import { sql } from 'kysely'
import type { Db } from '../db/database.js'

// Settings are shared infrastructure now; kept exported here for this domain's callers.
export { getSetting, putSetting } from '../settings/store.js'

export async function articleTopicId(db: Db, url: string): Promise<number | undefined> {
  const row = await db.selectFrom('embedArticles').select('topicId').where('url', '=', url).executeTakeFirst()
  return row ? Number(row.topicId) : undefined
}

/** Records an article's topic; a row already there (another instance got here first) wins. */
export async function linkArticle(db: Db, url: string, topicId: number): Promise<number> {
  await db
    .insertInto('embedArticles')
    .values({ url, topicId })
    .onConflict((oc) => oc.column('url').doNothing())
    .execute()
  return (await articleTopicId(db, url)) ?? topicId
}

const authorEmail = 'system:tribune_comments'
const authorColumns = ['id', 'handle', 'displayName', 'role', 'trustLevel', 'charterVersion'] as const

/**
 * The account comment topics are opened by, created the first time it is needed.
 *
 * Comment topics are opened on behalf of a visitor, who may well be anonymous, so a system
 * account signs them rather than the first admin: an admin's name would head every article's
 * thread and change meaning when that admin leaves or is demoted. It is a moderator so that it may
 * open topics in whichever category the admin picks. Nobody can sign in as it: it has no password,
 * and its email has no "@", which registration and SSO tokens (which link accounts by email) both
 * require. It is created here rather than by the migration so that a community that never uses
 * comment sections never has it; concurrent first calls meet on the unique email.
 */
export async function commentsAuthor(db: Db) {
  const find = () =>
    db.selectFrom('users').select(authorColumns).where(sql`lower(email)`, '=', authorEmail).executeTakeFirst()
  const existing = await find()
  if (existing) return existing
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle =
      attempt === 0 ? 'tribune_comments' : `tribune_comments_${Math.floor(Math.random() * 100_000)}`
    await db
      .insertInto('users')
      .values({ email: authorEmail, handle, displayName: 'Tribune', passwordHash: null, role: 'moderator' })
      .onConflict((oc) => oc.doNothing())
      .execute()
    const row = await find()
    if (row) return row
  }
  throw new Error('no free handle for the comments account')
}
