import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, SCREENSHOT_DIR, type Browser } from './browser.js';

// The leaders' dashboard (issue 7 §6) on the demo as cq-admin: the status lights, areas, both
// federations' items and overdue reports, due dates and meetings as the API counts them, and the
// yearly report downloaded in one click (PDF, Excel). Desktop and 375 px, zh-CN.

const base = () => inject('baseUrl');

let browser: Browser;
const warnings: string[] = [];
beforeAll(async () => {
  browser = await launch();
  browser.context.on('page', (page) => page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(`${msg.text()} ${msg.location().url}`); }));
});
afterAll(async () => { await browser?.close(); });

async function fullShot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function openDashboard(page: Page) {
  await loginDemo(page, base(), 'cq-admin');
  await page.goto(`${base()}/admin/cooperation/dashboard`);
  await page.getByRole('heading', { name: '领导看板' }).waitFor();
  await page.locator('.coop-dash-ring canvas').waitFor();
  await page.locator('.coop-dash-bars canvas').waitFor();
}

describe('leaders\' dashboard', () => {
  it('shows the demo agreement\'s 2023 lights, areas, federations, due dates and meetings as the API counts them, and downloads the yearly report', async () => {
    const page = await browser.newPage(DESKTOP);
    await openDashboard(page);
    const list = await (await page.request.get(`${base()}/api/cooperation/dashboard/agreements`)).json();
    const agreement = list.agreements[0];
    const api = await (await page.request.get(`${base()}/api/cooperation/agreements/${agreement.id}/dashboard?year=2023`)).json();
    // the demo's 15 items, and any the other browser tests on this shared server have added
    expect(api.counts.total).toBeGreaterThanOrEqual(15);
    for (const light of ['done', 'on_track', 'at_risk', 'late']) {
      await expect.poll(() => page.locator(`.coop-dash-light[data-light="${light}"] .coop-dash-light-n`).textContent()).toBe(String(api.counts[light]));
    }
    await page.getByText(`${api.agreement.title} · 2023年`).waitFor();
    for (const text of ['宣传学习与思想引领', '产业工人队伍建设改革与工会改革', '川渝工会第三次联席会议', '截止日期']) {
      await expect.poll(() => page.getByText(text).count()).toBeGreaterThan(0);
    }
    for (const fed of api.federations) {
      const card = page.locator('.coop-dash-card', { has: page.locator('.ant-card-head-title', { hasText: fed.name }) });
      await card.getByText(`责任事项 ${fed.counts.total} 项`).waitFor();
      if (fed.overdueReports) await card.getByText(`逾期未交报告 ${fed.overdueReports} 份`).waitFor();
      expect(await card.locator('.coop-dash-attention a').allTextContents()).toEqual(fed.attention.map((i: { code: string }) => i.code));
    }
    await fullShot(page, 'coop-dashboard-desktop');

    // one click: the year's report as PDF and as Excel
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /年度报告 PDF/ }).click()]);
    expect(pdf.suggestedFilename()).toBe('川渝工会合作2023年度工作报告.pdf');
    const pdfBytes = fs.readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBytes.length).toBeGreaterThan(50_000);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /年度报告 Excel/ }).click()]);
    expect(xlsx.suggestedFilename()).toBe('川渝工会合作2023年度工作报告.xlsx');
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    // a due date links to its item, a meeting to its page
    await page.getByRole('link', { name: '川渝工会第三次联席会议' }).click();
    await page.waitForURL(/\/admin\/cooperation\/meetings\/\d+$/);
    await page.close();
  });

  it('says so when there is no agreement yet, and shows the server\'s refusal', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.route('**/api/cooperation/dashboard/agreements', (route) => route.fulfill({ json: { today: '2026-01-05', agreements: [] } }));
    await page.goto(`${base()}/admin/cooperation/dashboard`);
    await page.getByText('还没有合作协议').waitFor();
    await fullShot(page, 'coop-dashboard-empty');
    await page.unroute('**/api/cooperation/dashboard/agreements');
    await page.route('**/api/cooperation/agreements/*/dashboard*', (route) => route.fulfill({ status: 403, json: { code: 'forbidden', message: '没有权限进行此操作', issues: [] } }));
    await page.reload();
    await page.getByRole('alert').getByText('没有权限进行此操作').waitFor();
    await fullShot(page, 'coop-dashboard-error');
    await page.close();
  });

  it('fits a 375 px phone: one column, nothing wider than the screen', async () => {
    const page = await browser.newPage(PHONE);
    await openDashboard(page);
    await page.getByText('最近的联席会议').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const [first, second] = await page.locator('.coop-dash-grid > .coop-dash-card').evaluateAll((cards) => cards.slice(0, 2).map((c) => c.getBoundingClientRect().top));
    expect(second!).toBeGreaterThan(first!); // stacked, not side by side
    await fullShot(page, 'coop-dashboard-phone');
    // the long page in screen-sized pieces, for looking at
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, n = 1; y < height && n <= 4; y += 900, n++) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `coop-dashboard-phone-${n}.png`), fullPage: true, clip: { x: 0, y, width: PHONE.width, height: Math.min(900, height - y) } });
    }
    await page.close();
    expect(browser.problems).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
