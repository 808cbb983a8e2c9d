import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idCardCheckChar } from '../src/shared/validators.js';
import { xlsx } from '../test/spreadsheets.js';
import { apiAs, DESKTOP, horizontalOverflow, launch, loginDemo, okJson, PHONE, screenshot, type Browser } from './browser.js';

// Issue 8 §3 in the browser: cq-admin opens a plan (API); employer-demo's agent uploads a list with
// mistakes (every bad row listed), then a good one (draft with people and amount) and submits it;
// the staff of his enterprise's union (found through the API) confirm it on the desktop; a phone
// shows the open plan, its benefits and the claim form. Every page at the desktop and at 375 px.

const base = () => inject('baseUrl');
let browser: Browser;
const clients: APIRequestContext[] = [];
beforeAll(async () => { browser = await launch(); });
afterAll(async () => {
  await browser?.close();
  for (const c of clients) await c.dispose();
});

function idCard(): string {
  const first17 = `500106198${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}
const phoneNo = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const noOverflow = async (page: Page) => expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
const upload = async (page: Page, name: string, data: Buffer) =>
  page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });

interface Plan { id: number; name: string; version: number }
interface Enrolment { id: number; status: string; people: number; amount: number }

describe('mutual aid', () => {
  let plan: Plan;

  it('lets an employer\'s agent upload a list (every bad row named), submit it, and his union confirm it', async () => {
    const cq = await apiAs(base(), 'cq-admin', clients);
    const made = await okJson<Plan>(await cq.post('/api/services/aid/plans', { data: {
      name: `川渝职工住院互助保障（测试 ${Date.now().toString(36)}）`, summary: '在职职工由单位统一参保；住院、意外身故可申请给付。', startsOn: '2026-01-01', endsOn: '2026-12-31', price: 30,
      benefits: [{ name: '住院医疗互助', amount: 10000, note: '每次住院最高给付' }, { name: '意外身故', amount: 50000, note: '' }, { name: '重大疾病', amount: 20000, note: '确诊后一次性给付' }],
    } }));
    plan = await okJson<Plan>(await cq.post(`/api/services/aid/plans/${made.id}/open`, { data: { version: made.version } }));

    // The agent's enterprise and the union that confirms its lists, as the API says.
    const agentApi = await apiAs(base(), 'employer-demo', clients);
    const [firm] = await okJson<{ id: string; name: string; ownerUnion: { name: string } }[]>(await agentApi.get('/api/services/aid/my-enterprises'));
    expect(firm!.ownerUnion.name).toBe('重庆市沙坪坝区总工会');

    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'employer-demo');
    await page.goto(`${base()}/admin/aid-enrolments`);
    await page.getByRole('heading', { name: '互助保障参保' }).waitFor();
    await page.getByText(firm!.name, { exact: true }).first().waitFor();
    const select = page.locator('#aid-plan');
    await select.click();
    await select.fill(plan.name);
    await page.locator('.ant-select-item-option', { hasText: plan.name }).waitFor();
    await select.press('Enter');
    await page.getByText('住院医疗互助').first().waitFor();
    await screenshot(page, 'services-aid-agent-desktop');

    const good = [['王小川', idCard(), phoneNo()], ['李秀英', idCard(), phoneNo()], ['陈建国', idCard(), phoneNo()]];
    const bad = await xlsx([['姓名', '身份证号', '手机号'], good[0]!, ['', good[1]![1], good[1]![2]], ['赵四', `${good[2]![1]!.slice(0, 17)}${good[2]![1]!.endsWith('1') ? '2' : '1'}`, '12345'], ['王小川', good[0]![1], phoneNo()]], { sheet: '参保名单' });
    await upload(page, '名单.xlsx', bad);
    await page.getByText('名单有 4 处问题，未导入任何人员').waitFor();
    const errors = page.locator('.aid-errors tbody tr.ant-table-row');
    await expect.poll(() => errors.count()).toBe(4);
    expect(await errors.allInnerTexts()).toEqual([
      expect.stringMatching(/^3\s+姓名\s+“姓名”必填/), expect.stringMatching(/^4\s+手机号/), expect.stringMatching(/^4\s+身份证号\s+身份证号无效/), expect.stringMatching(/^5\s+身份证号\s+与第 2 行重复/),
    ]);
    await screenshot(page, 'services-aid-agent-errors-desktop');

    await upload(page, '名单.xlsx', await xlsx([['姓名', '身份证号', '手机号'], ...good], { sheet: '参保名单' }));
    await page.getByText('名单检查通过：已生成草稿').waitFor();
    await page.getByText('3 人 × ¥30 = ¥90').first().waitFor();
    expect(await page.locator('.aid-outcome tbody tr.ant-table-row').count()).toBe(3);
    await screenshot(page, 'services-aid-agent-draft-desktop');
    await page.getByRole('button', { name: '确认并提交工会' }).click();
    await page.getByText('共 3 人，应缴 ¥90。提交后由重庆市沙坪坝区总工会确认，确定提交？').waitFor();
    await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).click();
    await page.getByText('已提交，等待工会确认').waitFor();
    const mine = await okJson<{ items: Enrolment[] }>(await agentApi.get(`/api/services/aid/enrolments?planId=${plan.id}`));
    expect(mine.items[0]).toMatchObject({ status: 'submitted', people: 3, amount: 90 });
    await page.locator('.aid-card').last().getByText('待工会确认').first().waitFor();

    // The same page at 375 px.
    const narrow = await browser.newPage(PHONE);
    await loginDemo(narrow, base(), 'employer-demo');
    await narrow.goto(`${base()}/admin/aid-enrolments`);
    await narrow.getByRole('heading', { name: '互助保障参保' }).waitFor();
    await narrow.getByText(plan.name).first().waitFor();
    await screenshot(narrow, 'services-aid-agent-phone');
    await noOverflow(narrow);
    await narrow.close();
    await page.close();

    // 沙坪坝区总工会's staff confirm it from the notification's link.
    const staff = await browser.newPage(DESKTOP);
    await loginDemo(staff, base(), 'spb-union');
    await staff.goto(`${base()}/admin/services/aid?enrolment=${mine.items[0]!.id}`);
    const drawer = staff.getByRole('dialog');
    await drawer.getByText(`参保名单 #${mine.items[0]!.id}`).waitFor();
    await drawer.getByText('名单（3 人；身份证号、手机号已脱敏）').waitFor();
    expect(await drawer.locator('tbody tr.ant-table-row').count()).toBe(3);
    await screenshot(staff, 'services-aid-confirm-desktop');
    await drawer.getByRole('button', { name: '确认参保' }).click();
    await staff.getByRole('button', { name: '确 定' }).or(staff.getByRole('button', { name: '确定' })).click();
    await staff.getByText('已确认参保，已通知单位经办人').waitFor();
    await drawer.getByText('已确认').first().waitFor();
    await staff.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await staff.locator('.ant-segmented-item', { hasText: '已确认' }).click();
    await staff.locator('.aid-card', { hasText: '参保名单' }).getByText(firm!.name).first().waitFor();
    await staff.getByRole('heading', { name: '职工互助保障' }).waitFor();
    await staff.getByText(plan.name).first().waitFor();
    await screenshot(staff, 'services-aid-staff-desktop');
    await staff.close();
    const after = await okJson<{ items: Enrolment[] }>(await agentApi.get(`/api/services/aid/enrolments?planId=${plan.id}`));
    expect(after.items[0]!.status).toBe('confirmed');

    // cq-admin's view of the plans at 375 px (federation staff: edit, close).
    const fed = await browser.newPage(PHONE);
    await loginDemo(fed, base(), 'cq-admin');
    await fed.goto(`${base()}/admin/services/aid`);
    await fed.getByText(plan.name).first().waitFor();
    await screenshot(fed, 'services-aid-staff-phone');
    await noOverflow(fed);
    await fed.getByRole('button', { name: '新建计划' }).click();
    await fed.getByRole('button', { name: '添加保障项目' }).waitFor();
    await screenshot(fed, 'services-aid-plan-drawer-phone');
    await fed.close();
  });

  it('shows the open plans on a phone, one plan with its benefits, and the claim form with its field errors', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m`);
    await page.getByRole('link', { name: /互助保障/ }).click();
    await page.getByRole('heading', { name: '职工互助保障' }).waitFor();
    const card = page.locator('.aid-m-card', { hasText: plan.name });
    await card.waitFor();
    expect(await card.innerText()).toContain('30 元/人');
    await screenshot(page, 'services-aid-plans-phone');
    await noOverflow(page);
    await card.getByRole('link', { name: '查看详情' }).click();
    await page.getByRole('heading', { name: plan.name }).waitFor();
    await page.getByText('确诊后一次性给付').waitFor();
    await screenshot(page, 'services-aid-plan-phone');
    await noOverflow(page);
    expect(await page.getByRole('link', { name: '咨询互助保障' }).getAttribute('href')).toBe('/m/services/ask?category=mutual_aid');

    await loginDemo(page, base(), 'seeker-demo');
    await page.goto(`${base()}/m/services/aid/${plan.id}`);
    await page.getByRole('link', { name: '申请给付' }).click();
    await page.getByRole('heading', { name: '申请互助保障给付' }).waitFor();
    await page.getByRole('button', { name: '提交给付申请' }).click();
    await page.getByText('请先改正下面标出的内容').waitFor();
    for (const text of ['请填写身份证号', '请填写 1 元以上的整数金额', '请选择日期', '请选择区县', '请写明事情经过', '请阅读并同意个人信息收集与使用说明']) await page.getByText(text).waitFor();
    await screenshot(page, 'services-aid-claim-errors-phone');
    await noOverflow(page);

    // A wrong check digit comes back from the server on its field.
    const good = idCard();
    await page.getByLabel('身份证号（用于核对参保名单）').fill(good.slice(0, 17) + (good.endsWith('1') ? '2' : '1'));
    await page.getByLabel('申请金额（元）').fill('3000');
    await page.getByLabel('事故或住院日期').fill('2026-03-02');
    await page.locator('#aid-region').selectOption({ label: '重庆市' });
    await page.locator('#aid-region-1').selectOption({ label: '沙坪坝区' });
    await page.getByLabel('工作单位').fill('重庆某某物流有限公司');
    await page.getByLabel('事情经过').fill('2026 年 3 月 2 日因急性阑尾炎在沙坪坝区人民医院住院 6 天，花费 8,200 元。');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '提交给付申请' }).click();
    await page.locator('.m-field-error', { hasText: '身份证号' }).waitFor();
    await page.getByLabel('身份证号（用于核对参保名单）').fill(good);
    await screenshot(page, 'services-aid-claim-phone');
    await page.getByRole('button', { name: '提交给付申请' }).click();
    await page.waitForURL(/\/m\/services\/requests\/[0-9a-f-]{36}$/);
    await page.getByText(/HZ\d{4}-\d{6}/).first().waitFor();
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
