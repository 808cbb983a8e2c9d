import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api, ApiError, type Page } from '../../../services/client.js';

// Joint meetings as the admin pages use them (server: modules/cooperation/meetings.routes.ts).

export type MeetingStatus = 'planned' | 'held';
export type VisitKind = 'visit' | 'activity';
export interface Named { id: string; name: string }
export interface MeetingFile { id: string; name: string; mime: string; size: number }

export interface MeetingSummary {
  id: number; agreement: { id: number; title: string }; title: string; heldOn: string; place: string; hostUnion: Named; status: MeetingStatus;
  counts: { attendees: number; agenda: number; speeches: number; visits: number; decisions: number };
}
export interface Meeting {
  id: number; agreement: { id: number; title: string }; title: string; heldOn: string; place: string; hostUnion: Named; status: MeetingStatus; minutes: string;
  attendees: { name: string; position: string; union: Named | null; organisation: string }[];
  agenda: { startsAt: string; title: string; presenter: string }[];
  speeches: { union: Named; speaker: string; title: string; body: string; file: MeetingFile | null }[];
  visits: { kind: VisitKind; site: string; purpose: string }[];
  decisions: { text: string; ownerUnion: Named | null; dueOn: string | null; workItem: { id: number; code: string; title: string } | null }[];
  version: number; updatedAt: string; me: { canManage: boolean };
}
/** The document as PUT/POST send it. */
export interface MeetingBody {
  title: string; heldOn: string; place: string; hostUnionId: string; status: MeetingStatus; minutes: string;
  attendees: { name: string; position: string; unionId: string | null; organisation: string }[];
  agenda: { startsAt: string; title: string; presenter: string }[];
  speeches: { unionId: string; speaker: string; title: string; body: string; fileId: string | null }[];
  visits: { kind: VisitKind; site: string; purpose: string }[];
  decisions: { text: string; ownerUnionId: string | null; dueOn: string | null; workItemId: number | null }[];
}
export interface MeetingOptions {
  agreements: { id: number; title: string; signedOn: string }[];
  items: { id: number; code: string; title: string; year: number; area: string }[];
}

export const meetingUrl = (id: number) => `/api/cooperation/meetings/${id}`;
export const packUrl = (id: number) => `${meetingUrl(id)}/pack.pdf`;
export const fileUrl = (id: number, fileId: string) => `${meetingUrl(id)}/files/${fileId}`;

export const useMeetings = (query: { page: number; pageSize: number; agreementId?: number | undefined }) =>
  useQuery({
    queryKey: ['coop-meetings', query], placeholderData: keepPreviousData,
    queryFn: () => api<Page<MeetingSummary> & { me: { canManage: boolean } }>('/api/cooperation/meetings', { query }),
  });
export const useMeeting = (id: number) => useQuery({ queryKey: ['coop-meeting', id], queryFn: () => api<Meeting>(meetingUrl(id)) });
export const useMeetingOptions = (agreementId: number | undefined, enabled = true) =>
  useQuery({
    queryKey: ['coop-meeting-options', agreementId ?? null], enabled, staleTime: 60_000,
    queryFn: () => api<MeetingOptions>('/api/cooperation/meetings/options', { query: { agreementId } }),
  });

/** Create (no id) or replace a meeting at its version; refreshes the list and the page. */
export function useSaveMeeting(meeting: Meeting | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingBody & { agreementId?: number }) => (meeting
      ? api<Meeting>(meetingUrl(meeting.id), { method: 'PUT', body: { ...body, version: meeting.version } })
      : api<Meeting>('/api/cooperation/meetings', { method: 'POST', body })),
    onSuccess: async (saved) => {
      client.setQueryData(['coop-meeting', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['coop-meetings'] });
    },
  });
}

/** Upload a speech attachment (checked by its content on the server). */
export async function uploadMeetingFile(file: File): Promise<MeetingFile> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch('/api/cooperation/meeting-files', { method: 'POST', body: form, credentials: 'same-origin', headers: { 'accept-language': currentLang } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body.code ?? `http.${res.status}`, body.message ?? `HTTP ${res.status}`, body.issues ?? []);
  return body as MeetingFile;
}

/** The meeting's document as the editor starts from it. */
export function bodyOf(m: Meeting): MeetingBody {
  return {
    title: m.title, heldOn: m.heldOn, place: m.place, hostUnionId: m.hostUnion.id, status: m.status, minutes: m.minutes,
    attendees: m.attendees.map((a) => ({ name: a.name, position: a.position, unionId: a.union?.id ?? null, organisation: a.organisation })),
    agenda: m.agenda,
    speeches: m.speeches.map((s) => ({ unionId: s.union.id, speaker: s.speaker, title: s.title, body: s.body, fileId: s.file?.id ?? null })),
    visits: m.visits,
    decisions: m.decisions.map((d) => ({ text: d.text, ownerUnionId: d.ownerUnion?.id ?? null, dueOn: d.dueOn, workItemId: d.workItem?.id ?? null })),
  };
}
