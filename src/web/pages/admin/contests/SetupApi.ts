import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api, type Page } from '../../../services/client.js';

// The setup slice's API as the admin pages use it (server: modules/contests/contests.routes.ts).

export type ContestStatus = 'draft' | 'published';
export type Stage = 'entered' | 'finalist' | 'eliminated' | 'withdrawn';
export type TeamMethod = 'mean-all' | 'mean-best' | 'sum-best';
export type TieBreak = 'practical' | 'written' | 'time';
export type Qualification = { method: 'top-n'; n: number } | { method: 'top-per-team'; k: number } | { method: 'threshold'; score: number };

export interface ContestRules {
  writtenWeight: number;
  judgementDropHighLowFrom: number;
  team: { method: TeamMethod; n?: number };
  itemAwards: number;
  tieBreak: TieBreak[];
  standardise?: boolean;
}

export interface ContestSummary { id: number; name: string; startsOn: string; endsOn: string; status: ContestStatus; venue: string; ownerUnion: { id: string; name: string } }
export interface Round { id: number; seq: number; name: string; kind: 'preliminary' | 'final'; startsOn: string | null; endsOn: string | null; qualification: Qualification | null; qualifiedAt: string | null }
export interface Contest extends Omit<ContestSummary, 'ownerUnion'> {
  theme: string;
  description: string;
  organisers: string[];
  ownerUnion: { id: string; name: string };
  rules: ContestRules;
  chiefJudge: { id: string; name: string } | null;
  lotsDrawnAt: string | null;
  lotsSeed: string | null;
  revealedAt: string | null;
  version: number;
  rounds: Round[];
  counts: { teams: number; contestants: number; finalists: number };
  me: { canManage: boolean; isChiefJudge: boolean; judgeItemIds: number[]; canSeeNames: boolean; canSeeLiveResults: boolean };
}
export interface ContestInput {
  name: string; theme?: string; description?: string; organisers?: string[]; ownerUnionId?: string; venue?: string; startsOn: string; endsOn: string;
  rules?: ContestRules; status?: ContestStatus; chiefJudgeId?: string | null;
}
export interface Team { id: number; name: string; union: { id: string; name: string }; leader: string; seq: number; contestants: number; finalists: number; canRegister: boolean }
export interface Contestant {
  id: number; workNumber: string | null; anonymous: boolean; stage: Stage; team: { id: number; name: string } | null; name: string | null;
  gender: 'm' | 'f' | null; employer: string | null; idNumberMasked: string | null; phoneMasked: string | null; isUnionMember: boolean | null;
  memberNo: string | null; written: string | null; version: number;
}
export interface RowError { sheet: string; row: number; column: string; message: string }

export const DEFAULT_RULES: ContestRules = { writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-best', n: 6 }, itemAwards: 3, tieBreak: ['practical', 'written', 'time'] };

const base = (id: number) => `/api/contests/${id}`;

export const useContests = (query: { page: number; pageSize: number }) =>
  useQuery({ queryKey: ['contests', query], queryFn: () => api<Page<ContestSummary>>('/api/contests', { query }), placeholderData: keepPreviousData });

export const useContest = (id: number) => useQuery({ queryKey: ['contest', id], queryFn: () => api<Contest>(base(id)) });
export const useTeams = (id: number) => useQuery({ queryKey: ['contest', id, 'teams'], queryFn: () => api<{ items: Team[] }>(`${base(id)}/teams`) });
export const useContestants = (id: number, query: { page: number; pageSize: number; teamId?: number | undefined; stage?: Stage | undefined; q?: string | undefined }) =>
  useQuery({ queryKey: ['contest', id, 'contestants', query], queryFn: () => api<Page<Contestant>>(`${base(id)}/contestants`, { query }), placeholderData: keepPreviousData });
export const useChiefJudges = (id: number, enabled: boolean) =>
  useQuery({ queryKey: ['contest', id, 'chief-judges'], enabled, queryFn: () => api<{ items: { id: string; name: string; username: string | null }[] }>(`${base(id)}/chief-judge-candidates`) });
export const useRoundScores = (id: number, roundId: number | null) =>
  useQuery({ queryKey: ['contest', id, 'round', roundId], enabled: roundId !== null, queryFn: () => api<{ items: { contestantId: number; score: string }[] }>(`${base(id)}/rounds/${roundId}/scores`) });

/** Any write to a contest: refreshes everything cached about it (and the list). */
export function useContestWrite<T, A>(id: number | null, run: (args: A) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['contests'] });
      if (id !== null) await client.invalidateQueries({ queryKey: ['contest', id] });
    },
  });
}

export const contestApi = {
  create: (body: ContestInput) => api<Contest>('/api/contests', { method: 'POST', body }),
  update: (id: number, body: Partial<ContestInput> & { version: number }) => api<Contest>(base(id), { method: 'PATCH', body }),
  addTeam: (id: number, body: { name: string; unionId: string; leader?: string }) => api<Team>(`${base(id)}/teams`, { method: 'POST', body }),
  updateTeam: (id: number, teamId: number, body: { name?: string; unionId?: string; leader?: string }) => api<Team>(`${base(id)}/teams/${teamId}`, { method: 'PATCH', body }),
  deleteTeam: (id: number, teamId: number) => api<void>(`${base(id)}/teams/${teamId}`, { method: 'DELETE' }),
  register: (id: number, body: Record<string, unknown>) => api<Contestant>(`${base(id)}/contestants`, { method: 'POST', body }),
  updateContestant: (id: number, contestantId: number, body: Record<string, unknown>) => api<Contestant>(`${base(id)}/contestants/${contestantId}`, { method: 'PATCH', body }),
  deleteContestant: (id: number, contestantId: number) => api<void>(`${base(id)}/contestants/${contestantId}`, { method: 'DELETE' }),
  setWritten: (id: number, contestantId: number, written: number | null) => api<Contestant>(`${base(id)}/contestants/${contestantId}/written`, { method: 'PUT', body: { written } }),
  addPreliminary: (id: number, body: { name: string; startsOn?: string | null; endsOn?: string | null; qualification?: Qualification | null }) =>
    api<Contest>(`${base(id)}/rounds`, { method: 'POST', body }),
  updateRound: (id: number, roundId: number, body: { name?: string; startsOn?: string | null; endsOn?: string | null; qualification?: Qualification | null }) =>
    api<Contest>(`${base(id)}/rounds/${roundId}`, { method: 'PATCH', body }),
  deleteRound: (id: number, roundId: number) => api<void>(`${base(id)}/rounds/${roundId}`, { method: 'DELETE' }),
  setRoundScores: (id: number, roundId: number, scores: { contestantId: number; score: number | null }[]) =>
    api<{ items: { contestantId: number; score: string }[] }>(`${base(id)}/rounds/${roundId}/scores`, { method: 'PUT', body: { scores } }),
  qualify: (id: number, roundId: number) => api<{ qualified: number; eliminated: number; tiedAtBoundary: number }>(`${base(id)}/rounds/${roundId}/qualify`, { method: 'POST' }),
  drawLots: (id: number) => api<{ seed: string; drawnAt: string; count: number; redraw: boolean }>(`${base(id)}/lots`, { method: 'POST' }),
  reveal: (id: number) => api<Contest>(`${base(id)}/reveal`, { method: 'POST' }),
  templateUrl: (id: number) => `${base(id)}/contestants/template.xlsx`,
  writtenTemplateUrl: (id: number) => `${base(id)}/written/template.xlsx`,
};

/**
 * Upload a sheet (all or nothing) and keep the row errors (the shared client keeps field issues
 * only); a retry of the same file choice carries the same Idempotency-Key.
 */
export async function uploadSheet(url: string, file: File): Promise<{ ok: true; created: number; updated: number } | { ok: false; message: string; errors: RowError[] }> {
  const form = new FormData();
  form.append('file', file);
  const key = `${url}-${file.name}-${file.size}-${file.lastModified}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(-100).padEnd(8, '_');
  const res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'accept-language': currentLang, 'idempotency-key': key } });
  const body = await res.json().catch(() => ({}));
  if (res.ok) return { ok: true, created: body.created ?? 0, updated: body.updated ?? 0 };
  return { ok: false, message: body.message ?? `HTTP ${res.status}`, errors: body.errors ?? [] };
}
