import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expirePostings, todayIso } from '../src/server/modules/jobs/postings.service.js';
import type { Role } from '../src/shared/roles.js';
import { createTestApp, loginAs, makeEmployer, makeEnterprise, makeUser, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function staffCookie(roles: Role[], region: string) {
  const user = await makeUser(t.ctx, { roles, region });
  return loginAs(t.app, user.username);
}

async function employerOf(enterpriseId: string) {
  const user = await makeEmployer(t.ctx, enterpriseId);
  return loginAs(t.app, user.username);
}

const posting = (over: Record<string, unknown> = {}) => ({
  title: `电工${Math.random().toString(36).slice(2, 6)}`, jobTypeCode: 'electrician', salaryMin: 5000, salaryMax: 7000, headcount: 3,
  education: 'vocational', experience: '1to3', descriptionHtml: '<p>负责厂区配电维护</p>', benefits: ['五险一金', '包吃住'], ...over,
});

async function create(cookie: string, enterpriseId: string, over: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/enterprises/${enterpriseId}/postings`, headers: { cookie }, payload: posting(over) });
}

describe('creating postings', () => {
  it('an employer drafts a posting with the enterprise\'s industry and region by default, description sanitised', async () => {
    const e = await makeEnterprise(t.ctx, { region: '500106', section: 'C' });
    const cookie = await employerOf(e.id);
    const res = await create(cookie, e.id, { descriptionHtml: '<p>岗位职责</p><script>alert(1)</script><img src=x onerror=alert(1)>' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft', jobType: { code: 'electrician', name: '电工' }, industry: { section: 'C' }, region: { code: '500106', name: '沙坪坝区' },
      descriptionHtml: '<p>岗位职责</p>', salaryMin: 5000, salaryMax: 7000, isPublic: false,
      permissions: { edit: true, review: false, actions: ['submit', 'close'] },
    });
    expect(res.json().validUntil > res.json().validFrom).toBe(true);
  });

  it('names every bad field: salary range, headcount, job type, region, dates', async () => {
    const e = await makeEnterprise(t.ctx);
    const cookie = await employerOf(e.id);
    const res = await create(cookie, e.id, {
      salaryMin: 8000, salaryMax: 6000, headcount: -1, jobTypeCode: 'astronaut', regionCode: '500000', validFrom: '2023-05-01', validUntil: '2023-02-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['headcount']);
    const res2 = await create(cookie, e.id, {
      salaryMin: 8000, salaryMax: 6000, jobTypeCode: 'astronaut', regionCode: '500000', validFrom: '2023-05-01', validUntil: '2023-02-01',
    });
    const issues = Object.fromEntries(res2.json().issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(issues).toEqual({
      jobTypeCode: '工种“astronaut”不在工种目录中',
      regionCode: '工作地点须为区县级行政区划',
      salaryMax: '最高薪资不能低于最低薪资',
      validUntil: '有效期结束日期不能早于开始日期',
    });
    const noSalary = await create(cookie, e.id, { salaryMin: null, salaryMax: null });
    expect(noSalary.json().issues).toEqual([{ path: 'salaryMin', message: '请填写最低薪资，或选择“面议”' }]);
    const negotiable = await create(cookie, e.id, { salaryMin: null, salaryMax: null, salaryNegotiable: true });
    expect(negotiable.json()).toMatchObject({ salaryNegotiable: true, salaryMin: null, salaryMax: null });
  });

  it('refuses a second open posting with the same title', async () => {
    const e = await makeEnterprise(t.ctx);
    const cookie = await employerOf(e.id);
    expect((await create(cookie, e.id, { title: '行政文员' })).statusCode).toBe(201);
    const again = await create(cookie, e.id, { title: '行政文员' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该企业已有名为“行政文员”的在招岗位');
  });
});

describe('review and publication', () => {
  it('submit → the owning union approves → public; an employer edit sends it back to review; all in the history', async () => {
    const e = await makeEnterprise(t.ctx, { region: '511681' });
    const employer = await employerOf(e.id);
    const id = (await create(employer, e.id, { submit: true })).json().id as number;
    expect((await t.app.inject({ url: `/api/jobs/${id}` })).statusCode).toBe(404);

    const city = await staffCookie(['union_staff'], '511600'); // 广安市, above 华蓥市
    const queue = await t.app.inject({ url: '/api/postings?status=pending&pageSize=100', headers: { cookie: city } });
    expect(queue.json().items.map((p: { id: number }) => p.id)).toContain(id);
    const approved = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: city }, payload: { action: 'approve' } });
    expect(approved.json()).toMatchObject({ status: 'published', isPublic: true });
    const publicJob = await t.app.inject({ url: `/api/jobs/${id}` });
    expect(publicJob.statusCode).toBe(200);
    expect(publicJob.json()).toMatchObject({ id, enterprise: { id: e.id, name: e.name }, region: { code: '511681' }, salaryMin: 5000 });
    expect(publicJob.body).not.toContain('contactPhone');

    const edited = await t.app.inject({ method: 'PATCH', url: `/api/postings/${id}`, headers: { cookie: employer }, payload: { salaryMax: 8000, headcount: 5 } });
    expect(edited.json()).toMatchObject({ status: 'pending', salaryMax: 8000, headcount: 5 });
    expect((await t.app.inject({ url: `/api/jobs/${id}` })).statusCode).toBe(404);

    const history = (await t.app.inject({ url: `/api/postings/${id}/history`, headers: { cookie: employer } })).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'approve', 'update']);
    expect(history[2].changes).toEqual({ headcount: [3, 5], salaryMax: [7000, 8000], status: ['published', 'pending'] });
  });

  it('a rejection needs a reason; employers cannot approve their own; a neighbouring district cannot review', async () => {
    const e = await makeEnterprise(t.ctx, { region: '500106' });
    const employer = await employerOf(e.id);
    const id = (await create(employer, e.id, { submit: true })).json().id as number;
    const self = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: employer }, payload: { action: 'approve' } });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe('无权执行“审核通过”');
    const neighbour = await staffCookie(['union_staff'], '500105');
    expect((await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: neighbour }, payload: { action: 'approve' } })).statusCode).toBe(404);
    const owner = await staffCookie(['union_staff'], '500106');
    const noReason = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: owner }, payload: { action: 'reject' } });
    expect(noReason.json().issues).toEqual([{ path: 'reason', message: '驳回时须填写原因' }]);
    const rejected = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: owner }, payload: { action: 'reject', reason: '薪资与岗位描述不符' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '薪资与岗位描述不符' });
    const fill = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: employer }, payload: { action: 'fill' } });
    expect(fill.statusCode).toBe(409);
    expect(fill.json().message).toBe('岗位当前状态为“已驳回”，不能执行“标记招满”');
  });

  it('only verified enterprises\' postings are public', async () => {
    const e = await makeEnterprise(t.ctx, { status: 'submitted' });
    const employer = await employerOf(e.id);
    const id = (await create(employer, e.id, { submit: true })).json().id as number;
    const staff = await staffCookie(['federation_staff'], '500000');
    const approved = await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: staff }, payload: { action: 'approve' } });
    expect(approved.json()).toMatchObject({ status: 'published', isPublic: false });
    expect((await t.app.inject({ url: `/api/jobs/${id}` })).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: `/api/enterprises/${e.id}/review`, headers: { cookie: staff }, payload: { decision: 'verified' } });
    expect((await t.app.inject({ url: `/api/jobs/${id}` })).statusCode).toBe(200);
  });

  it('expires published postings past their end date, automatically and with a history line', async () => {
    const e = await makeEnterprise(t.ctx);
    const staff = await staffCookie(['federation_staff'], '500000');
    const id = (await create(staff, e.id, { submit: true })).json().id as number;
    await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: staff }, payload: { action: 'approve' } });
    await t.ctx.db.updateTable('postings').set({ valid_from: sql`current_date - 30`, valid_until: sql`current_date - 1` }).where('id', '=', id).execute();
    expect((await t.app.inject({ url: `/api/jobs/${id}` })).statusCode).toBe(404); // hidden at once, before the job runs
    expect(await expirePostings(t.ctx)).toBeGreaterThanOrEqual(1);
    const p = (await t.app.inject({ url: `/api/postings/${id}`, headers: { cookie: staff } })).json();
    expect(p).toMatchObject({ status: 'expired', permissions: { actions: ['reopen'] } });
    const history = (await t.app.inject({ url: `/api/postings/${id}/history`, headers: { cookie: staff } })).json();
    expect(history.at(-1)).toMatchObject({ action: 'expire', actor: null, changes: { status: ['published', 'expired'] } });
  });
});

describe('dates', () => {
  it('uses China dates in the database and in the app, whatever the hour', async () => {
    const { rows } = await sql<{ tz: string; today: string }>`SELECT current_setting('TimeZone') AS tz, current_date::text AS today`.execute(t.ctx.db);
    expect(rows[0]).toEqual({ tz: 'Asia/Shanghai', today: todayIso() });
  });
});

describe('permissions', () => {
  it('employer A cannot see, edit or close employer B\'s posting', async () => {
    const a = await makeEnterprise(t.ctx);
    const b = await makeEnterprise(t.ctx);
    const employerA = await employerOf(a.id);
    const employerB = await employerOf(b.id);
    const id = (await create(employerB, b.id)).json().id as number;
    expect((await t.app.inject({ url: `/api/postings/${id}`, headers: { cookie: employerA } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/postings/${id}`, headers: { cookie: employerA }, payload: { headcount: 99 } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie: employerA }, payload: { action: 'close' } })).statusCode).toBe(404);
    expect((await create(employerA, b.id)).statusCode).toBe(404);
    const listA = (await t.app.inject({ url: '/api/postings?pageSize=100', headers: { cookie: employerA } })).json();
    expect(listA.items.every((p: { enterprise: { id: string } }) => p.enterprise.id === a.id)).toBe(true);
  });

  it('a stale editor gets 409 instead of overwriting a newer version', async () => {
    const e = await makeEnterprise(t.ctx);
    const employer = await employerOf(e.id);
    const created = (await create(employer, e.id)).json();
    await t.app.inject({ method: 'PATCH', url: `/api/postings/${created.id}`, headers: { cookie: employer }, payload: { headcount: 4, version: created.version } });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/postings/${created.id}`, headers: { cookie: employer }, payload: { headcount: 6, version: created.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('http.conflict_edit');
  });
});
