import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/shared/roles.js';
import { createTestApp, loginAs, makeCreditCode, makeUser, type TestApp } from './helpers.js';
import { multipart, xlsx, zip } from './spreadsheets.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function staff(roles: Role[] = ['federation_staff'], region = '500000') {
  const user = await makeUser(t.ctx, { roles, region });
  return loginAs(t.app, user.username);
}

function upload(cookie: string, kind: string, name: string, data: Buffer, headers: Record<string, string> = {}) {
  const body = multipart({ kind }, { name, data });
  return t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, ...body.headers, ...headers }, payload: body.payload });
}

const count = async (table: 'enterprises' | 'postings') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const HEADER = ['单位名称', '统一社会信用代码', '岗位名称', '工种', '招聘人数', '薪资', '学历', '工作地点', '所在区县', '所属行业', '福利待遇', '有效期至'];

describe('spreadsheet intake', () => {
  it('imports postings with their enterprises from a sheet with a title row and flexible headers, idempotently', async () => {
    const cookie = await staff();
    const a = makeCreditCode('500106');
    const b = makeCreditCode('500112');
    const file = await xlsx([
      HEADER,
      ['重庆三峡广场示例餐饮有限公司', a, '厨师', '', 4, '5k-7k', '不限', '沙坪坝区', '沙坪坝区', '餐饮业', '包吃住、五险', '2099-05-31'],
      ['重庆三峡广场示例餐饮有限公司', a, '服务员', '餐厅服务员', 10, '3500-4500', '初中', '', '沙坪坝区', '餐饮业', '包吃', ''],
      ['渝北示例电子科技有限公司', b, '装配工', '', 30, '面议', '高中', '重庆市渝北区', '渝北区', 'C39', '', ''],
    ], { title: '2023年川渝就业服务季·三峡广场招聘会岗位汇总表' });
    const first = await upload(cookie, 'postings', '岗位汇总.xlsx', file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 5, updated: 0, enterprises: { created: 2, updated: 0 }, postings: { created: 3, updated: 0 }, rows: 3 });

    const postings = await t.ctx.db.selectFrom('postings as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .select(['p.id', 'p.title', 'p.job_type_code', 'p.salary_min', 'p.salary_max', 'p.salary_negotiable', 'p.region_code', 'p.benefits', 'p.valid_until', 'p.status', 'e.status as enterprise_status'])
      .where('e.credit_code', 'in', [a, b]).orderBy('p.id').execute();
    expect(postings.map((p) => [p.title, p.job_type_code, p.salary_min, p.salary_max, p.salary_negotiable, p.region_code])).toEqual([
      ['厨师', 'chinese-cook', 5000, 7000, false, '500106'],
      ['服务员', 'waiter', 3500, 4500, false, '500106'],
      ['装配工', 'assembler', null, null, true, '500112'],
    ]);
    expect(postings[0]).toMatchObject({ benefits: ['包吃住', '五险'], valid_until: '2099-05-31', status: 'published', enterprise_status: 'verified' });
    expect((await t.app.inject({ url: `/api/jobs/${postings[0]!.id}` })).statusCode).toBe(200);

    const again = await upload(cookie, 'postings', '岗位汇总.xlsx', file);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('updates what changed on a re-import and records it in the posting\'s history', async () => {
    const cookie = await staff(['federation_staff'], '510000');
    const code = makeCreditCode('511681');
    const row = (headcount: number) => [['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '薪资', '所在区县', '所属行业'],
      ['华蓥示例电力安装有限公司', code, '电工', headcount, '6000-8000', '华蓥市', '电力、热力生产和供应业']];
    await upload(cookie, 'postings', 'a.xlsx', await xlsx(row(3)));
    const res = await upload(cookie, 'postings', 'a.xlsx', await xlsx(row(5)));
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    const p = await t.ctx.db.selectFrom('postings as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').select(['p.id', 'p.headcount']).where('e.credit_code', '=', code).executeTakeFirstOrThrow();
    expect(p.headcount).toBe(5);
    const history = await t.ctx.db.selectFrom('posting_history').select(['action', 'changes']).where('posting_id', '=', p.id).orderBy('id').execute();
    expect(history.map((h) => [h.action, h.changes])).toEqual([['import', { status: [null, 'published'] }], ['import', { headcount: [3, 5] }]]);
  });

  it('rejects the whole file naming every bad row and column, and writes nothing', async () => {
    const cookie = await staff();
    const good = makeCreditCode('500106');
    const before = [await count('enterprises'), await count('postings')];
    const file = await xlsx([
      HEADER,
      ['正常示例有限公司', good, '行政文员', '', 2, '4000-5000', '大专', '', '沙坪坝区', '商务服务业', '', ''],
      ['坏代码有限公司', '91500106MA5U000001', '电工', '', 2, '5000', '', '', '沙坪坝区', '制造业', '', ''],
      ['未知地区有限公司', makeCreditCode('500106'), '焊工', '', 2, '5000', '', '', '朝阳区', '制造业', '', ''],
      ['薪资倒挂有限公司', makeCreditCode('500106'), '宇航员', '', -3, '8000-6000', '', '', '沙坪坝区', '制造业', '', ''],
      ['正常示例有限公司', good, '行政文员', '', 2, '4000-5000', '大专', '', '沙坪坝区', '商务服务业', '', ''],
      ['公式有限公司', makeCreditCode('500106'), '普工', '', { formula: 'A1*2' }, '4000', '', '', '沙坪坝区', '制造业', '', ''],
    ]);
    const res = await upload(cookie, 'postings', 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('imports.invalid');
    expect(body.errors).toEqual([
      { sheet: '岗位', row: 3, column: '统一社会信用代码', message: '统一社会信用代码无效（18 位，校验位须符合 GB 32100-2015）' },
      { sheet: '岗位', row: 4, column: '所在区县', message: '找不到地区“朝阳区”（请填写四川或重庆的区县名称或 6 位代码）' },
      { sheet: '岗位', row: 5, column: '岗位名称', message: '工种“宇航员”不在工种目录中' },
      { sheet: '岗位', row: 5, column: '招聘人数', message: '招聘人数须为 1–100000 的整数（“-3”不是，“若干”请填写预计人数）' },
      { sheet: '岗位', row: 5, column: '薪资', message: '最高薪资不能低于最低薪资' },
      { sheet: '岗位', row: 6, column: '岗位名称', message: '与第 2 行重复' },
      { sheet: '岗位', row: 7, column: '招聘人数', message: '单元格是公式，请复制后“选择性粘贴为数值”再导入' },
    ]);
    expect(body.message).toBe('表格中有 7 处错误，未导入任何数据');
    expect([await count('enterprises'), await count('postings')]).toEqual(before);
  });

  it('asks for the details of an enterprise that is not registered yet, once, on its first row', async () => {
    const cookie = await staff();
    const registered = makeCreditCode('500106');
    const fresh = makeCreditCode('500106');
    await upload(cookie, 'enterprises', 'e.xlsx', await xlsx([['企业名称', '统一社会信用代码', '所在区县', '所属行业'], ['已登记示例有限公司', registered, '沙坪坝区', '制造业']]));
    const res = await upload(cookie, 'postings', 'p.xlsx', await xlsx([
      ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '所在区县', '所属行业'],
      ['', registered, '普工', 10, '', ''], // registered: the code is enough
      ['', fresh, '焊工', 2, '', ''],
      ['新企业示例有限公司', fresh, '电工', 2, '沙坪坝区', '制造业'],
    ]));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { sheet: '岗位', row: 3, column: '企业名称', message: '“企业名称”必填' },
      { sheet: '岗位', row: 3, column: '所在区县', message: '“所在区县”必填' },
      { sheet: '岗位', row: 3, column: '所属行业', message: '“所属行业”必填' },
    ]);
  });

  it('reads a CSV in GB18030, as Excel on Chinese Windows saves it', async () => {
    const cookie = await staff(['federation_staff'], '510000');
    const data = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'postings-gb18030.csv'));
    const res = await upload(cookie, 'postings', '岗位.csv', data);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enterprises: { created: 1 }, postings: { created: 2 } });
    const e = await t.ctx.db.selectFrom('enterprises').select(['name', 'region_code', 'industry_section', 'industry_division']).where('credit_code', '=', '91511681MA6CGB18X9').executeTakeFirstOrThrow();
    expect(e).toEqual({ name: '华蓥市示例建材有限公司（GB18030 测试）', region_code: '511681', industry_section: 'C', industry_division: '30' });
  });

  it('imports enterprises from the downloaded template', async () => {
    const cookie = await staff();
    const template = await t.app.inject({ url: '/api/imports/templates/enterprises', headers: { cookie } });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const header = (workbook.getWorksheet('企业')!.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['企业名称', '统一社会信用代码', '所在区县', '企业地址', '所属行业', '企业规模', '企业性质', '联系人', '联系电话']);
    expect(workbook.getWorksheet('填写说明')).toBeDefined();
    const res = await upload(cookie, 'enterprises', '企业导入模板.xlsx', template.rawPayload);
    expect(res.statusCode).toBe(200);
    expect(res.json().enterprises.created + res.json().unchanged).toBe(1);
  });

  it('an export re-imports cleanly', async () => {
    const cookie = await staff(['union_staff'], '511600');
    const code = makeCreditCode('511681');
    await upload(cookie, 'postings', 'x.xlsx', await xlsx([
      ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '薪资', '所在区县', '所属行业', '岗位描述', '福利'],
      ['广安示例导出测试有限公司', code, '会计', 1, '5000以上', '华蓥市', '商务服务业', '负责记账\n熟悉用友', '五险一金'],
    ]));
    const exported = await t.app.inject({ url: '/api/exports/postings', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    const res = await upload(cookie, 'postings', 'export.xlsx', exported.rawPayload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0 });
  });
});

describe('bad files', () => {
  it('refuses a 50 MB upload with 413', async () => {
    const cookie = await staff();
    const res = await upload(cookie, 'postings', 'big.xlsx', Buffer.alloc(50 * 1024 * 1024, 1));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'imports.too_large', message: '文件过大（上限 20 MB、20 万行）' });
  });

  it('refuses a zip bomb before inflating it', async () => {
    const cookie = await staff();
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x41) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const res = await upload(cookie, 'postings', 'bomb.xlsx', bomb);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('imports.zip_bomb');
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const cookie = await staff();
    for (const data of [Buffer.from('%PDF-1.7 not a spreadsheet'), zip([{ name: 'readme.txt', data: Buffer.from('hello') }])]) {
      const res = await upload(cookie, 'postings', 'fake.xlsx', data);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ code: 'imports.not_spreadsheet', message: '文件不是有效的 .xlsx 或 .csv 表格' });
    }
    const pdf = await upload(cookie, 'postings', 'scan.pdf', Buffer.from('%PDF'));
    expect(pdf.statusCode).toBe(415);
  });

  it('keeps a district union to its own district', async () => {
    const cookie = await staff(['union_staff'], '500105'); // 江北区
    const res = await upload(cookie, 'enterprises', 'e.xlsx', await xlsx([
      ['企业名称', '统一社会信用代码', '所在区县', '所属行业'],
      ['沙坪坝区的企业有限公司', makeCreditCode('500106'), '沙坪坝区', '制造业'],
    ]));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ sheet: '岗位', row: 2, column: '统一社会信用代码', message: '企业所在地不在本工会管辖范围内' }]);
  });

  it('returns the first result for a retried upload with the same Idempotency-Key', async () => {
    const cookie = await staff();
    const file = await xlsx([['企业名称', '统一社会信用代码', '所在区县', '所属行业'], ['幂等测试有限公司', makeCreditCode('500106'), '沙坪坝区', '制造业']]);
    const key = `import-${Date.now()}`;
    const first = await upload(cookie, 'enterprises', 'e.xlsx', file, { 'idempotency-key': key });
    const retry = await upload(cookie, 'enterprises', 'e.xlsx', file, { 'idempotency-key': key });
    expect(first.json().enterprises.created).toBe(1);
    expect(retry.json()).toEqual(first.json());
  });

  it('is for staff only', async () => {
    const seeker = await makeUser(t.ctx, { roles: ['seeker'] });
    const res = await upload(await loginAs(t.app, seeker.username), 'enterprises', 'e.xlsx', await xlsx([['企业名称']]));
    expect(res.statusCode).toBe(403);
  });
});
