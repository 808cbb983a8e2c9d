import { useQuery } from '@tanstack/react-query';
import { api } from '../../../services/client.js';

// The fair desk (issue 8 §4) as its page uses it (server: modules/services/fair-desk.routes.ts; the
// records themselves go to the requests and membership slices' desk endpoints).

export type Desk = 'consultation' | 'membership';
export interface DeskFair { id: number; name: string; venue: string; season: string; startsAt: string; endsAt: string; status: 'open' | 'held' }
export interface DeskView {
  event: { id: number; name: string };
  desk: Desk;
  visitor: { id: number; name: string; phoneMasked: string; ticketCode: string; checkedInAt: string | null };
  shared: boolean;
  sharedAt: string | null;
  checkin: { checkedInAt: string | null; source: 'online' | 'onsite'; registeredAt: string } | null;
  requests: { id: string; refNo: string; kind: 'consultation' | 'aid_claim'; category: string; status: string; subject: string | null; ownerUnion: { id: string; name: string }; createdAt: string }[];
  memberships: { id: string; refNo: string; status: string; memberNo: string | null; ownerUnion: { id: string; name: string }; createdAt: string }[];
  hidden: boolean;
  prefill: { name: string; phone: string };
}

const F = '/api/services/fair';

export const useDeskFairs = () => useQuery({ queryKey: ['services-desk', 'fairs'], queryFn: () => api<DeskFair[]>(`${F}/events`) });

export const deskApi = {
  byTicket: (eventId: number, code: string, desk: Desk) => api<DeskView>(`${F}/${eventId}/visitors/by-ticket/${encodeURIComponent(code.trim())}`, { query: { desk } }),
  visitor: (eventId: number, visitorId: number, desk: Desk) => api<DeskView>(`${F}/${eventId}/visitors/${visitorId}`, { query: { desk } }),
  share: (eventId: number, visitorId: number, desk: Desk) => api<DeskView>(`${F}/${eventId}/visitors/${visitorId}/share`, { method: 'POST', query: { desk }, body: { consent: true } }),
  unshare: (eventId: number, visitorId: number, desk: Desk) => api<DeskView>(`${F}/${eventId}/visitors/${visitorId}/share`, { method: 'DELETE', query: { desk } }),
  recordRequest: (body: Record<string, unknown>, key: string) =>
    api<{ refNo: string; ownerUnion: { name: string } }>('/api/services/desk/requests', { method: 'POST', body, headers: { 'idempotency-key': key } }),
  recordMembership: (body: Record<string, unknown>, key: string) =>
    api<{ refNo: string; ownerUnion: { name: string } }>('/api/services/desk/membership', { method: 'POST', body, headers: { 'idempotency-key': key } }),
};

/** A time as people in China read it: 11-27 11:05. */
export const chinaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
