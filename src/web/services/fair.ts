import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from './client.js';
import type { EventSummary, SeasonSummary } from './seasons.js';

// A fair from the organisers' and the employers' side (server: modules/seasons — sign-ups,
// booths, visitors, follow-ups; test/seasons.test.ts shows every call).

export const SIGNUP_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export interface SignupRow {
  id: number;
  enterprise: { id: string; name: string; regionCode: string; industrySection: string };
  status: SignupStatus;
  statusReason: string | null;
  note: string;
  booth: string | null;
  postings: number;
  positions: number;
  createdAt: string;
  reviewedAt: string | null;
}

export interface Signup {
  id: number;
  eventId: number;
  enterprise: { id: string; name: string };
  status: SignupStatus;
  statusReason: string | null;
  note: string;
  booth: string | null;
  createdAt: string;
  reviewedAt: string | null;
  postings: { id: number; title: string; jobTypeCode: string; headcount: number; status: string }[];
  permissions: { review: boolean; withdraw: boolean };
}

export interface FloorZone { id: number; kind: string; name: string; rows: number; cols: number }
export interface FloorBooth {
  id: number;
  number: string;
  zoneId: number;
  row: number;
  col: number;
  enterprise: { name: string; industrySection: string; signupId: number | null } | null;
}
export interface FloorPlan { zones: FloorZone[]; booths: FloorBooth[]; permissions: { assign: boolean } }

export interface VisitorSummary { registered: number; checkedIn: number; online: number; onsite: number; capacity: number | null }
export interface HourCount { hour: string; count: number }

export type FollowUpState = 'due' | 'overdue' | 'upcoming' | 'done';
export interface FollowUp {
  id: number;
  day: number;
  dueOn: string;
  overdue: boolean;
  union: string;
  enterprise: string;
  posting: string;
  event: string;
  salary: number;
  startDate: string;
  visitor: { name: string; phoneMasked: string };
  outcome: { contractSigned: boolean | null; startedWork: boolean | null; note: string; doneAt: string } | null;
}
export interface FollowUpReportRow { day: number; federation: '50' | '51'; total: number; done: number; contractSigned: number; startedWork: number }

// ---- links to pages and files other parts serve ----

export const links = {
  boothCard: (signupId: number) => `/api/signups/${signupId}/booth-card.pdf`,
  boothCards: (eventId: number) => `/api/events/${eventId}/booth-cards.pdf`,
  report: (eventId: number, format: 'xlsx' | 'pdf') => `/api/events/${eventId}/report.${format}`,
  intents: (seasonId: number, eventId: number) => `/api/seasons/${seasonId}/intents.csv?eventId=${eventId}`,
  checkin: (eventId: number) => `/m/staff/events/${eventId}/checkin`,
  live: (eventId: number) => `/admin/events/${eventId}/live`,
  screen: (seasonId: number) => `/screen/seasons/${seasonId}`,
  console: (eventId: number) => `/admin/events/${eventId}`,
};

const COMPANY_SUFFIX = /(股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司)$/;
const PLACE_PREFIX = /^(重庆市|四川省|重庆|四川|成都市|成都)/;

/** A booth-sized name: "重庆渝北建工集团有限公司" → "渝北建工集团" (the place and the legal form dropped). */
export function shortName(name: string, max = 6): string {
  const core = name.replace(/[（(][^）)]*[）)]/g, '').replace(COMPANY_SUFFIX, '').replace(PLACE_PREFIX, '') || name;
  return core.length > max ? core.slice(0, max) : core;
}

// ---- the organisers' console ----

export interface SignupQuery { page: number; pageSize: number; status?: SignupStatus | undefined }

export const useSignups = (eventId: number, query: SignupQuery, enabled = true) => useQuery({
  queryKey: ['signups', eventId, query],
  queryFn: () => api<Page<SignupRow>>(`/api/events/${eventId}/signups`, { query: { ...query } }),
  placeholderData: keepPreviousData,
  enabled,
});

/** How many sign-ups each status has (one small request per status). */
export function useSignupCounts(eventId: number, enabled = true): Partial<Record<SignupStatus, number>> {
  const results = useQueries({
    queries: SIGNUP_STATUSES.map((status) => ({
      queryKey: ['signups', eventId, { page: 1, pageSize: 1, status }],
      queryFn: () => api<Page<SignupRow>>(`/api/events/${eventId}/signups`, { query: { page: 1, pageSize: 1, status } }),
      enabled,
    })),
  });
  return Object.fromEntries(SIGNUP_STATUSES.flatMap((s, i) => (results[i]?.data ? [[s, results[i].data.total]] : [])));
}

export const useSignup = (id: number | null) => useQuery({
  queryKey: ['signup', id],
  queryFn: () => api<Signup>(`/api/signups/${id}`),
  enabled: id !== null,
});

/** Approved sign-ups still without a booth (every page of the approved ones, booth null). */
export const useUnplaced = (eventId: number, enabled = true) => useQuery({
  queryKey: ['signups', eventId, 'unplaced'],
  queryFn: async () => {
    const out: SignupRow[] = [];
    for (let page = 1; ; page++) {
      const res = await api<Page<SignupRow>>(`/api/events/${eventId}/signups`, { query: { page, pageSize: 100, status: 'approved' } });
      out.push(...res.items.filter((s) => s.booth === null));
      if (page * 100 >= res.total) return out;
    }
  },
  enabled,
});

/** After any change to sign-ups or booths: lists, counts, the floor plan and the season's figures. */
function useRefreshFair() {
  const queryClient = useQueryClient();
  return async (eventId: number) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['signups', eventId] }),
      queryClient.invalidateQueries({ queryKey: ['signup'] }),
      queryClient.invalidateQueries({ queryKey: ['floor-plan', eventId] }),
      queryClient.invalidateQueries({ queryKey: ['my-fairs'] }),
      queryClient.invalidateQueries({ queryKey: ['season-stats'] }),
    ]);
  };
}

export function useReviewSignup(eventId: number) {
  const refresh = useRefreshFair();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: number; decision: 'approve' | 'reject'; reason?: string }) =>
      api<Signup>(`/api/signups/${id}/review`, { method: 'POST', body: { decision, ...(reason !== undefined ? { reason } : {}) } }),
    onSuccess: () => refresh(eventId),
  });
}

export const useFloorPlan = (eventId: number, enabled = true) => useQuery({
  queryKey: ['floor-plan', eventId],
  queryFn: () => api<FloorPlan>(`/api/events/${eventId}/floor-plan`),
  enabled,
});

export function useAutoAssign(eventId: number) {
  const refresh = useRefreshFair();
  return useMutation({
    mutationFn: () => api<{ assigned: number; unplaced: number }>(`/api/events/${eventId}/booths/auto-assign`, { method: 'POST' }),
    onSuccess: () => refresh(eventId),
  });
}

/** Move a sign-up to a booth, or out of its booth (null). */
export function useMoveBooth(eventId: number) {
  const refresh = useRefreshFair();
  return useMutation({
    mutationFn: ({ signupId, boothId }: { signupId: number; boothId: number | null }) =>
      api<Signup>(`/api/signups/${signupId}/booth`, { method: 'PUT', body: { boothId } }),
    onSettled: () => refresh(eventId),
  });
}

export const useVisitorSummary = (eventId: number, enabled = true) => useQuery({
  queryKey: ['visitor-summary', eventId],
  queryFn: () => api<VisitorSummary>(`/api/events/${eventId}/visitors/summary`),
  enabled,
  refetchInterval: 30_000,
});

export const useHourly = (eventId: number, enabled = true) => useQuery({
  queryKey: ['hourly', eventId],
  queryFn: () => api<HourCount[]>(`/api/events/${eventId}/checkins/hourly`),
  enabled,
  refetchInterval: 30_000,
});

// ---- follow-ups ----

export interface FollowUpQuery { page: number; pageSize: number; state?: FollowUpState | undefined; day?: 30 | 90 | undefined; seasonId?: number | undefined }

export const useFollowUps = (query: FollowUpQuery) => useQuery({
  queryKey: ['follow-ups', query],
  queryFn: () => api<Page<FollowUp>>('/api/follow-ups', { query: { ...query } }),
  placeholderData: keepPreviousData,
});

export function useRecordFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: { contractSigned: boolean; startedWork: boolean; note?: string } }) =>
      api<FollowUp>(`/api/follow-ups/${id}`, { method: 'PUT', body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['follow-ups'] }),
        queryClient.invalidateQueries({ queryKey: ['follow-up-report'] }),
      ]);
    },
  });
}

export const useFollowUpReport = (seasonId: number | undefined) => useQuery({
  queryKey: ['follow-up-report', seasonId],
  queryFn: () => api<FollowUpReportRow[]>(`/api/seasons/${seasonId}/follow-up-report`),
  enabled: seasonId !== undefined,
});

/** Published and closed seasons, newest first (for the follow-ups' season filter). */
export const usePublicSeasons = () => useQuery({
  queryKey: ['seasons', 'public'],
  queryFn: () => api<Page<SeasonSummary>>('/api/seasons', { query: { page: 1, pageSize: 100 } }),
  staleTime: 60_000,
});

// ---- the employer's side ----

export interface MyFairEvent extends EventSummary { signup: SignupRow | null }

/**
 * The fairs and online fairs of published seasons, each with the employer's own sign-up (if any):
 * those open for sign-up, and those already signed up to.
 */
export const useMyFairs = () => useQuery({
  queryKey: ['my-fairs'],
  queryFn: async (): Promise<MyFairEvent[]> => {
    const seasons = (await api<Page<SeasonSummary>>('/api/seasons', { query: { page: 1, pageSize: 100 } })).items.filter((s) => s.status === 'published');
    const lists = await Promise.all(seasons.flatMap((s) => (['fair', 'online'] as const).map((kind) =>
      api<Page<EventSummary>>(`/api/seasons/${s.id}/events`, { query: { page: 1, pageSize: 100, kind } }))));
    const events = lists.flatMap((l) => l.items).filter((e) => e.status !== 'draft' && e.status !== 'cancelled');
    const mine = await Promise.all(events.map((e) => api<Page<SignupRow>>(`/api/events/${e.id}/signups`, { query: { page: 1, pageSize: 1 } })));
    return events.map((e, i) => ({ ...e, signup: mine[i]?.items[0] ?? null })).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  },
});

export interface PublishedPosting { id: number; title: string; headcount: number; jobType: { name: string } }

/** The employer's published postings, the ones it may bring to a fair. */
export const useMyPublishedPostings = (enabled: boolean) => useQuery({
  queryKey: ['postings', 'published-mine'],
  queryFn: () => api<Page<PublishedPosting>>('/api/postings', { query: { page: 1, pageSize: 100, status: 'published' } }),
  enabled,
});

/** Sign up with postings; the key makes a double click one sign-up (the server answers a repeat with the first). */
export function useCreateSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, postingIds, note, key }: { eventId: number; postingIds: number[]; note?: string; key: string }) =>
      api<Signup>(`/api/events/${eventId}/signups`, { method: 'POST', body: { postingIds, ...(note ? { note } : {}) }, headers: { 'idempotency-key': key } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-fairs'] }),
  });
}

export function useWithdrawSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Signup>(`/api/signups/${id}/withdraw`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-fairs'] }),
  });
}
