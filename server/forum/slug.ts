// Letters that do not decompose into a base letter plus an accent under NFKD.
const special: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
}

/**
 * A URL slug from a title: lowercase ASCII words joined by dashes, accents folded.
 * @example slugify('Élégant café !') // 'elegant-cafe'
 */
export function slugify(title: string, fallback = 'topic'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => special[c] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (!slug) return fallback
  if (slug.length <= 80) return slug
  const cut = slug.slice(0, 80)
  return cut.slice(0, cut.lastIndexOf('-') > 40 ? cut.lastIndexOf('-') : 80).replace(/-+$/, '')
}
