import type { zh } from './reports.js';

// English of reports.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'reports.export_xlsx': 'Export report (Excel)',
  'reports.export_pdf': 'Export report (PDF)',
  'reports.intents_csv': 'Hiring intents CSV',
  'reports.intents_csv_hint': "Visitors' names and masked phones, for follow-up calls; the download is recorded in the audit log",
  'reports.downloaded': 'Downloaded: {{name}}',
  'audit.action.report.season_xlsx': 'Season report downloaded (Excel)',
  'audit.action.report.season_pdf': 'Season report downloaded (PDF)',
  'audit.action.report.event_xlsx': 'Event report downloaded (Excel)',
  'audit.action.report.event_pdf': 'Event report downloaded (PDF)',
  'audit.action.report.intents_csv': 'Hiring intents list downloaded',
};
