import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardHash } from '../src/server/modules/services/services.pii.js';
import { cookieJar, createTestApp, makeEmployer, makeEnterprise, type MadeUser, type TestApp } from './helpers.js';
import { makeIdNumber, makeServicesWorld, type ServicesWorld } from './services-factory.js';
import { multipart, xlsx } from './spreadsheets.js';

// Mutual aid (issue 8 §3): plans made by a federation's staff (who may, who may not, versions),
// employers' lists (every bad row named and nothing written; the same file is the same draft; one
// person once per plan), confirmation by the enterprise's union or above, return and cancel.

let t: TestApp;
let w: ServicesWorld;
let jar: (u: { username: string }) => Promise<string>;
beforeAll(async () => {
  t = await createTestApp();
  w = await makeServicesWorld(t.ctx);
  jar = cookieJar(t.app);
});
afterAll(async () => { await t.close(); });

type Json = Record<string, any>;
const call = async (u: MadeUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({
    method, url, headers: { 'accept-language': 'zh-CN', ...(u ? { cookie: await jar(u) } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return { status: res.statusCode, body: (String(res.headers['content-type']).includes('json') ? res.json() : null) as Json, raw: res };
};
const P = '/api/services/aid/plans';
const E = '/api/services/aid/enrolments';

const planInput = (extra: Json = {}) => ({
  name: `川渝职工住院医疗互助 ${Math.random().toString(36).slice(2, 6)}`, summary: '在职职工自愿参加，单位统一办理', startsOn: '2026-01-01', endsOn: '2027-12-31', price: 30,
  benefits: [{ name: '住院医疗互助', amount: 10000, note: '每次住院最高给付' }, { name: '意外身故', amount: 50000 }], ...extra,
});
const openPlan = async (extra: Json = {}) => {
  const made = await call(w.staff.cq, 'POST', P, planInput(extra));
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const opened = await call(w.staff.cq, 'POST', `${P}/${made.body.id}/open`, { version: made.body.version });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.body;
};

const HEADER = ['姓名', '身份证号', '手机号'];
const upload = async (u: MadeUser, fields: Record<string, string>, file: Buffer, name = '名单.xlsx') => {
  const { payload, headers } = multipart(fields, { name, data: file });
  const res = await t.app.inject({ method: 'POST', url: E, payload, headers: { ...headers, cookie: await jar(u), 'accept-language': 'zh-CN' } });
  return { status: res.statusCode, body: res.json() as Json };
};
const countRows = async (enterpriseId: string) => {
  const e = await t.ctx.db.selectFrom('aid_enrolments').select(t.ctx.db.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
  const m = await t.ctx.db.selectFrom('aid_enrolment_members as m').innerJoin('aid_enrolments as e', 'e.id', 'm.enrolment_id').select(t.ctx.db.fn.countAll<number>().as('n'))
    .where('e.enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
  return { enrolments: Number(e.n), members: Number(m.n) };
};
const people = (n: number) => Array.from({ length: n }, (_, i) => [`职工${i + 1}`, makeIdNumber('500106'), `1380000${String(1000 + i)}`]);

describe('mutual-aid plans', () => {
  it('are made by their federation\'s staff only, and opened plans are public', async () => {
    const draft = await call(w.staff.cq, 'POST', P, planInput());
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ federation: '50', status: 'draft', price: 30, version: 1, me: { canEdit: true }, benefits: [{ name: '住院医疗互助', amount: 10000 }, { name: '意外身故', note: '' }] });

    const union = await call(w.staff.jiangbei, 'POST', P, planInput());
    expect(union.status).toBe(403);
    expect(union.body.code).toBe('services.aid.not_plan_manager_any');
    const other = await call(w.staff.sc, 'POST', P, planInput({ federation: '50' }));
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('重庆市总工会');
    const scEdit = await call(w.staff.sc, 'PATCH', `${P}/${draft.body.id}`, { ...planInput(), version: 1 });
    // A draft of the other federation is not even visible to 四川 staff.
    expect(scEdit.status).toBe(404);
    expect((await call(w.agent, 'POST', P, planInput())).status).toBe(403);

    // Drafts: seen by the federation's unions, not by the public or the other province.
    expect((await call(w.staff.jiangbei, 'GET', `${P}/${draft.body.id}`)).body).toMatchObject({ status: 'draft', me: { canEdit: false } });
    expect((await call(null, 'GET', `${P}/${draft.body.id}`)).status).toBe(404);
    expect((await call(w.staff.sc, 'GET', `${P}/${draft.body.id}`)).status).toBe(404);

    const bare = await call(w.staff.cq, 'POST', P, planInput({ benefits: [] }));
    const refused = await call(w.staff.cq, 'POST', `${P}/${bare.body.id}/open`, { version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: 'benefits', message: '开放前请至少填写一项保障内容' }]);

    const opened = await call(w.staff.cq, 'POST', `${P}/${draft.body.id}/open`, { version: 1 });
    expect(opened.body).toMatchObject({ status: 'open', version: 2 });
    const pub = await call(null, 'GET', `${P}?pageSize=100`);
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((p: Json) => p.id)).toContain(draft.body.id);
    expect(pub.body.items.every((p: Json) => p.status === 'open' && p.enrolledPeople === null && !p.me.canEdit)).toBe(true);
    expect((await call(null, 'GET', `${P}/${draft.body.id}`)).body).toMatchObject({ name: draft.body.name, price: 30 });
    // 四川 staff see it (open) but may not change it.
    const scOpen = await call(w.staff.sc, 'PATCH', `${P}/${draft.body.id}`, { ...planInput(), version: 2 });
    expect(scOpen.status).toBe(403);
    expect(scOpen.body).toMatchObject({ code: 'services.aid.not_plan_manager', message: '只有重庆市总工会的工作人员可以管理其互助保障计划' });
  });

  it('are edited with their version: a stale one is 409, price and period are fixed once open, a closed plan is final', async () => {
    const made = await call(w.staff.cq, 'POST', P, planInput());
    const id = made.body.id;
    const wrongOrder = await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ startsOn: '2026-06-01', endsOn: '2026-05-31' }), version: 1 });
    expect(wrongOrder.status).toBe(400);
    expect(wrongOrder.body.issues).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);

    const first = await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ name: '重庆职工互助 A', price: 40 }), version: 1 });
    expect(first.body).toMatchObject({ name: '重庆职工互助 A', price: 40, version: 2 });
    const stale = await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ name: '重庆职工互助 B' }), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('http.conflict_edit');

    await call(w.staff.cq, 'POST', `${P}/${id}/open`, { version: 2 });
    const price = await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ name: '重庆职工互助 A', price: 50 }), version: 3 });
    expect(price.status).toBe(409);
    expect(price.body.code).toBe('services.aid.terms_locked');
    const words = await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ name: '重庆职工互助 A（2026）', price: 40, summary: '补充说明' }), version: 3 });
    expect(words.body).toMatchObject({ name: '重庆职工互助 A（2026）', summary: '补充说明', version: 4 });

    const closed = await call(w.staff.cq, 'POST', `${P}/${id}/close`, { version: 4 });
    expect(closed.body).toMatchObject({ status: 'closed', me: { canEdit: false } });
    expect((await call(w.staff.cq, 'PATCH', `${P}/${id}`, { ...planInput({ price: 40 }), version: 5 })).body.code).toBe('services.aid.plan_closed');
    expect((await call(null, 'GET', `${P}/${id}`)).status).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'aid_plan').where('subject_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['services.aid.plan.create', 'services.aid.plan.update', 'services.aid.plan.open', 'services.aid.plan.update', 'services.aid.plan.close']);
  });
});

describe('enrolment by an employer\'s agent', () => {
  it('gives a template with the Chinese headers kept as text', async () => {
    const res = await call(w.agent, 'GET', '/api/services/aid/enrolment-template');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(book.worksheets[0]!.getColumn(2).numFmt).toBe('@');
  });

  it('names every bad row and column and writes nothing; a good list is a draft (same file → same draft)', async () => {
    const plan = await openPlan();
    const good = people(3);
    const bad = await xlsx([
      HEADER,
      good[0]!,
      ['', good[1]![1], '13800009999'],
      ['赵六', `${good[2]![1]!.slice(0, 17)}${good[2]![1]!.endsWith('0') ? '1' : '0'}`, '1380000'],
      ['钱七', good[0]![1], '13800008888'],
    ], { sheet: '参保名单' });
    const refused = await upload(w.agent, { planId: String(plan.id) }, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('services.aid.list_invalid');
    expect(refused.body.message).toBe('名单中有 4 处错误，未导入任何人员；请改正后重新上传');
    expect(refused.body.errors).toEqual([
      { sheet: '参保名单', row: 3, column: '姓名', message: '“姓名”必填' },
      { sheet: '参保名单', row: 4, column: '手机号', message: '请输入有效的中国大陆手机号（11 位，以 1 开头）' },
      { sheet: '参保名单', row: 4, column: '身份证号', message: '身份证号无效（18 位，校验位须符合 GB 11643）' },
      { sheet: '参保名单', row: 5, column: '身份证号', message: '与第 2 行重复' },
    ]);
    expect(await countRows(w.enterprise.id)).toEqual({ enrolments: 0, members: 0 });

    const file = await xlsx([HEADER, ...good], { sheet: '参保名单' });
    const made = await upload(w.agent, { planId: String(plan.id) }, file);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      status: 'draft', people: 3, amount: 90, plan: { id: plan.id, price: 30 }, enterprise: { id: w.enterprise.id }, ownerUnion: { id: w.unions.shapingba, name: '重庆市沙坪坝区总工会' },
      can: { submit: true, cancel: true, confirm: false, return: false },
    });
    expect(made.body.members).toHaveLength(3);
    expect(made.body.members[0]).toEqual({ rowNo: 2, name: '职工1', idCardMasked: `${good[0]![1]!.slice(0, 4)}**********${good[0]![1]!.slice(-4)}`, phoneMasked: '138****1000' });

    // Sealed members, each with the consent the employer recorded for him.
    const rows = await t.ctx.db.selectFrom('aid_enrolment_members').selectAll().where('enrolment_id', '=', made.body.id).orderBy('row_no').execute();
    expect(t.ctx.crypto.decrypt(rows[0]!.id_card_enc!)).toBe(good[0]![1]);
    expect(rows[0]!.id_card_hash!.equals(idCardHash(t.ctx.crypto, good[0]![1]!))).toBe(true);
    const consents = await t.ctx.db.selectFrom('consents').selectAll().where('record_type', '=', 'aid_enrolment_member').where('record_id', 'in', rows.map((r) => String(r.id))).execute();
    expect(consents).toHaveLength(3);
    expect(consents.every((c) => c.purpose === 'aid_enrolment' && c.channel === 'employer' && c.recorded_by === w.agent.id && c.text_key === 'services.consent.aid_enrolment' && c.user_id === null)).toBe(true);
    expect(consents.some((c) => c.subject_hash!.equals(rows[0]!.id_card_hash!))).toBe(true);

    const again = await upload(w.agent, { planId: String(plan.id), enterpriseId: w.enterprise.id }, file, '名单（副本）.xlsx');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
    expect(await countRows(w.enterprise.id)).toMatchObject({ members: 3 });

    // A second list with someone already listed (own draft) is refused naming the row and that enrolment.
    const overlap = await upload(w.agent, { planId: String(plan.id) }, await xlsx([HEADER, people(1)[0]!, good[1]!], { sheet: 'more' }), 'more.xlsx');
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([{ sheet: 'more', row: 3, column: '身份证号', message: `此人已在本单位的参保名单 #${made.body.id}（草稿）中` }]);
  });

  it('refuses a person another employer already enrolled, and an agent of another employer', async () => {
    const plan = await openPlan();
    const list = people(2);
    const mine = await upload(w.agent, { planId: String(plan.id) }, await xlsx([HEADER, ...list]));
    expect(mine.status).toBe(201);

    const other = await makeEnterprise(t.ctx, { region: '500105' });
    const agent2 = await makeEmployer(t.ctx, other.id);
    const taken = await upload(agent2, { planId: String(plan.id) }, await xlsx([HEADER, people(1)[0]!, list[1]!], { sheet: 'Sheet1' }));
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual([{ sheet: 'Sheet1', row: 3, column: '身份证号', message: '此人已由其他单位参加本计划，同一人只能参保一次' }]);

    const wrongFirm = await upload(agent2, { planId: String(plan.id), enterpriseId: w.enterprise.id }, await xlsx([HEADER, ...people(1)]));
    expect(wrongFirm.status).toBe(403);
    expect(wrongFirm.body.message).toBe(`您不是“${w.enterprise.name}”的经办人，不能为其办理参保`);
    expect((await call(agent2, 'GET', `${E}/${mine.body.id}`)).status).toBe(404);
    expect((await call(agent2, 'POST', `${E}/${mine.body.id}/submit`)).status).toBe(404);
    expect((await call(agent2, 'GET', E)).body.items.map((e: Json) => e.id)).not.toContain(mine.body.id);
    // Workers and staff do not upload lists; a draft plan cannot be enrolled in.
    expect((await upload(w.worker, { planId: String(plan.id) }, await xlsx([HEADER, ...people(1)]))).status).toBe(403);
    const draft = await call(w.staff.cq, 'POST', P, planInput());
    expect((await upload(w.agent, { planId: String(draft.body.id) }, await xlsx([HEADER, ...people(1)]))).status).toBe(404);
    const sichuan = await makeEmployer(t.ctx, (await makeEnterprise(t.ctx, { region: '511681' })).id);
    const farAway = await upload(sichuan, { planId: String(plan.id) }, await xlsx([HEADER, ...people(1)]));
    expect(farAway.status).toBe(409);
    expect(farAway.body.message).toContain('是重庆市总工会的计划');
    const noPlan = await upload(w.agent, { planId: 'x' }, await xlsx([HEADER, ...people(1)]));
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.issues[0].path).toBe('planId');
  });

  it('goes to the enterprise\'s union when the agent confirms; that union (or above) confirms, other regions are refused', async () => {
    const plan = await openPlan({ price: 25 });
    const made = await upload(w.agent, { planId: String(plan.id) }, await xlsx([HEADER, ...people(4)]));
    expect(made.body).toMatchObject({ people: 4, amount: 100 });
    // Staff do not see drafts.
    expect((await call(w.staff.shapingba, 'GET', `${E}/${made.body.id}`)).status).toBe(404);

    const submitted = await call(w.agent, 'POST', `${E}/${made.body.id}/submit`, undefined, { 'idempotency-key': `aid-submit-${made.body.id}` });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: { id: w.agent.id }, can: { submit: false, cancel: false } });
    const retry = await call(w.agent, 'POST', `${E}/${made.body.id}/submit`, undefined, { 'idempotency-key': `aid-submit-${made.body.id}` });
    expect(retry.body.status).toBe('submitted');
    const told = await t.ctx.db.selectFrom('notifications').selectAll().where('union_id', '=', w.unions.shapingba).where('kind', '=', 'services.aid.enrolment').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(told).toMatchObject({ link: `/admin/services/aid?enrolment=${made.body.id}` });
    expect(told.params).toMatchObject({ people: 4, amount: 100, plan: plan.name });

    const jb = await call(w.staff.jiangbei, 'POST', `${E}/${made.body.id}/confirm`);
    expect(jb.status).toBe(403);
    expect(jb.body.message).toBe('该参保名单由重庆市沙坪坝区总工会确认，不在您的管辖范围内');
    expect((await call(w.staff.sc, 'POST', `${E}/${made.body.id}/confirm`)).status).toBe(403);
    expect((await call(w.agent, 'POST', `${E}/${made.body.id}/confirm`)).status).toBe(403);
    expect((await call(w.staff.jiangbei, 'GET', E)).body.items.map((e: Json) => e.id)).not.toContain(made.body.id);

    const queue = await call(w.staff.shapingba, 'GET', `${E}?status=submitted&pageSize=100`);
    expect(queue.body.items.map((e: Json) => e.id)).toContain(made.body.id);
    const seen = await call(w.staff.shapingba, 'GET', `${E}/${made.body.id}`);
    expect(seen.body).toMatchObject({ can: { confirm: true, return: true, submit: false } });
    expect(seen.body.members[0].idCardMasked).toMatch(/^5001\*{10}/);
    const read = await t.ctx.db.selectFrom('audit_log').select(['action', 'fields']).where('subject_type', '=', 'aid_enrolment').where('subject_id', '=', String(made.body.id))
      .where('actor_id', '=', w.staff.shapingba.id).execute();
    expect(read).toEqual([{ action: 'services.aid.enrolment.read', fields: ['name'] }]);

    const confirmed = await call(w.staff.shapingba, 'POST', `${E}/${made.body.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmedBy: { id: w.staff.shapingba.id }, can: { confirm: false } });
    expect((await call(w.staff.shapingba, 'POST', `${E}/${made.body.id}/return`, { note: '迟了' })).status).toBe(409);
    const agentNote = await t.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', w.agent.id).where('message_key', '=', 'services.aid.notify.confirmed').execute();
    expect(agentNote.some((n) => (n.params as Json).plan === plan.name)).toBe(true);
    expect((await call(w.staff.cq, 'GET', `${P}/${plan.id}`)).body.enrolledPeople).toBe(4);
  });

  it('is returned with a note by a union above (members deleted, listed again) and cancelled by the agent', async () => {
    const plan = await openPlan();
    const list = people(2);
    const file = await xlsx([HEADER, ...list]);
    const made = await upload(w.agent, { planId: String(plan.id) }, file);
    await call(w.agent, 'POST', `${E}/${made.body.id}/submit`);
    const noNote = await call(w.staff.cq, 'POST', `${E}/${made.body.id}/return`, { note: ' ' });
    expect(noNote.body.issues).toEqual([{ path: 'note', message: '请填写退回原因' }]);
    const back = await call(w.staff.cq, 'POST', `${E}/${made.body.id}/return`, { note: '请补充缴费凭证后重新提交' });
    expect(back.body).toMatchObject({ status: 'returned', returnNote: '请补充缴费凭证后重新提交', members: [], people: 2, can: { confirm: false, return: false } });
    expect((await call(w.agent, 'GET', `${E}/${made.body.id}`)).body.can).toEqual({ submit: false, cancel: true, confirm: false, return: false });
    expect(await t.ctx.db.selectFrom('aid_enrolment_members').select('id').where('enrolment_id', '=', made.body.id).execute()).toEqual([]);
    const consents = await t.ctx.db.selectFrom('consents').select('withdrawn_at').where('record_type', '=', 'aid_enrolment_member')
      .where('subject_hash', '=', idCardHash(t.ctx.crypto, list[0]![1]!)).execute();
    expect(consents.length).toBeGreaterThan(0);
    expect(consents.every((c) => c.withdrawn_at !== null)).toBe(true);
    expect((await t.ctx.db.selectFrom('notifications').select('params').where('user_id', '=', w.agent.id).where('message_key', '=', 'services.aid.notify.returned').execute())
      .some((n) => (n.params as Json).note === '请补充缴费凭证后重新提交')).toBe(true);

    // The same people (even the same file) can be listed again.
    const again = await upload(w.agent, { planId: String(plan.id) }, file);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(made.body.id);
    const cancelled = await call(w.agent, 'POST', `${E}/${again.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', members: [] });
    expect((await call(w.agent, 'POST', `${E}/${again.body.id}/submit`)).status).toBe(409);
    expect((await call(w.agent, 'POST', `${E}/${made.body.id}/cancel`)).body.status).toBe('cancelled');
    const mine = await call(w.agent, 'GET', `${E}?planId=${plan.id}`);
    expect(mine.body.items.map((e: Json) => [e.id, e.status])).toEqual(expect.arrayContaining([[made.body.id, 'cancelled'], [again.body.id, 'cancelled']]));
    expect((await call(w.worker, 'GET', E)).status).toBe(403);
  });

  it('accepts a GB18030 .csv from Excel on Chinese Windows', async () => {
    const plan = await openPlan();
    const [a, b] = people(2);
    // 姓名,身份证号,手机号 / 张三 / 李四 in GB18030, as Excel on Chinese Windows saves a .csv.
    const gb = (hex: string) => Buffer.from(hex, 'hex');
    const line = (name: string, row: string[]) => Buffer.concat([gb(name), Buffer.from(`,${row[1]},${row[2]}\r\n`)]);
    const csv = Buffer.concat([gb('d0d5c3fb2cc9edb7ddd6a4bac52ccad6bbfabac5'), Buffer.from('\r\n'), line('d5c5c8fd', a!), line('c0eecbc4', b!)]);
    const made = await upload(w.agent, { planId: String(plan.id) }, csv, '名单.csv');
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.members.map((m: Json) => [m.rowNo, m.name])).toEqual([[2, '张三'], [3, '李四']]);
  });
});

describe('the API document', () => {
  it('lists the mutual-aid endpoints', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/services/aid/plans', '/api/services/aid/plans/{id}/open', '/api/services/aid/enrolments', '/api/services/aid/enrolments/{id}/confirm', '/api/services/aid/enrolment-template']) {
      expect(paths).toContain(p);
    }
  });
});
