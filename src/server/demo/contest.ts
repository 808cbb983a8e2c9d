import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Trx } from '../platform/db.js';
import { createUser } from '../modules/accounts/accounts.service.js';
import { findUnionByRegion } from '../modules/orgs/orgs.repo.js';
import { sealIdNumber } from '../modules/contests/contests.pii.js';
import { drawWorkNumbers } from '../modules/contests/lots.js';
import { todayIso } from '../modules/jobs/postings.service.js';
import { idCardCheckChar } from '../../shared/validators.js';
import { DEMO_CONTEST_NAME, DEMO_ITEMS, DEMO_RULES, DEMO_TEAMS, planDemoContest, type PlanItem } from './contest-plan.js';

// The demo's skills competitions (issue 6 §6):
// - 2023川渝电力职工职业技能大赛, as in the bulletin: planned by contest-plan.ts, every mark written
//   with its judge and its trail (entries, the corrections double entry caught, flags discussed,
//   locks), lots drawn, results revealed — what the results pages and certificates start from;
// - 川渝电力技能竞赛·现场体验（演示）: lots drawn, nothing marked, judge-demo and two more demo judges
//   on its two sub-items and chief-judge-demo as chief judge, so score entry can be tried on a phone.

export const TRIAL_CONTEST_NAME = '川渝电力技能竞赛·现场体验（演示）';

/** Demo judges besides judge-demo (password chuanyu-demo): a 配电检修 panel and an 电能计量 panel. */
export const DEMO_JUDGES = [
  { username: 'judge-a1', name: '彭德华' }, { username: 'judge-a2', name: '罗建平' }, { username: 'judge-a3', name: '蒋文涛' },
  { username: 'judge-a4', name: '邓光明' }, { username: 'judge-a5', name: '谢永红' },
  { username: 'judge-b1', name: '唐国华' }, { username: 'judge-b2', name: '冯志刚' }, { username: 'judge-b3', name: '曾庆林' },
  { username: 'judge-b4', name: '袁海燕' }, { username: 'judge-b5', name: '田小兵' },
];

const DAY = 86_400_000;
const chinaDay = (offsetDays: number) => new Date(Date.parse(`${todayIso()}T12:00:00+08:00`) + offsetDays * DAY).toISOString().slice(0, 10);

export async function loadDemoContests(ctx: AppContext, password: string): Promise<void> {
  if (await ctx.db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirst()) return;
  const guangan = await findUnionByRegion(ctx.db, '511600');
  const judges = new Map<string, string>();
  for (const j of DEMO_JUDGES) {
    const exists = await ctx.db.selectFrom('users').select('id').where(sql`lower(username)`, '=', j.username).executeTakeFirst();
    const id = exists?.id ?? (await createUser(ctx, null, { username: j.username, phone: null, name: j.name, password, roles: ['judge'], unionId: guangan?.id ?? null }, null, { isDemo: true, operator: 'chuanyu demo' })).id;
    judges.set(j.username, id);
  }
  const user = async (username: string) => (await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const people = { chief: await user('chief-judge-demo'), judge: await user('judge-demo'), sc: await user('sc-admin'), cq: await user('cq-admin') };
  const union = async (region: string) => (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
  const unions = new Map<string, string>();
  for (const region of ['510000', '500000', '511600', '500109', '500117', '500115', '500112', '500231', '511300', '510800', '511700', '511900']) unions.set(region, await union(region));

  await ctx.db.transaction().execute(async (trx) => {
    await loadFinal2023(ctx, trx, { unions, judges, people });
    await loadTrial(ctx, trx, { unions, judges, people });
  });
}

interface Refs { unions: Map<string, string>; judges: Map<string, string>; people: { chief: string; judge: string; sc: string; cq: string } }

async function insertItems(trx: Trx, contestId: number, items: PlanItem[]) {
  const itemIds = new Map<string, number>();
  const aspectIds = new Map<string, { id: number; itemId: number }>();
  for (const [i, it] of items.entries()) {
    const max = it.aspects.reduce((s, a) => s + a.max, 0);
    const row = await trx.insertInto('contest_items').values({
      contest_id: contestId, parent_id: it.parent ? itemIds.get(it.parent)! : null, code: it.code, name: it.name, seq: i + 1,
      max: it.parent ? String(max) : null, is_timed: it.timeLimit !== null, time_limit_seconds: it.timeLimit,
    }).returning('id').executeTakeFirstOrThrow();
    itemIds.set(it.code, row.id);
    for (const [k, a] of it.aspects.entries()) {
      const aspect = await trx.insertInto('contest_aspects').values({
        contest_id: contestId, item_id: row.id, code: a.code, seq: k + 1, type: a.type, max: String(a.max), description: a.description, judges: a.judges,
        descriptors: a.descriptors ? JSON.stringify(a.descriptors) : null, deductions: a.deductions ? JSON.stringify(a.deductions) : null,
      }).returning('id').executeTakeFirstOrThrow();
      aspectIds.set(a.code, { id: aspect.id, itemId: row.id });
    }
  }
  return { itemIds, aspectIds };
}

/** The lot drawing of lots.ts on the recorded seed, so the demo's draw re-checks like a real one. */
async function setWorkNumbers(trx: Trx, seed: string, finalistIds: number[]) {
  const drawn = drawWorkNumbers(seed, finalistIds);
  await sql`UPDATE contest_contestants c SET work_number = d.work_number
    FROM unnest(${drawn.map((x) => x.contestantId)}::bigint[], ${drawn.map((x) => x.workNumber)}::text[]) AS d(id, work_number) WHERE c.id = d.id`.execute(trx);
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
}

async function loadFinal2023(ctx: AppContext, trx: Trx, refs: Refs) {
  const plan = planDemoContest();
  const contest = await trx.insertInto('contests').values({
    name: DEMO_CONTEST_NAME, theme: '学习二十大 建功新时代',
    description: '四川省总工会、重庆市总工会、广安市人民政府共同主办。初赛于2022年10月中旬举行，83名选手进入决赛；决赛设理论考试和实操考核，实操分配电检修、电能计量两个大项共6个小项，于2023年2月21日至23日在华蓥电力技能实训基地举行。',
    organisers: JSON.stringify(['四川省总工会', '重庆市总工会', '广安市人民政府']), owner_union_id: refs.unions.get('510000')!, venue: '广安市 华蓥电力技能实训基地',
    starts_on: '2022-10-15', ends_on: '2023-02-23', rules: JSON.stringify(DEMO_RULES), status: 'published', chief_judge_id: refs.people.chief,
    lots_seed: plan.lotsSeed, lots_drawn_at: new Date('2023-02-20T16:00:00+08:00'), lots_drawn_by: refs.people.sc,
    revealed_at: new Date('2023-02-23T15:00:00+08:00'), revealed_by: refs.people.chief, created_by: refs.people.sc,
  }).returning('id').executeTakeFirstOrThrow();
  const cid = contest.id;
  const prelim = await trx.insertInto('contest_rounds').values({
    contest_id: cid, seq: 1, name: '初赛', kind: 'preliminary', starts_on: '2022-10-15', ends_on: '2022-10-16',
    qualification: JSON.stringify({ method: 'threshold', score: 70 }), qualified_at: new Date('2022-10-20T10:00:00+08:00'), qualified_by: refs.people.sc,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('contest_rounds').values({ contest_id: cid, seq: 2, name: '决赛', kind: 'final', starts_on: '2023-02-21', ends_on: '2023-02-23' }).execute();

  const teamIds = new Map<string, number>();
  for (const [i, t] of DEMO_TEAMS.entries()) {
    const row = await trx.insertInto('contest_teams').values({ contest_id: cid, name: t.name, union_id: refs.unions.get(t.region)!, seq: i + 1, leader: '' }).returning('id').executeTakeFirstOrThrow();
    teamIds.set(t.name, row.id);
  }
  const contestantIds = new Map<string, number>();
  const rows = plan.contestants.map((c) => ({
    contest_id: cid, team_id: teamIds.get(c.team)!, name: c.name, gender: c.gender, employer: c.employer, ...sealIdNumber(ctx.crypto, c.idNumber),
    is_union_member: c.isUnionMember, member_no: c.memberNo, stage: c.finalist ? 'finalist' as const : 'eliminated' as const,
    written: c.written, written_by: c.written === null ? null : refs.people.sc, written_at: c.written === null ? null : new Date('2023-02-21T12:00:00+08:00'), created_by: refs.people.sc,
  }));
  const inserted = await trx.insertInto('contest_contestants').values(rows).returning(['id', 'id_number_masked']).execute();
  plan.contestants.forEach((c, i) => contestantIds.set(c.key, inserted[i]!.id));
  await setWorkNumbers(trx, plan.lotsSeed, plan.contestants.filter((c) => c.finalist).map((c) => contestantIds.get(c.key)!));
  await trx.insertInto('contest_round_scores').values(plan.contestants.map((c) => ({
    round_id: prelim.id, contestant_id: contestantIds.get(c.key)!, score: c.preliminary, entered_by: refs.people.sc, entered_at: new Date('2022-10-17T10:00:00+08:00'),
  }))).execute();

  const { itemIds, aspectIds } = await insertItems(trx, cid, DEMO_ITEMS);
  const panel = (item: string) => [1, 2, 3, 4, 5].map((k) => refs.judges.get(`judge-${item.startsWith('A') ? 'a' : 'b'}${k}`)!);
  const judgeRows = DEMO_ITEMS.filter((it) => it.parent).flatMap((it) => panel(it.code).map((user_id) => ({ contest_id: cid, item_id: itemIds.get(it.code)!, user_id })));
  await trx.insertInto('contest_judges').values(judgeRows).execute();

  const marks: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const times: Record<string, unknown>[] = [];
  const resolutions: Record<string, unknown>[] = [];
  const dayOf = (code: string) => (code.startsWith('A') ? '2023-02-21' : '2023-02-22');
  plan.contestants.filter((c) => c.finalist).forEach((c, order) => {
    const contestantId = contestantIds.get(c.key)!;
    for (const mk of c.marks) {
      const { id: aspectId, itemId } = aspectIds.get(mk.aspect)!;
      const judgeId = panel(mk.aspect)[mk.judge]!;
      const at = new Date(`${dayOf(mk.aspect)}T09:00:00+08:00`);
      at.setTime(at.getTime() + order * 300_000 + mk.judge * 20_000);
      marks.push({ contest_id: cid, item_id: itemId, aspect_id: aspectId, contestant_id: contestantId, judge_id: judgeId, value: mk.value,
        deductions: mk.deductions ? JSON.stringify(mk.deductions) : null, entered_at: at, updated_at: mk.firstValue !== undefined ? new Date(at.getTime() + 600_000) : at, version: mk.firstValue !== undefined ? 2 : 1 });
      history.push({ contest_id: cid, item_id: itemId, aspect_id: aspectId, contestant_id: contestantId, judge_id: judgeId, action: 'enter', old_value: null,
        new_value: mk.firstValue ?? mk.value, reason: null, actor_id: judgeId, at });
      if (mk.firstValue !== undefined) {
        history.push({ contest_id: cid, item_id: itemId, aspect_id: aspectId, contestant_id: contestantId, judge_id: judgeId, action: 'change', old_value: mk.firstValue,
          new_value: mk.value, reason: '两次录入不一致，核对评分表后更正', actor_id: judgeId, at: new Date(at.getTime() + 600_000) });
      }
    }
    for (const [code, seconds] of Object.entries(c.times)) {
      times.push({ item_id: itemIds.get(code)!, contestant_id: contestantId, seconds, entered_by: panel(code)[0]!, entered_at: new Date(`${dayOf(code)}T12:00:00+08:00`) });
      history.push({ contest_id: cid, item_id: itemIds.get(code)!, contestant_id: contestantId, judge_id: panel(code)[0]!, action: 'time', new_value: null, reason: null, actor_id: panel(code)[0]!, at: new Date(`${dayOf(code)}T12:00:00+08:00`) });
    }
    for (const r of c.resolutions) {
      const { id: aspectId, itemId } = aspectIds.get(r.aspect)!;
      const at = new Date(`${dayOf(r.aspect)}T17:00:00+08:00`);
      resolutions.push({ aspect_id: aspectId, contestant_id: contestantId, note: r.note, resolved_by: refs.people.chief, resolved_at: at });
      history.push({ contest_id: cid, item_id: itemId, aspect_id: aspectId, contestant_id: contestantId, action: 'resolve', reason: r.note, actor_id: refs.people.chief, at });
    }
  });
  await inChunks(marks, (chunk) => trx.insertInto('contest_marks').values(chunk as never).execute());
  await inChunks(times, (chunk) => trx.insertInto('contest_item_times').values(chunk as never).execute());
  await inChunks(resolutions, (chunk) => trx.insertInto('contest_flag_resolutions').values(chunk as never).execute());
  const lockedAt = new Date('2023-02-23T10:00:00+08:00');
  await trx.updateTable('contest_items').set({ lock_state: 'locked', locked_at: lockedAt, locked_by: refs.people.chief, lock_count: 1 })
    .where('contest_id', '=', cid).where('parent_id', 'is not', null).execute();
  history.push({ contest_id: cid, action: 'draw', reason: `抽签种子 ${plan.lotsSeed}`, actor_id: refs.people.sc, at: new Date('2023-02-20T16:00:00+08:00') });
  for (const it of DEMO_ITEMS.filter((x) => x.parent)) history.push({ contest_id: cid, item_id: itemIds.get(it.code)!, action: 'lock', actor_id: refs.people.chief, at: lockedAt });
  history.push({ contest_id: cid, action: 'reveal', actor_id: refs.people.chief, at: new Date('2023-02-23T15:00:00+08:00') });
  await inChunks(history, (chunk) => trx.insertInto('contest_score_history').values(chunk as never).execute());
}

/** A small open contest on today's date for trying the judges' phones and the chief judge's desk. */
async function loadTrial(ctx: AppContext, trx: Trx, refs: Refs) {
  const contest = await trx.insertInto('contests').values({
    name: TRIAL_CONTEST_NAME, theme: '在手机上体验裁判评分、双人录入、裁判长核分锁定',
    description: '演示用竞赛：已抽签，尚未评分。judge-demo、judge-a1、judge-a2 是两个小项的裁判，可分别登录录入评分；chief-judge-demo 为裁判长，在电脑上核分、处理分歧并锁定。',
    organisers: JSON.stringify(['四川省总工会', '重庆市总工会']), owner_union_id: refs.unions.get('510000')!, venue: '广安市 华蓥电力技能实训基地（体验）',
    starts_on: chinaDay(0), ends_on: chinaDay(2), rules: JSON.stringify({ ...DEMO_RULES, team: { method: 'mean-all' } }), status: 'published', chief_judge_id: refs.people.chief,
    lots_seed: 'demo-trial', lots_drawn_at: new Date(), lots_drawn_by: refs.people.sc, created_by: refs.people.sc,
  }).returning('id').executeTakeFirstOrThrow();
  const cid = contest.id;
  await trx.insertInto('contest_rounds').values({ contest_id: cid, seq: 1, name: '决赛', kind: 'final', starts_on: chinaDay(0), ends_on: chinaDay(2) }).execute();
  const teams = [{ name: '广安体验队', region: '511600', place: '广安' }, { name: '北碚体验队', region: '500109', place: '北碚' }, { name: '达州体验队', region: '511700', place: '达州' }];
  const names = ['赵一鸣', '钱小川', '孙志平', '李红梅', '周晓东', '吴建新', '郑海涛', '王丽华', '冯文博', '陈思远', '褚国强', '卫明辉'];
  let n = 0;
  const finalistIds: number[] = [];
  for (const [i, t] of teams.entries()) {
    const team = await trx.insertInto('contest_teams').values({ contest_id: cid, name: t.name, union_id: refs.unions.get(t.region)!, seq: i + 1 }).returning('id').executeTakeFirstOrThrow();
    for (let k = 0; k < 4; k += 1) {
      const first17 = `${t.region.slice(0, 4)}02${1985 + n}0${1 + (n % 9)}1${n % 10}${100 + n}`; // region, birth date, sequence
      const row = await trx.insertInto('contest_contestants').values({
        contest_id: cid, team_id: team.id, name: names[n]!, gender: n % 4 === 3 ? 'f' : 'm', employer: t.region.startsWith('50') ? `国网重庆市电力公司${t.place}供电分公司` : `国网四川省电力公司${t.place}供电公司`,
        ...sealIdNumber(ctx.crypto, first17 + idCardCheckChar(first17)), is_union_member: true, stage: 'finalist',
        written: 70 + ((n * 37) % 25) + 0.5, written_by: refs.people.sc, written_at: new Date(), created_by: refs.people.sc,
      }).returning('id').executeTakeFirstOrThrow();
      finalistIds.push(row.id);
      n += 1;
    }
  }
  await setWorkNumbers(trx, 'demo-trial', finalistIds);
  const items: PlanItem[] = [
    { code: 'A', name: '配电检修', parent: null, timeLimit: null, aspects: [] },
    { ...DEMO_ITEMS.find((it) => it.code === 'A1')!, aspects: DEMO_ITEMS.find((it) => it.code === 'A1')!.aspects.map((a) => (a.type === 'judgement' ? { ...a, judges: 3 } : a)) },
    { code: 'B', name: '电能计量', parent: null, timeLimit: null, aspects: [] },
    { ...DEMO_ITEMS.find((it) => it.code === 'B1')!, aspects: DEMO_ITEMS.find((it) => it.code === 'B1')!.aspects.map((a) => (a.type === 'judgement' ? { ...a, judges: 3 } : a)) },
  ];
  const { itemIds } = await insertItems(trx, cid, items);
  const panel = [refs.people.judge, refs.judges.get('judge-a1')!, refs.judges.get('judge-a2')!];
  await trx.insertInto('contest_judges').values(['A1', 'B1'].flatMap((code) => panel.map((user_id) => ({ contest_id: cid, item_id: itemIds.get(code)!, user_id })))).execute();
  await trx.insertInto('contest_score_history').values({ contest_id: cid, action: 'draw', reason: '抽签种子 demo-trial', actor_id: refs.people.sc }).execute();
}
