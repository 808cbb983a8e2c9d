import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, SCREENSHOT_DIR, screenshot, type Browser } from './browser.js';

// Joint meetings in the console (issue 7 §3): the demo's third joint conference read by the
// federation and by a district union, its meeting pack downloaded (and rendered to images for
// looking at), and a new meeting created and edited by cq-admin — an agenda out of order is named
// on its field by the server, then fixed, and a decision linked to a work item. Desktop and 375 px.

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const fullShot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0)); // the fixed header stays at the top of the picture
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
};
const save = (page: Page) => page.locator('.ant-drawer').getByRole('button', { name: /保\s*存/ }).click();

async function demoMeetingId(page: Page): Promise<number> {
  const res = await page.request.get(`${base()}/api/cooperation/meetings?pageSize=50`);
  expect(res.status()).toBe(200);
  const found = (await res.json()).items.find((m: { title: string }) => m.title === '川渝工会第三次联席会议');
  expect(found).toBeTruthy();
  return found.id as number;
}

describe('joint meetings in the console', () => {
  it('the federation reads the third joint conference and downloads its meeting pack', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/cooperation/meetings`);
    await page.getByRole('heading', { name: '联席会议' }).waitFor();
    const card = page.locator('.meet-cards .ant-card', { hasText: '川渝工会第三次联席会议' });
    await card.waitFor();
    await card.getByText('2023-02-22').waitFor();
    await screenshot(page, 'coop-meetings-list-desktop');
    expect(await horizontalOverflow(page)).toBe(0);

    await card.click();
    await page.waitForURL(/\/admin\/cooperation\/meetings\/\d+$/);
    await page.getByRole('heading', { name: /川渝工会第三次联席会议/ }).waitFor();
    await page.locator('.meet-agenda').getByText('川渝工会友谊林植树活动').waitFor();
    await page.locator('.meet-section-speeches').getByText('携手成都 把宣讲送到职工身边').waitFor();
    await page.locator('.meet-section-visits').getByText('川渝高竹新区职工活动中心').waitFor();
    const itemLink = page.locator('.meet-decisions a', { hasText: '2023-2.1' });
    expect(await itemLink.getAttribute('href')).toMatch(/^\/admin\/cooperation\/items\/\d+$/);
    expect(await page.getByRole('button', { name: '编辑会议议程' }).count()).toBe(1);
    await fullShot(page, 'coop-meeting-desktop');
    expect(await horizontalOverflow(page)).toBe(0);

    const href = await page.getByRole('link', { name: /下载会议材料/ }).getAttribute('href');
    const started = Date.now();
    const pack = await page.request.get(`${base()}${href}`);
    const ms = Date.now() - started;
    expect(pack.status()).toBe(200);
    expect(pack.headers()['content-type']).toBe('application/pdf');
    const bytes = await pack.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, 'coop-meeting-pack.pdf');
    fs.writeFileSync(file, bytes);
    console.log(`meeting pack: ${bytes.length} bytes in ${ms} ms (server ${pack.headers()['x-render-ms']} ms)`);
    // Pages as images for looking at (poppler's pdftoppm where installed).
    try { execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(SCREENSHOT_DIR, 'coop-meeting-pack')]); } catch { /* not installed */ }
    expect(browser.problems).toEqual([]);
  });

  it('says so when there is nothing: no meeting under an agreement, a meeting that does not exist', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    await page.goto(`${base()}/admin/cooperation/meetings?agreementId=99999999`);
    await page.getByText('还没有联席会议。新建一次会议，录入议程、交流发言和议定事项，即可生成会议材料。').waitFor();
    await page.getByText('链接中的协议不存在，请在上方选择协议或清除筛选').waitFor();
    await screenshot(page, 'coop-meetings-empty-desktop');
    await page.goto(`${base()}/admin/cooperation/meetings/99999999`);
    await page.getByText('联席会议不存在').waitFor();
    await page.getByRole('link', { name: '返回会议列表' }).waitFor();
    await screenshot(page, 'coop-meeting-missing-desktop');
    // The 404 of the missing meeting is an answer shown to the user, not a fault.
    expect(browser.problems).toEqual([]);
  });

  it('a district union reads it without editing, at 375 px with nothing overflowing', async () => {
    const page = await browser.newPage(PHONE);
    await loginDemo(page, base(), 'jb-union');
    await page.goto(`${base()}/admin/cooperation/meetings`);
    await page.locator('.meet-cards .ant-card', { hasText: '川渝工会第三次联席会议' }).waitFor();
    expect(await page.getByRole('button', { name: /新建联席会议/ }).count()).toBe(0);
    await screenshot(page, 'coop-meetings-list-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    const id = await demoMeetingId(page);
    await page.goto(`${base()}/admin/cooperation/meetings/${id}`);
    await page.locator('.meet-section-decisions').getByText('第四次联席会议由重庆市总工会承办，时间另行商定。').waitFor();
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    await page.getByRole('link', { name: /下载会议材料/ }).waitFor();
    await screenshot(page, 'coop-meeting-phone-top');
    await fullShot(page, 'coop-meeting-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('cq-admin creates a meeting, the server names a bad agenda time on its field, then it is fixed and a decision linked', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/cooperation/meetings`);
    await page.getByRole('button', { name: /新建联席会议/ }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByLabel('会议名称').fill('川渝工会第四次联席会议');
    await drawer.getByLabel('会议日期').click();
    await drawer.getByLabel('会议日期').fill('2024-03-15');
    await page.keyboard.press('Enter');
    await drawer.getByLabel('地点').fill('重庆市渝北区');
    await drawer.getByLabel('承办单位').fill('重庆市总工会');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: /^重庆市总工会$/ }).first().click();
    await save(page);
    await page.waitForURL(/\/admin\/cooperation\/meetings\/\d+$/);
    await page.getByRole('heading', { name: /川渝工会第四次联席会议/ }).waitFor();
    await page.getByText('尚未录入会议议程').waitFor();
    await fullShot(page, 'coop-meeting-new-desktop');

    // Two agenda items with the second before the first: only the server knows the rule.
    await page.getByRole('button', { name: '编辑会议议程' }).click();
    await drawer.getByRole('button', { name: /添加议程/ }).click();
    await drawer.getByRole('button', { name: /添加议程/ }).click();
    const row = (i: number) => drawer.locator(`[data-row="agenda-${i}"]`);
    await row(0).getByLabel('时间').fill('10:00');
    await row(0).getByLabel('议程内容').fill('开幕');
    await row(1).getByLabel('时间').fill('09:00');
    await row(1).getByLabel('议程内容').fill('交流发言');
    await save(page);
    await row(1).getByText('议程时间不能早于上一项（10:00）').waitFor();
    await drawer.locator('.ant-tabs-tab', { hasText: '会议议程' }).locator('.ant-badge-count').waitFor();
    await screenshot(page, 'coop-meeting-edit-issue-desktop');
    await row(1).getByLabel('时间').fill('10:30');

    // A speech with its attachment (a PDF, known by its bytes on the server).
    await drawer.locator('.ant-tabs-tab', { hasText: '交流发言' }).click();
    await drawer.getByRole('button', { name: /添加交流发言/ }).click();
    const speech = drawer.locator('[data-row="speeches-0"]');
    await speech.getByLabel('发言单位').fill('江北区总工会');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '江北区总工会' }).first().click();
    await speech.getByLabel('发言人').fill('孙静');
    await speech.getByLabel('发言题目').fill('法律服务联合宣讲的做法');
    await speech.locator('input[type=file]').setInputFiles({ name: '江北区发言材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await speech.getByText('江北区发言材料.pdf').waitFor();

    await drawer.locator('.ant-tabs-tab', { hasText: '议定事项' }).click();
    await drawer.getByRole('button', { name: /添加议定事项/ }).click();
    const decision = drawer.locator('[data-row="decisions-0"]');
    await decision.getByLabel('议定事项').fill('共同办好2024年川渝就业服务季');
    await decision.getByLabel('关联工作事项').click();
    await decision.getByLabel('关联工作事项').fill('2023-2.1');
    await page.locator('.ant-select-item-option', { hasText: '2023-2.1' }).first().click();
    await save(page);
    await page.getByText('会议已保存').waitFor();
    await page.locator('.meet-agenda').getByText('交流发言').waitFor();
    const attachment = page.locator('.meet-section-speeches a', { hasText: '江北区发言材料.pdf' });
    const file = await page.request.get(`${base()}${await attachment.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const link = page.locator('.meet-decisions a', { hasText: '2023-2.1' });
    expect(await link.getAttribute('href')).toMatch(/^\/admin\/cooperation\/items\/\d+$/);
    await fullShot(page, 'coop-meeting-edited-desktop');

    // The editor at 375 px.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: '编辑出席人员' }).click();
    await drawer.getByRole('button', { name: /添加出席人员/ }).click();
    await drawer.locator('[data-row="attendees-0"]').getByLabel('姓名').waitFor();
    await screenshot(page, 'coop-meeting-editor-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(browser.problems).toEqual([]);
  }, 150_000); // a long flow on a machine shared with other builds
});
