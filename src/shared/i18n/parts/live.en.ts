import type { zh } from './live.js';

// English of live.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'live.not_livestream': 'This event is not a livestream session',
  'live.event_cancelled': 'This livestream session has been cancelled',
  'live.posting_not_featured': 'This job is not featured in this session',
  'live.posting_unavailable': 'Job {{id}} is not published or has expired and cannot be featured',
  'live.already_featured': '“{{title}}” is already featured in this session',
  'live.too_many': 'A session can feature at most {{max}} jobs',
  'live.order_duplicate': 'A job appears twice in the order',
  'live.order_stale': 'Someone else changed the featured jobs; refresh and reorder',
  'live.viewers_stale': 'Someone else has just entered {{viewers}} viewers; check and enter again',
};
