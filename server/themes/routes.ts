import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import { requireRole, requireViewer } from '../accounts/guard.js'
import { notFound, unprocessable } from '../http/errors.js'
import { errorResponses } from '../http/schemas.js'
import {
  CommunityThemeBody,
  CommunityThemeResponse,
  MemberThemeBody,
  MemberThemeResponse,
  ThemeFileParams,
  ThemeFileQuery,
  ThemeItem,
  ThemesResponse,
} from './schema.js'
import {
  allThemes,
  communityTheme,
  effectiveTheme,
  memberTheme,
  setCommunityTheme,
  setMemberTheme,
  swatch,
} from './service.js'
import { themeStylesheet } from './stylesheet.js'

const forever = 'public, max-age=31536000, immutable'

const unknownTheme = (name: string) =>
  unprocessable('unknown_theme', `There is no theme "${name}" (GET /api/themes lists them).`)

/** Themes: the list, the community's choice (admin), a member's own, and the files they serve. */
export default async function themeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(ThemeItem)

  app.get(
    '/api/themes',
    {
      schema: {
        tags: ['themes'],
        summary: 'The themes a community or a member may pick, and which one this reader sees',
        response: { 200: ThemesResponse },
      },
    },
    async (req) => {
      const [community, member] = await Promise.all([
        communityTheme(app.db),
        req.viewer ? memberTheme(app.db, req.viewer.id) : null,
      ])
      return {
        items: [...allThemes().values()].map((t) => ({
          name: t.name,
          label: t.label,
          dark: t.dark,
          swatch: swatch(t),
          stylesheet: themeStylesheet(t.name).url,
        })),
        community,
        member,
        effective: member ?? community,
      }
    },
  )

  app.get(
    '/api/admin/theme',
    {
      schema: {
        tags: ['themes'],
        summary: 'The community’s theme (admin)',
        response: { 200: CommunityThemeResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'admin')
      return { theme: await communityTheme(app.db) }
    },
  )

  app.put(
    '/api/admin/theme',
    {
      schema: {
        tags: ['themes'],
        summary: 'Pick the community’s theme (admin; members who chose their own keep it)',
        body: CommunityThemeBody,
        response: { 200: CommunityThemeResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const viewer = requireRole(req, 'admin')
      const out = await setCommunityTheme(app.db, viewer, req.body.theme)
      if (!out.ok) throw unknownTheme(req.body.theme)
      return { theme: req.body.theme }
    },
  )

  app.put(
    '/api/me/theme',
    {
      schema: {
        tags: ['themes'],
        summary: 'Pick your own theme, or null to follow the community’s',
        body: MemberThemeBody,
        response: { 200: MemberThemeResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req)
      const out = await setMemberTheme(app.db, viewer.id, req.body.theme)
      if (!out.ok) throw unknownTheme(String(req.body.theme))
      return { theme: req.body.theme, effective: await effectiveTheme(app.db, viewer.id) }
    },
  )

  app.get(
    '/assets/tribune.css',
    {
      schema: {
        tags: ['web'],
        summary: 'The pages’ stylesheet: the default theme’s tokens, a theme’s own, then the base layout',
        querystring: Type.Object(
          {
            theme: Type.Optional(
              Type.String({ maxLength: 40, description: 'A theme’s name (default: default)' }),
            ),
            v: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: { description: 'CSS', content: { 'text/css': { schema: Type.String() } } },
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply) => {
      const { theme = 'default', v } = req.query
      if (!allThemes().has(theme)) throw notFound(`The theme "${theme}"`)
      const sheet = themeStylesheet(theme)
      return reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', v === sheet.version ? forever : 'public, max-age=300')
        .send(sheet.body)
    },
  )

  // On the untyped instance: the body is bytes, where the type provider would want the string
  // the response schema describes.
  fastify.get<{ Params: Static<typeof ThemeFileParams>; Querystring: Static<typeof ThemeFileQuery> }>(
    '/assets/themes/:theme/:file',
    {
      schema: {
        tags: ['web'],
        summary: 'A file a theme uses, such as its logo (content-hashed address, cached for good)',
        params: ThemeFileParams,
        querystring: ThemeFileQuery,
        response: {
          // A plain JSON schema: the body is bytes (an image, a font), not a string to check.
          200: {
            description: 'The file',
            content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply) => {
      const file = allThemes().get(req.params.theme)?.files.get(req.params.file)
      if (!file) throw notFound('This theme file')
      // An SVG opened on its own is a document: it may not run script or load anything.
      return reply
        .header('content-type', file.type)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', req.query.v === file.hash ? forever : 'public, max-age=300')
        .send(file.body)
    },
  )
}
