import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api, ApiError, type ApiIssue, type Page } from '../../../services/client.js';

// Consultations and rights requests as the worker's phone pages and the staff pages use them
// (server: modules/services/requests.routes.ts; shapes in scratch/services-contract.md).

export const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['open', 'assigned', 'answered', 'closed', 'reopened'] as const;
export type RequestStatus = (typeof STATUSES)[number];
export const SLA_STATES = ['on_time', 'due_soon', 'overdue', 'met', 'missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const KINDS = ['consultation', 'aid_claim'] as const;
export type RequestKind = (typeof KINDS)[number];

export interface Named { id: string; name: string }
export interface FileInfo { id: string; name: string; mime: string; size: number; createdAt: string }

export interface RequestSummary {
  id: string; refNo: string; kind: RequestKind; category: Category; channel: 'online' | 'desk'; status: RequestStatus; sla: SlaState;
  subject: string | null; region: { code: string; name: string }; ownerUnion: Named; assignee: Named | null; employerName: string;
  event: { id: number; name: string } | null; createdAt: string; answerDueAt: string; firstAnsweredAt: string | null; answeredAt: string | null;
  closedAt: string | null; escalatedAt: string | null;
}

export interface RequestMessage {
  id: number; authorRole: 'worker' | 'staff'; authorName: string | null; unionName: string | null; body: string | null;
  isInternal: boolean; createdAt: string; files: FileInfo[];
}

export const HISTORY_ACTIONS = ['created', 'assigned', 'transferred', 'answered', 'followed_up', 'closed', 'reopened', 'escalated', 'auto_closed', 'erased'] as const;
export interface RequestEvent {
  action: (typeof HISTORY_ACTIONS)[number]; fromStatus: string | null; toStatus: string | null; fromUnion: Named | null; toUnion: Named | null;
  note: string | null; actorName: string | null; at: string;
}

export interface RequestDetail extends RequestSummary {
  enterprise: Named | null; routedBy: 'region' | 'employer' | 'transfer'; closeReason: 'confirmed' | 'staff' | 'auto' | null; reopenCount: number; autoCloseAt: string | null;
  contentHidden: boolean; body: string | null; worker: { name: string | null; phoneMasked: string | null } | null;
  aid: { plan: { id: number; name: string }; claimAmount: number | null; incidentOn: string | null; memberFound: boolean } | null;
  files: FileInfo[]; messages: RequestMessage[]; history: RequestEvent[];
  can: { reply: boolean; attach: boolean; assign: boolean; transfer: boolean; close: boolean; reopen: boolean };
}

export interface Employer { id: string; name: string; region: { code: string; name: string } }
export interface UnionOption { id: string; name: string; federation: '50' | '51'; level: 'federation' | 'city' | 'county' }

export interface QueueQuery {
  page: number; pageSize: number; status?: RequestStatus | undefined; category?: Category | undefined; kind?: RequestKind | undefined;
  sla?: SlaState | undefined; unionId?: string | undefined; assigneeId?: string | undefined; q?: string | undefined;
}

export interface AskBody {
  kind: 'consultation'; category: Category; regionCode: string | null; enterpriseId?: string; employerName?: string;
  subject: string; body: string; consent: boolean;
}

const base = '/api/services';
export const requestFileUrl = (id: string, fileId: string) => `${base}/requests/${id}/files/${fileId}`;

/** Attachments the server accepts: photos of documents and PDFs (checked again by content there). */
export const ATTACH_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
export const ATTACH_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACH_MAX_COUNT = 6;

/** A key for one write that survives retries of the same tap (a lost answer is retried, not doubled). */
export const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export const useMyRequests = (enabled: boolean) => useQuery({
  queryKey: ['svc-my-requests'], enabled, queryFn: () => api<Page<RequestSummary>>(`${base}/my/requests`, { query: { pageSize: 50 } }),
});
export const useServiceRequest = (id: string | undefined) => useQuery({
  queryKey: ['svc-request', id], enabled: !!id, retry: false, queryFn: () => api<RequestDetail>(`${base}/requests/${id}`),
});
export const useEmployers = (q: string) => useQuery({
  queryKey: ['svc-employers', q], enabled: q.trim().length >= 2, staleTime: 60_000,
  queryFn: () => api<Employer[]>(`${base}/employers`, { query: { q: q.trim() } }),
});
export const useQueue = (query: QueueQuery) => useQuery({
  queryKey: ['svc-queue', query], placeholderData: keepPreviousData, queryFn: () => api<Page<RequestSummary>>(`${base}/requests`, { query: { ...query } }),
});
export const useAssignees = (enabled: boolean) => useQuery({ queryKey: ['svc-assignees'], enabled, staleTime: 300_000, queryFn: () => api<Named[]>(`${base}/assignees`) });
export const useServiceUnions = (enabled: boolean) => useQuery({ queryKey: ['svc-unions'], enabled, staleTime: 300_000, queryFn: () => api<UnionOption[]>(`${base}/unions`) });

/** After a write: the request itself and every list it shows in. */
export function useRefreshRequests() {
  const client = useQueryClient();
  return () => Promise.all(['svc-request', 'svc-my-requests', 'svc-queue'].map((k) => client.invalidateQueries({ queryKey: [k] })));
}

export const createRequest = (body: AskBody, key: string) =>
  api<RequestDetail>(`${base}/requests`, { method: 'POST', body, headers: { 'idempotency-key': key } });
export const postMessage = (id: string, body: { body: string; isInternal?: boolean }, key: string) =>
  api<RequestDetail>(`${base}/requests/${id}/messages`, { method: 'POST', body, headers: { 'idempotency-key': key } });
export const closeRequest = (id: string, note?: string) => api<RequestDetail>(`${base}/requests/${id}/close`, { method: 'POST', body: note ? { note } : {} });
export const reopenRequest = (id: string, body: string) => api<RequestDetail>(`${base}/requests/${id}/reopen`, { method: 'POST', body: { body } });
export const assignRequest = (id: string, assigneeId: string) => api<RequestDetail>(`${base}/requests/${id}/assign`, { method: 'POST', body: { assigneeId } });
export const transferRequest = (id: string, unionId: string, note: string) =>
  api<RequestDetail>(`${base}/requests/${id}/transfer`, { method: 'POST', body: { unionId, note } });

/**
 * One attachment sent with XMLHttpRequest (fetch cannot report upload progress); the error is an
 * ApiError with the server's message, like every other call.
 */
export function uploadRequestFile(id: string, file: File, options: { messageId?: number | undefined; onProgress?: (percent: number) => void } = {}): Promise<FileInfo> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (options.messageId !== undefined) form.append('messageId', String(options.messageId));
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/requests/${id}/files`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLang);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(new ApiError(0, 'network', currentLang === 'en' ? 'Network error, please retry' : '网络连接失败，请检查网络后重试'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { options.onProgress?.(100); resolve(body as FileInfo); return; }
      const e = (body ?? {}) as { code?: string; message?: string; issues?: ApiIssue[] };
      reject(new ApiError(xhr.status, e.code ?? `http.${xhr.status}`, e.message ?? `HTTP ${xhr.status}`, e.issues ?? []));
    };
    xhr.send(form);
  });
}

/** A date and time in China time, whatever the device's zone. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
export const chinaDate = (iso: string | null | undefined) => chinaTime(iso).slice(0, 10);

export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A notice to the worker (an answer, a review, a closing): the same list as the console's bell. */
export interface WorkerNotice { id: number; kind: string; text: string; link: string; createdAt: string; readAt: string | null }

/** The worker's unread notices, newest first (GET /api/notifications serves every logged-in user). */
export const useWorkerNotices = (enabled: boolean) =>
  useQuery({
    queryKey: ['notifications', 'worker'], enabled, refetchInterval: 60_000,
    queryFn: () => api<{ unread: number; items: WorkerNotice[] }>('/api/notifications', { query: { pageSize: 5, unread: 'true' } }),
  });

export function useReadNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ ok: boolean }>(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
