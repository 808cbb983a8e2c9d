import { timingSafeEqual } from 'node:crypto';
import type { FieldCrypto } from '../../platform/crypto.js';

// Visitor tickets (issue 5 §4): an 8-character code a person can type (no 0/O, 1/I/L), and the QR
// carrying a signed token "CY1.<event>.<code>.<mac>" so a scanner knows at once that a ticket is
// forged or belongs to another event. The MAC is keyed by the platform secret (HMAC-SHA256).

export const TICKET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE = new RegExp(`^[${TICKET_ALPHABET}]{8}$`);

const mac = (crypto: FieldCrypto, eventId: number, code: string): string => crypto.blindIndex('event.ticket', `${eventId}.${code}`).toString('base64url').slice(0, 16);

export function signTicket(crypto: FieldCrypto, eventId: number, code: string): string {
  return `CY1.${eventId}.${code}.${mac(crypto, eventId, code)}`;
}

export type ParsedTicket = { kind: 'code'; code: string } | { kind: 'token'; eventId: number; code: string } | { kind: 'forged' };

/** A scanned token or a typed code (spaces and case forgiven). */
export function parseTicket(crypto: FieldCrypto, input: string): ParsedTicket {
  const text = input.trim();
  const typed = text.replace(/[\s-]/g, '').toUpperCase();
  if (CODE.test(typed)) return { kind: 'code', code: typed };
  const m = /^CY1\.(\d{1,12})\.([A-Z0-9]{8})\.([A-Za-z0-9_-]{16})$/.exec(text);
  if (!m) return { kind: 'forged' };
  const eventId = Number(m[1]);
  const expected = Buffer.from(mac(crypto, eventId, m[2]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { kind: 'forged' };
  return { kind: 'token', eventId, code: m[2]! };
}
