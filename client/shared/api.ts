// The HTTP API as the browser sees it, for the community site and the embed alike.

/** An answer outside 2xx, in the API's error shape (`{"error":{"code","message"}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface ApiOptions {
  /** The community's origin (`https://community.brand.example`); '' on the community site itself. */
  base: string
  /**
   * `cookie` on the community site: the session cookie rides along and writes carry the CSRF
   * token. `bearer` in embeds: no cookie crosses origins; the token comes from SSO.
   */
  auth: 'cookie' | 'bearer'
  token?: string | null
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export class TribuneApi {
  readonly base: string
  readonly auth: 'cookie' | 'bearer'
  token: string | null
  private csrf: Promise<string> | null = null

  constructor(opts: ApiOptions) {
    this.base = opts.base.replace(/\/$/, '')
    this.auth = opts.auth
    this.token = opts.token ?? null
  }

  /** The ws(s):// address of /api/live on this community. */
  get liveUrl(): string {
    const base = this.base || location.origin
    return `${base.replace(/^http/, 'ws')}/api/live`
  }

  get<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('GET', path, undefined, init?.signal)
  }
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, body, undefined, headers)
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body)
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body)
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path)
  }

  /** Forgets the CSRF token: the session changed (login, logout), so the next write asks again. */
  resetCsrf(): void {
    this.csrf = null
  }

  private async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    extra: Record<string, string> = {},
    retried = false,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra }
    // A FormData body (a file upload) goes as multipart, its boundary set by fetch itself.
    const form = typeof FormData !== 'undefined' && body instanceof FormData
    if (body !== undefined && !form) headers['content-type'] = 'application/json'
    if (this.auth === 'bearer' && this.token) headers.authorization = `Bearer ${this.token}`
    if (this.auth === 'cookie' && method !== 'GET') headers['x-csrf-token'] = await this.csrfToken()
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? null : form ? (body as FormData) : JSON.stringify(body),
      credentials: this.auth === 'cookie' ? 'same-origin' : 'omit',
      signal: signal ?? null,
    })
    if (res.status === 204) return undefined as T
    const data = res.headers.get('content-type')?.includes('json') ? await res.json().catch(() => null) : null
    if (res.ok) return data as T
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error
    // A CSRF token from before a login or a restart: fetch a fresh one and try once more.
    if (error?.code === 'csrf_token_invalid' && !retried) {
      this.resetCsrf()
      return this.request(method, path, body, signal, extra, true)
    }
    throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? res.statusText)
  }

  private csrfToken(): Promise<string> {
    this.csrf ??= fetch(`${this.base}/api/auth/csrf`, { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ token: string }>)
      .then((r) => r.token)
      .catch((err) => {
        this.csrf = null
        throw err
      })
    return this.csrf
  }
}
