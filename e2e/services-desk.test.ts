import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiAs, DESKTOP, horizontalOverflow, launch, loginDemo, okJson, PHONE, SCREENSHOT_DIR, screenshot, type Browser } from './browser.js';

// One visitor record at a fair and the worker's data rights (issue 8 §4, §5). spb-union (沙坪坝区,
// the rights zone of the 三峡广场 opening fair) looks a visitor up by his ticket, records his
// consent to share and a consultation for him; the worker (a new account with the visitor's phone)
// sees what is kept on a 375 px phone, exports it as JSON and PDF, and erases it with his password.

const base = () => inject('baseUrl');
const FAIR = '川渝就业服务季开幕式暨大型招聘会';
const PASSWORD = 'Worker-2026';
/** A valid 身份证号 of someone born in 沙坪坝区 (GB 11643 check digit). */
const ID_CARD = (() => {
  const body = `50010619880812${String(Date.now()).slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((n, c, i) => n + Number(c) * weights[i]!, 0) % 11];
})();

let browser: Browser;
const clients: APIRequestContext[] = [];
const person = { name: '周师傅', phone: `137${String(Date.now()).slice(-8)}` };
let ticket = '';
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await Promise.all(clients.map((c) => c.dispose())); await browser?.close(); });

const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-full.png`), fullPage: true, animations: 'disabled' });
};

/** 重庆市 / 沙坪坝区 in a drawer's region cascader: the counties load when the province opens, and a click during the menu's entrance may be lost. */
async function pickShapingba(page: Page, drawer: ReturnType<Page['locator']>) {
  await drawer.getByLabel('工作地区（区县）').click();
  const county = page.locator('.ant-cascader-menu:visible .ant-cascader-menu-item', { hasText: '沙坪坝区' });
  for (let attempt = 0; attempt < 3 && !(await county.isVisible()); attempt += 1) {
    await page.waitForTimeout(300);
    await page.locator('.ant-cascader-menu:visible .ant-cascader-menu-item', { hasText: '重庆市' }).click();
    await county.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await county.click();
  await drawer.getByTitle('重庆市 / 沙坪坝区').waitFor();
}

describe('the fair desk and my services data', () => {
  it('spb-union looks a visitor up at the opening fair\'s desk, records his consent and a consultation', async () => {
    // The worker has an account with his phone; cq-admin (the fair's host) registers him as a visitor.
    const worker = await playwrightRequest.newContext({ baseURL: base() });
    clients.push(worker);
    await okJson(await worker.post('/api/seekers/register', { data: { ...person, password: PASSWORD, consent: true } }));
    const spb = await apiAs(base(), 'spb-union', clients);
    const fair = (await okJson<{ id: number; name: string }[]>(await spb.get('/api/services/fair/events'))).find((f) => f.name === FAIR)!;
    expect(fair).toBeTruthy();
    const cq = await apiAs(base(), 'cq-admin', clients);
    const registered = await okJson<{ visitor: { ticketCode: string } }>(await cq.post(`/api/events/${fair.id}/visitors`, { data: { ...person, consent: true } }));
    ticket = registered.visitor.ticketCode;

    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'spb-union');
    await page.goto(`${base()}/admin/services/desk`);
    await page.getByRole('heading', { name: '招聘会服务台' }).waitFor();
    await page.getByText('输入观众门票上的 8 位短码').waitFor();
    await shot(page, 'services-desk-empty-desktop');
    // Without a fair the code is not looked up.
    await page.getByTestId('desk-code').fill(ticket);
    await page.getByRole('button', { name: '查 询' }).click();
    await page.getByTestId('desk-error').getByText('请先选择招聘会').waitFor();

    await page.locator('.desk-fair').click();
    await page.keyboard.type('开幕式');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: FAIR }).first();
    await option.waitFor();
    await page.waitForTimeout(200); // the dropdown's entrance animation
    await option.click();
    await page.locator('.desk-fair', { hasText: FAIR }).waitFor();

    // A wrong code is named as such.
    await page.getByLabel('门票短码').fill('ZZZZZZZZ');
    await page.getByRole('button', { name: '查 询' }).click();
    await page.getByTestId('desk-error').getByText('本场招聘会没有这位观众').waitFor();
    await shot(page, 'services-desk-not-found-desktop');

    await page.getByTestId('desk-code').fill(ticket.toLowerCase());
    await page.getByTestId('desk-code').press('Enter');
    const card = page.getByTestId('desk-visitor');
    await card.getByText(person.name).first().waitFor();
    await card.getByText('仅本台记录').waitFor();
    await card.getByText('同意本场招聘会各服务台').waitFor();
    await expect.poll(() => page.url()).toContain('visitor=');
    await shot(page, 'services-desk-visitor-desktop');
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByTestId('desk-share').click();
    await card.getByText('已同意合并查看').waitFor();
    await card.getByText('入场签到').waitFor();

    await card.getByRole('button', { name: '登记咨询' }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByText(`为 ${person.name} 登记咨询`).waitFor();
    // Submitting empty names the fields.
    await page.getByTestId('desk-record-submit').click();
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await drawer.getByLabel('类别').click();
    const category = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '欠薪' }).first();
    await category.waitFor();
    await page.waitForTimeout(200);
    await category.click();
    await pickShapingba(page, drawer);
    await drawer.getByLabel('工作单位').fill('重庆某某物流有限公司');
    await drawer.getByLabel('标题').fill('两个月工资没发');
    await drawer.getByLabel('咨询内容').fill('在物流公司做分拣，九月和十月的工资一直没发，老板说等回款。');
    await drawer.getByText('已向观众宣读上述说明，观众同意').click();
    await shot(page, 'services-desk-record-desktop');
    await page.getByTestId('desk-record-submit').click();
    await page.getByText(/已登记咨询 ZX\d{4}-\d{6}，由 .*总工会 办理/).waitFor();
    await card.getByTestId('desk-requests').getByText('两个月工资没发').waitFor();
    await shot(page, 'services-desk-recorded-desktop');

    // The membership desk sees his consultation too, now that he agreed, and records his application.
    await page.locator('.desk-controls').getByText('入会咨询台').click();
    await page.getByTestId('desk-requests').getByText('欠薪').waitFor();
    await card.getByRole('button', { name: '登记入会' }).click();
    await drawer.getByText(`为 ${person.name} 登记入会申请`).waitFor();
    await drawer.getByLabel('身份证号').fill(`${ID_CARD.slice(0, 17)}${ID_CARD.at(-1) === '0' ? '1' : '0'}`);
    await drawer.getByLabel('工作单位').fill('重庆某某物流有限公司');
    await drawer.getByText('已向观众宣读上述说明，观众同意').click();
    await page.getByTestId('desk-record-submit').click();
    // A wrong check digit is named on the field.
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await drawer.getByLabel('身份证号').fill(ID_CARD);
    await pickShapingba(page, drawer);
    await page.getByTestId('desk-record-submit').click();
    await page.getByText(/已登记入会申请 RH\d{4}-\d{6}，由 .*总工会 审核/).waitFor();
    await page.getByTestId('desk-memberships').getByText('审核中').waitFor();
    await shot(page, 'services-desk-membership-desktop');

    // The same on a phone.
    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'spb-union');
    await phone.goto(`${base()}/admin/services/desk?event=${fair.id}&desk=consultation&visitor=${new URL(page.url()).searchParams.get('visitor')}`);
    await phone.getByTestId('desk-visitor').getByText('已同意合并查看').waitFor();
    await shot(phone, 'services-desk-375');
    expect(await horizontalOverflow(phone)).toBe(0);
    await phone.close();
    await page.close();
    expect(browser.problems).toEqual([]);
  });

  it('the worker sees, exports and erases his services data on a 375 px phone', async () => {
    expect(ticket).not.toBe('');
    const page = await browser.newPage(PHONE);
    const login = await page.request.post(`${base()}/api/auth/login`, { data: { login: person.phone, password: PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(`${base()}/m/services/my-data`);
    await page.getByRole('heading', { name: '我的服务数据', exact: true }).waitFor();
    await page.locator('[data-count=requests]').getByText('1 条').waitFor();
    await page.locator('[data-count=memberships]').getByText('1 条').waitFor();
    await page.locator('[data-purpose=visitor_share]').getByText('招聘会各服务台合并查看').waitFor();
    await shot(page, 'services-my-data-375');
    expect(await horizontalOverflow(page)).toBe(0);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出数据（JSON）' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { person: { phone: string }; requests: { subject: string; body: string }[]; memberships: unknown[] };
    expect(exported.person.phone).toBe(person.phone);
    expect(exported.requests).toEqual([expect.objectContaining({ subject: '两个月工资没发', body: expect.stringContaining('九月和十月') })]);
    expect(exported.memberships).toEqual([expect.objectContaining({ idCard: ID_CARD, status: 'submitted' })]);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 PDF' }).click()]);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

    // Withdraw the sharing at the fair.
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-purpose=visitor_share]').getByRole('button', { name: '撤回同意' }).click();
    await page.locator('[data-purpose=visitor_share]').getByText(/已于 .* 撤回/).waitFor();

    await page.getByRole('button', { name: '删除…' }).click();
    await page.getByText('保留的只有不含个人信息的统计事实').waitFor();
    await page.getByLabel('输入登录密码确认').fill('wrong-password-1');
    await page.getByRole('button', { name: '确认永久删除' }).click();
    await page.locator('.m-field-error').waitFor();
    await shot(page, 'services-my-data-delete-375');
    await page.getByLabel('输入登录密码确认').fill(PASSWORD);
    await page.getByRole('button', { name: '确认永久删除' }).click();
    await page.getByRole('status').getByText(/已删除：1 条诉求、1 条入会记录/).waitFor();
    await page.getByTestId('md-nothing').waitFor();
    await shot(page, 'services-my-data-erased-375');
    expect(await horizontalOverflow(page)).toBe(0);

    // The desk now finds the visitor without the request's words or his consent.
    const spb = await apiAs(base(), 'spb-union', clients);
    const fair = (await okJson<{ id: number; name: string }[]>(await spb.get('/api/services/fair/events'))).find((f) => f.name === FAIR)!;
    const view = await okJson<{ shared: boolean; requests: unknown[] }>(await spb.get(`/api/services/fair/${fair.id}/visitors/by-ticket/${ticket}?desk=consultation`));
    expect(view).toMatchObject({ shared: false, requests: [] });
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
