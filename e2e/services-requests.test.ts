import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, SCREENSHOT_DIR, type Browser } from './browser.js';

// Issue 8's "a worker asks a question on a phone and gets an answer from the right union": a new
// worker registers, asks on a 375 px phone about wages in 江北区 with a photo (and a file that is
// not one), 江北区's union staff assigns it to herself, writes an internal note and answers on the
// staff page, 重庆's federation sees the facts but not the words, the worker reads the answer (not
// the note) and confirms it solved, then reopens it and sends a photo. A second request is transferred
// to 沙坪坝区 with a note. Screenshots of every page at desktop and phone width.

const base = () => inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

// A 1×1 PNG, and a "photo" that is text inside (refused by content on the server).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A tall phone page whole (the form, the thread), not only what the viewport shows. */
async function fullShot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  // A viewport as tall as the page (a full-page capture would paint the sticky bars mid-page).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 4000) });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize(viewport);
}

async function noOverflow(page: Page) {
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

describe('a consultation from a phone to the union and back', () => {
  it('asked in 江北区, answered by 江北区 union staff, confirmed solved by the worker, reopened with a photo', async () => {
    const phoneNo = `139${String(Date.now()).slice(-8)}`;
    const password = 'Worker-2026';
    const subject = `公司拖欠三个月工资（测试${phoneNo.slice(-4)}）`;
    const page = await browser.newPage(PHONE);
    const register = await page.request.post(`${base()}/api/seekers/register`, { data: { phone: phoneNo, password, name: '周建国', consent: true } });
    expect(register.status(), await register.text()).toBe(201);

    // The hub and the empty list, then the home tile 法律咨询 to the form.
    await page.goto(`${base()}/m/services`);
    await page.getByRole('heading', { name: '职工服务' }).waitFor();
    await noOverflow(page);
    await screenshot(page, 'm-services-hub');
    await page.goto(`${base()}/m/services/requests`);
    await page.getByText('还没有提交过咨询').waitFor();
    await screenshot(page, 'm-services-requests-empty');
    // A second question, through the API, for 江北区 to transfer to 沙坪坝区 (where the employer is).
    const second = await page.request.post(`${base()}/api/services/requests`, {
      headers: { 'idempotency-key': `e2e-transfer-${phoneNo}` },
      data: { kind: 'consultation', category: 'labour_contract', regionCode: '500105', employerName: '重庆沙坪坝某建材厂', subject: `入职半年没签劳动合同（测试${phoneNo.slice(-4)}）`, body: '入职半年了单位一直没签合同，能要求双倍工资吗？', consent: true },
    });
    expect(second.status(), await second.text()).toBe(201);
    const secondId = ((await second.json()) as { id: string }).id;
    await page.goto(`${base()}/m`);
    await page.getByRole('link', { name: /法律咨询/ }).click();
    await page.getByRole('heading', { name: '法律咨询 / 维权求助' }).waitFor();

    await page.getByRole('button', { name: '欠薪' }).click();
    await page.getByLabel('工作地区（区县）：省/直辖市').selectOption({ label: '重庆市' });
    await page.getByLabel('工作地区（区县）：区/县').selectOption({ label: '江北区' });
    await page.getByLabel('工作单位').fill('重庆两江通达物流有限公司');
    await page.getByLabel('问题标题').fill(subject);
    await page.getByLabel(/详细情况/).fill('我在公司做仓库分拣，2026 年 8 月到 10 月的工资一直没发，共 15,600 元。多次找主管都说再等等。请问怎么办？');
    const files = page.locator('form input[type="file"]');
    await files.setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') }]);
    await page.locator('.m-field-error').filter({ hasText: 'notes.txt：只能上传 JPG、PNG 图片或 PDF' }).waitFor();
    await files.setInputFiles([
      { name: '工资条.png', mimeType: 'image/png', buffer: PNG },
      { name: '考勤.png', mimeType: 'image/png', buffer: Buffer.from('this is text, not an image') },
    ]);
    // Without the consent ticked: the field says so, nothing is sent.
    await page.getByRole('button', { name: '提交咨询' }).click();
    await page.locator('.m-field-error').filter({ hasText: '请阅读并勾选同意' }).waitFor();
    await noOverflow(page);
    await fullShot(page, 'm-services-ask');
    await page.getByLabel('我已阅读并同意上述说明').check();
    await page.getByRole('button', { name: '提交咨询' }).click();

    // The photo went; the fake one is refused by content, named under it; the request exists.
    await page.getByRole('heading', { name: /已提交，编号 ZX/ }).waitFor();
    await page.locator('.sv-file[data-state="error"]').filter({ hasText: '考勤.png' }).locator('.m-field-error').waitFor();
    await page.locator('.sv-file[data-state="done"]').filter({ hasText: '工资条.png' }).waitFor();
    await noOverflow(page);
    await screenshot(page, 'm-services-ask-file-error');
    await page.getByRole('link', { name: '查看我的诉求' }).click();
    await page.getByText(subject).waitFor();
    const id = page.url().split('/').at(-1)!;
    await page.getByText(/已分给.*江北区.*，工会将在 .* 前首次答复您/).waitFor();
    await page.getByRole('link', { name: /工资条\.png/ }).waitFor();
    await noOverflow(page);
    await fullShot(page, 'm-services-request-open');

    // 江北区's union staff: the queue, the request; assigns herself, a note, then the answer.
    await loginDemo(page, base(), 'jb-union');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base()}/admin/services`);
    const row = page.locator('tr').filter({ hasText: subject });
    await row.getByText('时限内').waitFor();
    await screenshot(page, 'admin-services-queue');
    await row.getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: subject }).waitFor();
    await page.getByText('我在公司做仓库分拣').waitFor();
    await page.getByText(/1\d\d\*{4}\d{4}|\*{4}/).first().waitFor(); // the worker's phone, masked
    const assign = page.getByLabel('经办人', { exact: true });
    await assign.click();
    await page.keyboard.type('孙静');
    await page.keyboard.press('Enter');
    await page.getByText('已分配').waitFor();
    await page.locator('.admin-page-head').getByText('处理中').waitFor();
    await page.getByRole('switch', { name: '内部备注' }).click();
    await page.getByLabel('内部备注', { exact: true }).and(page.locator('textarea')).fill('已电话联系职工，核实拖欠月份；建议先向劳动监察投诉。');
    await page.getByRole('button', { name: '保存备注' }).click();
    await page.locator('.svr-msg-internal').getByText('已电话联系职工').waitFor();
    // Saved, the box is back to an answer to the worker.
    await page.getByLabel('答复职工').fill('您好，您可以携带工资条和考勤记录到江北区劳动保障监察大队投诉，我们的律师也可以陪同。请保留好证据。');
    await page.getByRole('button', { name: '发送答复' }).click();
    await page.getByText('答复已发送').waitFor();
    await page.locator('.admin-page-head').getByText('已答复').waitFor();
    await fullShot(page, 'admin-services-request');
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: subject }).waitFor();
    await noOverflow(page);
    await fullShot(page, 'admin-services-request-phone');
    await page.goto(`${base()}/admin/services`);
    await page.getByText(subject).waitFor();
    await noOverflow(page);
    await screenshot(page, 'admin-services-queue-phone');
    // The second one is transferred to 沙坪坝区 with a note, confirmed in the dialog (on the phone).
    await page.goto(`${base()}/admin/services/requests/${secondId}`);
    await page.getByText('入职半年了单位一直没签合同').waitFor();
    await page.getByRole('button', { name: /转\s*办/ }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await dialog.getByText('请选择接收的工会').waitFor();
    await dialog.getByText('请填写说明').waitFor();
    await dialog.getByLabel('转给').click();
    await page.keyboard.type('沙坪坝');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('转办说明').fill('单位在沙坪坝区，由沙坪坝区总工会就近受理');
    await dialog.getByText(/确认转给.*沙坪坝区.*？/).waitFor();
    await dialog.getByText('请填写说明').waitFor({ state: 'hidden' });
    await noOverflow(page);
    await screenshot(page, 'admin-services-transfer-phone');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await page.getByText(/已转给.*沙坪坝区/).waitFor();
    await page.getByRole('heading', { name: '咨询维权队列' }).waitFor();
    await page.goto(`${base()}/admin/services?q=${encodeURIComponent('没有这个标题的诉求')}`);
    await page.getByText('没有符合条件的诉求').waitFor();
    await noOverflow(page);
    await screenshot(page, 'admin-services-queue-empty-phone');

    // 重庆's federation staff: the facts and the history, not the words.
    await loginDemo(page, base(), 'cq-admin');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base()}/admin/services/requests/${id}`);
    await page.getByText(/本诉求由.*江北区.*受理，内容仅受理工会和职工本人可见/).waitFor();
    expect(await page.getByText('我在公司做仓库分拣').count()).toBe(0);
    await screenshot(page, 'admin-services-request-hidden');
    await page.goto(`${base()}/admin/services`);
    await page.getByText('内容仅受理工会可见').first().waitFor();
    await page.getByLabel('受理工会').waitFor(); // the union filter, for unions with unions below
    await screenshot(page, 'admin-services-queue-federation');
    await page.goto(`${base()}/admin/services/requests/${secondId}`);
    await page.locator('.svr-history').filter({ hasText: '转办' }).getByText(/江北区.*→.*沙坪坝区/).waitFor();
    await page.getByText('单位在沙坪坝区，由沙坪坝区总工会就近受理').waitFor();

    // The worker reads the answer (not the internal note) and confirms it solved.
    const login = await page.request.post(`${base()}/api/auth/login`, { data: { login: phoneNo, password } });
    expect(login.status()).toBe(200);
    await page.setViewportSize(PHONE);
    // The answer's notice waits on his services page and opens the request.
    await page.goto(`${base()}/m/services`);
    await page.getByRole('heading', { name: /新消息（\d+）/ }).waitFor();
    await noOverflow(page);
    await screenshot(page, 'm-services-hub-notice');
    await page.getByRole('button', { name: /已有.*江北区.*的答复/ }).click();
    await page.waitForURL(`**/m/services/requests/${id}`);
    await page.getByText('江北区劳动保障监察大队').waitFor();
    expect(await page.getByText('已电话联系职工').count()).toBe(0);
    await page.getByText(/工会已答复。.*前没有回复，诉求将自动结束/).waitFor();
    await fullShot(page, 'm-services-request-answered');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '问题已解决' }).click();
    await page.getByText('您已确认问题解决，诉求已结束。').waitFor();
    await page.getByLabel('还有什么问题没有解决？').waitFor();
    await noOverflow(page);
    await fullShot(page, 'm-services-request-closed');
    // Not solved after all: reopened with a reason, then a follow-up with a photo on its message.
    await page.getByLabel('还有什么问题没有解决？').fill('投诉后公司仍然不发工资，还需要工会帮助。');
    await page.getByRole('button', { name: '重新打开诉求' }).click();
    await page.locator('.sv-card-head').getByText('重新打开').waitFor();
    await page.locator('.sv-bubble').filter({ hasText: '投诉后公司仍然不发工资' }).waitFor();
    await page.getByText(/您已重新打开本诉求，.*江北区.*将继续处理/).waitFor();
    await page.getByLabel('继续回复').fill('这是公司的欠薪确认单。');
    await page.locator('form input[type="file"]').setInputFiles([{ name: '欠薪确认单.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await page.locator('.sv-msg').filter({ hasText: '这是公司的欠薪确认单。' }).getByRole('link', { name: /欠薪确认单\.png/ }).waitFor();
    await noOverflow(page);
    await fullShot(page, 'm-services-request-reopened');
    await page.goto(`${base()}/m/services/requests`);
    await page.locator('.sv-card').filter({ hasText: subject }).getByText('重新打开').waitFor();
    await noOverflow(page);
    await screenshot(page, 'm-services-requests');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base()}/m/services`);
    await page.getByText('最近的诉求').waitFor();
    await screenshot(page, 'm-services-hub-desktop');
    await page.goto(`${base()}/m/services/requests/${id}`);
    await page.getByText('江北区劳动保障监察大队').waitFor();
    await fullShot(page, 'm-services-request-desktop');
    await page.goto(`${base()}/m/services/ask?category=mutual_aid`);
    await page.getByRole('button', { name: '互助保障', pressed: true }).waitFor();
    await fullShot(page, 'm-services-ask-desktop');
    expect(browser.problems).toEqual([]);
  });
});
