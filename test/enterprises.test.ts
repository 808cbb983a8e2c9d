import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/shared/roles.js';
import { createTestApp, loginAs, makeCreditCode, makeEmployer, makeEnterprise, makeUser, randomPhone, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function staff(roles: Role[], region: string) {
  const user = await makeUser(t.ctx, { roles, region });
  return { user, cookie: await loginAs(t.app, user.username) };
}

const body = (over: Record<string, unknown> = {}) => ({
  creditCode: makeCreditCode('511681'), name: '华蓥市示例电力工程有限公司', regionCode: '511681', address: '华蓥市双河街道',
  industrySection: 'D', industryDivision: '44', size: 'small', ownership: 'private', contactName: '李明', contactPhone: randomPhone(),
  ...over,
});

describe('registering enterprises', () => {
  it('staff register an enterprise owned by the union of its county, contact phone encrypted and masked', async () => {
    const { cookie } = await staff(['union_staff'], '511600');
    const input = body();
    const res = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: input });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      creditCode: input.creditCode, status: 'submitted', ownerUnion: { name: '华蓥市总工会' },
      region: { code: '511681', name: '华蓥市', fullName: '四川省 广安市 华蓥市' },
      industry: { section: 'D', sectionName: '电力、热力、燃气及水生产和供应业', division: '44', divisionName: '电力、热力生产和供应业' },
      contactPhoneMasked: `${input.contactPhone.slice(0, 3)}****${input.contactPhone.slice(-4)}`,
      permissions: { edit: true, review: true },
    });
    const row = await t.ctx.db.selectFrom('enterprises').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc!.toString('latin1')).not.toContain(input.contactPhone);
  });

  it('refuses a second registration of the same credit code with a clear message', async () => {
    const { cookie } = await staff(['federation_staff'], '510000');
    const input = body();
    expect((await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: input })).statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: { ...input, name: '另一个名字有限公司', creditCode: input.creditCode.toLowerCase() } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'enterprises.credit_code_taken', message: `统一社会信用代码 ${input.creditCode} 已登记为“${input.name}”，不能重复登记` });
  });

  it('names every bad field: credit code, county-level region, industry, phone', async () => {
    const { cookie } = await staff(['federation_staff'], '510000');
    const res = await t.app.inject({
      method: 'POST', url: '/api/enterprises', headers: { cookie },
      payload: body({ creditCode: '91511681MA000000X0', industrySection: 'Z', contactPhone: '12345' }),
    });
    expect(res.statusCode).toBe(400);
    const messages = Object.fromEntries(res.json().issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(messages.creditCode).toBe('统一社会信用代码无效（18 位，校验位须符合 GB 32100-2015）');
    expect(messages.industrySection).toContain('GB/T 4754-2017');
    expect(messages.contactPhone).toContain('手机号');
    const notCounty = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: body({ regionCode: '511600', industryDivision: '13' }) });
    expect(notCounty.statusCode).toBe(400);
    expect(notCounty.json().issues).toEqual(expect.arrayContaining([
      { path: 'regionCode', message: '企业所在地须为区县级行政区划（如 500106 沙坪坝区）' },
      { path: 'industryDivision', message: '行业大类 13 不属于门类 D' },
    ]));
  });

  it('keeps staff to their own subtree', async () => {
    const { cookie } = await staff(['union_staff'], '500105'); // 江北区
    const res = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: body({ regionCode: '500106', creditCode: makeCreditCode('500106') }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'regionCode', message: '只能在本工会管辖范围内管理账号' }]);
  });
});

describe('verification', () => {
  it('the owning union or above verifies; another district cannot; a rejection needs a reason', async () => {
    const e = await makeEnterprise(t.ctx, { region: '500106', status: 'submitted' }); // 沙坪坝区
    const neighbour = await staff(['union_staff'], '500105');
    const denied = await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/review`, headers: { cookie: neighbour.cookie }, payload: { decision: 'verified' } });
    expect(denied.statusCode).toBe(404);

    const owner = await staff(['union_staff'], '500106');
    const noReason = await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/review`, headers: { cookie: owner.cookie }, payload: { decision: 'rejected' } });
    expect(noReason.statusCode).toBe(400);
    const rejected = await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/review`, headers: { cookie: owner.cookie }, payload: { decision: 'rejected', reason: '营业执照照片不清晰' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '营业执照照片不清晰' });

    const federation = await staff(['federation_staff'], '500000');
    const verified = await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/review`, headers: { cookie: federation.cookie }, payload: { decision: 'verified' } });
    expect(verified.json()).toMatchObject({ status: 'verified', statusReason: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'reason']).where('subject_id', '=', e.id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'enterprise.reject', reason: '营业执照照片不清晰' }, { action: 'enterprise.verify', reason: null }]);
  });

  it('lists the queue in scope with filters and pagination', async () => {
    const tag = `队列${Date.now() % 100000}`;
    for (let i = 0; i < 3; i++) await makeEnterprise(t.ctx, { region: '511702', status: 'submitted', name: `${tag}企业${i}有限公司` });
    await makeEnterprise(t.ctx, { region: '500106', status: 'submitted', name: `${tag}重庆企业有限公司` });
    const dazhou = await staff(['union_staff'], '511700');
    const res = await t.app.inject({ url: `/api/enterprises?status=submitted&q=${encodeURIComponent(tag)}&pageSize=2`, headers: { cookie: dazhou.cookie } });
    expect(res.json().total).toBe(3);
    expect(res.json().items).toHaveLength(2);
    expect(res.json().items[0].name).toBe(`${tag}企业0有限公司`); // oldest first in the queue
    const byRegion = await t.app.inject({ url: `/api/enterprises?region=511702&q=${encodeURIComponent(tag)}`, headers: { cookie: dazhou.cookie } });
    expect(byRegion.json().total).toBe(3);
  });
});

describe('employers', () => {
  it('self-register with a phone: new enterprise submitted, account signed in and linked', async () => {
    const phone = randomPhone();
    const input = body({ creditCode: makeCreditCode('500106'), regionCode: '500106', name: '重庆示例餐饮管理有限公司', industrySection: 'H', industryDivision: '62' });
    const res = await t.app.inject({
      method: 'POST', url: '/api/employers/register',
      payload: { phone, password: 'Employer-pass1', name: '王老板', enterprise: input },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { roles: ['employer'], name: '王老板' }, membership: 'active' });
    const cookie = `chuanyu_session=${res.cookies.find((c) => c.name === 'chuanyu_session')!.value}`;
    const mine = await t.app.inject({ url: '/api/enterprises', headers: { cookie } });
    expect(mine.json().items.map((e: { creditCode: string; status: string }) => [e.creditCode, e.status])).toEqual([[input.creditCode, 'submitted']]);
  });

  it('a second employer of a registered enterprise asks to join; the union or a colleague approves', async () => {
    const e = await makeEnterprise(t.ctx, { region: '500106' });
    const first = await makeEmployer(t.ctx, e.id);
    const res = await t.app.inject({
      method: 'POST', url: '/api/employers/register',
      payload: { phone: randomPhone(), password: 'Employer-pass2', name: '人事小张', enterprise: body({ creditCode: e.creditCode, regionCode: '500106' }) },
    });
    expect(res.json().membership).toBe('pending');
    const second = res.json().user.id as string;
    const cookie = `chuanyu_session=${res.cookies.find((c) => c.name === 'chuanyu_session')!.value}`;
    expect((await t.app.inject({ url: `/api/enterprises/${e.id}`, headers: { cookie } })).statusCode).toBe(404);
    const firstCookie = await loginAs(t.app, first.username);
    const approved = await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/members/${second}/approve`, headers: { cookie: firstCookie } });
    expect(approved.json().map((m: { status: string }) => m.status)).toEqual(['active', 'active']);
    expect((await t.app.inject({ url: `/api/enterprises/${e.id}`, headers: { cookie } })).statusCode).toBe(200);
  });

  it('employer A cannot see or touch employer B\'s enterprise, nor change their own name or code', async () => {
    const a = await makeEnterprise(t.ctx);
    const b = await makeEnterprise(t.ctx);
    const employerA = await makeEmployer(t.ctx, a.id);
    const cookie = await loginAs(t.app, employerA.username);
    expect((await t.app.inject({ url: `/api/enterprises/${b.id}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/enterprises/${b.id}`, headers: { cookie }, payload: { address: 'x' } })).statusCode).toBe(404);
    const own = await t.app.inject({ method: 'PATCH', url: `/api/enterprises/${a.id}`, headers: { cookie }, payload: { address: '沙坪坝区三峡广场1号', name: '改名有限公司' } });
    expect(own.statusCode).toBe(400);
    expect(own.json().issues).toEqual([{ path: 'name', message: '企业名称、信用代码和所在地由工会工作人员修改' }]);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/enterprises/${a.id}`, headers: { cookie }, payload: { address: '沙坪坝区三峡广场1号' } });
    expect(ok.json()).toMatchObject({ address: '沙坪坝区三峡广场1号', permissions: { edit: true, review: false, editKeys: false } });
    expect((await t.app.inject({ method: 'POST', url: `/api/enterprises/${a.id}/review`, headers: { cookie }, payload: { decision: 'verified' } })).statusCode).toBe(403);
  });
});
