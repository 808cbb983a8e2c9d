import { randomBytes } from 'node:crypto';

// Membership numbers and card codes (issue 8 §2). Pure apart from the random bytes a card code is
// drawn from.

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China calendar date (yyyy-mm-dd) of a moment — joined_on, "today" of the review queue. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A membership number: the federation ('50' 重庆, '51' 四川), the China year of approval and a
 * 7-digit number from membership_no_seq — e.g. 5020260000123, read out over the phone.
 */
export function formatMemberNo(federation: '50' | '51', at: Date, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 9_999_999) throw new RangeError(`membership sequence ${seq} out of 1..9999999`);
  return `${federation}${chinaDate(at).slice(0, 4)}${String(seq).padStart(7, '0')}`;
}

/** The length in characters of a card code (18 random bytes in base64url: 144 bits, never guessed). */
export const CARD_CODE_LENGTH = 24;
export const CARD_CODE_PATTERN = /^[A-Za-z0-9_-]{24,64}$/;

/** The unguessable code in a membership card's QR (the public check's address). */
export function newCardCode(bytes: (n: number) => Buffer = randomBytes): string {
  return bytes(18).toString('base64url');
}

/** Whether a membership application is past its promised review date (still waiting after due_on, China date). */
export function isReviewOverdue(row: { status: string; reviewDueOn: string }, now: Date): boolean {
  return row.status === 'submitted' && row.reviewDueOn < chinaDate(now);
}
