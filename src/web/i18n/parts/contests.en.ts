import type { zh } from './contests.js';

// English of contests.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'contests.menu': 'Skills contests',
  'contests.nav.setup': 'Contest & contestants',
  'contests.nav.scheme': 'Marking scheme',
  'contests.nav.scoring': 'Scoring & verification',
  'contests.nav.results': 'Results & certificates',
  'contests.m.entry': 'Skills contests',
};
