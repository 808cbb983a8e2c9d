import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../services/client.js';

// The reports slice's API as the pages use it (server: modules/cooperation/reports.routes.ts).

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export interface Figure { label: string; value: number; unit: string }
export interface ItemRef { id: number; code: string; title: string; dueOn: string }
export interface ReportSummary {
  id: number; item: ItemRef; union: { id: string; name: string; federation: '50' | '51' }; period: string; dueOn: string; status: ReportStatus;
  isHighlight: boolean; submittedAt: string | null; reviewedAt: string | null; reviewNote: string | null; updatedAt: string;
}
export interface Report extends ReportSummary {
  body: string; figures: Figure[]; files: { id: string; name: string; mime: string; size: number }[];
  submittedBy: { id: string; name: string } | null; reviewedBy: { id: string; name: string } | null; createdAt: string; version: number;
  me: { canEdit: boolean; canSubmit: boolean; canDelete: boolean; canReview: boolean; canHighlight: boolean };
}
export interface DueReport {
  item: ItemRef; union: { id: string; name: string }; period: string; dueOn: string; daysLeft: number; overdue: boolean;
  report: { id: number; status: ReportStatus; reviewNote: string | null } | null; canWrite: boolean;
}
export interface ReportQuery {
  page: number; pageSize: number; view: 'mine' | 'review' | 'all'; status?: ReportStatus | undefined; period?: string | undefined; itemId?: number | undefined;
}
export interface NotificationItem { id: number; kind: string; text: string; link: string; forUnion: boolean; createdAt: string; readAt: string | null }

const R = '/api/cooperation/reports';
const key = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const useReports = (query: ReportQuery, enabled = true) =>
  useQuery({ queryKey: ['coop-reports', query], queryFn: () => api<Page<ReportSummary>>(R, { query: { ...query } }), placeholderData: keepPreviousData, enabled });
export const useDueReports = () => useQuery({ queryKey: ['coop-reports', 'due'], queryFn: () => api<{ today: string; items: DueReport[] }>(`${R}/due`) });
export const useReport = (id: number | null) =>
  useQuery({ queryKey: ['coop-reports', 'one', id], queryFn: () => api<Report>(`${R}/${id}`), enabled: id !== null });

/** Every write refreshes the lists, the report and the bell. */
export function useReportActions() {
  const qc = useQueryClient();
  const done = (report?: Report) => {
    if (report) qc.setQueryData(['coop-reports', 'one', report.id], report);
    void qc.invalidateQueries({ queryKey: ['coop-reports'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
    return report;
  };
  const create = useMutation({
    mutationFn: (input: { itemId: number; period: string; body: string; figures: Figure[] }) =>
      api<Report>(R, { method: 'POST', body: input, headers: { 'idempotency-key': key() } }),
    onSuccess: done,
  });
  const update = useMutation({ mutationFn: (v: { id: number; body: string; figures: Figure[]; version: number }) => api<Report>(`${R}/${v.id}`, { method: 'PATCH', body: { body: v.body, figures: v.figures, version: v.version } }), onSuccess: done });
  const submit = useMutation({ mutationFn: (id: number) => api<Report>(`${R}/${id}/submit`, { method: 'POST', headers: { 'idempotency-key': key() } }), onSuccess: done });
  const remove = useMutation({ mutationFn: (id: number) => api<void>(`${R}/${id}`, { method: 'DELETE' }), onSuccess: () => done() });
  const accept = useMutation({ mutationFn: (v: { id: number; note: string; highlight: boolean }) => api<Report>(`${R}/${v.id}/accept`, { method: 'POST', body: { note: v.note, highlight: v.highlight } }), onSuccess: done });
  const giveBack = useMutation({ mutationFn: (v: { id: number; note: string }) => api<Report>(`${R}/${v.id}/return`, { method: 'POST', body: { note: v.note } }), onSuccess: done });
  const highlight = useMutation({ mutationFn: (v: { id: number; highlight: boolean }) => api<Report>(`${R}/${v.id}/highlight`, { method: 'POST', body: { highlight: v.highlight } }), onSuccess: done });
  const attach = useMutation({
    mutationFn: (v: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', v.file);
      return api<Report>(`${R}/${v.id}/files`, { method: 'POST', body: form });
    },
    onSuccess: done,
  });
  const detach = useMutation({ mutationFn: (v: { id: number; fileId: string }) => api<Report>(`${R}/${v.id}/files/${v.fileId}`, { method: 'DELETE' }), onSuccess: done });
  return { create, update, submit, remove, accept, giveBack, highlight, attach, detach };
}

export const fileUrl = (reportId: number, fileId: string) => `${R}/${reportId}/files/${fileId}`;

export const useNotifications = () =>
  useQuery({
    queryKey: ['notifications'], queryFn: () => api<{ total: number; unread: number; items: NotificationItem[] }>('/api/notifications', { query: { pageSize: 8 } }),
    refetchInterval: 60_000,
  });

export function useNotificationActions() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  return {
    read: useMutation({ mutationFn: (id: number) => api<{ ok: boolean }>(`/api/notifications/${id}/read`, { method: 'POST' }), onSuccess: refresh }),
    readAll: useMutation({ mutationFn: () => api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }), onSuccess: refresh }),
  };
}
