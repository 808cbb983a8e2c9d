import type { zh } from './fairday.js';

// English of fairday.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'idempotency.key_reused': 'This Idempotency-Key was already used for another request; use a new key for a new request',
  'seasons.booths_fair_only': 'Only on-site fairs have booths',
  'seasons.booth_number_not_found': 'This fair has no booth {{number}}',
};
