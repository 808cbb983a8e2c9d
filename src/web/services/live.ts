import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './client.js';
import type { JobSearchPage } from './jobs.js';
import type { EventStatus } from './seasons.js';

// Livestream rooms (server: modules/seasons/livestream.*): the public room, its live stream of
// changes, in-room apply and the host's console.

export interface LivePosting {
  id: number;
  position: number;
  pinned: boolean;
  title: string;
  enterprise: { id: string; name: string };
  region: { code: string; name: string; fullName: string };
  federation: '50' | '51';
  jobType: { code: string; name: string };
  salaryNegotiable: boolean;
  salaryMin: number | null;
  salaryMax: number | null;
  headcount: number;
  benefits: string[];
  open: boolean;
}

export interface LiveRoom {
  event: {
    id: number; seasonId: number; name: string; description: string; status: EventStatus; startsAt: string; endsAt: string;
    platform: string; streamUrl: string; hostUnion: { id: string; name: string }; region: { code: string; name: string; fullName: string };
  };
  season: { id: number; name: string };
  pinnedPostingId: number | null;
  pinnedAt: string | null;
  postings: LivePosting[];
  counters: { viewers: number; applications: number; intents: number };
  viewersVersion: number;
  updatedAt: string | null;
}

const roomKey = (id: number) => ['live-room', id] as const;

export const useLiveRoom = (id: number) => useQuery({
  queryKey: roomKey(id),
  queryFn: () => api<LiveRoom>(`/api/events/${id}/live`),
  enabled: Number.isInteger(id) && id > 0,
  retry: false,
});

/**
 * Follow the room over Server-Sent Events: each push replaces the cached room, so pins, order and
 * counters change on screen without a reload. Returns whether the stream is connected.
 */
export function useLiveStream(id: number, enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return undefined;
    // The browser reconnects by itself after a drop (retry: 3000 from the server).
    const source = new EventSource(`/api/events/${id}/live/stream`);
    source.addEventListener('update', (e) => {
      client.setQueryData(roomKey(id), JSON.parse((e as MessageEvent<string>).data) as LiveRoom);
      setConnected(true);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [id, enabled, client]);
  return connected;
}

/** The host's console: each change answers with the room, which replaces the cached one. */
export function useLiveConsole(id: number) {
  const client = useQueryClient();
  const set = (room: LiveRoom) => client.setQueryData(roomKey(id), room);
  const base = `/api/events/${id}/live`;
  return {
    add: useMutation({ mutationFn: (postingId: number) => api<LiveRoom>(`${base}/postings`, { method: 'POST', body: { postingId } }), onSuccess: set }),
    remove: useMutation({ mutationFn: (postingId: number) => api<LiveRoom>(`${base}/postings/${postingId}`, { method: 'DELETE' }), onSuccess: set }),
    order: useMutation({ mutationFn: (postingIds: number[]) => api<LiveRoom>(`${base}/order`, { method: 'PUT', body: { postingIds } }), onSuccess: set }),
    pin: useMutation({ mutationFn: (postingId: number | null) => api<LiveRoom>(`${base}/pin`, { method: 'PUT', body: { postingId } }), onSuccess: set }),
    viewers: useMutation({
      mutationFn: (input: { viewers: number; version: number }) => api<LiveRoom>(`${base}/viewers`, { method: 'PUT', body: input }),
      onSuccess: set,
    }),
    refresh: () => client.invalidateQueries({ queryKey: roomKey(id) }),
  };
}

/** A key that survives a retry of the same tap in the room (a lost answer is retried, not doubled). */
export function liveApplyKey(eventId: number, postingId: number): string {
  const name = `chuanyu.live-apply.${eventId}.${postingId}`;
  let key = sessionStorage.getItem(name);
  if (!key) { key = `live-${eventId}-${postingId}-${crypto.randomUUID()}`; sessionStorage.setItem(name, key); }
  return key;
}

export const applyInRoom = (eventId: number, postingId: number) =>
  api<{ id: number; postingId: number; status: string }>(`/api/events/${eventId}/live/postings/${postingId}/applications`, {
    method: 'POST', body: {}, headers: { 'idempotency-key': liveApplyKey(eventId, postingId) },
  });

/** Where the session stands for a viewer: on air, coming, over, or called off (China time is the server's). */
export function sessionPhase(room: Pick<LiveRoom, 'event'>, now: Date): 'live' | 'upcoming' | 'ended' | 'cancelled' {
  const { status, startsAt, endsAt } = room.event;
  if (status === 'cancelled') return 'cancelled';
  if (status === 'held' || now.getTime() > Date.parse(endsAt)) return 'ended';
  return now.getTime() >= Date.parse(startsAt) ? 'live' : 'upcoming';
}

/** The console's search for postings to feature: the public job search, either province or both. */
export const useJobPicker = (query: { q: string; region?: string | undefined; page: number }) => useQuery({
  queryKey: ['live-job-picker', query],
  queryFn: () => api<JobSearchPage>('/api/jobs', { query: { ...query, pageSize: 8 } }),
  placeholderData: keepPreviousData,
});
