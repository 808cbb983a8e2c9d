// Factory for cooperation tests (issue 7): a fresh agreement with one year's area and two work
// items (one entered by hand, one computed), the responsible unions of both sides and the staff
// who act on them, written straight into the tables of migration 0010.
import type { AppContext } from '../src/server/platform/context.js';
import { makeUser, type MadeUser } from './helpers.js';

export interface MadeAgreement {
  id: number;
  areaId: number;
  /** manual progress: 江北区 (lead) and 成都市 responsible; 10 场 by 2023-12-31 */
  manualItemId: number;
  /** indicator progress: {"kind":"livestreams_held","seasonId":…} when a season is given, else joint contests of 2023 */
  indicatorItemId: number;
  unions: { jiangbei: string; chengdu: string; beibei: string; cq: string; sc: string };
  staff: { cq: MadeUser; cq2: MadeUser; sc: MadeUser; jiangbei: MadeUser; chengdu: MadeUser; beibei: MadeUser };
}

const unionOf = async (ctx: AppContext, region: string) =>
  (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;

export async function makeAgreement(ctx: AppContext, options: { seasonId?: number; year?: number } = {}): Promise<MadeAgreement> {
  const db = ctx.db;
  const year = options.year ?? 2023;
  const unions = {
    jiangbei: await unionOf(ctx, '500105'), chengdu: await unionOf(ctx, '510100'), beibei: await unionOf(ctx, '500109'),
    cq: await unionOf(ctx, '500000'), sc: await unionOf(ctx, '510000'),
  };
  const staff = {
    cq: await makeUser(ctx, { roles: ['federation_staff'], region: '500000' }),
    cq2: await makeUser(ctx, { roles: ['federation_staff'], region: '500000' }),
    sc: await makeUser(ctx, { roles: ['federation_staff'], region: '510000' }),
    jiangbei: await makeUser(ctx, { roles: ['union_staff'], region: '500105' }),
    chengdu: await makeUser(ctx, { roles: ['union_staff'], region: '510100' }),
    beibei: await makeUser(ctx, { roles: ['union_staff'], region: '500109' }),
  };
  const agreement = await db.insertInto('agreements').values({
    title: `川渝工会推动成渝地区双城经济圈建设战略合作框架协议（测试${Math.random().toString(36).slice(2, 6)}）`,
    parties: JSON.stringify(['四川省总工会', '重庆市总工会']), signed_on: '2020-04-20', summary: '测试协议', created_by: staff.sc.id,
  }).returning('id').executeTakeFirstOrThrow();
  const area = await db.insertInto('agreement_areas').values({ agreement_id: agreement.id, year, seq: 1, name: '维权服务' }).returning('id').executeTakeFirstOrThrow();
  const manual = await db.insertInto('work_items').values({
    agreement_id: agreement.id, area_id: area.id, code: `${year}-3.1`, title: '开展川渝职工法律服务联合宣讲', lead_union_id: unions.jiangbei,
    starts_on: `${year}-01-01`, due_on: `${year}-12-31`, target: 10, unit: '场', progress_kind: 'manual', manual_value: 0, created_by: staff.cq.id,
  }).returning('id').executeTakeFirstOrThrow();
  const indicator = options.seasonId
    ? { kind: 'livestreams_held', seasonId: options.seasonId }
    : { kind: 'joint_contests', year };
  const computed = await db.insertInto('work_items').values({
    agreement_id: agreement.id, area_id: area.id, code: `${year}-3.2`, title: options.seasonId ? '举办直播带岗 40 场' : '每年联合举办一项职工技能竞赛', lead_union_id: unions.cq,
    starts_on: `${year}-01-01`, due_on: `${year}-12-31`, target: options.seasonId ? 40 : 1, unit: options.seasonId ? '场' : '项', progress_kind: 'indicator',
    indicator: JSON.stringify(indicator), created_by: staff.cq.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('work_item_unions').values([
    { item_id: manual.id, union_id: unions.jiangbei }, { item_id: manual.id, union_id: unions.chengdu },
    { item_id: computed.id, union_id: unions.cq }, { item_id: computed.id, union_id: unions.sc },
  ]).execute();
  return { id: agreement.id, areaId: area.id, manualItemId: manual.id, indicatorItemId: computed.id, unions, staff };
}
