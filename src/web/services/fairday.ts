import { useQuery } from '@tanstack/react-query';
import { api, type Page } from './client.js';
import type { EventSummary, SeasonEvent, SeasonSummary } from './seasons.js';

// The fair day on phones (issue 5 §4–5): visitors' tickets, the staff's check-in, the booth's scans.

export interface Ticket {
  id: number; eventId: number; name: string; phoneMasked: string; ticketCode: string; token: string;
  checkedInAt: string | null; source: 'online' | 'onsite';
}
export interface VisitorResult { visitor: Ticket; duplicate: boolean; registered?: boolean }
export interface VisitorInput { name: string; phone: string; regionCode?: string | null; consent: boolean; checkIn?: boolean }

export interface Intent {
  id: number; eventId: number; status: 'proposed' | 'confirmed' | 'declined' | 'cancelled'; salary: number; startDate: string; note: string;
  posting: { title: string }; enterprise: { name: string }; visitor: { name: string; phoneMasked: string };
  employerConfirmedAt: string; visitorConfirmedAt: string | null;
}
export interface TicketView { eventId: number; name: string; phoneMasked: string; ticketCode: string; checkedInAt: string | null; intents: Intent[] }

export interface PublicBooth {
  number: string; zone: string;
  enterprise: { name: string; industrySection: string; regionCode: string } | null;
  postings: { id: number; title: string; salaryMin: number | null; salaryMax: number | null; salaryNegotiable: boolean; headcount: number }[];
}
export interface FloorPlan {
  zones: { id: number; kind: string; name: string; rows: number; cols: number }[];
  booths: { id: number; number: string; zoneId: number; row: number; col: number; enterprise: { name: string; industrySection: string } | null }[];
}
export interface BoothRecord { id: number; kind: 'consultation' | 'interview'; visitor: { name: string; phoneMasked: string }; enterprise: { id: string; name: string }; createdAt: string }
export interface MySignup {
  id: number; eventId: number; enterprise: { id: string; name: string }; status: 'pending' | 'approved' | 'rejected' | 'withdrawn'; booth: string | null;
  postings: { id: number; title: string; jobTypeCode: string; headcount: number; status: string }[];
}

/** Open and recent events of the published seasons, soonest first (the fairs list on the phone). */
export const useFairEvents = () => useQuery({
  queryKey: ['fair-events'],
  queryFn: async () => {
    const seasons = await api<Page<SeasonSummary>>('/api/seasons', { query: { page: 1, pageSize: 20 } });
    const pages = await Promise.all(seasons.items.map(async (s) => ({
      season: s, events: (await api<Page<EventSummary>>(`/api/seasons/${s.id}/events`, { query: { page: 1, pageSize: 100 } })).items,
    })));
    return pages.filter((p) => p.events.length > 0);
  },
});

export const usePublicEvent = (id: number) => useQuery({ queryKey: ['event', id], queryFn: () => api<SeasonEvent>(`/api/events/${id}`), retry: false });

export const useFloorPlan = (id: number, enabled: boolean) => useQuery({
  queryKey: ['floor-plan', id], queryFn: () => api<FloorPlan>(`/api/events/${id}/floor-plan`), enabled,
});

export const usePublicBooth = (eventId: number, number: string | null) => useQuery({
  queryKey: ['booth', eventId, number], queryFn: () => api<PublicBooth>(`/api/events/${eventId}/booths/${encodeURIComponent(number!)}`), enabled: !!number, retry: false,
});

/** The visitor's ticket and the intents offered to him; polled so that an employer's offer shows up. */
export const useTicketView = (token: string) => useQuery({
  queryKey: ['ticket', token], queryFn: () => api<TicketView>(`/api/tickets/${encodeURIComponent(token)}`), retry: false, refetchInterval: 10_000,
});

/** The employer's own sign-up to the event (with its booth and postings), or null. */
export const useMySignup = (eventId: number, enabled: boolean) => useQuery({
  queryKey: ['my-signup', eventId],
  enabled,
  queryFn: async () => {
    const list = await api<Page<{ id: number; status: string }>>(`/api/events/${eventId}/signups`, { query: { page: 1, pageSize: 20 } });
    const approved = list.items.find((s) => s.status === 'approved') ?? list.items[0];
    return approved ? api<MySignup>(`/api/signups/${approved.id}`) : null;
  },
});

// Tickets of this phone: a visitor without an account finds his ticket again after a reload.
const TICKETS_KEY = 'chuanyu.tickets';
export interface StoredTicket { eventId: number; eventName: string; token: string; ticketCode: string; name: string }

export function storedTickets(): StoredTicket[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(TICKETS_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as StoredTicket[]) : [];
  } catch {
    return [];
  }
}

export function storeTicket(ticket: StoredTicket): void {
  const rest = storedTickets().filter((t) => t.token !== ticket.token && t.eventId !== ticket.eventId);
  try { localStorage.setItem(TICKETS_KEY, JSON.stringify([ticket, ...rest].slice(0, 20))); } catch { /* private mode */ }
}
