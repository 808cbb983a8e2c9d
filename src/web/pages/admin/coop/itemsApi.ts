import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../services/client.js';

// The agreement, its areas and work items as the admin pages use them
// (server: modules/cooperation/items.routes.ts).

export type ItemStatus = 'on_track' | 'at_risk' | 'late' | 'done';
export const ITEM_STATUSES: ItemStatus[] = ['on_track', 'at_risk', 'late', 'done'];
export type Federation = '50' | '51';
export interface Named { id: string; name: string }
export interface SideUnion extends Named { federation: Federation }
export interface FileInfo { id: string; name: string; mime: string; size: number }

export interface AgreementSummary { id: number; title: string; parties: string[]; signedOn: string; endsOn: string | null; summary: string; status: 'draft' | 'active' | 'closed' }
export interface Agreement extends AgreementSummary {
  body: string; files: (FileInfo & { title: string; addedAt: string })[]; years: number[]; version: number; updatedAt: string; permissions: { canEdit: boolean };
}
export interface Area {
  id: number; agreementId: number; year: number; seq: number; name: string; description: string;
  percent: number; items: number; counts: Record<ItemStatus, number>; awaitingSignOff: number;
}
export type Indicator =
  | { kind: 'livestreams_held'; seasonId: number }
  | { kind: 'season_figure'; seasonId: number; figure: string }
  | { kind: 'joint_contests'; year: number }
  | { kind: 'contest_finalists'; contestId: number };
export interface Progress {
  value: number; target: number; unit: string; percent: number; status: ItemStatus; awaitingSignOff: boolean; rule: string; ruleText: string; signedBy: Federation[];
}
export interface ItemSummary {
  id: number; agreementId: number; code: string; title: string; area: { id: number; name: string; year: number };
  leadUnion: Named; unions: SideUnion[]; startsOn: string; dueOn: string; target: number; unit: string;
  progressKind: 'manual' | 'indicator'; indicator: Indicator | null; progress: Progress; doneAt: string | null; version: number;
}
export interface HistoryEntry {
  at: string; kind: 'progress' | 'report' | 'audit'; actor: string | null; union: string | null; period: string | null;
  value: number | null; text: string; action: string | null; files: FileInfo[];
}
export interface Item extends ItemSummary {
  description: string; agreement: { id: number; title: string; signedOn: string };
  signoffs: { federation: Federation; federationName: string; user: Named; note: string; signedAt: string }[];
  history: HistoryEntry[];
  permissions: { canEdit: boolean; canReport: boolean; canSignOff: boolean; canWithdraw: boolean; federation: Federation | null };
  createdAt: string; updatedAt: string;
}
export interface ItemBody {
  areaId: number; code: string; title: string; description: string; leadUnionId: string; unionIds: string[]; startsOn: string; dueOn: string;
  target: number; unit: string; progressKind: 'manual' | 'indicator'; indicator: Indicator | null;
}
export interface ItemOptions {
  unions: (SideUnion & { level: string })[]; seasons: { id: number; name: string }[]; contests: { id: number; name: string }[];
}
export interface ItemQuery { page: number; pageSize: number; year?: number | undefined; unionId?: string | undefined; status?: ItemStatus | undefined; dueBefore?: string | undefined }

const base = '/api/cooperation';
export const agreementFileUrl = (id: number, fileId: string) => `${base}/agreements/${id}/files/${fileId}`;
export const evidenceUrl = (id: number, fileId: string) => `${base}/items/${id}/files/${fileId}`;

export const useAgreements = () => useQuery({
  queryKey: ['coop-agreements'], queryFn: () => api<Page<AgreementSummary> & { permissions: { canEdit: boolean } }>(`${base}/agreements`, { query: { pageSize: 100 } }),
});
export const useAgreement = (id: number | undefined) => useQuery({
  queryKey: ['coop-agreement', id], enabled: !!id, queryFn: () => api<Agreement>(`${base}/agreements/${id}`),
});
export const useAreas = (agreementId: number | undefined, year: number | undefined) => useQuery({
  queryKey: ['coop-areas', agreementId, year ?? null], enabled: !!agreementId,
  queryFn: () => api<{ items: Area[]; permissions: { canEdit: boolean } }>(`${base}/agreements/${agreementId}/areas`, { query: { year } }),
});
export const useItems = (agreementId: number | undefined, query: ItemQuery) => useQuery({
  queryKey: ['coop-items', agreementId, query], enabled: !!agreementId, placeholderData: keepPreviousData,
  queryFn: () => api<Page<ItemSummary> & { permissions: { canEdit: boolean } }>(`${base}/agreements/${agreementId}/items`, { query: { ...query } }),
});
export const useItem = (id: number) => useQuery({ queryKey: ['coop-item', id], queryFn: () => api<Item>(`${base}/items/${id}`) });
export const useItemOptions = (enabled: boolean) => useQuery({
  queryKey: ['coop-item-options'], enabled, staleTime: 300_000, queryFn: () => api<ItemOptions>(`${base}/item-options`),
});

/** Every write refreshes what it may have changed: the agreement, its areas, the lists and the item. */
function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all(['coop-agreements', 'coop-agreement', 'coop-areas', 'coop-items', 'coop-item'].map((k) => client.invalidateQueries({ queryKey: [k] })));
}

const key = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function useSaveAgreement(agreement: Agreement | null) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Omit<AgreementSummary, 'id' | 'status'> & { body: string }) => (agreement
      ? api<Agreement>(`${base}/agreements/${agreement.id}`, { method: 'PATCH', body: { ...body, version: agreement.version } })
      : api<Agreement>(`${base}/agreements`, { method: 'POST', body, headers: { 'idempotency-key': key() } })),
    onSuccess: refresh,
  });
}

export function useUploadAgreementFile(agreementId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<Agreement>(`${base}/agreements/${agreementId}/files`, { method: 'POST', body: form, headers: { 'idempotency-key': key() } });
    },
    onSuccess: refresh,
  });
}

export function useRemoveAgreementFile(agreementId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (fileId: string) => api<Agreement>(`${base}/agreements/${agreementId}/files/${fileId}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useSaveArea(agreementId: number, area: Area | null) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { year: number; name: string; description: string; seq: number }) => (area
      ? api<Area>(`${base}/areas/${area.id}`, { method: 'PATCH', body })
      : api<Area>(`${base}/agreements/${agreementId}/areas`, { method: 'POST', body })),
    onSuccess: refresh,
  });
}

export function useDeleteArea() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => api<void>(`${base}/areas/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useSaveItem(agreementId: number, item: ItemSummary | null) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ItemBody) => (item
      ? api<Item>(`${base}/items/${item.id}`, { method: 'PATCH', body: { ...body, version: item.version } })
      : api<Item>(`${base}/agreements/${agreementId}/items`, { method: 'POST', body, headers: { 'idempotency-key': key() } })),
    onSuccess: refresh,
  });
}

export function useUploadEvidence(itemId: number) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<FileInfo>(`${base}/items/${itemId}/evidence-files`, { method: 'POST', body: form, headers: { 'idempotency-key': key() } });
    },
  });
}

export function useEnterProgress(itemId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { value?: number; percent?: number; evidence: string; fileIds: string[] }) =>
      api<Item>(`${base}/items/${itemId}/progress`, { method: 'POST', body, headers: { 'idempotency-key': key() } }),
    onSuccess: refresh,
  });
}

export function useSignOff(itemId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { note: string } | { withdraw: string }) => ('withdraw' in input
      ? api<Item>(`${base}/items/${itemId}/signoffs/withdraw`, { method: 'POST', body: { reason: input.withdraw } })
      : api<Item>(`${base}/items/${itemId}/signoffs`, { method: 'POST', body: input })),
    onSuccess: refresh,
  });
}

export function useDeleteItem(itemId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => api<void>(`${base}/items/${itemId}`, { method: 'DELETE' }), onSuccess: refresh });
}
