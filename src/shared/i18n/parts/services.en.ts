import type { zh } from './services.js';

// English of services.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'services.enterprise_unknown': 'The chosen employer does not exist; choose again or type the employer\'s name',
  'services.consent_required': 'Please read and agree to how your personal data is collected and used',
  'services.category.wage_arrears': 'Unpaid wages',
  'services.category.labour_contract': 'Labour contract',
  'services.category.social_insurance': 'Social insurance',
  'services.category.work_injury': 'Work injury',
  'services.category.dismissal': 'Dismissal',
  'services.category.mutual_aid': 'Mutual aid',
  'services.category.other': 'Other',
  'services.consent.consultation': 'To handle your consultation or rights request the union collects your name, phone, place of work, employer and the documents you provide, uses them only for this request, and only the union handling it reads them.',
  'services.consent.membership': 'To handle your membership the union collects your name, ID number, phone and employer, for the review and the membership register.',
  'services.consent.aid_enrolment': 'An employer enrolling its workers in mutual aid submits their names, ID numbers and phones, used only for enrolment and benefits.',
  'services.consent.aid_claim': 'To handle your mutual-aid claim the union collects your identity, what happened and the documents, used only to review the claim.',
  'services.consent.visitor_share': 'I agree that this fair\'s desks (check-in, legal advice, membership, mutual aid) see my records at this fair together, so that everything is done in one visit.',
};
