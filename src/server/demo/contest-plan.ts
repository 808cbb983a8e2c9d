import { computeResults, type ScoringInput, type ScoringOutput } from '../modules/contests/scoring.js';
import { idCardCheckChar } from '../../shared/validators.js';
import { random } from './employment.js';

// The 2023 川渝电力职工职业技能大赛 as demo data (issue 6 §6), planned in memory by a seeded PRNG:
// 11 teams (5 Chongqing with 45 finalists, 6 Sichuan with 38), a preliminary round in October 2022
// whose threshold leaves those 83 finalists, a written exam, and a practical part of 2 major items
// split into 6 sub-items, marked by 5-judge panels with double entry. The plan is checked against
// the bulletin with the real scoring function (广安1队 first; 18 single-item awards to 18
// contestants of 6 teams) — the loader (contest.ts) writes exactly this plan.

export const DEMO_CONTEST_NAME = '2023川渝电力职工职业技能大赛';

export const DEMO_TEAMS = [
  { name: '北碚队', region: '500109', place: '北碚', size: 10 },
  { name: '合川队', region: '500117', place: '合川', size: 9 },
  { name: '长寿队', region: '500115', place: '长寿', size: 9 },
  { name: '渝北队', region: '500112', place: '渝北', size: 9 },
  { name: '垫江队', region: '500231', place: '垫江', size: 8 },
  { name: '广安1队', region: '511600', place: '广安', size: 7 },
  { name: '广安2队', region: '511600', place: '广安', size: 6 },
  { name: '南充队', region: '511300', place: '南充', size: 7 },
  { name: '广元队', region: '510800', place: '广元', size: 6 },
  { name: '达州队', region: '511700', place: '达州', size: 6 },
  { name: '巴中队', region: '511900', place: '巴中', size: 6 },
] as const;

export interface PlanAspect {
  code: string; type: 'measurement' | 'judgement' | 'deduction'; max: number; description: string; judges: number;
  descriptors?: string[]; deductions?: { code: string; text: string; points: number }[];
}
export interface PlanItem { code: string; name: string; parent: string | null; timeLimit: number | null; aspects: PlanAspect[] }

const DEDUCTIONS = [
  { code: 'D1', text: '未按规定穿戴安全防护用品', points: 5 },
  { code: 'D2', text: '工器具、材料掉落', points: 2 },
  { code: 'D3', text: '操作顺序错误', points: 3 },
  { code: 'D4', text: '未清理作业现场', points: 2 },
  { code: 'D5', text: '损坏设备或器材', points: 5 },
];
const DESCRIPTORS = (what: string) => [`${what}未达到要求`, `${what}基本符合要求，有明显瑕疵`, `${what}符合要求，细节较好`, `${what}规范美观，堪称示范`];
const m = (code: string, max: number, description: string): PlanAspect => ({ code, type: 'measurement', max, description, judges: 2 });
const j = (code: string, max: number, description: string, what: string): PlanAspect => ({ code, type: 'judgement', max, description, judges: 5, descriptors: DESCRIPTORS(what) });
const d = (code: string): PlanAspect => ({ code, type: 'deduction', max: 20, description: '安全文明生产（扣完为止）', judges: 2, deductions: DEDUCTIONS });

/** Two major items, six sub-items of 100 points each (the bulletin names 冷缩电缆终端制作 and 装表接电). */
export const DEMO_ITEMS: PlanItem[] = [
  { code: 'A', name: '配电检修', parent: null, timeLimit: null, aspects: [] },
  { code: 'A1', name: '冷缩电缆终端制作', parent: 'A', timeLimit: 5400, aspects: [
    m('A1.1', 30, '电缆剥切尺寸与应力管安装位置'), j('A1.2', 30, '终端制作工艺质量', '制作工艺'), m('A1.3', 20, '绝缘电阻测试与相位核对'), d('A1.4')] },
  { code: 'A2', name: '10kV柱上断路器停送电操作', parent: 'A', timeLimit: null, aspects: [
    m('A2.1', 40, '操作票填写与唱票复诵'), j('A2.2', 40, '倒闸操作规范性', '操作过程'), d('A2.3')] },
  { code: 'A3', name: '低压配电线路故障查找与处理', parent: 'A', timeLimit: 3600, aspects: [
    m('A3.1', 50, '故障点查找与判断'), j('A3.2', 30, '故障处理工艺', '处理工艺'), d('A3.3')] },
  { code: 'B', name: '电能计量', parent: null, timeLimit: null, aspects: [] },
  { code: 'B1', name: '装表接电', parent: 'B', timeLimit: 4800, aspects: [
    m('B1.1', 40, '接线正确性与通电检查'), j('B1.2', 40, '布线工艺与美观', '布线工艺'), d('B1.3')] },
  { code: 'B2', name: '电能表现场校验', parent: 'B', timeLimit: null, aspects: [
    m('B2.1', 60, '误差测试与数据处理'), j('B2.2', 20, '校验操作规范性', '校验操作'), d('B2.3')] },
  { code: 'B3', name: '用电信息采集终端调试', parent: 'B', timeLimit: 3600, aspects: [
    m('B3.1', 50, '参数设置与通信调试'), j('B3.2', 30, '调试过程与记录', '调试过程'), d('B3.3')] },
];

export const DEMO_RULES = {
  writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-best' as const, n: 6 }, itemAwards: 3,
  tieBreak: ['practical' as const, 'written' as const, 'time' as const],
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建华', '志强', '海波', '俊杰', '明亮', '小龙', '国庆', '德明', '永刚', '红军', '晓峰', '家豪', '宇航', '浩然', '文斌', '立新', '春雷', '世平', '兴旺', '光辉', '静', '丽娟', '晓燕', '雪梅', '敏', '婷婷', '小红', '春燕', '鹏', '磊', '勇', '涛', '强', '斌', '超', '杰', '军', '伟', '波', '平'];

export interface PlanMark { aspect: string; judge: number; value: number; deductions?: { code: string; points: number }[]; firstValue?: number }
export interface PlanContestant {
  key: string; team: string; name: string; gender: 'm' | 'f'; employer: string; idNumber: string; isUnionMember: boolean; memberNo: string | null;
  preliminary: number; finalist: boolean; written: number | null;
  times: Record<string, number>; marks: PlanMark[]; resolutions: { aspect: string; note: string }[];
}
export interface DemoContestPlan { seed: number; lotsSeed: string; contestants: PlanContestant[]; results: ScoringOutput }

const round = (x: number, step: number) => Math.round(x / step) * step;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function makePlan(seed: number): DemoContestPlan {
  const rnd = random(seed);
  const gauss = () => (rnd() + rnd() + rnd() + rnd() - 2) / 0.8165; // ~N(0, 1)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const contestants: PlanContestant[] = [];
  const usedNames = new Set<string>();
  let serial = 0;
  for (const team of DEMO_TEAMS) {
    const bias = team.name === '广安1队' ? 0.1 : (rnd() - 0.5) * 0.1;
    const federation = team.region.slice(0, 2) === '50' ? '重庆市' : '四川省';
    const employer = federation === '重庆市' ? `国网重庆市电力公司${team.place}供电分公司` : `国网四川省电力公司${team.place}供电公司`;
    const eliminated = 2 + Math.floor(rnd() * 4);
    for (let k = 0; k < team.size + eliminated; k += 1) {
      serial += 1;
      const finalist = k < team.size;
      let name: string;
      do name = pick([...SURNAMES]) + pick(GIVEN); while (usedNames.has(name));
      usedNames.add(name);
      const gender = /[娟燕梅敏婷红静]/.test(name) ? 'f' : 'm';
      const thetaAll = clamp(0.66 + bias + gauss() * 0.05, 0.3, 0.97);
      const year = 1975 + Math.floor(rnd() * 25);
      const birth = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const seq = String(Math.floor(rnd() * 500) * 2 + (gender === 'm' ? 1 : 0)).padStart(3, '0');
      const first17 = `${team.region.slice(0, 4)}02${birth}${seq}`;
      const c: PlanContestant = {
        key: `c${serial}`, team: team.name, name, gender, employer, idNumber: first17 + idCardCheckChar(first17),
        isUnionMember: rnd() < 0.95, memberNo: null,
        // preliminary (October 2022): finalists at or above the threshold of 70, the others below it
        preliminary: finalist ? round(clamp(70 + (thetaAll - 0.4) * 45 + gauss() * 3, 70, 99), 0.5) : round(45 + rnd() * 24.5, 0.5),
        finalist, written: finalist ? round(clamp(52 + 44 * thetaAll + gauss() * 4, 30, 99), 0.5) : null,
        times: {}, marks: [], resolutions: [],
      };
      if (c.isUnionMember) c.memberNo = `${team.region.slice(0, 4)}${String(100000 + Math.floor(rnd() * 899999))}`;
      if (finalist) {
        for (const item of DEMO_ITEMS.filter((it) => it.parent)) {
          // each sub-item is a trade of its own: a contestant's form on it varies around his overall level
          const theta = clamp(thetaAll + gauss() * 0.14, 0.25, 0.99);
          if (item.timeLimit) c.times[item.code] = Math.round(item.timeLimit * clamp(0.55 + 0.4 * (1 - theta) + gauss() * 0.06, 0.4, 0.99));
          const first = serial % 5; // the panel member who makes the first entry; the next one the second
          for (const a of item.aspects) {
            if (a.type === 'measurement') {
              const value = round(clamp(a.max * (theta + gauss() * 0.07), 0, a.max), 0.5);
              const slip = rnd() < 0.03 ? clamp(value - 0.5, 0, a.max) : undefined; // a typing slip found by double entry, then corrected
              c.marks.push({ aspect: a.code, judge: first, value }, { aspect: a.code, judge: (first + 1) % 5, value, ...(slip !== undefined && slip !== value ? { firstValue: slip } : {}) });
            } else if (a.type === 'judgement') {
              const base = clamp(Math.round(3 * (theta + gauss() * 0.1)), 0, 3);
              const scores = [0, 1, 2, 3, 4].map(() => clamp(base + (rnd() < 0.15 ? -1 : rnd() < 0.15 ? 1 : 0), 0, 3));
              scores.forEach((value, judge) => c.marks.push({ aspect: a.code, judge, value }));
              if (Math.max(...scores) - Math.min(...scores) > 1) c.resolutions.push({ aspect: a.code, note: '裁判组合议：评分依据充分，维持各自评分' });
            } else {
              const applied = a.deductions!.filter(() => rnd() < 0.3 * (1 - theta));
              const total = Math.min(a.max, applied.reduce((s, x) => s + x.points, 0));
              const ded = applied.map((x) => ({ code: x.code, points: x.points }));
              c.marks.push({ aspect: a.code, judge: first, value: -total, deductions: ded }, { aspect: a.code, judge: (first + 1) % 5, value: -total, deductions: ded });
            }
          }
        }
      }
      contestants.push(c);
    }
  }
  return { seed, lotsSeed: `demo-${seed}`, contestants, results: computeResults(scoringInputOf(contestants)) };
}

/** The plan as the scoring function's input (sub-items only; the agreed value of each double entry). */
export function scoringInputOf(contestants: PlanContestant[]): ScoringInput {
  const items = DEMO_ITEMS.filter((it) => it.parent);
  return {
    rules: DEMO_RULES,
    items: items.map((it) => ({ id: it.code, name: it.name, timed: it.timeLimit !== null, aspects: it.aspects.map((a) => ({ id: a.code, type: a.type, max: a.max })) })),
    contestants: contestants.filter((c) => c.finalist).map((c) => {
      const marks: Record<string, number[]> = {};
      for (const item of items) {
        for (const a of item.aspects) {
          const values = c.marks.filter((mk) => mk.aspect === a.code).map((mk) => mk.value);
          marks[a.code] = a.type === 'judgement' ? values : [values[0]!];
        }
      }
      return { id: c.key, team: c.team, written: c.written!, timeSeconds: c.times, marks };
    }),
  };
}

/** Whether a plan matches the bulletin: 广安1队 first, 18 single-item awards to 18 contestants of 6 teams. */
export function matchesBulletin(plan: DemoContestPlan): boolean {
  const teamOf = new Map(plan.contestants.map((c) => [c.key, c.team]));
  const awarded = plan.results.items.flatMap((it) => it.awarded);
  const people = new Set(awarded);
  const teams = new Set(awarded.map((id) => teamOf.get(id)));
  return plan.results.teams[0]?.team === '广安1队' && plan.results.teams[1]?.rank === 2 && awarded.length === 18 && people.size === 18 && teams.size === 6;
}

/** The seed whose plan matches the bulletin (found by findDemoSeed; change both together). */
export const DEMO_CONTEST_SEED = 815;

/** The demo contest's plan; refuses a generator that no longer matches the bulletin. */
export function planDemoContest(): DemoContestPlan {
  const plan = makePlan(DEMO_CONTEST_SEED);
  if (!matchesBulletin(plan)) throw new Error(`demo contest seed ${DEMO_CONTEST_SEED} no longer matches the bulletin: run findDemoSeed()`);
  return plan;
}

/** The first seed from `from` whose plan matches the bulletin (a few seconds; for changing the generator). */
export function findDemoSeed(from = 1): number {
  for (let seed = from; seed < from + 5000; seed += 1) if (matchesBulletin(makePlan(seed))) return seed;
  throw new Error('no demo contest plan matches the bulletin');
}
