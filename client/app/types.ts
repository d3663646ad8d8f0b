// The API shapes the app reads (a subset of what shared/API.md and the OpenAPI document give).

export interface Author {
  id: number
  handle: string
  displayName: string
  role?: string
}

export interface Category {
  id: number
  slug: string
  name: string
  description: string
  topicCount: number
  can?: { post: boolean }
}

export interface Topic {
  id: number
  categoryId: number
  title: string
  slug: string
  url: string
  postCount: number
  createdAt: string
  lastPostAt: string
  pinned?: boolean
  locked?: boolean
  author?: Author
  can?: { reply: boolean; edit: boolean; moderate: boolean }
}

export interface Post {
  id: number
  topicId: number
  postNumber: number
  author: Author
  body: string
  html: string
  createdAt: string
  editedAt: string | null
  deleted?: boolean
  hidden?: boolean
  replyToId?: number | null
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface TopicPage {
  topic: Topic
  posts: Post[]
  nextCursor: number | string | null
}
