import type { zh } from './services-membership.js';

// English of services-membership.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'services.membership.not_found': 'No such membership application',
  'services.membership.workers_only': 'Apply for membership with a job seeker (worker) account; staff record applications at a fair desk',
  'services.membership.duplicate': 'You have already applied to {{union}} ({{refNo}}, {{status}}); a second application is not possible',
  'services.membership.other_union': 'This application is handled by {{union}}, outside your union\'s scope',
  'services.membership.review_owner_only': 'This application is handled by {{union}}; only {{union}} staff may review it or see it in full',
  'services.membership.not_submitted': 'Only applications waiting for review can be handled (this one: {{status}})',
  'services.membership.reason_required': 'Give the reason for not approving',
  'services.membership.reveal_reason': 'Give a reason for viewing (at least 2 characters)',
  'services.membership.name_required': 'Enter the name',
  'services.membership.name_too_long': 'The name may have at most 50 characters',
  'services.membership.employer_required': 'Choose a registered employer or type the employer\'s name',
  'services.membership.employer_too_long': 'The employer\'s name may have at most 100 characters',
  'services.membership.event_required': 'Choose the fair together with its visitor',
  'services.membership.event_unknown': 'No such fair',
  'services.membership.visitor_unknown': 'This visitor is not registered for that fair',
  'services.membership.desk_only': 'Only union staff record membership applications at a fair desk',
  'services.membership.card_not_found': 'No such membership card: check that the QR code or link is complete',
  'services.membership.status.submitted': 'waiting for review',
  'services.membership.status.approved': 'approved',
  'services.membership.status.rejected': 'not approved',
  'services.membership.status.withdrawn': 'withdrawn',
  'services.membership.notify.submitted': 'New membership application {{refNo}} to review by {{dueOn}}',
  'services.membership.notify.approved': 'Your membership is approved: member no. {{memberNo}} ({{union}}); see "My membership card"',
  'services.membership.notify.rejected': 'Your membership application ({{refNo}}) was not approved: {{reason}}',
};
