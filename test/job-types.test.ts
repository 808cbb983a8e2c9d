import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncJobTypes } from '../src/server/modules/jobs/job-types.repo.js';
import { createTestApp, loginAs, makeCreditCode, makeUser, type TestApp } from './helpers.js';
import { multipart, xlsx } from './spreadsheets.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('job-type catalogue', () => {
  it('is public, in categories, with at least 120 types', async () => {
    const res = await t.app.inject({ url: '/api/job-types' });
    const categories = res.json() as { code: string; jobTypes: { code: string }[] }[];
    expect(categories.flatMap((c) => c.jobTypes).length).toBeGreaterThanOrEqual(120);
    expect(categories.find((c) => c.code === 'catering')?.jobTypes.map((j) => j.code)).toContain('chinese-cook');
  });

  it('federation staff add a synonym that imports then recognise; the data file no longer overwrites the edited row', async () => {
    const staff = await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' });
    const cookie = await loginAs(t.app, staff.username);
    const before = (await t.app.inject({ url: '/api/admin/job-types', headers: { cookie } })).json().find((j: { code: string }) => j.code === 'welder');
    const edited = await t.app.inject({ method: 'PATCH', url: '/api/admin/job-types/welder', headers: { cookie }, payload: { synonyms: [...before.synonyms, '焊接技师'] } });
    expect(edited.json()).toMatchObject({ code: 'welder', editedAt: expect.any(String) });
    expect(edited.json().synonyms).toContain('焊接技师');

    const body = multipart({ kind: 'postings' }, { name: 'p.xlsx', data: await xlsx([
      ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '薪资', '所在区县', '所属行业'],
      ['同义词测试有限公司', makeCreditCode('500106'), '焊接技师', 2, '6000-8000', '沙坪坝区', '金属制品业'],
    ]) });
    const imported = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, ...body.headers }, payload: body.payload });
    expect(imported.json().postings.created).toBe(1);

    await t.ctx.db.deleteFrom('app_settings').where('key', '=', 'job_types.digest').execute();
    await syncJobTypes(t.ctx.db);
    const after = await t.ctx.db.selectFrom('job_types').select('synonyms').where('code', '=', 'welder').executeTakeFirstOrThrow();
    expect(after.synonyms).toContain('焊接技师');
  });

  it('adds a job type and refuses a duplicate name; union staff may not edit', async () => {
    const staff = await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' });
    const cookie = await loginAs(t.app, staff.username);
    const created = await t.app.inject({
      method: 'POST', url: '/api/admin/job-types', headers: { cookie },
      payload: { code: 'flower-arranger-test', categoryCode: 'culture', name: '插花测试工', synonyms: ['花艺测试'], occupationMajorGroup: null },
    });
    expect(created.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST', url: '/api/admin/job-types', headers: { cookie },
      payload: { code: 'another-code', categoryCode: 'culture', name: '插花测试工' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('工种名称“插花测试工”已存在');
    const union = await makeUser(t.ctx, { roles: ['union_staff'], region: '511600' });
    const res = await t.app.inject({ method: 'PATCH', url: '/api/admin/job-types/welder', headers: { cookie: await loginAs(t.app, union.username) }, payload: { name: '电焊工种' } });
    expect(res.statusCode).toBe(403);
  });
});
