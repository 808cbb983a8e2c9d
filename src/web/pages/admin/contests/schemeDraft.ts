import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ApiIssue, type Page } from '../../../services/client.js';
import { currentLang } from '../../../i18n/index.js';

// The marking scheme page's data (server: modules/contests/scheme.*): the API's shapes, the hooks,
// and the editable draft (a tree of major items → sub-items → aspects) with its live sum check.

export type AspectType = 'measurement' | 'judgement' | 'deduction';
export const ASPECT_TYPES: readonly AspectType[] = ['measurement', 'judgement', 'deduction'];
export type LockState = 'open' | 'locked' | 'reopened';
export interface Deduction { code: string; text: string; points: number }
export interface SchemeAspect { id: number; code: string; seq: number; type: AspectType; max: number; description: string; descriptors: string[] | null; deductions: Deduction[] | null; judges: number }
export interface SchemeItem {
  id: number; code: string; name: string; seq: number; parentId: number | null; max: number | null; isTimed: boolean; timeLimitSeconds: number | null;
  lockState: LockState; lockedAt: string | null; aspects: SchemeAspect[]; judges: { id: string; name: string }[];
}
export interface SchemeWarning { path: string; itemId: number; aspectId: number | null; code: string; message: string }
export interface Scheme { contestId: number; items: SchemeItem[]; hasMarks: boolean; me: { canManage: boolean; canEdit: boolean }; warnings: SchemeWarning[] }
export interface Candidate { id: string; name: string; username: string | null; union: { id: string; name: string } | null }
export interface RowError { sheet: string; row: number; column: string; message: string }

export const useContestName = (id: number) => useQuery({
  queryKey: ['contest', id], queryFn: () => api<{ id: number; name: string }>(`/api/contests/${id}`), retry: false,
});
export const useScheme = (id: number) => useQuery({ queryKey: ['contest-scheme', id], queryFn: () => api<Scheme>(`/api/contests/${id}/scheme`), retry: false });

export const useJudgeCandidates = (id: number, q: string, enabled: boolean) => useQuery({
  queryKey: ['judge-candidates', id, q],
  queryFn: () => api<Page<Candidate>>(`/api/contests/${id}/judge-candidates`, { query: { q, pageSize: 50 } }),
  enabled, placeholderData: keepPreviousData,
});

export function useSaveScheme(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { items: unknown[] }) => api<Scheme>(`/api/contests/${id}/scheme`, { method: 'PUT', body, headers: { 'idempotency-key': newKey() } }),
    onSuccess: (scheme) => queryClient.setQueryData(['contest-scheme', id], scheme),
  });
}

export function useAssignJudges(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, userIds }: { itemId: number; userIds: string[] }) => api(`/api/contests/${id}/items/${itemId}/judges`, { method: 'PUT', body: { userIds } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contest-scheme', id] }),
  });
}

const newKey = () => `scheme-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** An import's answer: the scheme, or every bad cell (422 imports.invalid), or another refusal. */
export async function importScheme(id: number, file: File): Promise<{ ok: true; scheme: Scheme } | { ok: false; message: string; errors: RowError[] }> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`/api/contests/${id}/scheme/import`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'accept-language': currentLang, 'idempotency-key': newKey() } });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const body = await res.json().catch(() => ({})) as { message?: string; errors?: RowError[] };
  if (res.ok) return { ok: true, scheme: body as unknown as Scheme };
  return { ok: false, message: body.message ?? `HTTP ${res.status}`, errors: body.errors ?? [] };
}

// ---- the draft -------------------------------------------------------------------------------

export interface DraftAspect { key: string; code: string; type: AspectType; max: number | null; description: string; descriptors: string[]; deductions: Deduction[]; judges: number | null }
export interface DraftSub { key: string; id: number | null; code: string; name: string; max: number | null; isTimed: boolean; timeLimitSeconds: number | null; aspects: DraftAspect[] }
export interface DraftMajor { key: string; id: number | null; code: string; name: string; subs: DraftSub[] }

let serial = 0;
export const newDraftKey = (): string => `k${(serial += 1)}`;

/** The scheme as an editable tree. */
export function toDraft(scheme: Scheme): DraftMajor[] {
  return scheme.items.filter((i) => i.parentId === null).map((m) => ({
    key: newDraftKey(), id: m.id, code: m.code, name: m.name,
    subs: scheme.items.filter((s) => s.parentId === m.id).map((s) => ({
      key: newDraftKey(), id: s.id, code: s.code, name: s.name, max: s.max, isTimed: s.isTimed, timeLimitSeconds: s.timeLimitSeconds,
      aspects: s.aspects.map((a) => ({
        key: newDraftKey(), code: a.code, type: a.type, max: a.max, description: a.description, descriptors: a.descriptors ?? ['', '', '', ''],
        deductions: a.deductions ?? [], judges: a.type === 'judgement' ? a.judges : null,
      })),
    })),
  }));
}

/** The PUT body (items flat, majors each followed by their sub-items) and which draft entry each path index is. */
export function toBody(draft: DraftMajor[]): { body: { items: unknown[] }; keys: { item: string; aspects: string[] }[] } {
  const items: unknown[] = [];
  const keys: { item: string; aspects: string[] }[] = [];
  for (const m of draft) {
    items.push({ code: m.code, name: m.name });
    keys.push({ item: m.key, aspects: [] });
    for (const s of m.subs) {
      items.push({
        code: s.code, name: s.name, parent: m.code, max: s.max, isTimed: s.isTimed, timeLimitSeconds: s.isTimed ? s.timeLimitSeconds : null,
        aspects: s.aspects.map((a) => ({
          code: a.code, type: a.type, max: a.max ?? 0, description: a.description,
          ...(a.type === 'judgement' ? { descriptors: a.descriptors, judges: a.judges } : {}),
          ...(a.type === 'deduction' ? { deductions: a.deductions } : {}),
        })),
      });
      keys.push({ item: s.key, aspects: s.aspects.map((a) => a.key) });
    }
  }
  return { body: { items }, keys };
}

/** A server issue on a draft entry: the entry's key and the field within it (max, descriptors.2, …). */
export interface PlacedIssue { key: string; field: string; message: string }

/** Place the API's issues (items.3.aspects.1.max) on the draft entries they are about. */
export function placeIssues(issues: ApiIssue[], keys: { item: string; aspects: string[] }[]): PlacedIssue[] {
  return issues.map((issue) => {
    const m = /^items\.(\d+)(?:\.aspects\.(\d+))?(?:\.(.+))?$/.exec(issue.path);
    if (!m) return { key: '', field: issue.path, message: issue.message };
    const entry = keys[Number(m[1])];
    const key = m[2] !== undefined ? entry?.aspects[Number(m[2])] ?? entry?.item ?? '' : entry?.item ?? '';
    return { key, field: m[3] ?? '', message: issue.message };
  });
}

/** Hundredths, so that 0.1 + 0.2 adds up to 0.3. */
const cents = (x: number | null | undefined) => Math.round((x ?? 0) * 100);

/** The live sum check of a sub-item: its aspects' maxima against its stated maximum. */
export function sumCheck(sub: DraftSub): { sum: number; ok: boolean } {
  const total = sub.aspects.reduce((s, a) => s + cents(a.max), 0);
  return { sum: total / 100, ok: sub.max !== null && total === cents(sub.max) && sub.aspects.length > 0 };
}

/** A major item's total: the sum of its sub-items' maxima. */
export const majorTotal = (m: DraftMajor): number => m.subs.reduce((s, sub) => s + cents(sub.max), 0) / 100;

/** Minutes for the form, seconds for the API. */
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 60) * 100) / 100);
