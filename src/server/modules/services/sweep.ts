import { startPeriodicJob } from '../../platform/jobs.js';
import type { Logger } from 'pino';
import type { AppContext } from '../../platform/context.js';
import { notify } from '../../platform/notify.js';
import { AUTO_CLOSE_DAYS } from './services.rules.js';
import * as repo from './sweep.repo.js';

// The service-level sweep of worker requests (issue 8 §1): a request without a first answer past
// its due time is raised to the owner union's federation (once: escalated_at), and an answered
// request the worker leaves alone closes by itself AUTO_CLOSE_DAYS after the latest answer. Each
// batch claims its rows in one UPDATE … RETURNING (sweep.repo.ts) and writes the history line and
// the notifications in the same transaction, so a second run, or a second server, changes nothing.

const BATCH = 500;
const DAY_MS = 24 * 3600_000;

export interface SweepRun { escalated: number; autoClosed: number }

const requestPage = (id: string) => `/admin/services/requests/${id}`;

/** One sweep at `now`: escalate overdue unanswered requests, auto-close answered ones left alone. */
export async function sweepServiceRequests(ctx: AppContext, now = new Date()): Promise<SweepRun> {
  const run: SweepRun = { escalated: 0, autoClosed: 0 };
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.claimOverdue(trx, now, BATCH);
      await repo.insertEvents(trx, rows.map((r) => ({
        requestId: r.id, action: 'escalated', fromStatus: r.status, toStatus: r.status, fromUnionId: r.owner_union_id, toUnionId: r.federation_union_id, at: now,
      })));
      for (const r of rows) {
        const params = { ref: r.ref_no, union: r.owner_name };
        await notify(trx, {
          target: { unionId: r.federation_union_id }, kind: 'services.escalated', messageKey: 'services.sweep.notify.escalated', params,
          link: requestPage(r.id), dedupeKey: `service:${r.id}:escalated`,
        });
        // The owner union hears it too, unless it is the federation itself.
        if (r.owner_union_id !== r.federation_union_id) {
          await notify(trx, {
            target: { unionId: r.owner_union_id }, kind: 'services.escalated', messageKey: 'services.sweep.notify.escalated_owner', params,
            link: requestPage(r.id), dedupeKey: `service:${r.id}:escalated:owner`,
          });
        }
      }
      return rows.length;
    });
    run.escalated += n;
    if (n < BATCH) break;
  }
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY_MS);
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.claimAnsweredBefore(trx, now, cutoff, BATCH);
      await repo.insertEvents(trx, rows.map((r) => ({
        requestId: r.id, action: 'auto_closed', fromStatus: 'answered', toStatus: 'closed', fromUnionId: null, toUnionId: null, at: now,
      })));
      for (const r of rows) {
        if (!r.user_id) continue; // a desk record of a worker without an account: nobody to tell in the app
        await notify(trx, {
          target: { userId: r.user_id }, kind: 'services.auto_closed', messageKey: 'services.sweep.notify.auto_closed',
          params: { ref: r.ref_no, days: AUTO_CLOSE_DAYS }, link: `/m/services/requests/${r.id}`,
          // A reopened request can close by itself again later: one notice per closing.
          dedupeKey: `service:${r.id}:auto_closed:${now.getTime()}`,
        });
      }
      return rows.length;
    });
    run.autoClosed += n;
    if (n < BATCH) break;
  }
  return run;
}

export const SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * Sweep now (after a short delay) and then every hour; returns the function that stops it, which
 * waits for a sweep in progress. Sweeps of one server never overlap; the outbox is sent by the
 * reminder job (cooperation/reminders.ts) that runs beside it.
 */
export function startServicesSweepJob(ctx: AppContext, log: Pick<Logger, 'info' | 'warn'>, options: { intervalMs?: number; firstDelayMs?: number } = {}): () => Promise<void> {
  return startPeriodicJob('services sweep', async () => {
    const run = await sweepServiceRequests(ctx);
    if (run.escalated || run.autoClosed) log.info(run, 'services sweep');
  }, log, { intervalMs: options.intervalMs ?? SWEEP_INTERVAL_MS, firstDelayMs: options.firstDelayMs ?? 6_000 });
}
