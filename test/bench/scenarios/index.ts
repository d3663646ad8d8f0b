import { baseline } from './baseline.js'
import { categoryTopics } from './forum/category-topics.js'
import { postCreate } from './forum/post-create.js'
import { search, searchDistinct } from './forum/search.js'
import { topicAnonymous } from './forum/topic-anonymous.js'
import { topicDeep } from './forum/topic-deep.js'
import { topicMember, topicMemberCold } from './forum/topic-member.js'
import type { Scenario } from './types.js'

export { baseline }

/**
 * In the order they run, between the two baseline runs. Writes come last so that reads
 * measure the seeded community; a new area appends its scenarios here.
 */
export const scenarios: Scenario[] = [
  topicMember,
  topicMemberCold,
  topicAnonymous,
  topicDeep,
  categoryTopics,
  search,
  searchDistinct,
  postCreate,
]
