// Factory for contest tests (issue 6): a fresh contest with teams, contestants, a marking scheme and
// judges, written straight into the tables of migration 0009 so each test starts from its own contest.
import type { AppContext } from '../src/server/platform/context.js';
import { sealIdNumber } from '../src/server/modules/contests/contests.pii.js';
import { DEFAULT_RULES, type ContestRules } from '../src/server/modules/contests/contests.rules.js';
import { idCardCheckChar } from '../src/shared/validators.js';
import { makeUser, type MadeUser } from './helpers.js';

let serial = 0;
/** A valid, unique 身份证号 (region 511602, born 1990-01-01 + n days, GB 11643 check character). */
export function makeIdNumber(region = '511602'): string {
  serial += 1;
  const birth = new Date(Date.UTC(1980, 0, 1) + ((serial * 7919 + Math.floor(Math.random() * 5000)) % 9000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `${region}${ymd}${seq}`;
  return first17 + idCardCheckChar(first17);
}

export interface AspectSpec { code: string; type: 'measurement' | 'judgement' | 'deduction'; max: number; judges?: number }
export interface ItemSpec { code: string; name: string; parent?: string; timed?: boolean; aspects: AspectSpec[] }

export interface MadeContest {
  id: number;
  owner: MadeUser; // federation staff of the owning union (四川省总工会 by default)
  chief: MadeUser;
  judges: Record<string, MadeUser[]>; // sub-item code → its judges
  teams: { id: number; name: string; unionId: string }[];
  contestants: { id: number; teamId: number; name: string; idNumber: string; workNumber: string | null }[];
  items: { id: number; code: string; parentId: number | null }[];
  aspects: { id: number; code: string; itemId: number; type: string; max: number; judges: number }[];
}

const DEFAULT_ITEMS: ItemSpec[] = [
  { code: 'A', name: '配电检修', aspects: [] },
  { code: 'A1', name: '冷缩电缆终端制作', parent: 'A', timed: true, aspects: [
    { code: 'A1.1', type: 'measurement', max: 5 }, { code: 'A1.2', type: 'judgement', max: 3, judges: 3 }, { code: 'A1.3', type: 'deduction', max: 10 }] },
  { code: 'B', name: '电能计量', aspects: [] },
  { code: 'B1', name: '装表接电', parent: 'B', timed: true, aspects: [
    { code: 'B1.1', type: 'measurement', max: 10 }, { code: 'B1.2', type: 'deduction', max: 10 }] },
];

/** Builds a contest: by default 2 teams × 3 contestants, items A1 and B1 with 3 judges each, lots not drawn. */
export async function makeContest(ctx: AppContext, options: {
  ownerRegion?: string; teams?: { name: string; region: string; size: number }[]; items?: ItemSpec[]; rules?: ContestRules;
  judgesPerItem?: number; drawLots?: boolean; status?: 'draft' | 'published'; finalists?: boolean;
} = {}): Promise<MadeContest> {
  const db = ctx.db;
  const ownerRegion = options.ownerRegion ?? '510000';
  const owner = await makeUser(ctx, { roles: ['federation_staff'], region: ownerRegion });
  const chief = await makeUser(ctx, { roles: ['chief_judge'], region: '511600' });
  const ownerUnion = await db.selectFrom('unions').select('id').where('region_code', '=', ownerRegion).executeTakeFirstOrThrow();
  const contest = await db.insertInto('contests').values({
    name: `测试技能竞赛${Math.random().toString(36).slice(2, 6)}`, owner_union_id: ownerUnion.id, venue: '华蓥电力技能实训基地',
    starts_on: '2023-02-21', ends_on: '2023-02-23', rules: JSON.stringify(options.rules ?? DEFAULT_RULES), status: options.status ?? 'published',
    chief_judge_id: chief.id, created_by: owner.id, organisers: JSON.stringify(['四川省总工会', '重庆市总工会']),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('contest_rounds').values({ contest_id: contest.id, seq: 1, name: '决赛', kind: 'final', starts_on: '2023-02-21', ends_on: '2023-02-23' }).execute();

  const teamSpecs = options.teams ?? [{ name: '广安1队', region: '511600', size: 3 }, { name: '北碚队', region: '500109', size: 3 }];
  const teams: MadeContest['teams'] = [];
  const contestants: MadeContest['contestants'] = [];
  let n = 0;
  for (const [i, spec] of teamSpecs.entries()) {
    const union = await db.selectFrom('unions').select('id').where('region_code', '=', spec.region).executeTakeFirstOrThrow();
    const team = await db.insertInto('contest_teams').values({ contest_id: contest.id, name: spec.name, union_id: union.id, seq: i + 1 }).returning('id').executeTakeFirstOrThrow();
    teams.push({ id: team.id, name: spec.name, unionId: union.id });
    for (let k = 0; k < spec.size; k += 1) {
      n += 1;
      const idNumber = makeIdNumber();
      const name = `选手${String(n).padStart(2, '0')}`;
      const workNumber = options.drawLots ? String(n).padStart(3, '0') : null;
      const row = await db.insertInto('contest_contestants').values({
        contest_id: contest.id, team_id: team.id, name, employer: `${spec.name}供电公司`, ...sealIdNumber(ctx.crypto, idNumber),
        stage: options.finalists === false ? 'entered' : 'finalist', work_number: workNumber, written: String(60 + ((n * 7) % 40)), created_by: owner.id,
      }).returning('id').executeTakeFirstOrThrow();
      contestants.push({ id: row.id, teamId: team.id, name, idNumber, workNumber });
    }
  }
  if (options.drawLots) await db.updateTable('contests').set({ lots_seed: 'test', lots_drawn_at: new Date(), lots_drawn_by: owner.id }).where('id', '=', contest.id).execute();

  const items: MadeContest['items'] = [];
  const aspects: MadeContest['aspects'] = [];
  const judges: MadeContest['judges'] = {};
  for (const [i, spec] of (options.items ?? DEFAULT_ITEMS).entries()) {
    const parentId = spec.parent ? items.find((it) => it.code === spec.parent)!.id : null;
    const max = spec.aspects.reduce((s, a) => s + a.max, 0);
    const item = await db.insertInto('contest_items').values({
      contest_id: contest.id, parent_id: parentId, code: spec.code, name: spec.name, seq: i + 1, max: parentId ? String(max) : null, is_timed: !!spec.timed,
    }).returning('id').executeTakeFirstOrThrow();
    items.push({ id: item.id, code: spec.code, parentId });
    for (const [j, a] of spec.aspects.entries()) {
      const judgesCount = a.type === 'judgement' ? (a.judges ?? 3) : 2;
      const row = await db.insertInto('contest_aspects').values({
        contest_id: contest.id, item_id: item.id, code: a.code, seq: j + 1, type: a.type, max: String(a.max), judges: judgesCount,
        description: `${a.code} 评分说明`,
        descriptors: a.type === 'judgement' ? JSON.stringify(['未达到要求', '基本达到', '较好', '优秀']) : null,
        deductions: a.type === 'deduction' ? JSON.stringify([{ code: 'D1', text: '未戴安全帽', points: 2 }, { code: 'D2', text: '工具掉落', points: 0.5 }]) : null,
      }).returning('id').executeTakeFirstOrThrow();
      aspects.push({ id: row.id, code: a.code, itemId: item.id, type: a.type, max: a.max, judges: judgesCount });
    }
    if (parentId) {
      judges[spec.code] = [];
      for (let k = 0; k < (options.judgesPerItem ?? 3); k += 1) {
        const judge = await makeUser(ctx, { roles: ['judge'], region: '511600' });
        await db.insertInto('contest_judges').values({ contest_id: contest.id, item_id: item.id, user_id: judge.id }).execute();
        judges[spec.code]!.push(judge);
      }
    }
  }
  return { id: contest.id, owner, chief, judges, teams, contestants, items, aspects };
}
