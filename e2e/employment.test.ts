import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { makeCreditCode } from '../test/helpers.js';
import { xlsx } from '../test/spreadsheets.js';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const login = (page: Page, user: string) => loginDemo(page, base(), user);

describe('employers and postings in the browser', () => {
  it('an employer signs up, posts a job; the union verifies and approves; the job is public', async () => {
    const page = await browser.newPage(DESKTOP);
    const code = makeCreditCode('500106');
    await page.goto(`${base()}/register`);
    await page.getByLabel('手机号（用于登录）').fill(`139${String(Date.now()).slice(-8)}`);
    await page.getByLabel('您的姓名').fill('周经理');
    await page.getByLabel('密码（至少 8 位，含字母和数字）').fill('Employer-2023');
    await page.getByLabel('企业名称').fill('重庆三峡广场示例火锅有限公司');
    await page.getByLabel('统一社会信用代码').fill(code);
    await page.getByLabel('所在区县').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '重庆市' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '沙坪坝区' }).click();
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByLabel('所属行业').click();
    await page.locator('.ant-cascader-menu-item', { hasText: 'H 住宿和餐饮业' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '62 餐饮业' }).click();
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'register-employer');
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.waitForURL(/\/admin\/enterprises\//);
    await page.getByText('待认证').first().waitFor();
    await page.getByText('企业认证通过前，其岗位不会对外公开').waitFor();

    await page.getByRole('button', { name: /发布岗位/ }).click();
    await page.getByLabel('岗位名称').fill('火锅店厨师');
    await page.getByLabel('工种（可搜索同义词，如“厨师”）').fill('厨师');
    await page.locator('.ant-select-item-option', { hasText: '中式烹调师' }).click();
    await page.getByLabel('最低月薪（元）').fill('6000');
    await page.getByLabel('最高月薪（元，可不填）').fill('9000');
    await page.getByLabel('招聘人数').fill('3');
    // The description editor: a subheading, a bold phrase and a bulleted list, kept through review.
    const description = page.getByRole('textbox', { name: '岗位描述' });
    await description.click();
    await page.getByRole('button', { name: '小标题' }).click();
    await page.keyboard.type('岗位职责');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('负责火锅底料炒制');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '项目符号列表' }).click();
    await page.keyboard.type('有川菜经验优先');
    await page.keyboard.press('Enter');
    await page.keyboard.type('能适应夜班');
    await screenshot(page, 'posting-editor');
    await page.getByRole('button', { name: /保存并提交审核/ }).click();
    await page.getByRole('cell', { name: '火锅店厨师' }).waitFor();
    await page.getByRole('cell', { name: '待审核' }).first().waitFor();
    const enterpriseUrl = page.url();
    await page.request.post(`${base()}/api/auth/logout`);

    await login(page, 'cq-admin');
    await page.goto(enterpriseUrl);
    // The contact phone is masked; the full number needs a reason, which goes to the audit log.
    await page.getByRole('button', { name: '查看完整号码' }).click();
    await page.getByLabel('查看事由（将记入审计日志）').fill('核实企业联系人');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('13912345678').waitFor();
    await page.getByRole('button', { name: /知道了|OK|确\s*定/ }).last().click();
    await page.getByRole('button', { name: /认证通过/ }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已认证').first().waitFor();
    await page.getByRole('cell', { name: '火锅店厨师' }).click();
    // The stored work region shows by name, not as its code.
    await page.locator('.ant-cascader', { hasText: '重庆市 / 沙坪坝区' }).waitFor();
    await page.getByRole('button', { name: /审核通过/ }).click();
    await page.getByText('已公开').waitFor();
    await screenshot(page, 'posting-approved');
    const postings = await (await page.request.get(`${base()}/api/postings?q=${encodeURIComponent('火锅店厨师')}`)).json();
    const id = postings.items[0].id;
    const job = await page.request.get(`${base()}/api/jobs/${id}`);
    expect(job.status()).toBe(200);
    const html = (await job.json()).descriptionHtml as string;
    expect(html).toContain('<h4>岗位职责</h4>');
    expect(html).toMatch(/<(strong|b)>负责火锅底料炒制<\/(strong|b)>/);
    expect(html).toMatch(/<ul><li>有川菜经验优先<\/li><li>能适应夜班<\/li><\/ul>/);
    expect(browser.problems).toEqual([]);
    await page.request.post(`${base()}/api/auth/logout`);
    await page.close();
  });

  it('a union staffer imports a spreadsheet: the error report first, then the corrected file', async () => {
    const page = await browser.newPage(DESKTOP);
    await login(page, 'cq-admin');
    await page.goto(`${base()}/admin/imports`);
    await page.getByText('点击或拖拽 .xlsx / .csv 文件到这里').waitFor();
    const header = ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '薪资', '所在区县', '所属行业'];
    const code = makeCreditCode('500105');
    const bad = await xlsx([header, ['江北示例物流有限公司', code, '快递员', '若干', '5000-4000', '江北区', '道路运输业']], { title: '江北区招聘会岗位' });
    await page.locator('input[type=file]').setInputFiles({ name: '岗位.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    await page.getByText('错误清单（2 处）').waitFor();
    await page.getByRole('cell', { name: /招聘人数须为 1–100000 的整数/ }).waitFor();
    await screenshot(page, 'import-errors');
    const good = await xlsx([header, ['江北示例物流有限公司', code, '快递员', 8, '5000-7000', '江北区', '道路运输业']]);
    await page.locator('input[type=file]').setInputFiles({ name: '岗位-改.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
    await page.getByText('导入完成').waitFor();
    await page.getByText(/新增企业 1 家/).waitFor();
    await screenshot(page, 'import-done');
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('the verification queue and postings list fit a 375 px phone', async () => {
    const page = await browser.newPage(PHONE);
    await login(page, 'sc-admin');
    await page.goto(`${base()}/admin/enterprises?status=submitted`);
    await page.getByRole('heading', { name: '企业认证' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'review-queue-375');
    await page.goto(`${base()}/admin/postings`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.request.post(`${base()}/api/auth/logout`);
    await page.goto(`${base()}/register`);
    await page.getByText('企业用户注册').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'register-375');
    await page.close();
  });

  it('desktop lists of enterprises and postings', async () => {
    const page = await browser.newPage(DESKTOP);
    await login(page, 'cq-admin');
    await page.goto(`${base()}/admin/enterprises`);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'admin-enterprises');
    await page.goto(`${base()}/admin/postings?status=pending`);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'admin-postings');
    await page.goto(`${base()}/admin/job-types`);
    await page.getByRole('cell', { name: '中式烹调师' }).waitFor();
    await page.getByRole('cell', { name: '厨师' }).first().waitFor(); // its synonym
    await screenshot(page, 'admin-job-types');
    await page.goto(`${base()}/admin`);
    await page.getByText('待认证企业').waitFor();
    await screenshot(page, 'admin-dashboard');
    await page.close();
  });
});
