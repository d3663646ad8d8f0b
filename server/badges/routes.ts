import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { findPublicByHandle } from '../accounts/queries.js'
import { HandleParams } from '../accounts/schema.js'
import { challengeTitles } from '../challenges/service.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { notFound } from '../http/errors.js'
import { errorResponses, Nullable, PageQuery } from '../http/schemas.js'

// Badges as readers meet them: every badge the community has, and a member's badges on their
// profile with when and why each was earned. Awarding is server/badges/award.ts.

export const Badge = Type.Object(
  {
    slug: Type.String(),
    nameEn: Type.String(),
    nameFr: Type.String(),
    descriptionEn: Type.String(),
    descriptionFr: Type.String(),
    icon: Type.String({ description: 'An icon name the client draws (star, trophy, medal, flag…).' }),
  },
  { $id: 'Badge' },
)

const Why = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('challenge'),
      Type.Literal('milestone'),
      Type.Literal('contest'),
      Type.Literal('other'),
    ]),
    id: Nullable(Type.Integer({ description: 'The challenge or contest, when it is one.' })),
    title: Nullable(Type.String({ description: 'The challenge’s title, when the reader may see it.' })),
  },
  { description: 'Why it was earned.' },
)

const AwardedBadge = Type.Object({
  id: Type.Integer(),
  badge: Type.Ref('Badge'),
  awardedAt: Type.String({ format: 'date-time' }),
  source: Type.String({
    description: 'What earned it: "challenge:12", "milestone:points-100", "contest:3".',
  }),
  why: Why,
})

/** "challenge:12:2026-03-30" → { kind: 'challenge', id: 12 }; "milestone:points-100" → milestone. */
export function parseSource(source: string): {
  kind: 'challenge' | 'milestone' | 'contest' | 'other'
  id: number | null
} {
  const [kind, id] = source.split(':')
  if (kind === 'milestone') return { kind, id: null }
  if ((kind === 'challenge' || kind === 'contest') && /^\d{1,15}$/.test(id ?? ''))
    return { kind, id: Number(id) }
  return { kind: 'other', id: null }
}

export default async function badgeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Badge)

  app.get(
    '/api/badges',
    {
      schema: {
        tags: ['badges'],
        summary: 'Every badge of the community, in both languages',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Badge')) }) },
      },
    },
    async () => ({
      items: await app.db
        .selectFrom('badges')
        .select(['slug', 'nameEn', 'nameFr', 'descriptionEn', 'descriptionFr', 'icon'])
        .orderBy('id')
        .limit(1000)
        .execute(),
    }),
  )

  app.get(
    '/api/users/by-handle/:handle/badges',
    {
      schema: {
        tags: ['badges'],
        summary: 'A member’s badges, newest first, with when and why each was earned',
        params: HandleParams,
        querystring: PageQuery,
        response: {
          200: Type.Object({ items: Type.Array(AwardedBadge), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (req) => {
      const user = await findPublicByHandle(app.db, req.params.handle)
      if (!user) throw notFound(`Member "${req.params.handle}"`)
      const before = decodeKeys<[number]>(req.query.cursor, 'n')?.[0] ?? null
      const limit = req.query.limit ?? 20
      const rows = await app.db
        .selectFrom('userBadges as ub')
        .innerJoin('badges as b', 'b.id', 'ub.badgeId')
        .select([
          'ub.id',
          'ub.awardedAt',
          'ub.source',
          'b.slug',
          'b.nameEn',
          'b.nameFr',
          'b.descriptionEn',
          'b.descriptionFr',
          'b.icon',
        ])
        .where('ub.userId', '=', user.id)
        .$if(before !== null, (q) => q.where('ub.id', '<', before!))
        .orderBy('ub.id', 'desc')
        .limit(limit + 1)
        .execute()
      const ids = rows
        .map((r) => parseSource(r.source))
        .filter((s) => s.kind === 'challenge')
        .map((s) => s.id!)
      const titles = await challengeTitles(app, req.viewer, ids)
      return keysetPage(
        rows,
        limit,
        (r) => [r.id],
        (r) => {
          const why = parseSource(r.source)
          return {
            id: r.id,
            badge: {
              slug: r.slug,
              nameEn: r.nameEn,
              nameFr: r.nameFr,
              descriptionEn: r.descriptionEn,
              descriptionFr: r.descriptionFr,
              icon: r.icon,
            },
            awardedAt: r.awardedAt.toISOString(),
            source: r.source,
            why: { ...why, title: why.kind === 'challenge' ? (titles.get(why.id!) ?? null) : null },
          }
        },
      )
    },
  )
}
