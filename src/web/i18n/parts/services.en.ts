import { en as server } from '../../../shared/i18n/parts/services.en.js';
import type { zh } from './services.js';

// English of services.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  ...server,
  'services.menu': 'Worker services',
  'services.nav.queue': 'Consultations',
  'services.nav.membership': 'Membership review',
  'services.nav.aid': 'Mutual aid',
  'services.nav.desk': 'Fair desk',
  'services.nav.figures': 'Service figures',
  'services.menu_enrol': 'Mutual-aid enrolment',
};
