import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { HandleParams } from '../accounts/schema.js'
import themeRoutes from '../themes/routes.js'
import { effectiveTheme } from '../themes/service.js'
import { themeStylesheet } from '../themes/stylesheet.js'
import { type Category, type Me, type Post, q, ReaderApi, type Topic, type User } from './api.js'
import assetRoutes from './assets.js'
import { clientBundle } from './client-bundle.js'
import { type EventShape, eventPage } from './event-page.js'
import { html } from './html.js'
import { isLang, languages, messages, pickLang } from './i18n.js'
import { type PageContext, page } from './layout.js'
import { categoryPage, homePage, notFoundPage, profilePage, topicPage } from './pages.js'
import { robotsTxt, sitemapXml } from './seo.js'
import { siteInfo } from './site.js'

const Lang = Type.Optional(
  Type.Union(
    languages.map((l) => Type.Literal(l)),
    { description: 'Page language; otherwise the member’s preference, then Accept-Language.' },
  ),
)
const LangQuery = Type.Object({ lang: Lang }, { additionalProperties: false })
const htmlResponse = (description: string) => ({
  description,
  content: { 'text/html': { schema: Type.String() } },
})
const pageResponses = {
  200: htmlResponse('The page, as this reader may see it'),
  404: htmlResponse('Not found, or not readable by this reader'),
}
const Slug = Type.String({ minLength: 1, maxLength: 200 })

type Query = { lang?: string; cursor?: string; after?: number }

/**
 * The app's own views (search, sign-in, sign-up, settings, a new topic): the server gives them a
 * page shell so a reload or a shared link lands on them; the components draw the rest. Not indexed.
 */
const shells = {
  search: { fr: 'Recherche', en: 'Search' },
  login: { fr: 'Connexion', en: 'Sign in' },
  register: { fr: 'Inscription', en: 'Sign up' },
  settings: { fr: 'Réglages', en: 'Settings' },
  newTopic: { fr: 'Nouveau sujet', en: 'New topic' },
  moderation: { fr: 'Modération', en: 'Moderation' },
  charter: { fr: 'Charte de la communauté', en: 'Community charter' },
  events: { fr: 'Événements', en: 'Events' },
  contests: { fr: 'Concours', en: 'Contests' },
  contest: { fr: 'Concours', en: 'Contest' },
  challenges: { fr: 'Défis', en: 'Challenges' },
  challenge: { fr: 'Défi', en: 'Challenge' },
  leaderboard: { fr: 'Classement', en: 'Leaderboard' },
  newEvent: { fr: 'Nouvel événement', en: 'New event' },
  editEvent: { fr: 'Modifier l’événement', en: 'Edit the event' },
  newContest: { fr: 'Nouveau concours', en: 'New contest' },
  newChallenge: { fr: 'Nouveau défi', en: 'New challenge' },
} as const
const needsScript = {
  fr: 'Cette page a besoin de JavaScript.',
  en: 'This page needs JavaScript.',
} as const

function shellPage(ctx: PageContext, view: keyof typeof shells): string {
  const title = shells[view][ctx.lang]
  return page(ctx, {
    title,
    description: title,
    canonical: null,
    body: html`<h1>${title}</h1>
<noscript><p>${needsScript[ctx.lang]}</p></noscript>`,
  })
}

export default async function webRoutes(app: FastifyInstance) {
  await app.register(assetRoutes)
  // The themes' API and their stylesheets, which every page links.
  await app.register(themeRoutes)

  async function context(req: FastifyRequest, api: ReaderApi): Promise<PageContext> {
    const signedIn = Boolean(req.headers.cookie || req.headers.authorization)
    const [me, site, bundle, theme] = await Promise.all([
      signedIn ? api.get<{ user: Me }>('/api/me').then((r) => r?.user ?? null) : null,
      siteInfo(app.db),
      clientBundle(),
      effectiveTheme(app.db, req.viewer?.id ?? null),
    ])
    const query = req.query as Query
    const lang = pickLang(query.lang, me?.locale, req.headers['accept-language'])
    return {
      lang,
      t: messages(lang),
      me,
      site,
      publicUrl: app.config.publicUrl,
      theme,
      stylesheet: themeStylesheet(theme).url,
      appScript: `/assets/${bundle.app.name}`,
      appChunks: bundle.appChunks.map((c) => `/assets/${c.name}`),
      path: req.url.split('?')[0]!,
      firstView: { path: req.url.split('?')[0]!, me },
    }
  }

  function send(reply: FastifyReply, body: string, status = 200) {
    // A signed-in reader's page carries their own data (the app's first view): no shared cache keeps it.
    const mine = Boolean(reply.request.headers.cookie || reply.request.headers.authorization)
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', mine ? 'private, no-cache' : 'no-cache')
      .header('vary', 'Accept-Language, Cookie, Authorization')
      .send(body)
  }

  /**
   * Runs a page handler. Unknown query parameters (a newsletter's utm_* tags, a stale cursor)
   * redirect to the clean page rather than answer a JSON 400; a malformed path is a 404 page.
   */
  function pageRoute(
    render: (req: FastifyRequest, reply: FastifyReply, api: ReaderApi, ctx: PageContext) => Promise<unknown>,
  ) {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const api = ReaderApi.for(app, req)
      if (req.validationError?.validationContext === 'querystring') {
        const lang = (req.query as Query).lang
        return reply.redirect(`${req.url.split('?')[0]}${isLang(lang) ? q({ lang }) : ''}`, 302)
      }
      const ctx = await context(req, api)
      if (req.validationError) return send(reply, notFoundPage(ctx), 404)
      const out = await render(req, reply, api, ctx)
      if (reply.sent) return reply
      return out === null ? send(reply, notFoundPage(ctx), 404) : send(reply, out as string)
    }
  }

  const schema = (summary: string, params?: object, querystring: object = LangQuery) => ({
    tags: ['web'],
    summary,
    ...(params ? { params } : {}),
    querystring,
    response: pageResponses,
  })

  app.get(
    '/',
    { attachValidation: true, schema: schema('Home page: categories and latest topics (HTML)') },
    pageRoute(async (_req, _reply, api, ctx) => {
      const [categories, latest] = await Promise.all([
        api.list<Category>('/api/categories'),
        api.list<Topic>('/api/topics?limit=20'),
      ])
      return homePage(ctx, categories.items, latest.items)
    }),
  )

  app.get(
    '/c/:slug',
    {
      attachValidation: true,
      schema: schema(
        'A category’s topics (HTML)',
        Type.Object({ slug: Slug }, { additionalProperties: false }),
        Type.Object(
          { lang: Lang, cursor: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
      ),
    },
    pageRoute(async (req, _reply, api, ctx) => {
      const { slug } = req.params as { slug: string }
      const categories = await api.list<Category>('/api/categories')
      const category = categories.items.find((c) => c.slug === slug)
      if (!category) return null
      const cursor = (req.query as Query).cursor
      const page = await api.get<{ items: Topic[]; nextCursor: string | null }>(
        `/api/categories/${encodeURIComponent(slug)}/topics${q({ cursor })}`,
      )
      return categoryPage(ctx, category, page?.items ?? [], page?.nextCursor ?? null)
    }),
  )

  app.get(
    '/t/:slug/:id',
    {
      attachValidation: true,
      schema: schema(
        'A topic and its posts (HTML, with schema.org DiscussionForumPosting data)',
        Type.Object(
          { slug: Slug, id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            lang: Lang,
            after: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: Number.MAX_SAFE_INTEGER,
                description: 'Posts after this post id',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    },
    pageRoute(async (req, reply, api, ctx) => {
      const { slug, id } = req.params as { slug: string; id: number }
      const { after } = req.query as Query
      const data = await api.get<{ topic: Topic; posts: Post[]; nextCursor: number | null }>(
        `/api/topics/${id}${q({ after })}`,
      )
      if (!data) return null
      // Old links keep working after a retitle: one address per topic for readers and crawlers.
      if (data.topic.url !== `/t/${slug}/${id}`) {
        const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''
        return reply.redirect(`${data.topic.url}${search}`, 301)
      }
      const categories = await api.list<Category>('/api/categories')
      const category = categories.items.find((c) => c.id === data.topic.categoryId)
      // The first page of posts, not one further along: the app's thread starts at the top.
      if (after === undefined) Object.assign(ctx.firstView, { topic: data, categories: categories.items })
      return topicPage(ctx, data.topic, category, data.posts, data.nextCursor, after === undefined)
    }),
  )

  app.get(
    '/u/:handle',
    { attachValidation: true, schema: schema('A member’s public profile (HTML)', HandleParams) },
    pageRoute(async (req, _reply, api, ctx) => {
      const { handle } = req.params as { handle: string }
      const data = await api.get<{ user: User }>(`/api/users/by-handle/${encodeURIComponent(handle)}`)
      return data ? profilePage(ctx, data.user) : null
    }),
  )

  const shellQuery = (extra: Record<string, ReturnType<typeof Type.Optional>> = {}) =>
    Type.Object({ lang: Lang, ...extra }, { additionalProperties: false })

  app.get(
    '/search',
    {
      attachValidation: true,
      schema: schema(
        'Search (HTML shell; the app shows the results)',
        undefined,
        shellQuery({ q: Type.Optional(Type.String({ maxLength: 200, description: 'The search terms' })) }),
      ),
    },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'search')),
  )

  app.get(
    '/login',
    {
      attachValidation: true,
      schema: schema(
        'Log in (HTML shell)',
        undefined,
        shellQuery({
          next: Type.Optional(
            Type.String({ maxLength: 2000, description: 'A local path to go to once signed in' }),
          ),
        }),
      ),
    },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'login')),
  )

  app.get(
    '/register',
    { attachValidation: true, schema: schema('Sign up, accepting the charter (HTML shell)') },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'register')),
  )

  app.get(
    '/settings',
    { attachValidation: true, schema: schema('A member’s settings (HTML shell)') },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'settings')),
  )

  // The moderation screens: every reader gets the shell (it holds nothing), the app shows the
  // screens to moderators and "not allowed" to others; the API behind them checks the role.
  const modPaths: [string, string, object?][] = [
    ['/mod', 'The review queue (HTML shell, moderators)'],
    [
      '/mod/items/:id',
      'A queue item with its actions (HTML shell, moderators)',
      Type.Object(
        { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
        { additionalProperties: false },
      ),
    ],
    ['/mod/appeals', 'Appeals waiting for a decision (HTML shell, moderators)'],
    ['/mod/audit', 'The audit log (HTML shell, moderators)'],
    ['/mod/words', 'Watched words (HTML shell, moderators)'],
    ['/mod/duty', 'The duty schedule and moderation settings (HTML shell, moderators)'],
    ['/mod/crisis', 'The crisis switch (HTML shell, admins)'],
    ['/mod/charter', 'The charter editor (HTML shell, admins)'],
  ]
  for (const [path, summary, params] of modPaths)
    app.get(
      path,
      { attachValidation: true, schema: schema(summary, params) },
      pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'moderation')),
    )

  app.get(
    '/charter',
    { attachValidation: true, schema: schema('The community charter in force (HTML shell)') },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'charter')),
  )
  app.get(
    '/charter/v/:version',
    {
      attachValidation: true,
      schema: schema(
        'An earlier version of the charter (HTML shell)',
        Type.Object(
          { version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
          { additionalProperties: false },
        ),
      ),
    },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'charter')),
  )

  // The community pages (client/app/events, contests, challenges). An event has a page of its own
  // (with schema.org Event data); the others are shells the app fills in.
  const idParams = Type.Object(
    { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
    { additionalProperties: false },
  )
  app.get(
    '/events',
    {
      attachValidation: true,
      schema: schema(
        'Upcoming events, as a list or a month’s calendar (HTML shell)',
        undefined,
        shellQuery({
          view: Type.Optional(Type.Union([Type.Literal('list'), Type.Literal('calendar')])),
          month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' })),
        }),
      ),
    },
    pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, 'events')),
  )
  app.get(
    '/events/:id',
    {
      attachValidation: true,
      schema: schema('An event (HTML, with schema.org Event data)', idParams),
    },
    pageRoute(async (req, _reply, api, ctx) => {
      const { id } = req.params as { id: number }
      const data = await api.get<{ event: EventShape }>(`/api/events/${id}`)
      return data ? eventPage(ctx, data.event) : null
    }),
  )
  const communityShells: [string, keyof typeof shells, string, object?, object?][] = [
    ['/contests', 'contests', 'Contests (HTML shell)'],
    ['/contests/:id', 'contest', 'A contest: rules, entries, votes, results (HTML shell)', idParams],
    ['/challenges', 'challenges', 'Challenges with the reader’s progress (HTML shell)'],
    ['/challenges/:id', 'challenge', 'A challenge (HTML shell)', idParams],
    // The staff forms: every reader gets the shell (it holds nothing), the app shows the form to
    // moderators and "not allowed" to others; the API behind them checks the role.
    ['/events/new', 'newEvent', 'The new event form (HTML shell, moderators)'],
    ['/events/:id/edit', 'editEvent', 'The event edit form (HTML shell, moderators)', idParams],
    ['/contests/new', 'newContest', 'The new contest form (HTML shell, moderators)'],
    ['/challenges/new', 'newChallenge', 'The new challenge form (HTML shell, moderators)'],
    [
      '/leaderboard',
      'leaderboard',
      'The points leaderboard (HTML shell)',
      undefined,
      shellQuery({
        period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('all')])),
      }),
    ],
  ]
  for (const [path, view, summary, params, query] of communityShells)
    app.get(
      path,
      { attachValidation: true, schema: schema(summary, params, query) },
      pageRoute(async (_req, _reply, _api, ctx) => shellPage(ctx, view)),
    )

  app.get(
    '/c/:slug/new',
    {
      attachValidation: true,
      schema: schema(
        'A new topic in a category (HTML shell)',
        Type.Object({ slug: Slug }, { additionalProperties: false }),
      ),
    },
    pageRoute(async (req, _reply, api, ctx) => {
      // A category this reader cannot see is not found, as on /c/:slug.
      const { slug } = req.params as { slug: string }
      const categories = await api.list<Category>('/api/categories')
      return categories.items.some((c) => c.slug === slug) ? shellPage(ctx, 'newTopic') : null
    }),
  )

  app.get(
    '/robots.txt',
    {
      schema: {
        tags: ['web'],
        summary: 'Crawling rules, pointing at the sitemap',
        response: {
          200: { description: 'robots.txt', content: { 'text/plain': { schema: Type.String() } } },
        },
      },
    },
    async (_req, reply) =>
      reply.header('content-type', 'text/plain; charset=utf-8').send(robotsTxt(app.config.publicUrl)),
  )

  app.get(
    '/sitemap.xml',
    {
      schema: {
        tags: ['web'],
        summary: 'The pages an anonymous visitor can read: home, categories, public topics',
        response: {
          200: {
            description: 'Sitemap protocol 0.9',
            content: { 'application/xml': { schema: Type.String() } },
          },
        },
      },
    },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=600')
        .send(await sitemapXml(app)),
  )
}
