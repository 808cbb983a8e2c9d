import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../i18n/index.js';
import { api, ApiError, type Page } from './client.js';
import type { RegionRef } from './employment.js';

// Employment service seasons and their events (server: modules/seasons, seasons.schemas.ts).

export const SEASON_STATUSES = ['draft', 'published', 'closed'] as const;
export type SeasonStatus = (typeof SEASON_STATUSES)[number];
export const HOST_ROLES = ['guide', 'host', 'co_host', 'organiser'] as const;
export type HostRole = (typeof HOST_ROLES)[number];
export const GOALS = ['enterprises', 'positions', 'checkins', 'consultations', 'interviews', 'intents', 'fairs', 'livestreams', 'onlineFairs', 'forums'] as const;
export type Goal = (typeof GOALS)[number];
/** The goals the season form asks for; others set through the API are kept on edit. */
export const FORM_GOALS = ['livestreams', 'positions', 'enterprises', 'checkins', 'intents'] as const satisfies readonly Goal[];
export const EVENT_KINDS = ['fair', 'online', 'livestream', 'forum'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['draft', 'open', 'held', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const ZONE_KINDS = ['booths', 'demonstration', 'rights', 'membership', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export interface SeasonSummary { id: number; name: string; theme: string; startsOn: string; endsOn: string; status: SeasonStatus }
export interface SeasonHost { name: string; unionId: string | null; role: HostRole }
export interface GoalProgress { goal: Goal; target: number; value: number; ratio: number }

export interface Season extends SeasonSummary {
  description: string;
  ownerUnion: { id: string; name: string };
  hosts: SeasonHost[];
  goals: GoalProgress[];
  version: number;
  permissions: { edit: boolean; addEvent: boolean };
}

export interface SeasonInput {
  name: string;
  theme?: string;
  description?: string;
  startsOn: string;
  endsOn: string;
  ownerUnionId?: string;
  hosts?: { name: string; unionId?: string | null; role: HostRole }[];
  goals?: Partial<Record<Goal, number>>;
  status?: SeasonStatus;
}

export interface Figures { enterprises: number; jobTypes: number; positions: number; checkins: number; consultations: number; interviews: number; intents: number }
export interface SeasonStats extends Figures {
  byFederation: { '50': Figures; '51': Figures };
  events: { fair: number; online: number; livestream: number; forum: number; held: number };
  at: string;
}

export interface EventSummary {
  id: number;
  seasonId: number;
  kind: EventKind;
  name: string;
  venue: string;
  region: RegionRef;
  startsAt: string;
  endsAt: string;
  status: EventStatus;
  capacity: number | null;
  hostUnion: { id: string; name: string };
}

export interface LivestreamDetails { platform: string; streamUrl: string }
export interface ForumDetails { agenda: { time: string; title: string }[]; speakers: { name: string; title: string }[] }
export interface ZoneInput { kind: ZoneKind; name: string; rows: number; cols: number }

export interface SeasonEvent extends EventSummary {
  description: string;
  livestream: LivestreamDetails | null;
  forum: ForumDetails | null;
  zones: (ZoneInput & { id: number; position: number; booths: number })[];
  version: number;
  permissions: { edit: boolean };
}

export interface EventInput {
  kind: EventKind;
  name: string;
  description?: string;
  hostUnionId?: string;
  regionCode: string;
  venue?: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  livestream?: LivestreamDetails;
  forum?: ForumDetails;
  zones?: ZoneInput[];
  status?: EventStatus;
}

export const useSeasons = (query: { page: number; pageSize: number }) => useQuery({
  queryKey: ['seasons', query],
  // all=1: staff also see the drafts of their scope.
  queryFn: () => api<Page<SeasonSummary>>('/api/seasons', { query: { ...query, all: 1 } }),
  placeholderData: keepPreviousData,
});

export const useSeason = (id: number) => useQuery({ queryKey: ['season', id], queryFn: () => api<Season>(`/api/seasons/${id}`), retry: false });

/** Live figures; the server counts only published and closed seasons (a draft answers 404). */
export const useSeasonStats = (id: number, enabled: boolean) => useQuery({
  queryKey: ['season-stats', id],
  queryFn: () => api<SeasonStats>(`/api/seasons/${id}/stats`),
  enabled,
  refetchInterval: 30_000,
});

export const useSeasonEvents = (id: number, query: { page: number; pageSize: number; kind?: EventKind | undefined }) => useQuery({
  queryKey: ['season-events', id, query],
  queryFn: () => api<Page<EventSummary>>(`/api/seasons/${id}/events`, { query }),
  placeholderData: keepPreviousData,
});

export const useEvent = (id: number | null) => useQuery({
  queryKey: ['event', id],
  queryFn: () => api<SeasonEvent>(`/api/events/${id}`),
  enabled: id !== null,
});

/** Create (no id) or change (id and version) a season; lists and the season's page refresh. */
export function useSaveSeason() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: SeasonInput & { version?: number } }) => (id
      ? api<Season>(`/api/seasons/${id}`, { method: 'PATCH', body })
      : api<Season>('/api/seasons', { method: 'POST', body })),
    onSuccess: async (season) => {
      queryClient.setQueryData(['season', season.id], season);
      await queryClient.invalidateQueries({ queryKey: ['seasons'] });
      await queryClient.invalidateQueries({ queryKey: ['season-stats', season.id] });
    },
  });
}

/** Create an event in a season (no id) or change one (id and version; the kind stays). */
export function useSaveEvent(seasonId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: EventInput | (Omit<EventInput, 'kind'> & { version: number }) }) => (id
      ? api<SeasonEvent>(`/api/events/${id}`, { method: 'PATCH', body })
      : api<SeasonEvent>(`/api/seasons/${seasonId}/events`, { method: 'POST', body })),
    onSuccess: async (event) => {
      queryClient.setQueryData(['event', event.id], event);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['season-events', seasonId] }),
        queryClient.invalidateQueries({ queryKey: ['season', seasonId] }),
        queryClient.invalidateQueries({ queryKey: ['season-stats', seasonId] }),
      ]);
    },
  });
}

// Events happen in China: times are entered and shown as China time (UTC+8, no daylight saving),
// whatever the browser's own time zone.
export const CHINA_TZ = 'Asia/Shanghai';
const wallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: CHINA_TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An instant as China wall-clock time, "YYYY-MM-DD HH:mm:ss" (for a date picker). */
export const toChinaWallClock = (iso: string): string => wallClock.format(new Date(iso));

/** A China wall-clock time "YYYY-MM-DDTHH:mm" as an ISO instant with its offset. */
export const fromChinaWallClock = (local: string): string => `${local}:00+08:00`;

// Composed by hand: ICU's zh interval patterns are numeric ("2026/12/5 09:00–17:00").
const dayOf = (lang: string, timeZone: string) => new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium' });

/** "2026年12月5日 09:00–17:00" (one day) or "2026年12月5日 09:00 – 2026年12月7日 17:00", China time. */
export function formatTimeRange(lang: string, startsAt: string, endsAt: string): string {
  const [start, end] = [new Date(startsAt), new Date(endsAt)];
  const day = dayOf(lang, CHINA_TZ);
  const time = new Intl.DateTimeFormat(lang, { timeZone: CHINA_TZ, timeStyle: 'short', hourCycle: 'h23' });
  return day.format(start) === day.format(end)
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

/** "2026年12月1日 – 2027年2月28日" for two China dates ("YYYY-MM-DD"). */
export function formatDateRange(lang: string, startsOn: string, endsOn: string): string {
  // Noon UTC keeps the calendar day whatever the browser's zone.
  const day = dayOf(lang, 'UTC');
  return `${day.format(new Date(`${startsOn}T12:00:00Z`))} – ${day.format(new Date(`${endsOn}T12:00:00Z`))}`;
}

// Reports and booth cards (server: modules/stats): files the browser saves.
export const reportUrls = {
  season: (id: number, format: 'xlsx' | 'pdf') => `/api/seasons/${id}/report.${format}`,
  intents: (seasonId: number, eventId?: number) => `/api/seasons/${seasonId}/intents.csv${eventId ? `?eventId=${eventId}` : ''}`,
  event: (id: number, format: 'xlsx' | 'pdf') => `/api/events/${id}/report.${format}`,
  boothCard: (signupId: number) => `/api/signups/${signupId}/booth-card.pdf`,
  boothCards: (eventId: number) => `/api/events/${eventId}/booth-cards.pdf`,
};

/**
 * Fetch a generated file and save it under the name the server gives (RFC 5987 filename*, Chinese);
 * an error answer throws its ApiError (its message in the user's language), a dropped network status 0.
 */
export async function downloadFile(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': currentLang } });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!res.ok) {
    const e = await res.json().catch(() => ({})) as { code?: string; message?: string };
    throw new ApiError(res.status, e.code ?? `http.${res.status}`, e.message ?? `HTTP ${res.status}`);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : /filename="([^"]+)"/.exec(disposition)?.[1] ?? url.split('/').pop()!;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}
