/** The one fetch wrapper: JSON, CSRF header on writes, errors as ApiError with the server's Chinese message. */
export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public details?: unknown) { super(message); }
}

export function csrfToken(): string {
  const m = /(?:^|; )zh_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function api<T>(path: string, opts: { method?: string; body?: unknown; query?: Query; form?: FormData; headers?: Record<string, string> } = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined || opts.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { ...opts.headers };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(`/api/v1${path}`, opts.query), {
    method, headers, credentials: 'same-origin',
    body: opts.form ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const d = (typeof data === 'object' && data) ? data as { code?: string; message?: string; details?: unknown } : {};
    throw new ApiError(res.status, d.code ?? 'ERROR', d.message ?? `请求失败（${res.status}）`, d.details);
  }
  return data as T;
}

/** URL of a GET download (Excel, Word) under /api/v1. */
export const downloadUrl = (path: string, q?: Query): string => withQuery(`/api/v1${path}`, q);

export type List<T> = { items: T[]; total: number };
