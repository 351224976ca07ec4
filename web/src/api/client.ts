import type { Problem } from '@zhicheng/contracts';

/** An API error carrying the server's problem+json (stable code, zh/en message, field errors). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title);
  }
}

/** Listeners told when the session is gone, so the shell can send the user to the login page. */
const unauthenticatedListeners = new Set<() => void>();
export const onUnauthenticated = (fn: () => void) => {
  unauthenticatedListeners.add(fn);
  return () => {
    unauthenticatedListeners.delete(fn);
  };
};

async function parse(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return res.json();
  return res.blob();
}

export async function request<T>(method: string, url: string, body?: unknown, init?: RequestInit): Promise<T> {
  const isForm = body instanceof FormData;
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    // X-Requested-With is the same-origin proof the server asks of every state-changing request.
    headers:
      body === undefined || isForm
        ? { 'x-requested-with': 'zhicheng' }
        : { 'content-type': 'application/json', 'x-requested-with': 'zhicheng' },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    ...init,
  });
  const data = await parse(res);
  if (!res.ok) {
    const problem = (
      data && typeof data === 'object' && 'code' in data
        ? data
        : {
            type: 'about:blank',
            title: res.statusText,
            status: res.status,
            code: `http_${res.status}`,
            message: { zh: res.statusText, en: res.statusText },
          }
    ) as Problem;
    if (res.status === 401 && !url.endsWith('/auth/login')) unauthenticatedListeners.forEach((fn) => fn());
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: File, fields: Record<string, string> = {}) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append('file', file);
    return request<T>('POST', url, fd);
  },
};

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Downloads a file the API returns (Excel exports) under a given name. */
export async function download(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, (await res.json()) as Problem);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
