import { generateEmployment, random } from '../demo/employment.js';
import { buildRegions } from '../modules/orgs/divisions.js';
import type { Sheet } from '../modules/imports/read.js';

// The plan of a fair day (issue 5 §9), pure and deterministic for its options: the employers and
// the postings they bring (the same generator and sheet as the demo's season), the visitors (who
// registers online, who walks in, who comes at which hour), the talks at the booths and the
// hiring intents. `chuanyu simulate fair` plays it through the HTTP API; the demo writes the same
// plan for the 2023 opening fair straight into PostgreSQL (demo/season.ts).

export interface FairPlanOptions {
  enterprises: number;
  positions: number;
  visitors: number;
  /** Consultations and interviews together (every fourth talk is an interview). */
  consultations: number;
  intents: number;
  seed: number;
  /** China date the postings' validity counts from (YYYY-MM-DD). */
  today: string;
}

/** The 2023 opening fair at 三峡广场 (PRODUCT.md): 455 employers, 13,000 postings, ~12,000 visitors. */
export const OPENING_FAIR = { enterprises: 455, positions: 13_000, visitors: 12_000, consultations: 10_000, intents: 3_800, seed: 20230225 } as const;

export const FAIR_EVENT = {
  name: '川渝就业服务季开幕式暨大型招聘会', venue: '沙坪坝区三峡广场', regionCode: '500106', capacity: 20_000,
  description: '两地 455 家企业带来 100 多个工种、13000 余个岗位；现场设技能展示区（插花、刺绣、面点）、维权服务区及入会和互助保障咨询台。',
} as const;

/** The API takes at most this many postings in one sign-up (seasons.schemas.ts). */
export const MAX_SIGNUP_POSTINGS = 500;

export interface PlanEnterprise {
  index: number; name: string; creditCode: string; regionCode: string; federation: '50' | '51'; industrySection: string;
  /** Indexes of its postings (at most MAX_SIGNUP_POSTINGS). */
  postings: number[];
  /** The employer who runs its booth. */
  employer: { name: string; phone: string };
}
export interface PlanPosting { index: number; enterprise: number; title: string; headcount: number; jobTypeName: string; salary: number }
export interface PlanVisitor {
  index: number; name: string; phone: string; regionCode: string;
  /** online: registered on the phone beforehand; onsite: walks in and is registered at the entrance. */
  source: 'online' | 'onsite';
  /** Hour of arrival after opening (0 = 09:00 … 7 = 16:00) and the minute; `present` false: registered, never came. */
  hour: number; minute: number; present: boolean;
  /** At the gate the staff type the short code instead of scanning the QR. */
  typed: boolean;
}
export interface PlanTalk { index: number; visitor: number; posting: number; kind: 'consultation' | 'interview'; rating: number | null; outcome: 'pending' | null }
export interface PlanIntent { index: number; visitor: number; posting: number; salary: number; startInDays: number }
export interface PlanZone { kind: 'booths' | 'demonstration' | 'rights' | 'membership'; name: string; rows: number; cols: number }

export interface FairPlan {
  options: FairPlanOptions;
  /** The postings sheet a union would import (enterprise columns included). */
  sheet: Sheet;
  enterprises: PlanEnterprise[];
  postings: PlanPosting[];
  visitors: PlanVisitor[];
  talks: PlanTalk[];
  intents: PlanIntent[];
  zones: PlanZone[];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强', '小红', '海燕', '春梅', '德明'];
/** Arrivals by hour from 09:00 to 16:00: the crowd peaks mid-morning. */
const HOUR_WEIGHTS = [0.16, 0.22, 0.17, 0.1, 0.11, 0.1, 0.08, 0.06];
const ONLINE_SHARE = 0.8;
/** Of those registered online, the share who come (with the walk-ins, ~93 % of all visitors). */
const ONLINE_TURNOUT = 0.9125;
const INTERVIEW_EVERY = 4;

/** Monthly salary of an intent from the posting's band ("3500-5000", "3.5k-5k"; 面议 → 5000), rounded to 100 yuan. */
export function intentSalary(band: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)-(\d+(?:\.\d+)?)(k?)$/.exec(band.trim());
  if (!m) return 5000;
  const lo = Number(m[1]) * (m[2] ? 1000 : 1);
  const hi = Number(m[3]) * (m[4] ? 1000 : 1);
  return Math.round((lo + hi) / 2 / 100) * 100;
}

/** Booth zones 招聘A区… (at most five, 13 booths a row) for `n` employers, then the service zones. */
export function fairZones(n: number): PlanZone[] {
  const zones = Math.min(5, Math.max(1, Math.ceil(n / 13)));
  let cols = 13;
  let rows = Math.ceil(n / (zones * cols));
  if (rows > 50) { cols = 50; rows = Math.ceil(n / (zones * cols)); }
  return [
    ...Array.from({ length: zones }, (_, i) => ({ kind: 'booths' as const, name: `招聘${String.fromCharCode(65 + i)}区`, rows, cols })),
    { kind: 'demonstration', name: '技能展示区（插花、刺绣、面点）', rows: 1, cols: 3 },
    { kind: 'rights', name: '维权服务区（法律咨询）', rows: 1, cols: 2 },
    { kind: 'membership', name: '入会及互助保障咨询台', rows: 1, cols: 2 },
  ];
}

/** Check the sizes before anything is planned; each problem names its option. */
export function checkPlanOptions(o: Omit<FairPlanOptions, 'today'>): string[] {
  const problems: string[] = [];
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`--${name} ${v}: 须为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}`);
  };
  whole('enterprises', o.enterprises, 1, 12_500);
  whole('positions', o.positions, 1, 200_000);
  whole('visitors', o.visitors, 1, 1_000_000);
  whole('consultations', o.consultations, 0, 2_000_000);
  whole('intents', o.intents, 0, 1_000_000);
  if (o.positions < o.enterprises) problems.push('--positions: 每家企业至少一个岗位 / at least one posting per employer');
  if (o.intents > Math.floor(o.visitors * 0.9)) problems.push('--intents: 每位到场观众至多一份意向，不能超过观众数的 90% / one intent per visitor who comes, at most 90 % of --visitors');
  return problems;
}

function uniquePhones(rnd: () => number, count: number, prefixes: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const prefix = prefixes[Math.floor(rnd() * prefixes.length)]!;
    const digits = 10 - prefix.length;
    const phone = `1${prefix}${String(Math.floor(rnd() * 10 ** digits)).padStart(digits, '0')}`;
    if (seen.has(phone)) continue;
    seen.add(phone);
    out.push(phone);
  }
  return out;
}

/** The whole fair day, the same for the same options. */
export function planFair(options: FairPlanOptions): FairPlan {
  const { sheet } = generateEmployment({ enterprises: options.enterprises, postings: options.positions, seed: options.seed, today: options.today });
  // The plan's own draws come from a second stream, so the sheet stays the demo's for the same seed.
  const rnd = random(options.seed ^ 0x5eedfa1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const personName = () => `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${pick(GIVEN)}`;

  // Employers and postings, in the sheet's order; an employer appears with its first posting.
  const enterprises: PlanEnterprise[] = [];
  const postings: PlanPosting[] = [];
  const byCode = new Map<string, PlanEnterprise>();
  for (const row of sheet.rows.slice(1)) {
    const [name, code, title, jobTypeName, headcount, salary, , , , , , , , industry] = row.cells as (string | number)[];
    let e = byCode.get(String(code));
    if (!e) {
      const regionCode = String(code).slice(2, 8);
      e = { index: enterprises.length, name: String(name), creditCode: String(code), regionCode, federation: regionCode.slice(0, 2) as '50' | '51', industrySection: String(industry).slice(0, 1), postings: [], employer: { name: '', phone: '' } };
      byCode.set(e.creditCode, e);
      enterprises.push(e);
    }
    if (e.postings.length >= MAX_SIGNUP_POSTINGS) continue;
    const p: PlanPosting = { index: postings.length, enterprise: e.index, title: String(title), headcount: Number(headcount), jobTypeName: String(jobTypeName), salary: intentSalary(String(salary)) };
    e.postings.push(p.index);
    postings.push(p);
  }
  const employerPhones = uniquePhones(rnd, enterprises.length, ['33', '53', '77']);
  for (const e of enterprises) e.employer = { name: personName(), phone: employerPhones[e.index]! };

  const counties = buildRegions().filter((r) => r.level === 'county').map((r) => r.code);
  const visitorPhones = uniquePhones(rnd, options.visitors, ['3', '5', '7', '8', '9']);
  const visitors: PlanVisitor[] = [];
  for (let i = 0; i < options.visitors; i++) {
    let hour = 0;
    for (let r = rnd(); hour < HOUR_WEIGHTS.length - 1 && r > HOUR_WEIGHTS[hour]!; hour++) r -= HOUR_WEIGHTS[hour]!;
    const source = rnd() < ONLINE_SHARE ? 'online' as const : 'onsite' as const;
    const present = source === 'onsite' || rnd() < ONLINE_TURNOUT;
    visitors.push({ index: i, name: personName(), phone: visitorPhones[i]!, regionCode: pick(counties), source, hour, minute: Math.floor(rnd() * 60), present, typed: rnd() < 0.1 });
  }
  const present = visitors.filter((v) => v.present).map((v) => v.index);

  // Talks at the booths: a visitor talks with an employer once (a second talk would be a retry).
  const talks: PlanTalk[] = [];
  const met = new Set<string>();
  for (let i = 0; i < options.consultations; i++) {
    let visitor = 0;
    let posting = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      visitor = pick(present);
      posting = Math.floor(rnd() * postings.length);
      if (!met.has(`${visitor}/${postings[posting]!.enterprise}`)) break;
    }
    met.add(`${visitor}/${postings[posting]!.enterprise}`);
    const kind = i % INTERVIEW_EVERY === INTERVIEW_EVERY - 1 ? 'interview' as const : 'consultation' as const;
    talks.push({ index: i, visitor, posting, kind, rating: kind === 'consultation' ? 3 + Math.floor(rnd() * 3) : null, outcome: kind === 'interview' ? 'pending' : null });
  }

  // Hiring intents: distinct visitors (a shuffled sample), each for one posting; all confirmed.
  const order = [...present];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const intents: PlanIntent[] = order.slice(0, options.intents).map((visitor, index) => {
    const posting = Math.floor(rnd() * postings.length);
    return { index, visitor, posting, salary: postings[posting]!.salary, startInDays: 7 + Math.floor(rnd() * 15) };
  });

  return { options, sheet, enterprises, postings, visitors, talks, intents, zones: fairZones(enterprises.length) };
}

/**
 * Fit a plan to what is there: employers that are not verified and postings that are not
 * published stay away from the fair, and a talk or intent planned for such a posting goes to the
 * next posting that is at the fair (so the totals stay those planned). Used by the simulator and
 * the demo alike.
 */
export function fitPlan(plan: FairPlan, isAtFair: (posting: PlanPosting) => boolean): { postings: PlanPosting[]; talks: PlanTalk[]; intents: PlanIntent[] } {
  const at = plan.postings.filter(isAtFair);
  if (!at.length) return { postings: [], talks: [], intents: [] };
  // The first posting at the fair at or after each planned one (wrapping round at the end).
  const next = new Map<number, number>();
  let j = 0;
  for (const p of plan.postings) {
    while (j < at.length && at[j]!.index < p.index) j++;
    next.set(p.index, at[j % at.length]!.index);
  }
  return {
    postings: at,
    talks: plan.talks.map((t) => ({ ...t, posting: next.get(t.posting)! })),
    intents: plan.intents.map((i) => ({ ...i, posting: next.get(i.posting)!, salary: plan.postings[next.get(i.posting)!]!.salary })),
  };
}

/** The sheet as CSV (UTF-8), for POST /api/imports. */
export function sheetCsv(sheet: Sheet): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${sheet.rows.map((r) => r.cells.map(field).join(',')).join('\r\n')}\r\n`;
}
