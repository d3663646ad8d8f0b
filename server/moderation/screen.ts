import type { FastifyInstance } from 'fastify'
import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { HttpError, unprocessable } from '../http/errors.js'
import type { Match } from './watched-words/matcher.js'

export interface Screened {
  /** The body to store: censored words masked. */
  body: string
  /** Why the post waits for approval, or null to publish it. */
  hold: string | null
  /** Watched words whose action is to flag: the post is published and queued for a look. */
  flagged: Match[]
}

const distinct = (matches: Match[]) => [...new Set(matches.map((m) => m.phrase))]

/**
 * What moderation says about a post before it is written, in the order a member meets it:
 * blocked words (refused, naming them), slow mode (429 with when to retry), the limits on a new
 * member's links and images, then whether it is held for approval (crisis, off hours, a new
 * member's first posts, a watched word) and which words flag it. Staff pass everything but words
 * that block or censor.
 * @example const { body, hold, flagged } = await screenPost(app, viewer, { categoryId, body, lastPostAt })
 */
export async function screenPost(
  app: FastifyInstance,
  viewer: Viewer,
  input: {
    categoryId: number
    body: string
    /** The reply's topic slow mode, and when this member last wrote in it. */
    slowModeSeconds?: number
    lastPostAt?: () => Promise<Date | null>
  },
): Promise<Screened> {
  const words = await app.watchedWords.check(input.body)
  if (words.block.length)
    throw unprocessable(
      'watched_word_blocked',
      `The community does not accept these words: ${distinct(words.block).join(', ')}. / La communauté n’accepte pas ces mots : ${distinct(words.block).join(', ')}.`,
    )
  const staff = isStaff(viewer)
  const policy = app.moderationPolicy
  if (!staff && input.lastPostAt) {
    const seconds = await policy.slowModeSeconds(input.categoryId, input.slowModeSeconds ?? 0)
    const last = seconds > 0 ? await input.lastPostAt() : null
    const wait = last ? Math.ceil((last.getTime() + seconds * 1000 - app.clock().getTime()) / 1000) : 0
    if (wait > 0)
      throw new HttpError(
        429,
        'slow_mode',
        `Slow mode: one post every ${seconds} s here; write again in ${wait} s.`,
        {
          retryAfterSeconds: wait,
        },
      )
  }
  const body = words.censored
  if (!staff) {
    const limits = await policy.linkLimits(viewer)
    // Counted on the Markdown as written: links and images a new member would publish.
    const links = body.match(/https?:\/\/|www\./gi)?.length ?? 0
    if (limits.maxLinks !== null && links > limits.maxLinks)
      throw unprocessable(
        'too_many_links',
        `New members may post up to ${limits.maxLinks} link(s) per post; this one has ${links}. / Les nouveaux membres peuvent publier ${limits.maxLinks} lien(s) par message.`,
      )
    if (!limits.imagesAllowed && /!\[[^\]]*\]\(/.test(body))
      throw unprocessable(
        'images_not_allowed',
        'New members cannot post images yet. / Les nouveaux membres ne peuvent pas encore publier d’images.',
      )
  }
  let hold: string | null = null
  if (!staff) {
    const needsCount = (await policy.settings()).holdNewMembersPosts > 0
    const postCount = needsCount
      ? ((await app.db.selectFrom('users').select('postCount').where('id', '=', viewer.id).executeTakeFirst())
          ?.postCount ?? 0)
      : Number.MAX_SAFE_INTEGER
    hold = await policy.holdReason({
      categoryId: input.categoryId,
      author: { id: viewer.id, role: viewer.role, trustLevel: viewer.trustLevel, postCount },
    })
    if (!hold && words.hold.length) hold = `watched_word: ${distinct(words.hold).join(', ')}`
  }
  return { body, hold, flagged: words.flag }
}
