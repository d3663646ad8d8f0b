import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * Reads the public API in-process on behalf of the reader who asked for a page: their cookie or
 * bearer token is forwarded, so a page shows exactly what the API lets that reader see and no
 * permission rule is written twice.
 */
export class ReaderApi {
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string>,
  ) {}

  static for(app: FastifyInstance, req: FastifyRequest | null): ReaderApi {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (req?.headers.cookie) headers.cookie = req.headers.cookie
    if (req?.headers.authorization) headers.authorization = req.headers.authorization
    return new ReaderApi(app, headers)
  }

  /** The JSON body on 200; null when missing, not for this reader, asked with a stale cursor, or not routed yet. */
  async get<T>(url: string): Promise<T | null> {
    const res = await this.app.inject({ method: 'GET', url, headers: this.headers })
    if (res.statusCode === 200) return res.json() as T
    if ([400, 401, 403, 404].includes(res.statusCode)) return null
    throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
  }

  /** A list endpoint's items, empty when the list is not readable (or its route does not exist yet). */
  async list<T>(url: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const page = await this.get<{ items?: T[]; nextCursor?: string | null }>(url)
    return { items: page?.items ?? [], nextCursor: page?.nextCursor ?? null }
  }
}

/** The shapes the pages read (a subset of what the API returns). */
export interface Author {
  id?: number
  handle: string
  displayName: string
}

export interface Category {
  id: number
  slug: string
  name: string
  description?: string
  topicCount?: number
  color?: string | null
}

// The topic as every reader of the API gets it, one definition for the pages and the app.
export type { Topic } from '../../client/app/types.js'

export interface Post {
  id: number
  postNumber?: number
  author: Author
  html: string
  createdAt: string
  editedAt?: string | null
  deleted?: boolean
  replyToId?: number | null
}

export interface User {
  id: number
  handle: string
  displayName: string
  role: string
  avatarUrl: string | null
  postCount: number
  createdAt: string
}

export interface Me {
  handle: string
  displayName: string
  locale: string | null
  timeZone: string | null
}

export const q = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : ''
}
