import { startPeriodicJob } from '../../platform/jobs.js';
import type { Logger } from 'pino';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { dispatchOutbox, notify, senderSetting, sendersFor, type DispatchResult, type NotifyInput } from '../../platform/notify.js';
import { todayIso } from '../jobs/postings.service.js';
import { daysBetween, owedReports, reminderOccasion } from './periods.js';
import * as repo from './reports.repo.js';

// Reminders of the agreement's work (issue 7 §2): before an item's due date and before a report's
// due date to the responsible unions' staff (7 and 1 days before; an overdue report once), and a
// submitted report to its federation's staff. Every reminder carries a dedupe key naming its
// subject and occasion, so running the job again (or on two servers) writes nothing twice.

const REPORTS_PAGE = '/admin/cooperation/reports';

/** Tell the reviewing federation's staff that a report was submitted (once per submission). */
export async function notifySubmitted(db: Executor, r: { id: number; union_federation: '50' | '51'; union_name: string; item_code: string; item_title: string; period: string; submitted_at: Date | null }) {
  const federationUnion = await repo.federationUnionId(db, r.union_federation);
  if (!federationUnion || !r.submitted_at) return { created: false };
  return notify(db, {
    target: { unionId: federationUnion }, kind: 'coop.report_submitted', messageKey: 'coop.reports.notify.submitted',
    params: { union: r.union_name, item: `${r.item_code} ${r.item_title}`, period: r.period }, link: `${REPORTS_PAGE}?report=${r.id}`,
    dedupeKey: `report:${r.id}:submitted:${r.submitted_at.getTime()}`,
  });
}

/** Tell the report's union that it was accepted or returned (with the note). */
export async function notifyReviewed(db: Executor, r: { id: number; union_id: string; item_code: string; item_title: string; period: string; version: number }, outcome: 'accepted' | 'returned', note: string) {
  return notify(db, {
    target: { unionId: r.union_id }, kind: `coop.report_${outcome}`, messageKey: outcome === 'accepted' ? 'coop.reports.notify.accepted' : 'coop.reports.notify.returned',
    params: { item: `${r.item_code} ${r.item_title}`, period: r.period, note: note || '—' }, link: `${REPORTS_PAGE}?report=${r.id}`,
    dedupeKey: `report:${r.id}:${outcome}:v${r.version}`,
  });
}

export interface ReminderRun { today: string; created: number; skipped: number }

/** The reminder job for one China date: writes each occasion's notification once. */
export async function runReminders(ctx: AppContext, today = todayIso()): Promise<ReminderRun> {
  const run: ReminderRun = { today, created: 0, skipped: 0 };
  const send = async (input: NotifyInput) => {
    const { created } = await ctx.db.transaction().execute((trx) => notify(trx, input));
    if (created) run.created++;
    else run.skipped++;
  };
  const items = await repo.openItems(ctx.db, null);
  for (const item of items) {
    const occasion = reminderOccasion(item.due_on, today);
    if (!occasion) continue;
    for (const unionId of item.unionIds) {
      await send({
        target: { unionId }, kind: 'coop.item_due', messageKey: 'coop.reports.notify.item_due',
        params: { item: `${item.code} ${item.title}`, dueOn: item.due_on, days: daysBetween(today, item.due_on) }, link: `/admin/cooperation/items/${item.id}`,
        dedupeKey: `item:${item.id}:${unionId}:${item.due_on}:${occasion}`,
      });
    }
  }
  const states = await repo.reportStates(ctx.db, items.map((i) => i.id));
  const owed = owedReports(
    items.map((i) => ({ id: i.id, startsOn: i.starts_on, dueOn: i.due_on, done: i.done, unionIds: i.unionIds })),
    states.map((s) => ({ id: s.id, itemId: s.item_id, unionId: s.union_id, period: s.period, status: s.status })),
    today,
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const o of owed) {
    const occasion = reminderOccasion(o.dueOn, today, { overdue: true });
    if (!occasion) continue;
    const item = byId.get(o.itemId)!;
    await send({
      target: { unionId: o.unionId }, kind: occasion === 'overdue' ? 'coop.report_overdue' : 'coop.report_due',
      messageKey: occasion === 'overdue' ? 'coop.reports.notify.report_overdue' : 'coop.reports.notify.report_due',
      params: { item: `${item.code} ${item.title}`, period: o.period, dueOn: o.dueOn, days: o.daysLeft }, link: REPORTS_PAGE,
      dedupeKey: `report:${o.itemId}:${o.unionId}:${o.period}:${occasion}`,
    });
  }
  for (const r of await repo.submittedReports(ctx.db)) {
    const { created } = await ctx.db.transaction().execute((trx) => notifySubmitted(trx, {
      id: r.id, union_federation: r.federation, union_name: r.union_name, item_code: r.code, item_title: r.title, period: r.period, submitted_at: r.submitted_at,
    }));
    if (created) run.created++;
    else run.skipped++;
  }
  return run;
}

export const REMINDER_INTERVAL_MS = 60 * 60_000;

/**
 * Run the reminders and send the outbox now and then every hour (CHUANYU_SENDER chooses the
 * sender); returns the function that stops it. Runs never overlap.
 */
export function startReminderJob(ctx: AppContext, log: Pick<Logger, 'info' | 'warn'>, options: { intervalMs?: number; firstDelayMs?: number } = {}): () => Promise<void> {
  const senders = sendersFor(senderSetting(), log);
  return startPeriodicJob('reminder job', async () => {
    const run = await runReminders(ctx);
    const sent: DispatchResult = await dispatchOutbox(ctx.db, ctx.crypto, senders);
    if (run.created || sent.sent || sent.failed) log.info({ ...run, ...sent }, 'reminders');
  }, log, { intervalMs: options.intervalMs ?? REMINDER_INTERVAL_MS, firstDelayMs: options.firstDelayMs ?? 5_000 });
}
