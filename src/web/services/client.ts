import { currentLang } from '../i18n/index.js';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer of the API: `{ code, message, issues }`, message already in the user's language. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const NETWORK_MESSAGE: Record<string, string> = {
  'zh-CN': '网络连接失败，请检查网络后重试',
  en: 'Network error, please check your connection and retry',
};

export async function api<T>(path: string, init: { method?: string; body?: unknown; query?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<T> {
  let url = path;
  if (init.query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  // A FormData body (file uploads) goes as multipart: the browser writes its content type.
  const isForm = typeof FormData !== 'undefined' && init.body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLang,
        ...(init.body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: isForm ? (init.body as FormData) : init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE[currentLang] ?? NETWORK_MESSAGE['zh-CN']!);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) {
    const e = (body ?? {}) as { code?: string; message?: string; issues?: ApiIssue[] };
    throw new ApiError(res.status, e.code ?? `http.${res.status}`, e.message ?? `HTTP ${res.status}`, e.issues ?? []);
  }
  return body as T;
}

export interface Page<T> {
  total: number;
  items: T[];
}
