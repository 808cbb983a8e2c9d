import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, SCREENSHOT_DIR, screenshot, type Browser } from './browser.js';

// Progress reports in the console (issue 7 §2) on the demo agreement: jb-union (江北区) writes a
// report it owes — text, a figure row, a photo attached — and submits it; cq-admin finds it in the
// review queue and the bell, tries to return it without a note (named on the field), then accepts
// it as a highlight. A union that owes nothing sees a deliberate empty state. Desktop and 375 px.

const base = () => inject('baseUrl');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const fullShot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
};

let written: { code: string; period: string } | null = null;

describe('progress reports in the console', () => {
  it('jb-union writes a report it owes, attaches a photo and submits it', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'jb-union');
    await page.goto(`${base()}/admin/cooperation/reports`);
    await page.getByRole('heading', { name: '进展报告' }).waitFor();
    const row = page.locator('.ant-table-row', { has: page.getByRole('button', { name: '写报告' }) }).first();
    await row.waitFor();
    await page.getByText(/已逾期 \d+ 天/).first().waitFor();
    await screenshot(page, 'coop-reports-union-desktop');
    expect(await horizontalOverflow(page)).toBe(0);

    const code = (await row.locator('.coop-report-item b').textContent())!.trim();
    const period = (await row.locator('td').nth(1).textContent())!.trim();
    expect(period).toMatch(/^\d{4}-Q[1-4]$/);
    await row.getByRole('button', { name: '写报告' }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByText('保存草稿后即可上传图片、PDF 或 Word 附件。').waitFor();
    await drawer.getByLabel('报告正文').fill('本季度江北区总工会与成都市总工会联合开展职工宣讲 6 场，覆盖职工 1,200 人次。');
    await drawer.getByRole('button', { name: /添加一项数据/ }).click();
    await drawer.getByLabel('项目，如：开展宣讲').fill('联合宣讲');
    await drawer.getByLabel('数值').fill('6');
    await drawer.getByLabel('单位').fill('场');
    await drawer.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    await drawer.locator('input[type=file]').setInputFiles({ name: '宣讲现场.png', mimeType: 'image/png', buffer: PNG });
    await drawer.getByRole('link', { name: '宣讲现场.png' }).waitFor();
    await screenshot(page, 'coop-reports-drawer-desktop');
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('报告已提交，等待审核').waitFor();
    written = { code, period };

    await page.getByRole('tab', { name: '本单位报告' }).click();
    const mine = page.locator('[role=tabpanel][aria-hidden=false] .ant-table-row', { hasText: code }).filter({ hasText: period });
    await mine.getByText('待审核').waitFor();
    await screenshot(page, 'coop-reports-mine-desktop');
    expect(browser.problems).toEqual([]);
  });

  it('cq-admin sees it in the bell and the review queue, a return needs a note, and accepts it as a highlight', async () => {
    expect(written).not.toBeNull();
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/cooperation/reports`);
    await page.getByRole('tab', { name: /待审核/ }).waitFor();
    const bell = page.getByRole('button', { name: /通知（\d+ 条未读）/ });
    await bell.click();
    const note = page.locator('.coop-bell-list button', { hasText: `${written!.code}` }).filter({ hasText: written!.period }).first();
    await note.getByText(/重庆市江北区总工会提交了/).waitFor();
    await screenshot(page, 'coop-reports-bell-desktop');
    await note.click();
    await page.waitForURL(/\/admin\/cooperation\/reports(\?report=\d+)?$/);

    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByText('本季度江北区总工会与成都市总工会联合开展职工宣讲 6 场').waitFor();
    await drawer.getByRole('link', { name: '宣讲现场.png' }).waitFor();
    await drawer.getByRole('button', { name: '退回修改' }).click();
    await drawer.getByText('退回时请填写退回意见').waitFor();
    await screenshot(page, 'coop-reports-review-desktop');
    await drawer.getByText('列为年度亮点（写入年度报告）').click();
    await drawer.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('报告已审核通过').waitFor();

    await page.getByRole('tab', { name: '全部报告' }).click();
    const accepted = page.locator('[role=tabpanel][aria-hidden=false] .ant-table-row', { hasText: written!.code }).filter({ hasText: written!.period }).filter({ hasText: '重庆市江北区总工会' });
    await accepted.getByText('已通过').waitFor();
    await fullShot(page, 'coop-reports-all-desktop');
    expect(browser.problems).toEqual([]);
  });

  it('at 375 px: the union\'s list, the review drawer, and a deliberate empty state, nothing overflowing', async () => {
    const page = await browser.newPage(PHONE);
    await loginDemo(page, base(), 'jb-union');
    await page.goto(`${base()}/admin/cooperation/reports`);
    await page.getByRole('button', { name: '写报告' }).first().waitFor();
    await screenshot(page, 'coop-reports-union-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    // The server's reminder job runs a few seconds after it starts: wait for the union's reminders.
    for (let i = 0; i < 40 && (await (await page.request.get(`${base()}/api/notifications`)).json()).total === 0; i++) await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole('button', { name: /通知（\d+ 条未读）/ }).click();
    await page.locator('.coop-bell-list button').first().waitFor();
    await screenshot(page, 'coop-reports-bell-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.coop-bell-panel').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '写报告' }).first().click();
    await page.getByLabel('报告正文').waitFor();
    await screenshot(page, 'coop-reports-drawer-phone');
    expect(await horizontalOverflow(page)).toBe(0);

    const quiet = await browser.newPage(PHONE);
    await loginDemo(quiet, base(), 'hy-union');
    await quiet.goto(`${base()}/admin/cooperation/reports`);
    await quiet.getByText('本单位目前没有应报的进展报告。', { exact: false }).waitFor();
    await screenshot(quiet, 'coop-reports-empty-phone');
    expect(await horizontalOverflow(quiet)).toBe(0);

    const fed = await browser.newPage(PHONE);
    await loginDemo(fed, base(), 'sc-admin');
    await fed.goto(`${base()}/admin/cooperation/reports`);
    await fed.getByRole('tab', { name: /待审核/ }).waitFor();
    await fed.getByRole('button', { name: /^审\s*核$/ }).first().click();
    await fed.locator('.ant-drawer-section').getByRole('button', { name: '审核通过' }).waitFor();
    await screenshot(fed, 'coop-reports-review-phone');
    expect(await horizontalOverflow(fed)).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
