import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { hashPassword } from '../accounts/passwords.js'
import { logout } from '../accounts/service.js'
import { createSession } from '../accounts/sessions.js'
import { categories, demoLogin, emailDomain, members, site, vipGroup } from './content/community.js'
import { help } from './content/help.js'
import { ideas } from './content/ideas.js'
import { news } from './content/news.js'
import { talk } from './content/talk.js'
import { progress } from './progress.js'
import { type Poster, postThreads } from './threads.js'

export interface SeedOptions {
  /** A progress bar (a terminal) or a few plain lines (logs). */
  progress: boolean
  /** Where plain lines go; console.log by default. */
  log?: (line: string) => void
}

export interface DemoLogin {
  login: string
  password: string
}

/** Every thread of the demo, in no particular order: they are posted in the order of their dates. */
export const threads = [...news, ...talk, ...help, ...ideas]

/**
 * Seeds the demo community when the database has no category yet (a first start); null otherwise.
 * @example const demo = await seedDemoIfEmpty(app, { progress: process.stdout.isTTY ?? false })
 */
export async function seedDemoIfEmpty(app: FastifyInstance, opts: SeedOptions): Promise<DemoLogin | null> {
  const any = await app.db.selectFrom('categories').select('id').limit(1).executeTakeFirst()
  if (any) return null
  return seedDemo(app, opts)
}

/**
 * Seeds Vélo Azur, a French-speaking brand community, through the public API (so the real forum
 * code renders the Markdown and keeps the counters), then dates it over the last weeks. Returns a
 * member's login and the password every demo member shares (random, printed once).
 * @example const { login, password } = await seedDemo(app, { progress: false })
 */
export async function seedDemo(app: FastifyInstance, opts: SeedOptions): Promise<DemoLogin> {
  const log = opts.log ?? console.log
  await refuseIfSeeded(app)
  const started = Date.now()
  const posts = threads.reduce((n, t) => n + 1 + t.replies.length, 0)
  const reactionCount = threads.reduce(
    (n, t) => n + [t.react, ...t.replies.map((r) => r.react)].reduce((m, r) => m + countReactions(r), 0),
    0,
  )
  const bar = progress(members.length + categories.length + posts + reactionCount, {
    bar: opts.progress,
    log,
  })
  try {
    const password = randomBytes(12).toString('base64url')
    const { people, vipGroupId } = await createMembers(app, password)
    bar.advance(members.length, 'members')
    bar.note(`${members.length} members`)
    const categoryIds = await createCategories(app, people, vipGroupId)
    bar.advance(categories.length, 'categories')
    bar.note(`${categories.length} categories, one for the Club only`)
    const made = await postThreads(app, threads, people, categoryIds, bar)
    await app.db
      .insertInto('settings')
      .values({ key: 'site', value: JSON.stringify(site) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    // The seeding sessions were only for the API calls above: members sign in for themselves.
    for (const p of people.values()) await logout(app, p.tokenHash)
    bar.note(
      `${made.topics} topics, ${made.replies} replies, ${made.reactions} reactions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    return { login: people.get(demoLogin)!.handle, password }
  } finally {
    bar.stop()
  }
}

function countReactions(r: Record<string, string[] | undefined> | undefined): number {
  return Object.values(r ?? {}).reduce((n, list) => n + (list?.length ?? 0), 0)
}

async function refuseIfSeeded(app: FastifyInstance): Promise<void> {
  const demoUser = await app.db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('isDemo', '=', true), eb(sql`lower(email)`, 'like', `%@${emailDomain}`)]))
    .limit(1)
    .executeTakeFirst()
  if (demoUser) throw new Error('The demo community is already in this database.')
  const slugs = categories.map((c) => c.slug)
  const clash = await app.db
    .selectFrom('categories')
    .select('slug')
    .where('slug', 'in', slugs)
    .executeTakeFirst()
  if (clash)
    throw new Error(
      `A category with the demo's slug "${clash.slug}" already exists; the demo needs those slugs.`,
    )
}

/**
 * Writes the members straight to the database (one password hash for all), with a bearer session
 * each for the API calls. A handle someone already has (`admin` never is one) gets a suffix, so
 * the demo never collides with the accounts of the community it is seeded into.
 */
async function createMembers(app: FastifyInstance, password: string) {
  const [passwordHash, charterVersion] = await Promise.all([
    hashPassword(password),
    app.charter.currentVersion(),
  ])
  const taken = new Set(
    (
      await app.db
        .selectFrom('users')
        .select(sql<string>`lower(handle)`.as('handle'))
        .where(
          sql`lower(handle)`,
          'in',
          members.map((m) => m.handle.toLowerCase()),
        )
        .execute()
    ).map((r) => r.handle),
  )
  const handleFor = (h: string) => {
    let candidate = h
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${h}-${n}`
    return candidate
  }
  const now = Date.now()
  const people = new Map<string, Poster & { tokenHash: string }>()
  const group = await app.db
    .insertInto('groups')
    .values(vipGroup)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ name: vipGroup.name }))
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const m of members) {
    const handle = handleFor(m.handle)
    const user = await app.db
      .insertInto('users')
      .values({
        email: `${m.handle}@${emailDomain}`,
        handle,
        displayName: m.displayName,
        role: m.role,
        bio: m.bio,
        trustLevel: m.trustLevel,
        passwordHash: m.noPassword ? null : passwordHash,
        charterVersion,
        locale: 'fr',
        timeZone: 'Europe/Paris',
        isDemo: true,
        createdAt: new Date(now - m.joinedDaysAgo * 24 * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (m.vip)
      await app.db.insertInto('groupMembers').values({ groupId: group.id, userId: user.id }).execute()
    const { token, tokenHash } = await createSession(app.db, user.id, { userAgent: 'tribune demo seed' })
    people.set(m.handle, { id: user.id, handle, tokenHash, auth: { authorization: `Bearer ${token}` } })
  }
  return { people, vipGroupId: group.id }
}

/** Through the API as the brand's admin account, so the forum's category cache hears about them. */
async function createCategories(app: FastifyInstance, people: Map<string, Poster>, vipGroupId: number) {
  const admin = people.get(members.find((m) => m.role === 'admin')!.handle)!
  const ids = new Map<string, number>()
  for (const [position, c] of categories.entries()) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin.auth,
      payload: {
        name: c.name,
        slug: c.slug,
        description: c.description,
        position: position + 1,
        color: c.color,
        posting: c.posting ?? 'members',
        ...(c.vipOnly ? { groups: [{ groupId: vipGroupId, canPost: true }] } : {}),
      },
    })
    if (res.statusCode !== 201)
      throw new Error(`demo seed: creating category ${c.slug} answered ${res.statusCode}: ${res.body}`)
    ids.set(c.slug, (res.json() as { category: { id: number } }).category.id)
  }
  return ids
}
