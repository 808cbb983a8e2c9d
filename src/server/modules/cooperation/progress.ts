import type { AppContext } from '../../platform/context.js';
import { todayIso } from '../jobs/postings.service.js';
import { computeIndicators, indicatorValueOf, parseIndicator, type Indicator } from './indicators.js';
import * as repo from './items.repo.js';
import { itemStatus, percentOf, type ItemStatus, type StatusResult } from './status.js';

// Each work item's progress and status light, the one computation every page, the meeting pack,
// the dashboard and the yearly report use (never recomputed elsewhere):
//   manual items: value = the latest progress entry (work_items.manual_value);
//   indicator items: value computed now from platform data (indicators.ts);
//   percent = min(value / target, 1) × 100 to 1 decimal; status by status.ts on the China date.

export interface ItemProgress {
  value: number;
  target: number;
  unit: string;
  percent: number;
  status: ItemStatus;
  awaitingSignOff: boolean;
  /** i18n key of the status rule (coop.items.rule.*); its numbers are in ruleParams. */
  rule: string;
  ruleParams: StatusResult['ruleParams'];
  /** Federations that signed off so far ('50' 重庆, '51' 四川). */
  signedBy: ('50' | '51')[];
}

/** Progress and status of the given items (missing ids are simply absent), as on `today` (China date; default now). */
export async function itemProgress(ctx: AppContext, itemIds: number[], today?: string): Promise<Map<number, ItemProgress>> {
  const ids = [...new Set(itemIds)];
  const out = new Map<number, ItemProgress>();
  if (!ids.length) return out;
  const day = today ?? todayIso();
  const { items, signoffs } = await repo.progressInputs(ctx.db, ids);
  const specs = new Map<number, Indicator | null>();
  for (const it of items) if (it.progress_kind === 'indicator') specs.set(it.id, parseIndicator(it.indicator));
  const values = await computeIndicators(ctx, [...specs.values()].filter((s): s is Indicator => !!s));
  const signed = new Map<number, ('50' | '51')[]>();
  for (const s of signoffs) signed.set(s.item_id, [...(signed.get(s.item_id) ?? []), s.federation]);
  for (const it of items) {
    const spec = specs.get(it.id);
    const value = it.progress_kind === 'indicator' ? (spec ? indicatorValueOf(values, spec) : 0) : Number(it.manual_value ?? 0);
    const target = Number(it.target);
    const percent = percentOf(value, target);
    const signedBy = (signed.get(it.id) ?? []).sort();
    const s = itemStatus({ startsOn: it.starts_on, dueOn: it.due_on, percent, signedBy, today: day });
    out.set(it.id, { value, target, unit: it.unit, percent, status: s.status, awaitingSignOff: s.awaitingSignOff, rule: s.rule, ruleParams: s.ruleParams, signedBy });
  }
  return out;
}
