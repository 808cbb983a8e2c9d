import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { ServiceCategory } from '../../platform/db.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { isWithinScope } from '../accounts/accounts.policy.js';
import { chinaDate, chinaMonth, groupBy, membershipFigures, monthsBetween, requestFigures } from './figures-math.js';
import type { Figures, FiguresQuery, UnionRef } from './figures.schemas.js';
import * as repo from './figures.repo.js';
import { canViewServiceFigures } from './services.policy.js';

// The worker-services figures (issue 8 §1 "time to first answer and to close, with per-union
// figures", §6): staff see the unions within their scope — a district union itself, a federation
// its province, admins both. Counts and times only: no person, no words of a request.

const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other'] as const satisfies readonly ServiceCategory[];
/** The longest period one request may cover (the monthly line stays readable). */
export const MAX_PERIOD_YEARS = 5;
const DAY_MS = 24 * 3600_000;

const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The default period: the last 12 months (from the first day of the month 11 months ago to today). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = chinaDate(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const back = y * 12 + (m - 1) - 11;
  return { from: `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}-01`, to };
}

function checkPeriod(from: string, to: string) {
  if (from > to) throw invalid([{ path: 'to', code: 'services.figures.period_order' }]);
  if (chinaMidnight(to).getTime() - chinaMidnight(from).getTime() > MAX_PERIOD_YEARS * 366 * DAY_MS) {
    throw invalid([{ path: 'from', code: 'services.figures.period_too_long', params: { years: MAX_PERIOD_YEARS } }]);
  }
}

const unionRef = (u: repo.UnionRow): UnionRef => ({ id: u.id, name: u.name, federation: u.federation, level: u.level });

/** GET /api/services/figures: requests and membership by union, category, channel and month. */
export async function serviceFigures(ctx: AppContext, actor: Actor | null, query: FiguresQuery, now = new Date()): Promise<Figures> {
  if (!canViewServiceFigures(actor)) throw forbidden();
  const period = defaultPeriod(now);
  const from = query.from ?? (query.to && query.to < period.from ? `${query.to.slice(0, 7)}-01` : period.from);
  const to = query.to ?? period.to;
  checkPeriod(from, to);
  let union: repo.UnionRow | undefined;
  if (query.unionId) {
    union = await repo.findUnion(ctx.db, query.unionId);
    if (!union) throw notFound('services.figures.union_not_found');
    if (!isWithinScope(actor, union.scope_prefix)) throw new AppError('services.figures.other_union', 403, { union: union.name });
  }
  const scopePrefix = actor.scopePrefix!;
  const scope: repo.FiguresScope = {
    scopePrefix, federation: query.federation, unionScope: union?.scope_prefix,
    start: chinaMidnight(from), end: new Date(chinaMidnight(to).getTime() + DAY_MS),
  };
  const [requests, applications] = await Promise.all([repo.requestFacts(ctx.db, scope), repo.membershipFacts(ctx.db, scope)]);
  const today = chinaDate(now);
  const requestsByUnion = groupBy(requests, (r) => r.unionId);
  const applicationsByUnion = groupBy(applications, (a) => a.unionId);
  const unions = await repo.unionsByIds(ctx.db, [...new Set([...requestsByUnion.keys(), ...applicationsByUnion.keys()])]);
  const byUnion = unions.map((u) => ({
    union: unionRef(u),
    requests: requestFigures(requestsByUnion.get(u.id) ?? [], now),
    membership: membershipFigures(applicationsByUnion.get(u.id) ?? [], today),
  })).sort((a, b) => b.requests.requests - a.requests.requests || b.membership.submitted - a.membership.submitted || a.union.name.localeCompare(b.union.name, 'zh-CN'));
  const requestsByCategory = groupBy(requests, (r) => r.category);
  const requestsByMonth = groupBy(requests, (r) => chinaMonth(r.createdAt));
  const applicationsByMonth = groupBy(applications, (a) => chinaMonth(a.createdAt));
  return {
    from, to, federation: query.federation ?? null, union: union ? unionRef(union) : null, at: now.toISOString(),
    federations: scopePrefix === '' ? ['50', '51'] : [scopePrefix.slice(0, 2) as '50' | '51'],
    requests: requestFigures(requests, now),
    membership: membershipFigures(applications, today),
    byUnion,
    byCategory: CATEGORIES.map((category) => ({ category, ...requestFigures(requestsByCategory.get(category) ?? [], now) })),
    byChannel: (['online', 'desk'] as const).map((channel) => ({ channel, requests: requests.filter((r) => r.channel === channel).length })),
    byMonth: monthsBetween(from, to).map((month) => {
      const f = requestFigures(requestsByMonth.get(month) ?? [], now);
      return { month, requests: f.requests, answered: f.answered, answeredOnTime: f.answeredOnTime, applications: applicationsByMonth.get(month)?.length ?? 0 };
    }),
  };
}
