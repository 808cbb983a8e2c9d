import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, SCREENSHOT_DIR, type Browser } from './browser.js';

// The worker-services figures page (issue 8 §6) on the demo as cq-admin (重庆市总工会): the cards
// and the table say what GET /api/services/figures says, the three charts are drawn, a period
// without requests says so, a refusal is shown; desktop and 375 px, zh-CN.

const base = () => inject('baseUrl');
type Json = Record<string, any>;

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

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const tile = (page: Page, id: string) => page.locator(`.svc-fig-card[data-card="${id}"] .svc-fig-card-n`);

/** Open the page and return what the API says for the same (default) period. */
async function openFigures(page: Page): Promise<Json> {
  await loginDemo(page, base(), 'cq-admin');
  await page.goto(`${base()}/admin/services/figures`);
  await page.getByRole('heading', { name: '服务数据' }).waitFor();
  await page.locator('.svc-fig-muted', { hasText: '受理的诉求和入会申请' }).waitFor();
  return (await page.request.get(`${base()}/api/services/figures`)).json();
}

async function checkAgainstApi(page: Page, api: Json) {
  expect(api.federations).toEqual(['50']); // 重庆 only: no province filter
  expect(await page.getByRole('combobox', { name: '省（市）' }).count()).toBe(0);
  if (api.requests.requests === 0 && api.membership.submitted === 0) {
    await page.getByText(`${api.from} 至 ${api.to} 没有诉求和入会申请`).waitFor();
    return;
  }
  const r = api.requests;
  await expect.poll(() => tile(page, 'requests').textContent()).toBe(String(r.requests));
  expect(await tile(page, 'on_time').textContent()).toBe(percent(r.onTimeRate));
  expect(await tile(page, 'first_answer').textContent()).toBe(r.medianHoursToFirstAnswer === null ? '—' : `${r.medianHoursToFirstAnswer} 小时`);
  expect(await tile(page, 'open').textContent()).toBe(String(r.open));
  expect(await tile(page, 'overdue').textContent()).toBe(String(r.overdue));
  expect(await tile(page, 'escalated').textContent()).toBe(String(r.escalated));
  expect(await tile(page, 'approved').textContent()).toBe(String(api.membership.approved));
  const channel = Object.fromEntries(api.byChannel.map((c: Json) => [c.channel, c.requests]));
  await page.getByText(`线上 ${channel.online} · 服务台 ${channel.desk}`).waitFor();
  for (const chart of ['unions', 'categories', 'months']) await page.locator(`[data-chart="${chart}"] canvas`).first().waitFor();
  // the table: one row per union (20 to a page), every union of 重庆, with the API's numbers
  const rows = page.locator('.svc-fig-table tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(Math.min(api.byUnion.length, 20));
  for (const [i, u] of api.byUnion.slice(0, 3).entries()) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual([u.union.name, String(u.requests.requests), String(u.requests.answered), percent(u.requests.onTimeRate)]);
    expect(cells[9]).toBe(String(u.requests.overdue));
    expect(cells[12]).toBe(String(u.membership.approved));
    expect(u.union.federation).toBe('50');
  }
}

describe('service figures page', () => {
  it('shows cq-admin the numbers of the API: cards, charts, the table by union (desktop)', async () => {
    const page = await browser.newPage(DESKTOP);
    const api = await openFigures(page);
    console.log(`figures on the demo for cq-admin ${api.from}..${api.to}: ${api.requests.requests} requests, ${api.byUnion.length} unions, on time ${percent(api.requests.onTimeRate)}, ${api.membership.submitted} applications`);
    await checkAgainstApi(page, api);
    await fullShot(page, 'services-figures-desktop');
    await page.close();
  });

  it('says so for a period without requests, keeps the period in the address, and shows a refusal', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/services/figures?from=2001-01-01&to=2001-06-30`);
    await page.getByText('2001-01-01 至 2001-06-30 没有诉求和入会申请').waitFor();
    expect(await page.locator('.svc-fig-card').count()).toBe(0);
    await fullShot(page, 'services-figures-empty');
    // a preset of the period picker: the last 12 months, written into the address
    await page.locator('.svc-fig-filters .ant-picker-range').click();
    await page.locator('.ant-picker-presets li', { hasText: '近 12 个月' }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
    const from = new URL(page.url()).searchParams.get('from')!;
    await page.locator('.svc-fig-muted', { hasText: `${from} 至 ` }).waitFor();
    await page.route('**/api/services/figures*', (route) => route.fulfill({ status: 403, json: { code: 'services.figures.other_union', message: '重庆市江北区总工会不在您的管辖范围内，不能查看其服务数据' } }));
    await page.reload();
    await page.getByRole('alert').getByText('不在您的管辖范围内').waitFor();
    await page.close();
  });

  it('fits a 375 px phone: tiles two by two, charts one under another, nothing wider than the screen', async () => {
    const page = await browser.newPage(PHONE);
    const api = await openFigures(page);
    await checkAgainstApi(page, api);
    expect(await horizontalOverflow(page)).toBe(0);
    if (api.requests.requests > 0) {
      const [a, b, c] = await page.locator('.svc-fig-card').evaluateAll((cards) => cards.slice(0, 3).map((x) => x.getBoundingClientRect().top));
      expect(b).toBe(a); // two side by side
      expect(c!).toBeGreaterThan(a!);
      const [u, m] = await page.locator('[data-chart="unions"], [data-chart="months"]').evaluateAll((cards) => cards.map((x) => x.getBoundingClientRect().top));
      expect(m!).toBeGreaterThan(u!);
    }
    await fullShot(page, 'services-figures-phone');
    await page.close();
    expect(browser.problems).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
