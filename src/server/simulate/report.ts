import type { FairPlan, PlanPosting } from './plan.js';
import { FIGURES, type Counted, type Figures } from './records.repo.js';
import type { LedgerEntry } from './run.js';

// The end of a run: the live figures (GET …/stats) beside a count of the records and beside what
// the simulator saw acknowledged, as a table; any figure that differs is named.

export interface StatsAnswer extends Figures { byFederation: { '50': Figures; '51': Figures } }

const zero = (): Figures => ({ enterprises: 0, jobTypes: 0, positions: 0, openings: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 });

/** What the API acknowledged, from the ledger: the figures the season must show if nothing was lost or doubled. */
export function acknowledgedFigures(plan: FairPlan, ledger: LedgerEntry[], atFair: PlanPosting[], enterpriseIds: (string | null)[], hostFederation: '50' | '51'): Counted {
  const fedOf = new Map(enterpriseIds.map((id, i) => [id, plan.enterprises[i]!.federation] as const));
  const out: Counted = { total: zero(), byFederation: { 50: zero(), 51: zero() } };
  const approved = new Set(ledger.filter((e) => e.kind === 'approve').map((e) => e.enterpriseId));
  for (const id of approved) out.byFederation[fedOf.get(id!)!].enterprises++;
  const types = { 50: new Set<string>(), 51: new Set<string>() };
  for (const p of atFair) {
    if (!approved.has(enterpriseIds[p.enterprise]!)) continue;
    const f = out.byFederation[plan.enterprises[p.enterprise]!.federation];
    f.positions++;
    f.openings += p.headcount;
    types[plan.enterprises[p.enterprise]!.federation].add(p.jobTypeName);
  }
  out.byFederation[50].jobTypes = types[50].size;
  out.byFederation[51].jobTypes = types[51].size;
  out.total.jobTypes = new Set([...types[50], ...types[51]]).size;
  out.byFederation[hostFederation].checkins = new Set(ledger.filter((e) => e.kind === 'checkin' || e.kind === 'walkin').map((e) => e.visitorId)).size;
  const talks = new Map(ledger.filter((e) => e.kind === 'talk').map((e) => [e.id, e] as const));
  for (const t of talks.values()) out.byFederation[fedOf.get(t.enterpriseId!)!][t.kindOfTalk === 'interview' ? 'interviews' : 'consultations']++;
  const intentOwner = new Map(ledger.filter((e) => e.kind === 'intent').map((e) => [e.id, e.enterpriseId] as const));
  for (const id of new Set(ledger.filter((e) => e.kind === 'confirm').map((e) => e.id))) out.byFederation[fedOf.get(intentOwner.get(id)!)!].intents++;
  for (const f of FIGURES) if (f !== 'jobTypes') out.total[f] = out.byFederation[50][f] + out.byFederation[51][f];
  return out;
}

const LABELS: Record<(typeof FIGURES)[number], string> = {
  enterprises: '企业 enterprises', jobTypes: '工种 job types', positions: '岗位 positions', openings: '招聘人数 openings',
  checkins: '入场 check-ins', consultations: '咨询 consultations', interviews: '面试 interviews', intents: '意向 intents',
};

/** The table, and every figure that differs. Columns without data (no database access) are left out. */
export function compareFigures(stats: StatsAnswer, records: Counted | null, acknowledged: Counted): { table: string; differences: string[] } {
  const differences: string[] = [];
  const head = ['', 'stats (API)', ...(records ? ['records (DB)'] : []), 'acknowledged', ''];
  const rows: string[][] = [];
  const scopes = [['', stats, records?.total, acknowledged.total], ['重庆 50 · ', stats.byFederation[50], records?.byFederation[50], acknowledged.byFederation[50]],
    ['四川 51 · ', stats.byFederation[51], records?.byFederation[51], acknowledged.byFederation[51]]] as const;
  for (const [prefix, s, r, a] of scopes) {
    for (const f of FIGURES) {
      const same = (!r || r[f] === s[f]) && a[f] === s[f];
      if (!same) differences.push(`${prefix}${LABELS[f]}: stats ${s[f]}${r ? `, records ${r[f]}` : ''}, acknowledged ${a[f]}`);
      rows.push([`${prefix}${LABELS[f]}`, String(s[f]), ...(r ? [String(r[f])] : []), String(a[f]), same ? '✓' : '✗ 不一致 differs']);
    }
  }
  const width = (i: number) => Math.max(...[head, ...rows].map((r) => displayWidth(r[i] ?? '')));
  const pad = (text: string, i: number, right: boolean) => {
    const gap = ' '.repeat(width(i) - displayWidth(text));
    return right ? gap + text : text + gap;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, i, i > 0 && i < r.length - 1)).join('  ').trimEnd();
  return { table: [line(head), ...rows.map(line)].join('\n'), differences };
}

/** Columns a terminal gives a string (CJK characters take two). */
function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
