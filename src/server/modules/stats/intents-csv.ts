import type { MessageKey } from '../../../shared/i18n/index.js';
import { chinaDateTime } from './report-data.js';
import type { Translate } from './report-sections.js';
import type { IntentRow } from './reports.repo.js';

// The hiring intents as CSV for the unions' follow-up calls: UTF-8 with a byte-order mark so that
// Excel opens the Chinese correctly, CRLF lines, RFC 4180 quoting. Phones only masked.

/** A cell as CSV: quoted when it must be; a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

type FollowUp = { due: string | null; done: Date | null; signed: boolean | null; started: boolean | null };

/** A follow-up as the union reads it: its outcome, or when it is due; nothing for an intent never confirmed. */
export function followUpText(f: FollowUp, t: Translate): string {
  if (!f.due) return '';
  if (!f.done) return t('reports.follow.pending', { due: f.due });
  return t('reports.follow.done', {
    contract: t(f.signed ? 'reports.follow.signed' : 'reports.follow.not_signed'), work: t(f.started ? 'reports.follow.started' : 'reports.follow.not_started'),
  });
}

/** The header and one line per intent. */
export function intentsCsv(rows: IntentRow[], t: Translate): string {
  const header = (['id', 'event', 'enterprise', 'credit_code', 'posting', 'salary', 'start_date', 'status', 'confirmed_at', 'visitor', 'phone', 'union', 'follow30', 'follow90'] as const)
    .map((k) => t(`reports.csv.${k}`));
  return toCsv([header, ...rows.map((r) => [
    r.id, r.event_name, r.enterprise_name, r.credit_code, r.title, r.salary, r.start_date, t(`reports.intent.${r.status}` as MessageKey),
    r.visitor_confirmed_at ? chinaDateTime(r.visitor_confirmed_at) : '', r.visitor_name, r.phone_masked, r.union_name,
    followUpText({ due: r.f30_due, done: r.f30_done, signed: r.f30_signed, started: r.f30_started }, t),
    followUpText({ due: r.f90_due, done: r.f90_done, signed: r.f90_signed, started: r.f90_started }, t),
  ])]);
}
