/** Reactions on a post, by kind: the handles of the members who reacted. */
export type DemoReactions = Partial<Record<'like' | 'love' | 'insightful' | 'funny' | 'disagree', string[]>>

export interface DemoReply {
  author: string
  /** Markdown; `@{handle}` becomes a mention of that demo member, whatever handle they got. */
  body: string
  /** Which earlier post of the thread it answers: 0 is the opening post. */
  replyTo?: number
  /** Hours after the previous post; a varied default otherwise. */
  after?: number
  react?: DemoReactions
}

export interface DemoThread {
  category: string
  author: string
  title: string
  body: string
  /** When the topic was opened, in days before the seeding. */
  daysAgo: number
  pinned?: boolean
  react?: DemoReactions
  replies: DemoReply[]
}
