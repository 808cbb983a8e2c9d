import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api, type Page } from '../../../services/client.js';

// Mutual aid as the staff, employer and phone pages use it (server: modules/services/aid.routes.ts).
// No antd here: the phone pages import it too.

export type PlanStatus = 'draft' | 'open' | 'closed';
export type EnrolmentStatus = 'draft' | 'submitted' | 'confirmed' | 'returned' | 'cancelled';
export interface Benefit { name: string; amount: number; note: string }
export interface Plan {
  id: number; federation: '50' | '51'; name: string; summary: string; startsOn: string; endsOn: string; price: number; benefits: Benefit[];
  status: PlanStatus; version: number; updatedAt: string; enrolledPeople: number | null; me: { canEdit: boolean };
}
export interface PlanValues { name: string; summary: string; startsOn: string; endsOn: string; price: number; benefits: Benefit[]; federation?: '50' | '51' }
interface Ref { id: string; name: string }
export interface EnrolmentSummary {
  id: number; plan: { id: number; name: string; price: number; federation: '50' | '51' }; enterprise: Ref; ownerUnion: Ref; status: EnrolmentStatus;
  people: number; amount: number; returnNote: string | null; submittedBy: Ref | null; submittedAt: string | null; confirmedBy: Ref | null;
  confirmedAt: string | null; createdAt: string; updatedAt: string; version: number;
}
export interface Member { rowNo: number; name: string | null; idCardMasked: string | null; phoneMasked: string | null }
export interface Enrolment extends EnrolmentSummary {
  members: Member[];
  can: { submit: boolean; cancel: boolean; confirm: boolean; return: boolean };
}
export interface MyEnterprise { id: string; name: string; verified: boolean; ownerUnion: Ref }
export interface RowError { sheet: string; row: number; column: string; message: string }

const P = '/api/services/aid/plans';
const E = '/api/services/aid/enrolments';
export const TEMPLATE_URL = '/api/services/aid/enrolment-template';
const key = () => `aid-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const usePlans = (query: { status?: PlanStatus | undefined; page?: number; pageSize?: number } = {}) =>
  useQuery({ queryKey: ['aid-plans', query], queryFn: () => api<Page<Plan>>(P, { query: { pageSize: 100, ...query } }), placeholderData: keepPreviousData });
export const usePlan = (id: number | null) =>
  useQuery({ queryKey: ['aid-plans', 'one', id], enabled: id !== null && id > 0, queryFn: () => api<Plan>(`${P}/${id}`) });
export const useEnrolments = (query: { status?: EnrolmentStatus | undefined; page: number; pageSize: number }) =>
  useQuery({ queryKey: ['aid-enrolments', query], queryFn: () => api<Page<EnrolmentSummary>>(E, { query }), placeholderData: keepPreviousData });
export const useEnrolment = (id: number | null) =>
  useQuery({ queryKey: ['aid-enrolments', 'one', id], enabled: id !== null, queryFn: () => api<Enrolment>(`${E}/${id}`) });
export const useMyEnterprises = () => useQuery({ queryKey: ['aid-my-enterprises'], queryFn: () => api<MyEnterprise[]>('/api/services/aid/my-enterprises') });

/** Plan writes; every one refreshes the lists. */
export function usePlanActions() {
  const qc = useQueryClient();
  const done = (plan: Plan) => {
    qc.setQueryData(['aid-plans', 'one', plan.id], plan);
    void qc.invalidateQueries({ queryKey: ['aid-plans'] });
    return plan;
  };
  return {
    create: useMutation({ mutationFn: (v: PlanValues) => api<Plan>(P, { method: 'POST', body: v, headers: { 'idempotency-key': key() } }), onSuccess: done }),
    update: useMutation({ mutationFn: (v: PlanValues & { id: number; version: number }) => {
      const { id, federation: _federation, ...body } = v;
      return api<Plan>(`${P}/${id}`, { method: 'PATCH', body });
    }, onSuccess: done }),
    open: useMutation({ mutationFn: (p: Plan) => api<Plan>(`${P}/${p.id}/open`, { method: 'POST', body: { version: p.version } }), onSuccess: done }),
    close: useMutation({ mutationFn: (p: Plan) => api<Plan>(`${P}/${p.id}/close`, { method: 'POST', body: { version: p.version } }), onSuccess: done }),
  };
}

/** Enrolment writes (submit, cancel, confirm, return); every one refreshes the lists and the plans' counts. */
export function useEnrolmentActions() {
  const qc = useQueryClient();
  const done = (e: Enrolment) => {
    qc.setQueryData(['aid-enrolments', 'one', e.id], e);
    void qc.invalidateQueries({ queryKey: ['aid-enrolments'] });
    void qc.invalidateQueries({ queryKey: ['aid-plans'] });
    return e;
  };
  const post = (path: string, body?: unknown, headers?: Record<string, string>) => api<Enrolment>(`${E}/${path}`, { method: 'POST', body, ...(headers ? { headers } : {}) });
  return {
    submit: useMutation({ mutationFn: (id: number) => post(`${id}/submit`, undefined, { 'idempotency-key': key() }), onSuccess: done }),
    cancel: useMutation({ mutationFn: (id: number) => post(`${id}/cancel`), onSuccess: done }),
    confirm: useMutation({ mutationFn: (id: number) => post(`${id}/confirm`), onSuccess: done }),
    giveBack: useMutation({ mutationFn: (v: { id: number; note: string }) => post(`${v.id}/return`, { note: v.note }), onSuccess: done }),
  };
}

/** Upload a list: the draft (new or the same file's), or the message with every bad row. */
export async function uploadList(planId: number, enterpriseId: string, file: File): Promise<{ ok: true; enrolment: Enrolment; created: boolean } | { ok: false; message: string; errors: RowError[] }> {
  const form = new FormData();
  form.append('planId', String(planId));
  form.append('enterpriseId', enterpriseId);
  form.append('file', file);
  const res = await fetch(E, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': currentLang, 'idempotency-key': key() } });
  const body = await res.json().catch(() => ({})) as Enrolment & { message?: string; errors?: RowError[] };
  if (res.ok) return { ok: true, enrolment: body, created: res.status === 201 };
  return { ok: false, message: body.message ?? `HTTP ${res.status}`, errors: body.errors ?? [] };
}

/** ¥1,234 (whole yuan). */
export const yuan = (n: number) => `¥${n.toLocaleString('zh-CN')}`;
