import type { GroupRow } from './queries.js'

export function presentGroup(g: GroupRow) {
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    memberCount: g.memberCount,
    createdAt: g.createdAt.toISOString(),
  }
}
