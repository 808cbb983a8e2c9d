import type { zh } from './services-figures.js';

// English of services-figures.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'services.sweep.notify.escalated': 'Request {{ref}} handled by {{union}} is past its answer time without an answer; please follow it up',
  'services.sweep.notify.escalated_owner': 'Request {{ref}} is past its answer time without an answer and has been raised to the federation; please answer soon',
  'services.sweep.notify.auto_closed': 'Your request {{ref}} had no new question for {{days}} days after the answer and has been closed; you can reopen it within 30 days',
  'services.figures.date_format': 'Dates must be yyyy-mm-dd',
  'services.figures.period_order': 'The end date cannot be before the start date',
  'services.figures.period_too_long': 'The period can be at most {{years}} years',
  'services.figures.union_not_found': 'The chosen union does not exist',
  'services.figures.other_union': '{{union}} is outside your scope: its service figures are not yours to see',
};
