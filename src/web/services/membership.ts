import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from './client.js';

// Union membership (issue 8 §2) as the phone and admin pages use it (server: modules/services/membership.routes.ts).

export type MembershipStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export interface MembershipSummary {
  id: string; refNo: string; channel: 'online' | 'desk'; status: MembershipStatus; name: string | null;
  region: { code: string; name: string }; ownerUnion: { id: string; name: string }; employerName: string; event: { id: number; name: string } | null;
  createdAt: string; reviewDueOn: string; overdue: boolean; reviewedAt: string | null; memberNo: string | null;
}
export interface MembershipDetail extends MembershipSummary {
  idCardMasked: string | null; phoneMasked: string | null; enterprise: { id: string; name: string } | null; routedBy: 'region' | 'employer';
  rejectReason: string | null; reviewedBy: string | null; joinedOn: string | null; consentedAt: string;
  can: { review: boolean; reveal: boolean; withdraw: boolean };
}
export interface MemberCard { name: string; union: string; memberNo: string; joinedOn: string; code: string; checkPath: string }
export interface CardCheck { valid: boolean; name: string | null; union: string; memberNo: string; joinedOn: string }
export interface MembershipQuery { page: number; pageSize: number; status?: MembershipStatus | undefined; overdue?: 'true' | undefined; q?: string | undefined; unionId?: string | undefined }

/** The review promise the unions state (services.rules.ts MEMBERSHIP_REVIEW_WORKING_DAYS). */
export const REVIEW_WORKING_DAYS = 5;
const M = '/api/services/membership';

export const useMyMembership = (enabled = true) =>
  useQuery({ queryKey: ['svc-membership', 'mine'], enabled, queryFn: () => api<{ application: MembershipDetail | null; card: MemberCard | null }>('/api/services/my/membership') });
export const useMyCard = (enabled = true) =>
  useQuery({ queryKey: ['svc-membership', 'card'], enabled, queryFn: () => api<{ card: MemberCard | null }>('/api/services/my/card') });
export const useCardCheck = (code: string) =>
  useQuery({ queryKey: ['svc-card-check', code], retry: false, queryFn: () => api<CardCheck>(`/api/services/cards/${encodeURIComponent(code)}`) });
export const useMembershipQueue = (query: MembershipQuery) =>
  useQuery({ queryKey: ['svc-membership', 'queue', query], placeholderData: keepPreviousData, queryFn: () => api<Page<MembershipSummary>>(M, { query: { ...query } }) });
export const useMembership = (id: string | null) =>
  useQuery({ queryKey: ['svc-membership', 'one', id], enabled: !!id, retry: false, queryFn: () => api<MembershipDetail>(`${M}/${id}`) });

export const membershipApi = {
  apply: (body: Record<string, unknown>, key: string) => api<MembershipDetail>(M, { method: 'POST', body, headers: { 'idempotency-key': key } }),
  withdraw: (id: string) => api<MembershipDetail>(`${M}/${id}/withdraw`, { method: 'POST' }),
  approve: (id: string) => api<MembershipDetail>(`${M}/${id}/approve`, { method: 'POST' }),
  reject: (id: string, reason: string) => api<MembershipDetail>(`${M}/${id}/reject`, { method: 'POST', body: { reason } }),
  reveal: (id: string, field: 'idCard' | 'phone', reason: string) => api<{ value: string | null }>(`${M}/${id}/reveal`, { method: 'POST', body: { field, reason } }),
};

/** After a write: every membership view refreshes (and the bell). */
export function useRefreshMembership() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['svc-membership'] }), client.invalidateQueries({ queryKey: ['notifications'] })]);
}

/** A key for one submit that survives retries of the same tap. */
export const newIdempotencyKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`);
