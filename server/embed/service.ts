import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Viewer } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import { visibleTopic } from '../forum/load.js'
import { presentTopic } from '../forum/present.js'
import { createTopic } from '../forum/topics/service.js'
import { badRequest, forbidden, notFound, unprocessable } from '../http/errors.js'
import { isReplay } from '../http/idempotency.js'
import { type EmbedSettings, embedSettingKey, normaliseOrigin } from './origins.js'
import { articleTopicId, commentsAuthor, linkArticle, putSetting } from './queries.js'
import { maxArticleUrl } from './schema.js'

/** The embed setting in force (the admin's, else seeded from EMBED_ORIGINS). */
export function embedSettings(app: FastifyInstance): Promise<EmbedSettings> {
  return app.embedSettings.get()
}

/**
 * Replaces the embed setting after checking every origin and the category, audited; every
 * instance drops its cached copy.
 * @example await saveEmbedSettings(app, admin, { origins: ['https://brand.example'], commentsCategoryId: 3 })
 */
export async function saveEmbedSettings(
  app: FastifyInstance,
  actor: Viewer,
  input: EmbedSettings,
): Promise<EmbedSettings> {
  const origins: string[] = []
  const invalid: string[] = []
  for (const raw of input.origins) {
    const origin = normaliseOrigin(raw)
    if (!origin) invalid.push(raw)
    else if (!origins.includes(origin)) origins.push(origin)
  }
  if (invalid.length)
    throw badRequest(
      'invalid_origin',
      `Not an origin (scheme://host[:port], http or https, nothing after the host): ${invalid.slice(0, 5).join(', ')}`,
      { invalid },
    )
  const { commentsCategoryId } = input
  if (commentsCategoryId !== null && !(await app.categories.byId(commentsCategoryId)))
    throw unprocessable('unknown_category', `Category ${commentsCategoryId} does not exist.`)
  const previous = await app.embedSettings.get()
  const next: EmbedSettings = { origins, commentsCategoryId }
  await app.db.transaction().execute(async (trx) => {
    await putSetting(trx, embedSettingKey, next)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'embed.settings_changed',
      targetType: 'community',
      targetId: embedSettingKey,
      data: { from: previous, to: next },
    })
  })
  await app.embedSettings.changed()
  return next
}

/**
 * Replaces the SSO secret with a fresh random one (read by accounts/sso.ts on every exchange, so
 * tokens signed with the old one fail at once on every instance) and returns it, once: it is not
 * readable afterwards, only replaceable.
 */
export async function rotateSsoSecret(app: FastifyInstance, actor: Viewer): Promise<string> {
  const secret = randomBytes(32).toString('base64url')
  await app.db.transaction().execute(async (trx) => {
    await putSetting(trx, 'sso_secret', secret)
    // The audit log says that it changed and who changed it, never what it became.
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'sso.secret_rotated',
      targetType: 'community',
      targetId: 'sso_secret',
    })
  })
  return secret
}

/**
 * An article address as stored: http(s), no credentials, fragment dropped, in the WHATWG form
 * (lower-case host, default port dropped, path percent-encoded), so that the forms a browser may
 * report for one page name one topic.
 */
export function normaliseArticleUrl(raw: string): URL {
  const invalid = (why: string) => badRequest('invalid_url', `The article URL ${why}.`)
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw invalid('is not an absolute address')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('must be http or https')
  if (url.username || url.password) throw invalid('may not carry a user name or password')
  url.hash = ''
  if (url.href.length > maxArticleUrl) throw invalid(`may have ${maxArticleUrl} characters at most`)
  return url
}

/** The first post of an article's topic: a neutral line linking back to the article. */
function openingPost(url: URL, title: string): string {
  const text = title.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`)
  return `💬 [${text}](<${url.href}>)`
}

function topicTitle(url: URL, given: string | undefined): string {
  const title = given?.replace(/\s+/g, ' ').trim() ?? ''
  if (title.length >= 3) return title.slice(0, 200)
  const fallback = `${url.host}${url.pathname === '/' ? '' : url.pathname}`
  return (fallback.length >= 3 ? fallback : url.href).slice(0, 200)
}

/** A topic as GET /api/topics/:id shows it to this reader (404 when they may not read it). */
async function topicFor(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const { topic, category } = await visibleTopic(app, viewer, id)
  return presentTopic(topic, viewer, category)
}

export interface CommentsOutcome {
  created: boolean
  topic: Awaited<ReturnType<typeof topicFor>>
}

/**
 * The comment section of a brand's article: its topic, opened the first time in the configured
 * category by the comments account.
 *
 * Exactly once, however many readers arrive together and on however many instances: the topic is
 * created through the forum's own createTopic with an idempotency key derived from the URL, and that
 * key is inserted in the topic's own transaction, first. A concurrent caller blocks on the key until
 * the first commits and then gets its answer (the same topic) back. The `embed_articles` row is
 * written just after; if a process dies between the two, the next caller gets the topic back from
 * the key and writes the row. (Creating the topic inside our own transaction would mean copying the
 * forum's insert logic, which belongs to the forum.)
 *
 * @example await openComments(app, null, { url: 'https://brand.example/blog/a' }, 'https://brand.example')
 */
export async function openComments(
  app: FastifyInstance,
  viewer: Viewer | null,
  input: { url: string; title?: string | undefined },
  origin: string | undefined,
): Promise<CommentsOutcome> {
  const url = normaliseArticleUrl(input.url)
  if (origin !== undefined && url.origin !== origin)
    throw forbidden('origin_mismatch', `A page on ${origin} may only open comments for its own articles.`)
  const known = await articleTopicId(app.db, url.href)
  if (known !== undefined) return { created: false, topic: await topicFor(app, viewer, known) }

  const { commentsCategoryId } = await app.embedSettings.get()
  const category = commentsCategoryId === null ? undefined : await app.categories.byId(commentsCategoryId)
  const author = category && (await commentsAuthor(app.db))
  if (!author)
    throw unprocessable('comments_not_configured', 'Comment sections are not configured on this community.')
  const system: Viewer = {
    id: Number(author.id),
    handle: author.handle,
    displayName: author.displayName,
    role: author.role as Viewer['role'],
    trustLevel: author.trustLevel,
    groupIds: [],
    charterVersion: author.charterVersion,
    restriction: null,
    sessionId: 0,
    via: 'bearer',
  }
  const title = topicTitle(url, input.title)
  const key = `embed-article:${createHash('sha256').update(url.href).digest('base64url')}`
  const outcome = await createTopic(
    app,
    system,
    { categoryId: category!.id, title, body: openingPost(url, title) },
    // The fingerprint is the same for every caller: the first caller's title wins, later ones replay.
    { userId: system.id, key, fingerprint: 'embed-article' },
  )
  const created = isReplay(outcome)
    ? (outcome.replayed.body as { topic: { id: number } }).topic.id
    : outcome.body.topic.id
  const topicId = await linkArticle(app.db, url.href, created)
  return { created: !isReplay(outcome), topic: await topicFor(app, viewer, topicId) }
}

/** The comment section of an article, if it has one; 404 otherwise (nothing is created). */
export async function findComments(app: FastifyInstance, viewer: Viewer | null, rawUrl: string) {
  const url = normaliseArticleUrl(rawUrl)
  const id = await articleTopicId(app.db, url.href)
  if (id === undefined) throw notFound('A comment section for this article')
  return topicFor(app, viewer, id)
}
