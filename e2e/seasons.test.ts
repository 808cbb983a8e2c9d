import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// A federation's staffer plans an employment service season (issue 5 §1–2): co-hosts and goals,
// then a job fair with a booth zone and a livestream with its link. Desktop and 375 px, zh-CN.

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const login = (page: Page, user: string) => loginDemo(page, base(), user);

/** Type a range into an antd RangePicker inside `scope` (Enter confirms each end). */
async function fillRange(scope: ReturnType<Page['locator']>, page: Page, from: string, to: string) {
  await scope.getByPlaceholder('开始日期').click();
  await scope.getByPlaceholder('开始日期').fill(from);
  await page.keyboard.press('Enter');
  await scope.getByPlaceholder('结束日期').fill(to);
  await page.keyboard.press('Enter');
  // The picker has taken both ends before the form goes on.
  await expect.poll(() => scope.getByPlaceholder('开始日期').inputValue()).toBe(from);
  await expect.poll(() => scope.getByPlaceholder('结束日期').inputValue()).toBe(to);
}

async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('seasons in the console', () => {
  it('cq-admin creates a season with hosts and goals, adds a fair with booths and a livestream with its link', async () => {
    const page = await browser.newPage(DESKTOP);
    await login(page, 'cq-admin');
    await page.goto(`${base()}/admin`);
    await page.getByRole('menuitem', { name: /服务季/ }).click();
    await page.getByRole('heading', { name: '就业服务季' }).waitFor();

    // The season: two co-hosts, goals, published so that its figures are counted.
    await page.getByRole('button', { name: /新建服务季/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('服务季名称').fill('2026年川渝就业服务季');
    await dialog.getByLabel('主题（可不填）').fill('春风送岗 川渝同行');
    await fillRange(dialog, page, '2026-12-01', '2027-02-28');
    await dialog.getByRole('button', { name: /添加单位/ }).click();
    await dialog.getByRole('button', { name: /添加单位/ }).click();
    await dialog.getByLabel('单位名称 1').fill('重庆市总工会');
    await dialog.getByLabel('单位名称 2').fill('重庆市人力资源和社会保障局');
    await dialog.getByLabel('身份 2').click();
    await pickOption(page, '协办单位');
    await dialog.getByLabel('直播带岗').fill('40');
    await dialog.getByLabel('岗位数').fill('10000');
    await dialog.getByLabel('参会企业').fill('500');
    await dialog.locator('.ant-form-item', { hasText: '状态' }).locator('.ant-select').click();
    await pickOption(page, '已发布');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/admin\/seasons\/\d+$/);
    const seasonId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await page.getByRole('heading', { name: /2026年川渝就业服务季/ }).waitFor();
    await page.getByText('重庆市人力资源和社会保障局').waitFor();
    await page.locator('.season-hosts').getByText('协办单位').waitFor();
    await page.getByText('0 / 40').waitFor();
    await page.getByText('0 / 10,000').waitFor();
    await page.getByText('入场人数').waitFor();
    expect(await page.getByRole('link', { name: /数据大屏/ }).getAttribute('href')).toBe(`/screen/seasons/${seasonId}`);

    // Edited in the same form, filled with what was saved (the version goes with it).
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    expect(await dialog.getByLabel('单位名称 2').inputValue()).toBe('重庆市人力资源和社会保障局');
    expect(await dialog.getByLabel('直播带岗').inputValue()).toBe('40');
    await dialog.getByLabel('主题（可不填）').fill('春风送岗 川渝同行 就业有位');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('春风送岗 川渝同行 就业有位').waitFor();

    // A job fair in 江北区 with one booth zone of 3 × 10.
    await page.getByRole('button', { name: /新建活动/ }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByLabel('活动名称').fill('江北区春风行动专场招聘会');
    await drawer.getByLabel('所在地区').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '重庆市' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '江北区' }).click();
    await page.keyboard.press('Escape');
    await drawer.getByTitle('重庆市 / 江北区').waitFor();
    await drawer.getByLabel('场地（可不填）').fill('观音桥步行街');
    await fillRange(drawer, page, '2026-12-05 09:00', '2026-12-05 17:00');
    await drawer.getByLabel('容纳人数（可不填）').fill('3000');
    await expect.poll(() => drawer.getByLabel('容纳人数（可不填）').inputValue()).toMatch(/^3,?000$/);
    await drawer.getByRole('button', { name: /添加展区/ }).click();
    await drawer.getByLabel('行数 1').fill('3');
    await drawer.getByLabel('列数 1').fill('10');
    await drawer.getByText('A01–A30，共 30 个展位').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-event-drawer');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '江北区春风行动专场招聘会' }).waitFor();

    // A livestream without its link is refused at the link field, in Chinese.
    await page.getByRole('button', { name: /新建活动/ }).click();
    await drawer.locator('.ant-segmented-item', { hasText: '直播带岗' }).click();
    await drawer.getByLabel('活动名称').fill('江北区直播带岗第1场');
    await fillRange(drawer, page, '2026-12-06 19:00', '2026-12-06 21:00');
    await drawer.getByLabel('直播平台').fill('抖音');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.locator('.ant-form-item', { hasText: '直播链接' }).locator('.ant-form-item-explain-error')
      .filter({ hasText: '请填写以 http:// 或 https:// 开头的链接' }).waitFor();
    await drawer.getByLabel('直播链接').fill('https://live.example.cn/room/1');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '江北区直播带岗第1场' }).waitFor();

    // Both in the events table, times in China time; the fair's booths numbered by the server.
    await page.getByRole('cell', { name: /2026年12月5日.*09:00.*17:00/ }).waitFor();
    const events = await (await page.request.get(`${base()}/api/seasons/${seasonId}/events`)).json();
    expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(['fair', 'livestream']);
    const fair = await (await page.request.get(`${base()}/api/events/${events.items[0].id}`)).json();
    expect(fair).toMatchObject({ region: { code: '500105' }, capacity: 3000, startsAt: '2026-12-05T01:00:00.000Z' });
    expect(fair.zones).toMatchObject([{ kind: 'booths', rows: 3, cols: 10, booths: 30 }]);
    const live = await (await page.request.get(`${base()}/api/events/${events.items[1].id}`)).json();
    expect(live.livestream).toEqual({ platform: '抖音', streamUrl: 'https://live.example.cn/room/1' });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // A tall window, so that the picture holds the whole page down to the events.
    await page.setViewportSize({ width: DESKTOP.width, height: 1400 });
    await page.getByRole('cell', { name: '江北区直播带岗第1场' }).waitFor();
    await screenshot(page, 'admin-season-detail');
    await page.setViewportSize(DESKTOP);

    // Opened again, the fair shows what was saved (China time, its zone); its kind is fixed.
    await page.getByRole('cell', { name: '江北区春风行动专场招聘会' }).click();
    await expect.poll(() => drawer.getByPlaceholder('开始日期').inputValue()).toBe('2026-12-05 09:00');
    expect(await drawer.getByLabel('行数 1').inputValue()).toBe('3');
    await drawer.getByText('活动类型创建后不能修改').waitFor();
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    // The kind filter.
    await page.locator('.season-kind-filter').getByText('直播带岗').click();
    await page.getByRole('cell', { name: '江北区春风行动专场招聘会' }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '江北区直播带岗第1场' }).waitFor();
    await page.locator('.season-kind-filter').getByText('全部').click();
    await page.getByRole('cell', { name: '江北区春风行动专场招聘会' }).waitFor();

    // On a phone: nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: /2026年川渝就业服务季/ }).waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'admin-season-detail-375');
    await page.locator('.season-kind-filter').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.setViewportSize(DESKTOP);
    await page.goto(`${base()}/admin/seasons`);
    await page.getByRole('row', { name: /2026年川渝就业服务季/ }).getByRole('cell', { name: '已发布' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-seasons');
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});
