import { useQuery } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api } from '../../../services/client.js';

// The leaders' dashboard and the yearly report downloads (server: modules/cooperation/yearly.routes.ts).

export type Light = 'on_track' | 'at_risk' | 'late' | 'done';
export type Counts = Record<Light, number> & { total: number; awaitingSignOff: number };

export interface DashboardAgreements {
  today: string;
  agreements: { id: number; title: string; signedOn: string; status: 'draft' | 'active' | 'closed'; years: number[] }[];
}

export interface Dashboard {
  agreement: { id: number; title: string };
  year: number;
  today: string;
  counts: Counts;
  areas: { id: number; name: string; percent: number; counts: Counts }[];
  federations: {
    federation: '50' | '51'; name: string; counts: Counts; overdueReports: number;
    attention: { id: number; code: string; title: string; status: Light }[];
    overdue: { itemId: number; code: string; title: string; union: string; period: string; dueOn: string; daysLate: number; reportStatus: 'draft' | 'submitted' | 'accepted' | 'returned' | null }[];
  }[];
  dueDates: { id: number; code: string; title: string; dueOn: string; daysLeft: number; percent: number; status: Light; awaitingSignOff: boolean; lead: string }[];
  meetings: { id: number; title: string; heldOn: string; place: string; host: string; status: 'planned' | 'held'; decisions: number }[];
  highlights: number;
  downloads: { pdf: string; xlsx: string };
}

export const LIGHTS: Light[] = ['done', 'on_track', 'at_risk', 'late'];
/** The lights' colours, as the PDFs draw them. */
export const LIGHT_COLORS: Record<Light, string> = { on_track: '#16a34a', at_risk: '#d97706', late: '#dc2626', done: '#2563eb' };

export function useDashboardAgreements() {
  return useQuery({ queryKey: ['coop-dashboard-agreements'], queryFn: () => api<DashboardAgreements>('/api/cooperation/dashboard/agreements') });
}

export function useDashboard(agreementId: number | undefined, year: number | undefined) {
  return useQuery({
    queryKey: ['coop-dashboard', agreementId, year, currentLang],
    queryFn: () => api<Dashboard>(`/api/cooperation/agreements/${agreementId}/dashboard`, { query: { year } }),
    enabled: agreementId !== undefined && year !== undefined,
  });
}
