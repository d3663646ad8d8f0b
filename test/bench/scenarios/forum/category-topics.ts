import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/** A category's topic list, most recent activity first, as members browse it. */
export const categoryTopics: Scenario = {
  name: 'category.topics',
  area: 'Forum',
  label: "Category's topic list, member",
  request: (f) => (i) => ({
    path: `/api/categories/${nth(f.categorySlugs, i)}/topics`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
}
