import { Type } from 'typebox'
import { themeNamePattern } from './service.js'

export const ThemeName = Type.String({
  pattern: themeNamePattern,
  maxLength: 40,
  description: 'A theme’s name: its file name in themes/ without “.css” (GET /api/themes lists them)',
})

const Hex = Type.Union([Type.String({ pattern: '^#[0-9a-f]{6}$' }), Type.Null()])

export const ThemeItem = Type.Object(
  {
    name: ThemeName,
    label: Type.Object(
      { fr: Type.String(), en: Type.String() },
      { description: 'What a theme picker shows, in each language' },
    ),
    dark: Type.Boolean({ description: 'Dark whatever the reader’s system preference' }),
    swatch: Type.Object(
      {
        surface: Hex,
        surfaceRaised: Hex,
        text: Hex,
        brand: Hex,
        brandFill: Hex,
        onBrand: Hex,
        accent: Hex,
      },
      { description: 'The theme’s main colours (light variant), for a preview swatch' },
    ),
    stylesheet: Type.String({
      description:
        'The pages’ stylesheet in this theme (content-hashed, cached for good): swap it in to switch live',
    }),
  },
  { $id: 'ThemeItem' },
)

export const ThemesResponse = Type.Object({
  items: Type.Array(Type.Ref('ThemeItem')),
  community: Type.String({ description: 'The theme the admin chose for the community' }),
  member: Type.Union([Type.String(), Type.Null()], {
    description: 'The signed-in member’s own choice; null when following the community’s (or signed out)',
  }),
  effective: Type.String({ description: 'The theme this reader’s pages use' }),
})

export const CommunityThemeBody = Type.Object({ theme: ThemeName }, { additionalProperties: false })
export const CommunityThemeResponse = Type.Object({ theme: ThemeName })

export const MemberThemeBody = Type.Object(
  {
    theme: Type.Union([ThemeName, Type.Null()], {
      description: 'A theme’s name, or null to follow the community’s theme again',
    }),
  },
  { additionalProperties: false },
)
export const MemberThemeResponse = Type.Object({
  theme: Type.Union([ThemeName, Type.Null()]),
  effective: ThemeName,
})

export const ThemeFileParams = Type.Object(
  {
    theme: ThemeName,
    file: Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+$', maxLength: 100 }),
  },
  { additionalProperties: false },
)
export const ThemeFileQuery = Type.Object(
  { v: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
)
