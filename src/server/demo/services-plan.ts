import type { ServiceCategory, ServiceRequestStatus } from '../platform/db.js';
import { idCardCheckChar } from '../../shared/validators.js';
import { addWorkingDays, addWorkingDaysToDate, slaState, AUTO_CLOSE_DAYS, type SlaState } from '../modules/services/services.rules.js';
import { nextStatus, type RequestStep } from '../modules/services/request-status.js';
import { chinaDate } from '../modules/services/member-no.js';
import { random } from './employment.js';
import { DEMO_CASES, INTERNAL_NOTES, REOPEN_MESSAGES, SEEKER_ANSWERED, SEEKER_OPEN, STAFF_CLOSE_NOTES, THANKS, TRANSFER_NOTES, type DemoCase } from './services-content.js';

// The worker-services demo as a pure plan (issue 8 §7): who asked what, where, when, and what
// happened to it — as a list of steps replayed by `replayRequest` into the final row, its thread
// and its history, the way the services' rules would have left them. Dates: the 2023 season
// (Feb–May, with the opening fair's rights-protection zone on 2023-02-25) and days relative to the
// load, so the live queue shows on-time, due-soon and overdue work. Deterministic but for `now`.

export const FAIR_DAY = '2023-02-25';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const chinaHour = (d: Date) => new Date(d.getTime() + 8 * HOUR).getUTCHours();

/** Employers a worker types (not registered) by the county they work in. */
export const TYPED_EMPLOYERS: Record<string, string[]> = {
  '500106': ['重庆沙磁餐饮管理有限公司', '重庆三峡广场商业管理有限公司', '重庆井口机电设备安装有限公司'], '500105': ['重庆观音桥商贸物业管理有限公司', '重庆北滨路酒店管理有限公司'],
  '500109': ['重庆缙云建筑劳务有限公司', '重庆蔡家岗汽车零部件有限公司'], '500112': ['重庆空港物流配送有限公司', '重庆两路城市保洁服务有限公司'],
  '500107': ['重庆九龙电子科技有限公司'], '500152': ['潼南区桂林机械加工厂'], '500153': ['荣昌区安富陶瓷制品有限公司'], '500113': ['重庆鱼洞汽配有限公司'],
  '510107': ['成都锦里餐饮管理有限公司', '成都武侯电商物流有限公司'], '510116': ['成都空港快递服务有限公司'], '510104': ['成都春熙物业服务有限公司'],
  '511681': ['华蓥市明达电力安装有限公司', '华蓥山旅游服务有限公司', '华蓥市溪口镇鑫鑫食品厂'], '511602': ['广安市恒达建材有限公司'], '511603': ['广安前锋新型建材有限公司'],
  '511621': ['岳池县万家福超市'], '511702': ['达州市通川区鑫源建筑劳务有限公司'], '511703': ['达州达川天然气配套服务有限公司'], '511302': ['南充市顺庆区嘉陵物业管理有限公司'],
  '511303': ['南充高坪丝绸服饰有限公司'],
};
/** The k-th typed employer of a county. */
export const typedEmployer = (region: string, k: number): string => { const list = TYPED_EMPLOYERS[region] ?? ['个体经营户']; return list[k % list.length]!; };

/** The 华蓥 employer of workers who live and ask in 渝北 (their requests move to 华蓥市总工会). */
const HUAYING_EMPLOYER = '华蓥市永盛建筑劳务有限公司';

/** Demo staff who act for a union (by its region code); unions without one answer as the union. */
export const SERVICE_STAFF: Record<string, string> = {
  '500106': 'spb-union', '500105': 'jb-union', '500109': 'bb-union', '511681': 'hy-union', '500152': 'tn-union', '500153': 'rc-union',
  '511600': 'ga-union', '511700': 'dz-union', '510100': 'cd-union', '511000': 'nj-union', '500000': 'cq-admin', '510000': 'sc-admin',
};

// ------------------------------------------------------------------ people

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文';
const GIVEN = ['建华', '小兵', '红梅', '德明', '晓燕', '志强', '秀英', '海涛', '玉兰', '春生', '丽娟', '国平', '明亮', '桂芳', '永福', '雪梅', '大勇', '文静', '家伟',
  '淑芬', '光荣', '婷婷', '成林', '巧云', '军', '敏', '涛', '静', '超', '娟', '洪', '燕', '俊杰', '思远', '佳怡', '凤英', '长江', '蜀平', '川', '渝生'];
const MOBILE_PREFIXES = ['135', '136', '137', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '183', '187', '188', '189', '199'];

export interface Person { name: string; phone: string; idCard: string }

/** Made-up people: names, mainland mobiles (never the demo accounts' 1380000xxxx), valid 身份证号 (GB 11643). */
export function makePeople(seed: number) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const phones = new Set<string>();
  let serial = 100;
  return (birthRegion: string): Person => {
    const name = pick(Array.from(SURNAMES)) + pick(GIVEN);
    let phone = '';
    do { phone = pick(MOBILE_PREFIXES) + String(Math.floor(rnd() * 1e8)).padStart(8, '0'); } while (phones.has(phone));
    phones.add(phone);
    const birth = new Date(Date.UTC(1966, 0, 1) + Math.floor(rnd() * 36 * 365) * DAY).toISOString().slice(0, 10).replaceAll('-', '');
    serial += 1 + Math.floor(rnd() * 7);
    const first17 = `${birthRegion}${birth}${String(serial % 1000).padStart(3, '0')}`;
    return { name, phone, idCard: first17 + idCardCheckChar(first17) };
  };
}

/** seeker-demo's 身份证号 (赵小川, born in 华蓥 in 1989). */
export const SEEKER_ID_CARD = (() => { const first17 = '51168119890612351'; return first17 + idCardCheckChar(first17); })();

// ------------------------------------------------------------------ requests

export type Step =
  | { do: 'assign'; at: Date }
  | { do: 'answer'; at: Date; text: string }
  | { do: 'internal'; at: Date; text: string }
  | { do: 'worker'; at: Date; text: string }
  | { do: 'transfer'; at: Date; toRegion: string; note: string }
  | { do: 'escalate'; at: Date }
  | { do: 'close'; at: Date; reason: 'confirmed' | 'staff'; note?: string }
  | { do: 'auto_close'; at: Date }
  | { do: 'reopen'; at: Date; text: string };

export type Who = { seeker: true } | { person: Person } | { visitor: number };

export interface PlannedRequest {
  kind: 'consultation' | 'aid_claim';
  category: ServiceCategory;
  channel: 'online' | 'desk';
  who: Who;
  /** County the worker works in. */
  regionCode: string;
  /** Use a registered demo enterprise of that county when there is one. */
  registered: boolean;
  /** The employer the worker typed, when not the county's usual one (TYPED_EMPLOYERS). */
  employerName?: string;
  subject: string;
  body: string;
  createdAt: Date;
  steps: Step[];
  /** The registered employer, when the caller already knows it (claims: the member's enterprise). */
  enterprise?: { id: string; name: string; regionCode: string; ownerUnionId: string };
  /** Claims: the plan, the enrolled member, the amount asked and the day it happened. */
  aid?: { planId: number; memberId: number; amount: number; incidentOn: string };
}

/** Where a request stands after its steps, with its thread and history (union ids resolved by the caller). */
export interface Replayed {
  status: ServiceRequestStatus;
  ownerUnion: string;
  routedBy: 'region' | 'employer' | 'transfer';
  assignee: string | null;
  answerDueAt: Date;
  firstAnsweredAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  closeReason: 'confirmed' | 'auto' | 'staff' | null;
  escalatedAt: Date | null;
  reopenCount: number;
  updatedAt: Date;
  messages: { role: 'worker' | 'staff'; author: string | null; union: string | null; text: string; internal: boolean; at: Date }[];
  events: { action: 'created' | 'assigned' | 'transferred' | 'answered' | 'followed_up' | 'closed' | 'reopened' | 'escalated' | 'auto_closed'; actor: string | null;
    from: string | null; to: string | null; fromUnion: string | null; toUnion: string | null; note: string | null; at: Date }[];
}

export interface ReplayEnv {
  route: { unionId: string; by: 'region' | 'employer' };
  /** The union of a county (for transfers). */
  unionOfRegion(region: string): string;
  /** The demo staff acting for a union, or null. */
  staffOf(unionId: string): string | null;
  /** A staff member's name (the 'assigned' event's note, as the requests API writes it). */
  nameOf(userId: string): string;
  /** The owner union's federation union (escalation goes there). */
  federationOf(unionId: string): string;
  worker: string | null;
  createdBy: string | null;
}

/** Replay a request's steps under the services' rules (requests API and the service-level sweep). */
export function replayRequest(req: PlannedRequest, env: ReplayEnv): Replayed {
  const r: Replayed = {
    status: 'open', ownerUnion: env.route.unionId, routedBy: env.route.by, assignee: null, answerDueAt: addWorkingDays(req.createdAt, 2),
    firstAnsweredAt: null, answeredAt: null, closedAt: null, closeReason: null, escalatedAt: null, reopenCount: 0, updatedAt: req.createdAt,
    messages: [],
    events: [{ action: 'created', actor: env.createdBy, from: null, to: 'open', fromUnion: null, toUnion: env.route.unionId, note: req.channel === 'desk' ? 'desk' : null, at: req.createdAt }],
  };
  // Every change goes through the requests' state machine (request-status.ts), as the API would.
  const move = (what: RequestStep, step: Step) => {
    const next = nextStatus(r.status, what, { hasAssignee: r.assignee !== null, closedAt: r.closedAt, now: step.at });
    if (!next.ok) throw new Error(`${req.subject}: ${what} from ${r.status}: ${next.code}`);
    return next.to;
  };
  const event = (action: Replayed['events'][number]['action'], step: Step, actor: string | null, to: ServiceRequestStatus, extra: Partial<Replayed['events'][number]> = {}) => {
    r.events.push({ action, actor, from: r.status, to, fromUnion: null, toUnion: null, note: null, at: step.at, ...extra });
    r.status = to;
  };
  for (const step of req.steps) {
    const staff = env.staffOf(r.ownerUnion);
    switch (step.do) {
      case 'assign':
        if (!staff) break; // a partial demo without that union's account
        r.assignee = staff;
        event('assigned', step, staff, move('assign', step), { note: env.nameOf(staff) });
        break;
      case 'answer':
        r.messages.push({ role: 'staff', author: staff, union: r.ownerUnion, text: step.text, internal: false, at: step.at });
        r.firstAnsweredAt ??= step.at;
        r.answeredAt = step.at;
        event('answered', step, staff, move('answer', step));
        break;
      case 'internal':
        r.messages.push({ role: 'staff', author: staff, union: r.ownerUnion, text: step.text, internal: true, at: step.at });
        break;
      case 'worker':
        r.messages.push({ role: 'worker', author: env.worker, union: null, text: step.text, internal: false, at: step.at });
        {
          const to = move('worker_message', step);
          // A follow-up that sends an answered request back is in the history, as in the API.
          if (to !== r.status) event('followed_up', step, env.worker, to);
        }
        break;
      case 'transfer': {
        const to = env.unionOfRegion(step.toRegion);
        event('transferred', step, staff, move('transfer', step), { fromUnion: r.ownerUnion, toUnion: to, note: step.note });
        r.ownerUnion = to; r.routedBy = 'transfer'; r.assignee = null;
        break;
      }
      case 'escalate':
        if (r.firstAnsweredAt || step.at < r.answerDueAt) throw new Error(`escalating an answered or not yet due request: ${req.subject}`);
        r.escalatedAt = step.at;
        event('escalated', step, null, r.status, { fromUnion: r.ownerUnion, toUnion: env.federationOf(r.ownerUnion) });
        break;
      case 'close': {
        const to = move(step.reason === 'confirmed' ? 'confirm' : 'staff_close', step);
        if (step.reason === 'confirmed') r.messages.push({ role: 'worker', author: env.worker, union: null, text: THANKS[r.messages.length % THANKS.length]!, internal: false, at: step.at });
        event('closed', step, step.reason === 'confirmed' ? env.worker : staff, to, { note: step.note ?? step.reason });
        r.closedAt = step.at; r.closeReason = step.reason;
        break;
      }
      case 'auto_close':
        event('auto_closed', step, null, move('auto_close', step));
        r.closedAt = step.at; r.closeReason = 'auto';
        break;
      case 'reopen':
        r.messages.push({ role: 'worker', author: env.worker, union: null, text: step.text, internal: false, at: step.at });
        event('reopened', step, env.worker, move('reopen', step));
        r.closedAt = null; r.closeReason = null; r.reopenCount += 1;
        break;
    }
    r.updatedAt = step.at;
  }
  return r;
}

// ------------------------------------------------------------------ building the plan

/**
 * A moment `hoursAgo` or more before now where a fresh request stands in `state`; for 'due_soon'
 * null when there is none (from Friday night to Sunday every due time is at least a weekend away).
 */
export function createdFor(now: Date, state: 'due_soon', hoursAgo: number, pick?: number): Date | null;
export function createdFor(now: Date, state: 'on_time' | 'overdue', hoursAgo: number, pick?: number): Date;
export function createdFor(now: Date, state: Extract<SlaState, 'on_time' | 'due_soon' | 'overdue'>, hoursAgo: number, pick = 0): Date | null {
  // The fitting moments from hoursAgo back (a few hours' worth), one of them by `pick`, at an uneven minute.
  const fits: Date[] = [];
  for (let h = hoursAgo; h < hoursAgo + 24 * 14 && fits.length < 24; h += 0.25) {
    const created = new Date(Math.floor((now.getTime() - h * HOUR) / 60_000) * 60_000 - ((pick * 7) % 13) * 60_000);
    const hour = chinaHour(created);
    if (hour < 8 || hour > 21) continue;
    const dueAt = addWorkingDays(created, 2);
    if (slaState({ createdAt: created, dueAt, firstAnsweredAt: null, now }) !== state) continue;
    if (state === 'overdue' && dueAt.getTime() > now.getTime() - 3 * HOUR) continue;
    fits.push(created);
  }
  if (fits.length) return fits[(pick * 5) % fits.length]!;
  if (state === 'due_soon') return null;
  throw new Error(`no moment for ${state}`);
}

const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);

export interface DemoServicesPlan {
  requests: PlannedRequest[];
}

export const caseText = (c: DemoCase) => ({ category: c.category, subject: c.subject, body: c.body });

/**
 * The consultations: 15 at the opening fair's rights-protection zone, 20 online during the 2023
 * season, 25 in the days before `now` (seeker-demo's two among them).
 */
export function planRequests(now: Date, person: (region: string) => Person): PlannedRequest[] {
  const out: PlannedRequest[] = [];
  const desk = DEMO_CASES.filter((c) => c.desk);
  const online = DEMO_CASES.filter((c) => !c.desk);
  const answerOf = (c: DemoCase) => c.answer;
  const more = (c: DemoCase, t: Date): Step[] => (c.more ? [{ do: 'worker', at: plus(t, 5), text: c.more.worker }, { do: 'answer', at: plus(t, 21), text: c.more.staff }] : []);

  // The fair's rights-protection zone, 2023-02-25: 沙坪坝's legal aid answers its own on the spot;
  // the rest are answered by their union in the days after.
  const deskRegions = ['500106', '500106', '500105', '500106', '511681', '500109', '500106', '500112', '500106', '510107', '500105', '511681', '500106', '500152', '511603'];
  desk.slice(0, 15).forEach((c, i) => {
    const created = plus(at(FAIR_DAY, '09:35'), (i * 29) / 60);
    const region = deskRegions[i]!;
    const local = region === '500106';
    const steps: Step[] = local
      ? [{ do: 'answer', at: plus(created, 0.3), text: answerOf(c) }, { do: 'close', at: plus(created, 0.4), reason: 'staff', note: STAFF_CLOSE_NOTES[0] }]
      : i === 14
        ? [{ do: 'transfer', at: plus(created, 20), toRegion: '511602', note: TRANSFER_NOTES.employer }, { do: 'answer', at: plus(created, 70), text: answerOf(c) }, { do: 'auto_close', at: plus(created, 70 + AUTO_CLOSE_DAYS * 24) }]
        : i === 7
          ? [{ do: 'escalate', at: plus(addWorkingDays(created, 2), 0.3) }, { do: 'answer', at: plus(addWorkingDays(created, 2), 26), text: answerOf(c) }, { do: 'auto_close', at: plus(addWorkingDays(created, 2), 26 + AUTO_CLOSE_DAYS * 24) }]
          : [...(SERVICE_STAFF[region] ? [{ do: 'assign', at: plus(created, 45) } as Step] : []), { do: 'answer', at: plus(created, 47 + (i % 3) * 20), text: answerOf(c) },
            // a visitor recorded at the desk has no account: he tells the union by phone, or it closes by itself
            i % 2 ? { do: 'close', at: plus(created, 120), reason: 'staff', note: STAFF_CLOSE_NOTES[1] } : { do: 'auto_close', at: plus(created, 47 + (i % 3) * 20 + AUTO_CLOSE_DAYS * 24) }];
    out.push({ kind: 'consultation', ...caseText(c), channel: 'desk', who: { visitor: i }, regionCode: region, registered: i % 3 === 0 && i !== 14, createdAt: created, steps,
      employerName: i === 14 ? typedEmployer('511602', 0) : undefined });
  });

  // Online during the season (2023-02-27 … 2023-05-30).
  const seasonRegions = ['500105', '500109', '511681', '500152', '500106', '500153', '510116', '500105', '511703', '500109', '500112', '511681', '500106', '511303', '500105', '500152', '511621', '500109', '510104', '500153'];
  for (let i = 0; i < 20; i++) {
    const c = online[i % online.length]!;
    const day = new Date(Date.UTC(2023, 1, 27) + Math.floor(i * 4.6) * DAY).toISOString().slice(0, 10);
    const created = at(day, `${String(8 + ((i * 5) % 13)).padStart(2, '0')}:${String((i * 17) % 60).padStart(2, '0')}`);
    const region = seasonRegions[i]!;
    const due = addWorkingDays(created, 2);
    const staffed = !!SERVICE_STAFF[region];
    let steps: Step[];
    if (i === 4) steps = [{ do: 'transfer', at: plus(created, 3), toRegion: '500109', note: TRANSFER_NOTES.project }, { do: 'assign', at: plus(created, 6) }, { do: 'answer', at: plus(created, 22), text: answerOf(c) }, { do: 'close', at: plus(created, 30), reason: 'confirmed' }];
    else if (i === 10) steps = [{ do: 'transfer', at: plus(created, 26), toRegion: '511681', note: TRANSFER_NOTES.employer }, { do: 'assign', at: plus(created, 28) }, { do: 'answer', at: plus(created, 44), text: answerOf(c) }, ...more(c, plus(created, 44)), { do: 'close', at: plus(created, 100), reason: 'confirmed' }];
    else if (i === 8 || i === 13) steps = [{ do: 'escalate', at: plus(due, 0.4) }, { do: 'answer', at: plus(due, 20), text: answerOf(c) }, { do: 'auto_close', at: plus(due, 20 + AUTO_CLOSE_DAYS * 24) }];
    else {
      const answerAt = plus(created, i % 5 === 3 ? 52 : 5 + (i % 4) * 6);
      const end = c.more ? plus(answerAt, 21) : answerAt;
      steps = [...(staffed ? [{ do: 'assign', at: plus(created, 1.5) } as Step] : []), ...(i % 6 === 1 ? [{ do: 'internal', at: plus(created, 2), text: INTERNAL_NOTES[i % INTERNAL_NOTES.length]! } as Step] : []),
        { do: 'answer', at: answerAt, text: answerOf(c) }, ...more(c, answerAt),
        i % 7 === 2 ? { do: 'close', at: plus(end, 30), reason: 'staff', note: STAFF_CLOSE_NOTES[2] } : i % 2 ? { do: 'close', at: plus(end, 9), reason: 'confirmed' } : { do: 'auto_close', at: plus(end, AUTO_CLOSE_DAYS * 24) }];
    }
    out.push({ kind: 'consultation', ...caseText(c), channel: 'online', who: { person: person(region) }, regionCode: region, registered: i % 2 === 0 && i !== 10, createdAt: created, steps,
      employerName: i === 10 ? HUAYING_EMPLOYER : undefined });
  }

  // The days before `now`.
  const recent = (c: DemoCase, region: string, createdAt: Date, steps: Step[], registered = false, employerName?: string) =>
    out.push({ kind: 'consultation', ...caseText(c), channel: 'online', who: { person: person(region) }, regionCode: region, registered, employerName, createdAt, steps });
  /** `hours` or more before now, at an uneven minute, in the day (8:00–21:59 China time). */
  const ago = (hours: number, k: number) => {
    let t = plus(now, -hours - ((k * 17 + 7) % 50) / 60);
    while (chinaHour(t) < 8 || chinaHour(t) > 21) t = plus(t, -1);
    return t;
  };
  const pickOnline = (k: number) => online[(20 + k * 7) % online.length]!;
  const pickCategory = (category: ServiceCategory, k: number) => { const list = DEMO_CASES.filter((c) => c.category === category); return list[k % list.length]!; };
  // seeker-demo: one answered by 华蓥市总工会 with a thread, one open.
  const sAsked = ago(4 * 24 + 3, 9);
  out.push({ kind: 'consultation', ...caseText(SEEKER_ANSWERED), channel: 'online', who: { seeker: true }, regionCode: '511681', registered: false, employerName: '华蓥市明达电力安装有限公司', createdAt: sAsked,
    steps: [{ do: 'assign', at: plus(sAsked, 1) }, { do: 'answer', at: plus(sAsked, 5), text: SEEKER_ANSWERED.answer }, { do: 'worker', at: plus(sAsked, 20), text: SEEKER_ANSWERED.more!.worker },
      { do: 'internal', at: plus(sAsked, 44), text: INTERNAL_NOTES[0]! }, { do: 'answer', at: plus(sAsked, 50), text: SEEKER_ANSWERED.more!.staff }] });
  out.push({ kind: 'consultation', ...caseText(SEEKER_OPEN), channel: 'online', who: { seeker: true }, regionCode: '511681', registered: false, employerName: '华蓥市城南物业服务有限公司',
    createdAt: createdFor(now, 'on_time', 2, 1), steps: [] });
  // open, on time / due soon; overdue ones the sweep has escalated to the federation
  (['500106', '500105', '510107'] as const).forEach((region, k) => recent(pickCategory('wage_arrears', k + 3), region, createdFor(now, 'on_time', 1 + k * 5, k), [], k === 0));
  const dueSoon = (hoursAgo: number, k: number) => createdFor(now, 'due_soon', hoursAgo, k) ?? createdFor(now, 'on_time', hoursAgo / 4, k);
  (['500109', '511681', '500112'] as const).forEach((region, k) => recent(pickCategory(k === 1 ? 'social_insurance' : 'dismissal', k), region, dueSoon(30 + k * 3, k + 1), []));
  (['500112', '511702', '511302', '510107'] as const).forEach((region, k) => {
    const created = createdFor(now, 'overdue', 80 + k * 20, k + 2);
    recent(pickOnline(k), region, created, [{ do: 'escalate', at: plus(addWorkingDays(created, 2), 0.2 + k * 0.1) }]);
  });
  // assigned, not answered yet
  (['500106', '500105', '500153'] as const).forEach((region, k) => {
    const created = k === 2 ? dueSoon(3 + k * 8, 5) : createdFor(now, 'on_time', 3 + k * 8, k + 3);
    recent(pickCategory(k === 1 ? 'labour_contract' : 'wage_arrears', k + 6), region, created, [{ do: 'assign', at: plus(created, 0.5) }], k === 0);
  });
  // answered in the last days (they close by themselves 7 days after the answer)
  (['500106', '500109', '511681', '500152'] as const).forEach((region, k) => {
    const c = pickCategory((['work_injury', 'wage_arrears', 'mutual_aid', 'other'] as const)[k]!, k);
    const created = ago(24 * (2 + k) + 6, k);
    recent(c, region, created, [{ do: 'assign', at: plus(created, 1) }, { do: 'answer', at: plus(created, 4 + k * 3), text: c.answer }, ...(k === 0 ? more(c, plus(created, 4)) : [])], k % 2 === 0);
  });
  // reopened after the worker confirmed
  (['500105', '511681'] as const).forEach((region, k) => {
    const c = pickCategory(k ? 'social_insurance' : 'wage_arrears', 1 + k);
    const created = ago(24 * (12 + k), k + 4);
    recent(c, region, created, [{ do: 'assign', at: plus(created, 1) }, { do: 'answer', at: plus(created, 6), text: c.answer }, { do: 'close', at: plus(created, 30), reason: 'confirmed' },
      { do: 'reopen', at: plus(now, -(20 + k * 9)), text: REOPEN_MESSAGES[k]! }]);
  });
  // closed recently
  (['500109', '500106', '511602'] as const).forEach((region, k) => {
    const c = pickCategory((['labour_contract', 'dismissal', 'other'] as const)[k]!, k + 2);
    const created = ago(24 * (15 + k * 4), k + 6);
    const staffed = !!SERVICE_STAFF[region];
    recent(c, region, created, [...(staffed ? [{ do: 'assign', at: plus(created, 1) } as Step] : []), { do: 'answer', at: plus(created, 8 + k * 10), text: c.answer },
      k === 1 ? { do: 'close', at: plus(created, 30), reason: 'confirmed' } : { do: 'auto_close', at: plus(created, 8 + k * 10 + AUTO_CLOSE_DAYS * 24) }]);
  });
  // a worker in 渝北 whose employer is in 华蓥 (广安): transferred there and answered
  {
    const c = pickCategory('wage_arrears', 10);
    const created = ago(24 * 3 + 2, 3);
    recent(c, '500112', created, [{ do: 'transfer', at: plus(created, 3), toRegion: '511681', note: TRANSFER_NOTES.employer }, { do: 'assign', at: plus(created, 4) },
      { do: 'answer', at: plus(created, 20), text: c.answer }], false, HUAYING_EMPLOYER);
  }
  return out;
}

export const reviewDueOn = (created: Date) => addWorkingDaysToDate(created, 5);
export { plus, at, chinaDate, DAY, HOUR };
