import type { zh } from './coop.js';

// English of coop.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'coop.menu': 'Joint work',
  'coop.nav.overview': 'Agreement & work items',
  'coop.nav.reports': 'Progress reports',
  'coop.nav.meetings': 'Joint meetings',
  'coop.nav.dashboard': 'Leaders\' dashboard',
};
