import type { zh } from './coop.js';

// English of coop.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'coop.agreement_not_found': 'Agreement not found',
  'coop.item_not_found': 'Work item not found',
  'coop.report_not_found': 'Progress report not found',
  'coop.meeting_not_found': 'Joint meeting not found',
};
