import jsQR from 'jsqr';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idCardCheckChar } from '../src/shared/validators.js';
import { apiAs, DESKTOP, horizontalOverflow, launch, loginDemo, okJson, PHONE, screenshot, type Browser } from './browser.js';

// Issue 8 §2's "done when" on a phone: a NEW worker (registered through the API) applies to join
// the union at 375 px, 江北区总工会's demo staff account approves on the desktop, the worker sees his
// card with the QR and the public check says it is valid. A second worker is not approved and sees
// the reason with "apply again". Every page is photographed at 375 px and on the desktop.

const base = () => inject('baseUrl');
let browser: Browser;
const clients: APIRequestContext[] = [];
const PASSWORD = 'Worker-2026pass';

beforeAll(async () => { browser = await launch(); });
afterAll(async () => {
  await browser?.close();
  for (const c of clients) await c.dispose();
});

const phoneNo = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
/** A valid 身份证号 of someone born in 江北区 (GB 11643 check character). */
function idCard(): string {
  const first17 = `500105199${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A worker registered through the API (his own cookies), as the sign-up page does it. */
async function register(name: string): Promise<{ phone: string; client: APIRequestContext }> {
  const client = await playwrightRequest.newContext({ baseURL: base() });
  clients.push(client);
  const phone = phoneNo();
  await okJson(await client.post('/api/seekers/register', { data: { phone, name, password: PASSWORD, consent: true } }));
  return { phone, client };
}
async function loginPage(page: Page, phone: string) {
  const res = await page.request.post(`${base()}/api/auth/login`, { data: { login: phone, password: PASSWORD } });
  expect(res.status()).toBe(200);
}
/** Draw the page's QR (an SVG) onto a canvas in the browser and decode its pixels here. */
async function decodeQr(page: Page): Promise<string | null> {
  const { data, size } = await page.evaluate(async () => {
    const svg = document.querySelector('svg.qr')!;
    const size = 300;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0, size, size);
    return { data: Array.from(g.getImageData(0, 0, size, size).data), size };
  });
  return jsQR(Uint8ClampedArray.from(data), size, size)?.data ?? null;
}
async function noOverflow(page: Page) {
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

describe('joining the union on a phone', () => {
  it('applies at 375 px, is approved by 江北区 on the desktop, shows the card with its QR, and the card checks as valid', async () => {
    const worker = await register('陈志刚');
    const page = await browser.newPage(PHONE);
    await loginPage(page, worker.phone);

    // The home tile leads to the form; the card page says he is not a member yet.
    await page.goto(`${base()}/m`);
    await page.getByRole('link', { name: /加入工会/ }).click();
    await page.getByRole('heading', { name: '申请加入工会' }).waitFor();
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('陈志刚');
    await screenshot(page, 'services-membership-join-phone');
    await noOverflow(page);

    // A wrong check digit and a missing employer, district and consent: every field says so.
    const good = idCard();
    await page.getByLabel('身份证号', { exact: true }).fill(good.slice(0, 17) + (good[17] === '1' ? '2' : '1'));
    await page.getByRole('button', { name: '提交入会申请' }).click();
    await page.getByText('身份证号无效（18 位，校验位须符合 GB 11643）').waitFor();
    await page.getByText('请阅读并同意个人信息收集与使用说明').waitFor();
    await page.getByText('请选择单位所在的区县').waitFor();
    await screenshot(page, 'services-membership-join-errors-phone');

    await page.getByLabel('身份证号', { exact: true }).fill(good);
    await page.locator('#mc-region').selectOption({ label: '重庆市' });
    await page.locator('#mc-region-1').selectOption({ label: '江北区' });
    await page.getByLabel('工作单位', { exact: true }).fill('重庆江北长安配件厂');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '提交入会申请' }).click();
    await page.getByText('入会申请已提交').waitFor();
    await page.getByText(/重庆市江北区总工会将在 \d{4}-\d{2}-\d{2} 前完成审核/).waitFor();
    await screenshot(page, 'services-membership-submitted-phone');
    await noOverflow(page);
    await page.goto(`${base()}/m/services/card`);
    await page.getByText('您还不是工会会员').waitFor();
    await page.getByText(/您的入会申请正在审核中/).waitFor();
    await screenshot(page, 'services-membership-card-empty-phone');

    // 江北区总工会 reviews on the desktop: the queue, the drawer (masked 身份证号, revealed with a reason), approve.
    const desk = await browser.newPage(DESKTOP);
    await loginDemo(desk, base(), 'jb-union');
    await desk.goto(`${base()}/admin/services/membership`);
    await desk.getByRole('heading', { name: '入会审核' }).waitFor();
    const row = desk.locator('tr', { hasText: '陈志刚' });
    await row.first().waitFor();
    await screenshot(desk, 'services-membership-queue-desktop');
    await row.first().getByRole('button', { name: /^审\s*核$/ }).click();
    const drawer = desk.locator('.ant-drawer-section');
    await drawer.getByText(`${good.slice(0, 4)}**********${good.slice(-4)}`).waitFor();
    await drawer.getByRole('button', { name: '查看完整' }).first().click();
    const ask = desk.locator('.ant-modal-confirm');
    await ask.getByLabel('查看事由（将记入审计日志）').fill('核对入会人身份');
    await ask.getByRole('button', { name: /确\s*定|确认/ }).click();
    await desk.locator('.ant-modal-confirm').getByText(good).waitFor();
    await desk.locator('.ant-modal-confirm').getByRole('button').last().click();
    await screenshot(desk, 'services-membership-drawer-desktop');
    await drawer.getByRole('button', { name: '审核通过' }).click();
    await desk.locator('.ant-modal-confirm').getByRole('button', { name: '审核通过' }).click();
    await desk.getByText(/已通过，会员号 50\d{11}/).waitFor();

    // 重庆市总工会 sees the unions below it, the names masked; filtered to 江北区 through the union picker.
    const mine = await okJson<{ application: { refNo: string; ownerUnion: { id: string; name: string } } }>(await worker.client.get('/api/services/my/membership'));
    await loginDemo(desk, base(), 'cq-admin');
    await desk.goto(`${base()}/admin/services/membership?unionId=${mine.application.ownerUnion.id}`);
    await desk.getByLabel('受理工会').locator('xpath=ancestor::div[contains(@class,"ant-select")]').getByText('重庆市江北区总工会').waitFor();
    const fedRow = desk.locator('tr', { hasText: mine.application.refNo });
    await fedRow.getByText('陈*刚').waitFor();
    expect(await desk.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.every((r) => r.textContent?.includes('重庆市江北区总工会')))).toBe(true);
    await screenshot(desk, 'services-membership-queue-federation-desktop');

    // The worker's card: name, number, union, QR pointing at the public check (the pages share one
    // cookie jar: he logs in again after the staff member).
    const { card } = await okJson<{ card: { code: string; memberNo: string } }>(await worker.client.get('/api/services/my/card'));
    await loginPage(page, worker.phone);
    await page.goto(`${base()}/m/services/card`);
    await page.getByText(card.memberNo).waitFor();
    await page.getByText('重庆市江北区总工会').first().waitFor();
    expect(await decodeQr(page)).toBe(`${base()}/m/member-card/${card.code}`);
    await screenshot(page, 'services-membership-card-phone');
    await noOverflow(page);
    await page.goto(`${base()}/m/services/join`);
    await page.getByText('您已是工会会员').waitFor();
    await page.getByRole('link', { name: '查看电子会员卡' }).waitFor();

    // The public check, logged out (a new page starts without cookies), on a phone and on the desktop; an unknown code says so.
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${base()}/m/member-card/${card.code}`);
    await visitor.getByText('有效的工会会员卡').waitFor();
    await visitor.getByText('陈*刚').waitFor();
    await visitor.getByText(card.memberNo).waitFor();
    await screenshot(visitor, 'services-membership-check-phone');
    await noOverflow(visitor);
    await visitor.setViewportSize(DESKTOP);
    await screenshot(visitor, 'services-membership-check-desktop');
    await visitor.goto(`${base()}/m/member-card/AAAAAAAAAAAAAAAAAAAAAAAA`);
    await visitor.getByText('未找到这张会员卡').waitFor();
    await screenshot(visitor, 'services-membership-check-unknown-phone');

    // The worker's pages at desktop width too (the visitor's fresh page logged everyone out).
    await loginPage(page, worker.phone);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base()}/m/services/card`);
    await page.getByText(card.memberNo).waitFor();
    await screenshot(page, 'services-membership-card-desktop');
    await page.goto(`${base()}/m/services/join`);
    await page.getByText('您已是工会会员').waitFor();
    await screenshot(page, 'services-membership-approved-desktop');
    expect(browser.problems).toEqual([]);
  });

  it('shows a rejected application with its reason and lets the worker apply again; the queue on a phone', async () => {
    const worker = await register('刘小燕');
    const app = await okJson<{ id: string }>(await worker.client.post('/api/services/membership', {
      data: { idCard: idCard(), regionCode: '500105', employerName: '江北区某超市', consent: true },
    }));
    const jb = await apiAs(base(), 'jb-union', clients);
    await okJson(await jb.post(`/api/services/membership/${app.id}/reject`, { data: { reason: '所填单位已注销，请填写现在的工作单位' } }));

    const page = await browser.newPage(PHONE);
    await loginPage(page, worker.phone);
    await page.goto(`${base()}/m/services/join`);
    await page.getByText('入会申请未通过').waitFor();
    await page.getByText('原因：所填单位已注销，请填写现在的工作单位').waitFor();
    await screenshot(page, 'services-membership-rejected-phone');
    await noOverflow(page);
    await page.getByRole('button', { name: '修改后重新申请' }).click();
    await page.getByRole('button', { name: '提交入会申请' }).waitFor();
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'services-membership-join-desktop');

    // The staff queue and a drawer on a phone, with the overdue filter (nothing of this worker is overdue).
    const staff = await browser.newPage(PHONE);
    await loginDemo(staff, base(), 'jb-union');
    await staff.goto(`${base()}/admin/services/membership?id=${app.id}`);
    await staff.locator('.ant-drawer-section').getByText('所填单位已注销，请填写现在的工作单位').first().waitFor();
    await screenshot(staff, 'services-membership-drawer-phone');
    await staff.locator('.ant-drawer-close').click();
    await staff.locator('.ant-drawer-section').waitFor({ state: 'hidden' });
    await staff.locator('.mc-admin-card').first().waitFor();
    await screenshot(staff, 'services-membership-queue-phone');
    await noOverflow(staff);
    expect(browser.problems).toEqual([]);
  });
});
