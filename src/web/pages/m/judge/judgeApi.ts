import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { QueuedWrite, QueueSnapshot, WriteQueue } from '../../../offline/queue.js';
import { sendWrite, useWriteQueue } from '../../../offline/useWriteQueue.js';
import { api } from '../../../services/client.js';

// The scores slice's client side (issue 6 §3): types of the answers of /api/judge/contests,
// …/sheet, …/scoring and …/history, their queries, and the judge's write queue.

export type LockState = 'open' | 'locked' | 'reopened';
export type Flag = 'mismatch' | 'spread' | null;

export interface Mark {
  id: number; aspectId: number; contestantId: number; workNumber: string; judge: { id: string; name: string };
  value: string; deductions: { code: string; count: number; points: number }[] | null; version: number; enteredAt: string; updatedAt: string;
}
export interface Slot { entries: number; needed: number; complete: boolean; flag: Flag; flagOpen: boolean }
export interface SheetAspect {
  id: number; code: string; seq: number; type: 'measurement' | 'judgement' | 'deduction'; max: string; description: string;
  descriptors: string[] | null; deductions: { code: string; text: string; points: number }[] | null; judges: number;
}
export interface ItemHead { id: number; code: string; name: string; max: string | null; isTimed: boolean; timeLimitSeconds: number | null; lockState: LockState; lockedAt: string | null; lockCount: number }
export interface SheetContestant {
  id: number; workNumber: string; name: string | null; team: string | null; employer: string | null; timeSeconds: number | null; complete: boolean;
  aspects: (Slot & { aspectId: number; mine: Mark | null; marks: Mark[]; resolution: { note: string; resolvedAt: string; by: string | null } | null })[];
}
export interface Sheet {
  contest: { id: number; name: string; lotsDrawn: boolean; revealed: boolean };
  item: ItemHead;
  aspects: SheetAspect[];
  me: { isJudge: boolean; isChiefJudge: boolean; canEnter: boolean; canLock: boolean; canSeeNames: boolean; canSeeAll: boolean };
  progress: { done: number; total: number };
  openFlags: number;
  contestants: SheetContestant[];
}
export interface JudgeContests {
  items: {
    id: number; name: string; venue: string; startsOn: string; endsOn: string; lotsDrawn: boolean; revealed: boolean; isChiefJudge: boolean;
    items: { id: number; code: string; name: string; lockState: LockState; isTimed: boolean; done: number; total: number }[];
  }[];
}
export interface Scoring {
  contest: { id: number; name: string; lotsDrawn: boolean; revealed: boolean };
  me: { isChiefJudge: boolean; canLock: boolean; canManage: boolean };
  finalists: number;
  items: {
    id: number; code: string; name: string; parentName: string | null; isTimed: boolean; lockState: LockState; lockedAt: string | null; lockCount: number;
    aspects: number; slots: number; completeSlots: number; completeContestants: number; openFlags: number; timesMissing: number;
  }[];
}
export interface HistoryEntry {
  id: number; action: 'enter' | 'change' | 'time' | 'lock' | 'reopen' | 'relock' | 'resolve' | 'reveal' | 'draw';
  itemId: number | null; itemCode: string | null; aspectCode: string | null; workNumber: string | null; judge: string | null;
  oldValue: string | null; newValue: string | null; reason: string | null; actor: string | null; at: string;
}

export const useJudgeContests = (enabled: boolean) => useQuery({ queryKey: ['judge-contests'], queryFn: () => api<JudgeContests>('/api/judge/contests'), enabled });
export const useSheet = (contestId: number, itemId: number, enabled = true) => useQuery({
  queryKey: ['contest-sheet', contestId, itemId], queryFn: () => api<Sheet>(`/api/contests/${contestId}/items/${itemId}/sheet`), enabled, retry: false,
  // Offline, the query waits and the last sheet stays: the judge goes on entering against it.
  staleTime: 5_000,
});
export const useScoring = (contestId: number) => useQuery({ queryKey: ['contest-scoring', contestId], queryFn: () => api<Scoring>(`/api/contests/${contestId}/scoring`), retry: false });
export const useHistory = (contestId: number, itemId: number | null) => useQuery({
  queryKey: ['contest-history', contestId, itemId],
  queryFn: () => api<{ items: HistoryEntry[] }>(itemId ? `/api/contests/${contestId}/items/${itemId}/history` : `/api/contests/${contestId}/scoring/history`),
  retry: false,
});

/** A queued write of this page: the method goes with it (entries are POSTs, changes PATCHes, times PUTs). */
export interface JudgeWrite { method: 'POST' | 'PATCH' | 'PUT'; payload: unknown; contestantId: number; aspectId: number | null; itemId: number }

const sendJudgeWrite = (write: QueuedWrite) => {
  const b = write.body as JudgeWrite;
  return sendWrite(write, { method: b.method, body: b.payload });
};

/**
 * The judge's writes for one contest, kept on the phone (localStorage) and sent in order with their
 * own Idempotency-Key, again when the network returns; `onSent` runs after each answer.
 */
export function useJudgeQueue(contestId: number, onSent: () => void): { queue: WriteQueue; state: QueueSnapshot } {
  const { queue, state } = useWriteQueue(`judge-${contestId}`, sendJudgeWrite);
  const finished = state.items.filter((i) => i.state !== 'pending').length;
  // Refresh the sheet once per answer the server gave.
  useEffect(() => { onSent(); }, [finished]);
  return { queue, state };
}

/** Seconds as 1:30:05 / 45:10. */
export function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
