import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { horizontalOverflow, launch, screenshot, type Browser } from './browser.js';

// The season's big screen (issue 5 §7): 1920×1080, dark, the demo season's figures, and a
// check-in written through the API appearing on the screen without a reload (SSE).

const base = () => inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('big screen', () => {
  it('shows the season live: totals, charts, each federation\'s share; a check-in ticks the figure up', async () => {
    const page = await browser.newPage({ width: 1920, height: 1080 });
    const seasons = await (await page.request.get(`${base()}/api/seasons`)).json();
    const season = seasons.items.find((s: { name: string }) => s.name === '2023年川渝就业服务季');
    await page.goto(`${base()}/screen/seasons/${season.id}`);
    await page.getByRole('heading', { name: '2023年川渝就业服务季' }).waitFor();
    await page.locator('.screen-live.on').waitFor();
    const tile = (label: string) => page.locator('.screen-tile', { hasText: label }).locator('.screen-tile-value');
    expect(await tile('签约意向').textContent()).toBe('3,800');
    await page.getByRole('img', { name: '每小时入场人数' }).waitFor();
    await page.getByRole('img', { name: '热门工种（岗位数）' }).waitFor();
    await page.getByText('目标完成情况').waitFor();
    await page.locator('.screen-panel.goals li', { hasText: '直播带岗' }).getByText('40 / 40').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'screen-season');

    // Staff open a fair of today in the season, a visitor walks in: the screen counts him.
    const before = Number((await tile('入场人数').textContent())!.replace(/,/g, ''));
    const staff = await browser.context.request.post(`${base()}/api/auth/login`, { data: { login: 'cq-admin', password: 'chuanyu-demo' } });
    expect(staff.status()).toBe(200);
    const now = Date.now();
    const fair = await (await browser.context.request.post(`${base()}/api/seasons/${season.id}/events`, {
      data: { kind: 'fair', name: '大屏测试招聘会', regionCode: '500106', startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), status: 'open' },
    })).json();
    const walkIn = await browser.context.request.post(`${base()}/api/events/${fair.id}/visitors`, { data: { name: '大屏测试', phone: '13912345678', consent: true, checkIn: true } });
    expect(walkIn.status()).toBe(201);
    await expect.poll(async () => Number((await tile('入场人数').textContent())!.replace(/,/g, '')), { timeout: 5_000 }).toBe(before + 1);

    // A smaller window shows the same canvas scaled down, nothing cut off sideways.
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'screen-season-1280');
    await page.goto(`${base()}/screen/seasons/999999`);
    await page.getByText('没有这个服务季').waitFor();
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
