import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContest, type MadeContest } from './contest-factory.js';
import { createTestApp, loginAs, makeUser, uniqueSuffix, type TestApp } from './helpers.js';
import { multipart, xlsx } from './spreadsheets.js';

// Marking schemes and judges' assignment (issue 6 §2): reading, replacing with every problem named,
// the .xlsx round trip, the lock once marks exist, judges per sub-item, and who may do what.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });
const login = (u: { username: string }) => loginAs(t.app, u.username);

interface SchemeView {
  items: { id: number; code: string; name: string; parentId: number | null; max: number | null; isTimed: boolean; timeLimitSeconds: number | null; lockState: string;
    aspects: { id: number; code: string; type: string; max: number; descriptors: string[] | null; deductions: { code: string; text: string; points: number }[] | null; judges: number; description: string }[];
    judges: { id: string; name: string }[] }[];
  hasMarks: boolean; me: { canManage: boolean; canEdit: boolean }; warnings: { path: string; message: string }[];
}

/** The 2023 contest's practical part, shortened: two major items, three sub-items. */
const GOOD = {
  items: [
    { code: 'A', name: '配电检修' },
    { code: 'A1', name: '冷缩电缆终端制作', parent: 'A', max: 30, isTimed: true, timeLimitSeconds: 5430, aspects: [
      { code: 'A1.1', type: 'measurement', max: 12.5, description: '线芯剥切尺寸' },
      { code: 'A1.2', type: 'judgement', max: 7.5, judges: 3, descriptors: ['工艺粗糙，多处返工', '基本符合工艺要求', '工艺规范，外观整洁', '工艺精湛，一次成型'] },
      { code: 'A1.3', type: 'deduction', max: 10, description: '安全文明生产', deductions: [{ code: 'D1', text: '未戴安全帽', points: 2 }, { code: 'D2', text: '工具掉落', points: 0.5 }] },
    ] },
    { code: 'A2', name: '柱上开关更换', parent: 'A', max: 0.3, aspects: [{ code: 'A2.1', type: 'measurement', max: 0.1 }, { code: 'A2.2', type: 'measurement', max: 0.2 }] },
    { code: 'B', name: '电能计量' },
    { code: 'B1', name: '装表接电', parent: 'B', max: 20, isTimed: true, aspects: [{ code: 'B1.1', type: 'measurement', max: 20 }] },
  ],
};
/** What a scheme says, without ids (to compare two contests' schemes). */
const shape = (s: SchemeView) => s.items.map(({ id: _id, parentId, judges: _j, aspects, ...rest }) => ({
  ...rest, parent: s.items.find((p) => p.id === parentId)?.code ?? null, aspects: aspects.map(({ id: _a, ...a }) => a),
}));

async function fixture(options: Parameters<typeof makeContest>[1] = {}) {
  const c = await makeContest(t.ctx, options);
  return { c, owner: await login(c.owner) };
}
const put = (c: MadeContest, cookie: string | undefined, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/scheme`, headers: { ...zh(cookie), ...headers }, payload: payload as object });
const get = async (c: MadeContest, cookie?: string) => {
  const res = await t.app.inject({ url: `/api/contests/${c.id}/scheme`, headers: zh(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SchemeView;
};
const upload = (c: MadeContest, cookie: string, name: string, data: Buffer) => {
  const body = multipart({}, { name, data });
  return t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/scheme/import`, headers: { ...zh(cookie), ...body.headers }, payload: body.payload });
};
const addMark = async (c: MadeContest) => {
  const aspect = c.aspects.find((a) => a.code === 'B1.1')!;
  await t.ctx.db.insertInto('contest_marks').values({ contest_id: c.id, item_id: aspect.itemId, aspect_id: aspect.id, contestant_id: c.contestants[0]!.id, judge_id: c.judges.B1![0]!.id, value: '8' }).execute();
};

describe('contest scheme', () => {
  it('is read by the public for a published contest, with judges and warnings only for those who run it', async () => {
    const { c, owner } = await fixture();
    const pub = await get(c);
    expect(pub.items.map((i) => i.code)).toEqual(['A', 'A1', 'B', 'B1']);
    const a1 = pub.items.find((i) => i.code === 'A1')!;
    expect(a1).toMatchObject({ max: 18, isTimed: true, lockState: 'open', parentId: pub.items[0]!.id });
    expect(a1.aspects.map((a) => [a.code, a.type, a.max, a.judges])).toEqual([['A1.1', 'measurement', 5, 2], ['A1.2', 'judgement', 3, 3], ['A1.3', 'deduction', 10, 2]]);
    expect(a1.aspects[1]!.descriptors).toHaveLength(4);
    expect(a1.aspects[2]!.deductions).toEqual([{ code: 'D1', text: '未戴安全帽', points: 2 }, { code: 'D2', text: '工具掉落', points: 0.5 }]);
    expect(a1.judges).toEqual([]);
    expect(pub.me).toEqual({ canManage: false, canEdit: false });
    const mine = await get(c, owner);
    expect(mine.me).toEqual({ canManage: true, canEdit: true });
    expect(mine.items.find((i) => i.code === 'A1')!.judges).toHaveLength(3);
    const judge = await get(c, await login(c.judges.A1![0]!));
    expect(judge.items.find((i) => i.code === 'A1')!.aspects[1]!.descriptors).toHaveLength(4);

    const draft = await makeContest(t.ctx, { status: 'draft' });
    expect((await t.app.inject({ url: `/api/contests/${draft.id}/scheme` })).statusCode).toBe(404);
  });

  it('is replaced whole by a manager, keeping the judges of sub-items that stay; a retried PUT writes once', async () => {
    const { c, owner } = await fixture();
    const key = `scheme-${uniqueSuffix()}`;
    const first = await put(c, owner, GOOD, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    const again = await put(c, owner, GOOD, { 'idempotency-key': key });
    expect(again.json()).toEqual(first.json());
    const s = await get(c, owner);
    expect(s.items.map((i) => i.code)).toEqual(['A', 'A1', 'A2', 'B', 'B1']);
    expect(s.items.find((i) => i.code === 'A1')).toMatchObject({ max: 30, timeLimitSeconds: 5430 });
    expect(s.items.find((i) => i.code === 'A1')!.judges).toHaveLength(3); // A1 stayed: its judges too
    expect(s.items.find((i) => i.code === 'A2')!.judges).toEqual([]);
    expect(s.items.find((i) => i.code === 'B1')!.aspects.map((a) => a.code)).toEqual(['B1.1']);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'contest').where('subject_id', '=', String(c.id)).where('action', '=', 'contest.scheme.replace').execute();
    expect(audits).toHaveLength(1);
  });

  it('names every problem at once with its path and writes nothing (aspects not adding up to the sub-item\'s maximum …)', async () => {
    const { c, owner } = await fixture();
    const before = await get(c, owner);
    const bad = structuredClone(GOOD) as unknown as { items: Record<string, unknown>[] };
    bad.items[1] = { ...bad.items[1], max: 31 };
    (bad.items[1]!.aspects as Record<string, unknown>[])[1] = { code: 'A1.2', type: 'judgement', max: 7.5, judges: 0, descriptors: ['只有一条'] };
    (bad.items[1]!.aspects as Record<string, unknown>[])[2] = { code: 'A1.3', type: 'deduction', max: 10, deductions: [{ code: 'D1', text: '严重违章', points: 11 }] };
    bad.items[2] = { code: 'A2', name: '柱上开关更换', parent: 'A', max: 0.333, aspects: [] };
    bad.items.push({ code: 'C', name: '空大项' });
    const res = await put(c, owner, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      { path: 'items.1.aspects.1.descriptors', message: '评价类评分项须有 0、1、2、3 分的四条评价描述' },
      { path: 'items.1.aspects.1.judges', message: '评判裁判人数须为 1–15 的整数' },
      { path: 'items.1.aspects.2.deductions.0.points', message: '扣分 11 分超过该评分项满分 10 分' },
      { path: 'items.1.max', message: '各评分项满分合计 30 分，与小项满分 31 分不一致' },
      { path: 'items.2.max', message: '满分须大于 0、不超过 99999.99，最多两位小数' },
      { path: 'items.2.aspects', message: '小项须至少有一个评分项' },
      { path: 'items.5', message: '大项 C 下没有小项' },
    ]);
    const en = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/scheme`, headers: { 'accept-language': 'en', cookie: owner }, payload: bad });
    expect(en.json().issues[3].message).toBe('The aspects add up to 30 points, not the sub-item\'s maximum of 31');
    expect(await get(c, owner)).toEqual(before);
  });

  it('is refused with 409 once any mark exists; judges may still be assigned', async () => {
    const { c, owner } = await fixture();
    await addMark(c);
    const res = await put(c, owner, GOOD);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'contest.scheme.has_marks', message: '本竞赛已有评分记录，评分标准不能再整体修改' });
    const s = await get(c, owner);
    expect(s.hasMarks).toBe(true);
    expect(s.me.canEdit).toBe(false);
    const file = (await t.app.inject({ url: `/api/contests/${c.id}/scheme.xlsx`, headers: zh(owner) })).rawPayload;
    expect((await upload(c, owner, 'scheme.xlsx', file)).statusCode).toBe(409);
    // a judge whose mark is in the sub-item cannot be taken off it; others can, and judges can be added
    const b1 = c.items.find((i) => i.code === 'B1')!.id;
    const [marked, other] = c.judges.B1!;
    const off = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${b1}/judges`, headers: zh(owner), payload: { userIds: [other!.id] } });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('contest.scheme.judge_has_marks');
    const kept = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${b1}/judges`, headers: zh(owner), payload: { userIds: [marked!.id, c.judges.A1![0]!.id] } });
    expect(kept.statusCode, kept.body).toBe(200);
  });

  it('exports .xlsx that imports back exactly, into another contest too', async () => {
    const { c, owner } = await fixture();
    expect((await put(c, owner, GOOD)).statusCode).toBe(200);
    const exported = await t.app.inject({ url: `/api/contests/${c.id}/scheme.xlsx` }); // public contest: anyone may download
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain('评分标准.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('评分标准')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '大项编号', '大项', '小项编号', '小项名称', '小项满分', '计时', '时限（分钟）', '评分项编号', '类型', '满分', '评判裁判人数', '说明', '评价描述0', '评价描述1', '评价描述2', '评价描述3', '扣分项']);
    expect(sheet.getRow(4).getCell(17).value).toBe('D1 未戴安全帽 2；D2 工具掉落 0.5');
    expect(sheet.getRow(2).getCell(7).value).toBe('90:30');

    const other = await makeContest(t.ctx, { ownerRegion: '510000' });
    const otherOwner = await login(other.owner);
    const res = await upload(other, otherOwner, '评分标准.xlsx', exported.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
    expect(shape(await get(other, otherOwner))).toEqual(shape(await get(c, owner)));
    // And back into the same contest: nothing changes.
    expect((await upload(c, owner, 'same.xlsx', exported.rawPayload)).statusCode).toBe(200);
    expect(shape(await get(c, owner))).toEqual(shape(await get(other, otherOwner)));
  });

  it('names every bad cell of an import by sheet, row and column and writes nothing', async () => {
    const { c, owner } = await fixture();
    const before = await get(c, owner);
    const header = ['大项编号', '大项', '小项编号', '小项名称', '小项满分', '计时', '时限（分钟）', '评分项编号', '类型', '满分', '评判裁判人数', '说明', '评价描述0', '评价描述1', '评价描述2', '评价描述3', '扣分项'];
    const file = await xlsx([
      header,
      ['A', '配电检修', 'A1', '冷缩电缆终端制作', 20, '是', 90, 'A1.1', '测量', 5, '', '', '', '', '', '', ''],
      ['A', '配电检修', 'A1', '冷缩电缆终端制作', 20, '是', 90, 'A1.2', '评价', 3, 3, '', '差', '中', '良', '', ''],
      ['A', '配电检修', 'A1', '冷缩电缆终端制作', 20, '是', 90, 'A1.3', '扣分', 10, '', '', '', '', '', '', 'D1 未戴安全帽'],
      ['A', '配电检修', 'A2', '柱上开关更换', 10, '也许', '', 'A2.1', '打分', 10, '', '', '', '', '', '', ''],
      ['B', '电能计量', 'B1', '装表接电', '十', '否', '', 'B1.1', '测量', 10, '', '', '', '', '', '', ''],
    ], { sheet: '评分标准' });
    const res = await upload(c, owner, 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('imports.invalid');
    expect(res.json().errors.map((e: { sheet: string; row: number; column: string }) => `${e.sheet}!${e.row} ${e.column}`)).toEqual([
      '评分标准!4 扣分项', '评分标准!5 计时', '评分标准!5 类型', '评分标准!6 小项满分',
      '评分标准!3 评价描述3', '评分标准!2 小项满分',
    ]);
    expect(res.json().errors[1].message).toBe('计时须填“是”或“否”');
    expect(res.json().errors[5].message).toBe('各评分项满分合计 18 分，与小项满分 20 分不一致');
    expect(await get(c, owner)).toEqual(before);
    const notSheet = await upload(c, owner, 'x.xlsx', Buffer.from('not a spreadsheet'));
    expect(notSheet.statusCode).toBe(422);
    expect(notSheet.json().code).toBe('imports.not_spreadsheet');
  });
});

describe('contest scheme API docs', () => {
  it('lists the scheme endpoints at /api/docs', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining([
      '/api/contests/{id}/scheme', '/api/contests/{id}/scheme.xlsx', '/api/contests/{id}/scheme/import', '/api/contests/{id}/items/{itemId}/judges', '/api/contests/{id}/judge-candidates',
    ]));
  });
});

describe('contest scheme permissions', () => {
  it('lets only the contest\'s managers edit: not the public, a judge, the chief judge or another federation\'s staff', async () => {
    const { c } = await fixture();
    expect((await put(c, undefined, GOOD)).statusCode).toBe(401);
    expect((await put(c, await login(c.judges.A1![0]!), GOOD)).statusCode).toBe(403);
    expect((await put(c, await login(c.chief), GOOD)).statusCode).toBe(403);
    const chongqing = await login(await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' }));
    expect((await put(c, chongqing, GOOD)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/contests/${c.id}/judge-candidates`, headers: zh(chongqing) })).statusCode).toBe(403);
    const draft = await makeContest(t.ctx, { status: 'draft' });
    expect((await put(draft, chongqing, GOOD)).statusCode).toBe(404);
    // Staff of a union below the owner's do not run it either; a platform-wide admin does.
    const guangan = await login(await makeUser(t.ctx, { roles: ['union_staff'], region: '511600' }));
    expect((await put(c, guangan, GOOD)).statusCode).toBe(403);
    const items = (await get(c)).items;
    const upload403 = multipart({}, { name: 's.xlsx', data: await xlsx([['x']]) });
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/scheme/import`, headers: { ...zh(await login(c.judges.A1![0]!)), ...upload403.headers }, payload: upload403.payload })).statusCode).toBe(403);
    expect(items).toHaveLength(4);
  });

  it('warns when double entry lacks its second judge', async () => {
    const { c, owner } = await fixture({ judgesPerItem: 1 });
    expect((await get(c, owner)).warnings.map((w) => w.path + ' ' + w.message)).toEqual([
      'items.1.judges 小项 A1 的测量、扣分评分项须由 2 名裁判各录一次（双录），只指派了 1 名',
      'items.1.aspects.1.judges 评分项 A1.2 需要 3 名裁判评判，小项 A1 只指派了 1 名',
      'items.3.judges 小项 B1 的测量、扣分评分项须由 2 名裁判各录一次（双录），只指派了 1 名',
    ]);
  });

  it('assigns judges per sub-item: judges only, audited, warned when a judgement aspect wants more', async () => {
    const { c, owner } = await fixture({ judgesPerItem: 2 });
    const s = await get(c, owner);
    const a1 = s.items.find((i) => i.code === 'A1')!;
    // A1.2 is scored by 3 judges but A1 has 2: warned, not refused.
    expect(s.warnings.map((w) => w.message)).toEqual(['评分项 A1.2 需要 3 名裁判评判，小项 A1 只指派了 2 名']);
    expect((await get(c)).warnings).toEqual([]);

    const name = `裁判${uniqueSuffix()}`;
    const extra = await makeUser(t.ctx, { roles: ['judge'], region: '500000', name });
    const candidates = await t.app.inject({ url: `/api/contests/${c.id}/judge-candidates?q=${encodeURIComponent(name)}&pageSize=5`, headers: zh(owner) });
    expect(candidates.statusCode).toBe(200);
    expect(candidates.json()).toEqual({ total: 1, items: [{ id: extra.id, name, username: extra.username, union: { id: extra.unionId, name: '重庆市总工会' } }] });
    const page = (await t.app.inject({ url: `/api/contests/${c.id}/judge-candidates?pageSize=2`, headers: zh(owner) })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);

    const userIds = [...a1.judges.map((j) => j.id), extra.id];
    const res = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${a1.id}/judges`, headers: zh(owner), payload: { userIds } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().judges.map((j: { id: string }) => j.id).sort()).toEqual([...userIds].sort());
    expect((await get(c, owner)).warnings).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'reason']).where('action', '=', 'contest.judges.assign').where('subject_id', '=', String(c.id)).executeTakeFirstOrThrow();
    expect(audit.reason).toContain(name);
    // The assigned judge now sees the contest's sub-item as his.
    expect((await get(c, await login(extra))).items.find((i) => i.code === 'A1')!.judges).toHaveLength(3);

    const seeker = await makeUser(t.ctx, { roles: ['seeker'] });
    const refused = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${a1.id}/judges`, headers: zh(owner), payload: { userIds: [extra.id, seeker.id] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues).toEqual([{ path: 'userIds.1', message: '该用户不是裁判，不能指派' }]);
    const major = s.items.find((i) => i.code === 'A')!;
    expect((await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${major.id}/judges`, headers: zh(owner), payload: { userIds: [extra.id] } })).statusCode).toBe(400);
    const otherContest = await makeContest(t.ctx);
    const foreignItem = otherContest.items.find((i) => i.code === 'A1')!.id;
    expect((await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${foreignItem}/judges`, headers: zh(owner), payload: { userIds: [] } })).statusCode).toBe(404);
    const asJudge = await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/items/${a1.id}/judges`, headers: zh(await login(extra)), payload: { userIds: [extra.id] } });
    expect(asJudge.statusCode).toBe(403);
  });
});
