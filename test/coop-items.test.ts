import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgreement, type MadeAgreement } from './coop-factory.js';
import { createTestApp, loginAs, makeUser, uniqueSuffix, type MadeUser, type TestApp } from './helpers.js';
import { multipart } from './spreadsheets.js';

// The items slice of issue 7 over HTTP on real PostgreSQL: the agreement with its attachments,
// yearly areas with aggregated progress, work items (both sides responsible, due dates after the
// agreement), progress with evidence (over 100 % refused, only responsible unions), sign-off by
// one staff member of each federation, the history, and who may do what.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const zh = (cookie?: string, extra: Record<string, string> = {}) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}), ...extra });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface Cookies { cq: string; cq2: string; sc: string; jiangbei: string; chengdu: string; beibei: string }
async function login(a: MadeAgreement): Promise<Cookies> {
  const s = a.staff;
  const [cq, cq2, sc, jiangbei, chengdu, beibei] = await Promise.all([s.cq, s.cq2, s.sc, s.jiangbei, s.chengdu, s.beibei].map((u) => loginAs(t.app, u.username)));
  return { cq: cq!, cq2: cq2!, sc: sc!, jiangbei: jiangbei!, chengdu: chengdu!, beibei: beibei! };
}
const nameOf = async (u: MadeUser) => (await t.ctx.db.selectFrom('users').select('name').where('id', '=', u.id).executeTakeFirstOrThrow()).name;

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: zh(cookie) });
const post = (url: string, cookie: string, payload: object, extra: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers: zh(cookie, extra), payload });
const patch = (url: string, cookie: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: zh(cookie), payload });

const itemInput = (a: MadeAgreement, over: Record<string, unknown> = {}) => ({
  areaId: a.areaId, code: `T-${uniqueSuffix().slice(0, 6)}`, title: '开展川渝职工技能交流活动', leadUnionId: a.unions.jiangbei, unionIds: [a.unions.chengdu],
  startsOn: '2023-03-01', dueOn: '2023-11-30', target: 4, unit: '次', progressKind: 'manual', ...over,
});

describe('agreements and areas', () => {
  it('are written by federation staff (versioned, with attachments) and read by every union', async () => {
    const a = await makeAgreement(t.ctx);
    const c = await login(a);
    const created = await post('/api/cooperation/agreements', c.sc, {
      title: '川渝工会推动成渝地区双城经济圈建设战略合作框架协议', parties: ['四川省总工会', '重庆市总工会'], signedOn: '2020-04-20', summary: '八个方面合作', body: '第一条 ……',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ag = created.json();
    expect(ag).toMatchObject({ parties: ['四川省总工会', '重庆市总工会'], signedOn: '2020-04-20', version: 1, files: [], years: [], permissions: { canEdit: true } });
    expect((await post('/api/cooperation/agreements', c.jiangbei, { title: '某协议', parties: ['甲', '乙'], signedOn: '2020-04-20' })).statusCode).toBe(403);
    const bad = await post('/api/cooperation/agreements', c.sc, { title: '某协议', parties: ['甲', '乙'], signedOn: '2020-04-20', endsOn: '2019-01-01' });
    expect(bad.json().issues).toEqual([{ path: 'endsOn', message: '截止日期不能早于签订日期 2020-04-20' }]);

    const changed = await patch(`/api/cooperation/agreements/${ag.id}`, c.cq, { summary: '更新摘要', version: 1 });
    expect(changed.json()).toMatchObject({ summary: '更新摘要', version: 2 });
    const stale = await patch(`/api/cooperation/agreements/${ag.id}`, c.sc, { summary: '旧版本', version: 1 });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'coop.items.stale']);
    // The factory agreement's items are due 2023-12-31: its signing date may not move past them.
    const factory = (await get(`/api/cooperation/agreements/${a.id}`, c.cq)).json();
    const late = await patch(`/api/cooperation/agreements/${a.id}`, c.cq, { signedOn: '2024-01-01', version: factory.version });
    expect(late.json().issues).toEqual([{ path: 'signedOn', message: '签订日期不能晚于已有工作事项的截止日期 2023-12-31' }]);

    const body = multipart({ title: '协议签字扫描件' }, { name: '框架协议.pdf', data: PDF });
    const up = await t.app.inject({ method: 'POST', url: `/api/cooperation/agreements/${ag.id}/files`, headers: { ...zh(c.sc), ...body.headers }, payload: body.payload });
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json().files[0];
    expect(file).toMatchObject({ title: '协议签字扫描件', name: '框架协议.pdf', mime: 'application/pdf' });
    expect((await t.ctx.db.selectFrom('stored_files').select('purpose').where('id', '=', file.id).executeTakeFirstOrThrow()).purpose).toBe('agreement');
    const down = await get(`/api/cooperation/agreements/${ag.id}/files/${file.id}`, c.beibei);
    expect([down.statusCode, down.headers['content-type'], down.rawPayload.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    const notPdf = multipart({}, { name: 'x.pdf', data: Buffer.from('plain text') });
    expect((await t.app.inject({ method: 'POST', url: `/api/cooperation/agreements/${ag.id}/files`, headers: { ...zh(c.sc), ...notPdf.headers }, payload: notPdf.payload })).statusCode).toBe(415);
    const fileUrl = `/api/cooperation/agreements/${ag.id}/files/${file.id}`;
    expect((await t.app.inject({ method: 'DELETE', url: fileUrl, headers: zh(c.beibei) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: fileUrl, headers: zh(c.cq) })).json().files).toEqual([]);
    expect((await get(fileUrl, c.cq)).statusCode).toBe(404);

    const list = (await get('/api/cooperation/agreements?pageSize=100', c.beibei)).json();
    expect(list.permissions).toEqual({ canEdit: false });
    expect(list.items.map((x: { id: number }) => x.id)).toContain(ag.id);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'agreement').where('subject_id', '=', String(ag.id)).orderBy('id').execute();
    expect(audits.map((x) => x.action)).toEqual(['coop.agreement.create', 'coop.agreement.update', 'coop.agreement.file_add', 'coop.agreement.file_remove']);
  });

  it('group items by year with their progress and counts by status', async () => {
    const a = await makeAgreement(t.ctx);
    const c = await login(a);
    const area = await post(`/api/cooperation/agreements/${a.id}/areas`, c.cq, { year: 2023, seq: 2, name: '宣传学习' });
    expect(area.statusCode, area.body).toBe(201);
    expect(area.json()).toMatchObject({ year: 2023, name: '宣传学习', items: 0, percent: 0 });
    const twice = await post(`/api/cooperation/agreements/${a.id}/areas`, c.sc, { year: 2023, name: '宣传学习' });
    expect(twice.json().issues).toEqual([{ path: 'name', message: '2023 年已有名为“宣传学习”的工作方向' }]);
    expect((await post(`/api/cooperation/agreements/${a.id}/areas`, c.jiangbei, { year: 2023, name: '产改' })).statusCode).toBe(403);
    await t.ctx.db.updateTable('work_items').set({ manual_value: '5' }).where('id', '=', a.manualItemId).execute();
    const areas = (await get(`/api/cooperation/agreements/${a.id}/areas?year=2023`, c.beibei)).json();
    const rights = areas.items.find((x: { id: number }) => x.id === a.areaId);
    // 5 / 10 场 = 50 %, the joint contests of 2023 counted from the records: the mean of both.
    const items = (await get(`/api/cooperation/agreements/${a.id}/items`, c.beibei)).json().items;
    const mean = Math.round(((items[0].progress.percent + items[1].progress.percent) / 2) * 10) / 10;
    expect(rights).toMatchObject({ items: 2, percent: mean });
    expect(Object.values(rights.counts as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(2);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/cooperation/areas/${a.areaId}`, headers: zh(c.cq) })).json().code).toBe('coop.items.area_has_items');
    expect((await patch(`/api/cooperation/areas/${area.json().id}`, c.sc, { name: '宣传与学习' })).json().name).toBe('宣传与学习');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/cooperation/areas/${area.json().id}`, headers: zh(c.cq) })).statusCode).toBe(204);
  });
});

describe('work items', () => {
  it('need both sides responsible, a due date after the agreement, a valid indicator and a free code', async () => {
    const a = await makeAgreement(t.ctx);
    const c = await login(a);
    const url = `/api/cooperation/agreements/${a.id}/items`;
    const before = await post(url, c.cq, itemInput(a, { startsOn: '2020-01-01', dueOn: '2020-03-31' }));
    expect(before.statusCode).toBe(400);
    expect(before.json().issues).toEqual([{ path: 'dueOn', message: '截止日期不能早于协议签订日期 2020-04-20' }]);
    const oneSide = await post(url, c.cq, itemInput(a, { unionIds: [a.unions.beibei] }));
    expect(oneSide.json().issues).toEqual([{ path: 'unionIds', message: '责任单位须至少包括一个四川方工会（四川省总工会或其市州工会）' }]);
    const indicator = await post(url, c.cq, itemInput(a, { progressKind: 'indicator', indicator: { kind: 'livestreams_held', seasonId: 999999999 }, code: '2023-3.1' }));
    expect(indicator.json().issues).toEqual([
      { path: 'indicator.seasonId', message: '指标所指的服务季 999999999 不存在' },
      { path: 'code', message: '编号 2023-3.1 已被本协议的其他工作事项使用' },
    ]);
    const unknownKind = await post(url, c.cq, itemInput(a, { progressKind: 'indicator', indicator: { kind: 'rainfall' } }));
    expect(unknownKind.statusCode).toBe(400);
    expect((await post(url, c.jiangbei, itemInput(a))).statusCode).toBe(403);

    const ok = await post(url, c.cq, itemInput(a), { 'idempotency-key': `item-${uniqueSuffix()}` });
    expect(ok.statusCode, ok.body).toBe(201);
    const item = ok.json();
    expect(item.unions.map((u: { name: string; federation: string }) => [u.name, u.federation])).toEqual([['成都市总工会', '51'], ['重庆市江北区总工会', '50']]);
    expect(item).toMatchObject({ leadUnion: { id: a.unions.jiangbei }, target: 4, progress: { value: 0, percent: 0 }, permissions: { canEdit: true, canReport: true, canSignOff: true, canWithdraw: false, federation: '50' } });
    const edited = await patch(`/api/cooperation/items/${item.id}`, c.sc, { dueOn: '2020-01-01', version: item.version });
    expect(edited.json().issues).toEqual([
      { path: 'dueOn', message: '截止日期不能早于开始日期 2023-03-01' },
      { path: 'dueOn', message: '截止日期不能早于协议签订日期 2020-04-20' },
    ]);
    const moved = await patch(`/api/cooperation/items/${item.id}`, c.sc, { dueOn: '2023-12-15', target: 5, version: item.version });
    expect(moved.json()).toMatchObject({ dueOn: '2023-12-15', target: 5, version: item.version + 1 });
    expect((await patch(`/api/cooperation/items/${item.id}`, c.cq, { title: '旧版本的修改', version: item.version })).statusCode).toBe(409);
    expect((await patch(`/api/cooperation/items/${item.id}`, c.chengdu, { title: '责任单位不能改', version: item.version + 1 })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/cooperation/items/${item.id}`, headers: zh(c.sc) })).statusCode).toBe(204);
    expect((await get(`/api/cooperation/items/${item.id}`, c.sc)).statusCode).toBe(404);
  });

  it('take progress with evidence from responsible unions only, never above 100 %, and are signed off once by each federation', async () => {
    const a = await makeAgreement(t.ctx);
    const c = await login(a);
    const id = a.manualItemId;
    const progress = (cookie: string, payload: object, key?: string) => post(`/api/cooperation/items/${id}/progress`, cookie, payload, key ? { 'idempotency-key': key } : {});

    const over = await progress(c.jiangbei, { percent: 120, evidence: '已开展宣讲' });
    expect([over.statusCode, over.json().issues]).toEqual([400, [{ path: 'percent', message: '完成百分比不能超过 100%（填写的是 120%）' }]]);
    const notMine = await progress(c.beibei, { value: 3, evidence: '北碚也做了' });
    expect([notMine.statusCode, notMine.json().message]).toEqual([403, '只有该事项责任单位或两省市总工会的工作人员可以填报进度']);
    expect((await progress(c.jiangbei, { evidence: '没有数' })).json().issues).toEqual([{ path: 'value', message: '请填写完成数值或完成百分比（二选一）' }]);
    expect((await post(`/api/cooperation/items/${a.indicatorItemId}/progress`, c.cq, { value: 1, evidence: '手填' })).json().code).toBe('coop.items.progress_indicator');

    // Evidence: a file uploaded first, then named by the entry; a retried entry is written once.
    const body = multipart({}, { name: '宣讲照片.png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]) });
    const up = await t.app.inject({ method: 'POST', url: `/api/cooperation/items/${id}/evidence-files`, headers: { ...zh(c.chengdu), ...body.headers }, payload: body.payload });
    expect(up.statusCode, up.body).toBe(200);
    const bodyB = multipart({}, { name: 'x.png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]) });
    expect((await t.app.inject({ method: 'POST', url: `/api/cooperation/items/${id}/evidence-files`, headers: { ...zh(c.beibei), ...bodyB.headers }, payload: bodyB.payload })).statusCode).toBe(403);
    const half = await progress(c.chengdu, { percent: 50, evidence: '成都开展 5 场', fileIds: [up.json().id] });
    expect(half.statusCode, half.body).toBe(200);
    expect(half.json().progress).toMatchObject({ value: 5, percent: 50 });
    const key = `progress-${uniqueSuffix()}`;
    const full = await progress(c.jiangbei, { value: 12, evidence: '两地累计 12 场' }, key);
    expect((await progress(c.jiangbei, { value: 12, evidence: '两地累计 12 场' }, key)).json().version).toBe(full.json().version);
    expect(full.json().progress).toMatchObject({ value: 12, target: 10, percent: 100, status: 'on_track', awaitingSignOff: true, ruleText: '进度已达 100%，待双方确认' });
    expect((await t.ctx.db.selectFrom('work_item_progress').select('id').where('item_id', '=', id).execute()).length).toBe(2);
    const file = await get(`/api/cooperation/items/${id}/files/${up.json().id}`, c.beibei);
    expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'image/png']);

    // Sign-off: one staff member per federation; the second federation makes the item done.
    expect((await post(`/api/cooperation/items/${id}/signoffs`, c.jiangbei, {})).statusCode).toBe(403);
    const first = await post(`/api/cooperation/items/${id}/signoffs`, c.cq, { note: '材料齐全' });
    expect(first.json()).toMatchObject({ doneAt: null, progress: { signedBy: ['50'] }, permissions: { canSignOff: false, canWithdraw: true } });
    const second = await post(`/api/cooperation/items/${id}/signoffs`, c.cq2, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(new RegExp(`^本省市总工会已由 ${await nameOf(a.staff.cq)} 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 确认`));
    const withdrawn = await post(`/api/cooperation/items/${id}/signoffs/withdraw`, c.cq2, { reason: '佐证材料需补充会议照片' });
    expect(withdrawn.json().progress.signedBy).toEqual([]);
    expect((await post(`/api/cooperation/items/${id}/signoffs/withdraw`, c.cq, { reason: '再次撤回' })).json().code).toBe('coop.items.not_signed');
    await post(`/api/cooperation/items/${id}/signoffs`, c.cq2, {});
    const done = await post(`/api/cooperation/items/${id}/signoffs`, c.sc, { note: '同意' });
    expect(done.json()).toMatchObject({ doneAt: expect.any(String), progress: { status: 'done', signedBy: ['50', '51'] }, permissions: { canSignOff: false, canWithdraw: false, canReport: false } });
    expect(done.json().signoffs.map((s: { federationName: string; user: { name: string } }) => s.federationName)).toEqual(['重庆市总工会', '四川省总工会']);
    expect((await post(`/api/cooperation/items/${id}/signoffs/withdraw`, c.sc, { reason: '误点' })).json().code).toBe('coop.items.signoff_final');
    expect((await progress(c.jiangbei, { value: 13, evidence: '又一场' })).json().code).toBe('coop.items.done_final');

    // The history: entries with evidence files, the union's reports, every audited step.
    await t.ctx.db.insertInto('progress_reports').values({ item_id: id, union_id: a.unions.chengdu, period: '2023-Q2', body: '二季度开展宣讲 5 场', status: 'submitted', submitted_by: a.staff.chengdu.id, submitted_at: new Date() }).execute();
    const view = (await get(`/api/cooperation/items/${id}`, c.beibei)).json();
    expect(view.permissions).toEqual({ canEdit: false, canReport: false, canSignOff: false, canWithdraw: false, federation: null });
    const kinds = view.history.map((h: { kind: string; action: string | null }) => `${h.kind}:${h.action ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['progress:', 'report:submitted', 'audit:coop.item.signoff_withdraw', 'audit:coop.item.done']));
    expect(view.history.find((h: { kind: string }) => h.kind === 'report')).toMatchObject({ period: '2023-Q2', union: '成都市总工会' });
    expect(view.history.find((h: { action: string | null }) => h.action === 'coop.item.signoff_withdraw')).toMatchObject({ text: '佐证材料需补充会议照片' });
    expect(view.history.find((h: { value: number | null }) => h.value === 5).files).toEqual([expect.objectContaining({ name: '宣讲照片.png' })]);
  });

  it('are listed with progress and status, filtered by year, union, status and due date, and paged', async () => {
    const a = await makeAgreement(t.ctx);
    const c = await login(a);
    const url = `/api/cooperation/agreements/${a.id}/items`;
    const all = (await get(url, c.beibei)).json();
    expect(all).toMatchObject({ total: 2, permissions: { canEdit: false } });
    expect(all.items[0].progress).toMatchObject({ status: expect.stringMatching(/late|at_risk|on_track/), ruleText: expect.any(String) });
    expect((await get(`${url}?unionId=${a.unions.chengdu}`, c.cq)).json().items.map((i: { id: number }) => i.id)).toEqual([a.manualItemId]);
    expect((await get(`${url}?unionId=${a.unions.beibei}`, c.cq)).json().total).toBe(0);
    expect((await get(`${url}?year=2024`, c.cq)).json().total).toBe(0);
    expect((await get(`${url}?dueBefore=2023-06-30`, c.cq)).json().total).toBe(0);
    const late = (await get(`${url}?status=late`, c.cq)).json(); // today is long past 2023-12-31
    expect(late.total).toBe(all.items.filter((i: { progress: { status: string } }) => i.progress.status === 'late').length);
    const paged = (await get(`${url}?page=2&pageSize=1`, c.cq)).json();
    expect([paged.total, paged.items.length, paged.items[0].id]).toEqual([2, 1, all.items[1].id]);
    expect((await get(`${url}?status=blue`, c.cq)).statusCode).toBe(400);
  });
});

describe('permissions', () => {
  it('let every union staff read, and nobody else', async () => {
    const a = await makeAgreement(t.ctx);
    const outsiders = await Promise.all([
      makeUser(t.ctx, { roles: ['seeker'] }), makeUser(t.ctx, { roles: ['employer'] }), makeUser(t.ctx, { roles: ['judge'], region: '511600' }),
    ]);
    const urls = ['/api/cooperation/agreements', `/api/cooperation/agreements/${a.id}`, `/api/cooperation/agreements/${a.id}/areas`,
      `/api/cooperation/agreements/${a.id}/items`, `/api/cooperation/items/${a.manualItemId}`, '/api/cooperation/item-options'];
    for (const u of outsiders) {
      const cookie = await loginAs(t.app, u.username);
      for (const url of urls) expect([url, (await get(url, cookie)).statusCode]).toEqual([url, 403]);
      expect((await post(`/api/cooperation/items/${a.manualItemId}/progress`, cookie, { value: 1, evidence: 'x' })).statusCode).toBe(403);
    }
    for (const url of urls) expect((await get(url)).statusCode).toBe(401);
    const beibei = await loginAs(t.app, a.staff.beibei.username);
    for (const url of urls) expect([url, (await get(url, beibei)).statusCode]).toEqual([url, 200]);
    const opts = (await get('/api/cooperation/item-options', beibei)).json();
    expect(opts.unions.some((u: { name: string }) => u.name === '四川省总工会')).toBe(true);
  });
});
