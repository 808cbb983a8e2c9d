import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './client.js';

// Contest results (server: modules/contests/results.*): the board, its live stream, the freeze,
// award lists, certificates and the public certificate check.

export type Prize = 'first' | 'second' | 'third';
export interface ResultEntry { rank: number; contestantId: number; workNumber: string | null; name?: string; team: string }
export interface Results {
  contest: { id: number; name: string; revealed: boolean; status: 'draft' | 'published' };
  complete: boolean;
  lockedItems: number;
  totalItems: number;
  basis: 'locked-items' | 'written-only';
  frozen: boolean;
  live: boolean;
  frozenAt: string | null;
  computedAt: string;
  prizes: { first: number; second: number; third: number; teams: number };
  individuals: (ResultEntry & { teamId: number; written: number; practical: number; practicalPoints: number; total: number; timeSeconds: number | null; prize: Prize | null })[];
  teams: { rank: number; teamId: number; team: string; score: number; members: number; awarded: boolean }[];
  items: {
    itemId: number; code: string; name: string; major: string | null; max: number; locked: boolean; lockState: 'open' | 'locked' | 'reopened';
    ranking: (ResultEntry & { score: number; timeSeconds: number | null })[]; awarded: number[];
  }[];
}
/** What the stream sends when the board cannot be computed (a locked item with a missing mark). */
export interface StreamError { error: { code: string; status: number } }

export interface AwardLine {
  kind: 'individual' | 'team' | 'item'; award: string; rank: number; contestantId: number | null; workNumber: string | null;
  name: string | null; team: string | null; itemId: number | null; code: string | null;
}
export interface Certificate {
  id: number; code: string; kind: 'individual' | 'team' | 'item'; rank: number; award: string; contestantId: number | null; name: string | null;
  workNumber: string | null; team: string | null; teamId: number | null; itemId: number | null; item: string | null; issuedAt: string; url: string;
}
export interface CertificateList { total: number; created: number; revoked: number; items: Certificate[] }
export interface CertificateCheck {
  code: string; kind: 'individual' | 'team' | 'item'; award: string; rank: number; name: string | null; team: string | null; item: string | null;
  contest: { id: number; name: string; organisers: string[]; startsOn: string; endsOn: string };
  issuedAt: string; revoked: boolean; revokedAt: string | null;
}
export interface ContestSummary { id: number; name: string; startsOn: string; endsOn: string; status?: string; venue?: string }

const resultsKey = (id: number) => ['contest-results', id] as const;

export const useResults = (id: number) => useQuery({
  queryKey: resultsKey(id),
  queryFn: () => api<Results>(`/api/contests/${id}/results`),
  enabled: Number.isInteger(id) && id > 0,
  retry: false,
});

/**
 * Follow the board over Server-Sent Events. The stream carries the public board: public pages take
 * it as it comes (`replace`); staff pages, who see the live board, refetch theirs on each push.
 * Returns whether the stream is connected.
 */
export function useResultsStream(id: number, replace: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) return undefined;
    // The browser reconnects by itself after a drop (retry: 3000 from the server).
    const source = new EventSource(`/api/contests/${id}/results/stream`);
    source.addEventListener('update', (e) => {
      setConnected(true);
      const data = JSON.parse((e as MessageEvent<string>).data) as Results | StreamError;
      if (replace && 'individuals' in data) client.setQueryData(resultsKey(id), data);
      else {
        void client.invalidateQueries({ queryKey: resultsKey(id) });
        void client.invalidateQueries({ queryKey: ['contest-awards', id] });
      }
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [id, replace, client]);
  return connected;
}

export const useAwards = (id: number) => useQuery({
  queryKey: ['contest-awards', id],
  queryFn: () => api<{ complete: boolean; frozen: boolean; items: AwardLine[] }>(`/api/contests/${id}/awards`),
});

export const useCertificates = (id: number, enabled: boolean) => useQuery({
  queryKey: ['contest-certificates', id],
  queryFn: () => api<CertificateList>(`/api/contests/${id}/certificates`),
  enabled,
});

/** Freeze, unfreeze and issue certificates: each refreshes the board, awards and certificates. */
export function useResultsActions(id: number) {
  const client = useQueryClient();
  const refresh = () => Promise.all([
    client.invalidateQueries({ queryKey: resultsKey(id) }),
    client.invalidateQueries({ queryKey: ['contest-awards', id] }),
    client.invalidateQueries({ queryKey: ['contest-certificates', id] }),
  ]);
  return {
    freeze: useMutation({ mutationFn: () => api<Results>(`/api/contests/${id}/results/freeze`, { method: 'POST' }), onSuccess: refresh }),
    unfreeze: useMutation({ mutationFn: () => api<void>(`/api/contests/${id}/results/freeze`, { method: 'DELETE' }), onSuccess: refresh }),
    issue: useMutation({ mutationFn: () => api<CertificateList>(`/api/contests/${id}/certificates`, { method: 'POST' }), onSuccess: refresh }),
  };
}

export const resultFiles = {
  xlsx: (id: number) => `/api/contests/${id}/results.xlsx`,
  certificates: (id: number) => `/api/contests/${id}/certificates.pdf`,
  certificate: (id: number, certId: number) => `/api/contests/${id}/certificates/${certId}.pdf`,
};

export const usePublicContests = () => useQuery({
  queryKey: ['public-contests'],
  queryFn: () => api<{ total: number; items: ContestSummary[] }>('/api/contests', { query: { pageSize: 50 } }),
});

export const useCertificateCheck = (code: string) => useQuery({
  queryKey: ['certificate-check', code],
  queryFn: () => api<CertificateCheck>(`/api/certificates/${encodeURIComponent(code)}`),
  retry: false,
});

/** The label of a contestant as the reader may see it: the name when shown, else the work number. */
export const who = (e: { name?: string; workNumber: string | null; contestantId: number }) => e.name ?? (e.workNumber ? `#${e.workNumber}` : `#${e.contestantId}`);
