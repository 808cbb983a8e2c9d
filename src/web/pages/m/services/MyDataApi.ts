import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../services/client.js';

// A worker's services data (issue 8 §5) as the "my data" page uses it (server: modules/services/rights.routes.ts).

export type ConsentPurpose = 'consultation' | 'membership' | 'aid_enrolment' | 'aid_claim' | 'visitor_share';
export interface MyConsent {
  id: number; purpose: ConsentPurpose; recordType: string; textKey: string; text: string; channel: 'online' | 'desk' | 'employer';
  givenAt: string; withdrawnAt: string | null; canWithdraw: boolean;
}
export interface MyDataSummary {
  counts: { requests: number; claims: number; memberships: number; aidMemberships: number; consents: number; files: number };
  approvedMember: boolean;
  consents: MyConsent[];
}
export interface Erased { requests: number; files: number; messages: number; memberships: number; aidMembers: number; consents: number }

export const MY_DATA = '/api/me/services-data';
const KEY = ['services-rights', 'summary'];

export const useMyDataSummary = (enabled: boolean) => useQuery({ queryKey: KEY, enabled, queryFn: () => api<MyDataSummary>(`${MY_DATA}/summary`) });

export function useMyDataActions() {
  const client = useQueryClient();
  const settle = (summary?: MyDataSummary) => (summary ? client.setQueryData(KEY, summary) : client.invalidateQueries({ queryKey: KEY }));
  return {
    withdraw: async (id: number) => settle(await api<MyDataSummary>(`${MY_DATA}/consents/${id}/withdraw`, { method: 'POST' })),
    erase: async (password: string) => {
      const erased = await api<Erased>(MY_DATA, { method: 'DELETE', body: { password } });
      await settle();
      return erased;
    },
  };
}

/** A time as people in China read it: 2026-11-27 11:05. */
export const chinaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
