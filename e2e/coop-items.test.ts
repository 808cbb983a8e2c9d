import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// Both federations follow a work item from creation to double sign-off in the browser (issue 7,
// "Done when"): cq-admin creates it on the agreement overview, enters progress with evidence and
// confirms for 重庆; sc-admin confirms for 四川 on a phone and the item is done. Desktop and 375 px.

const base = () => inject('baseUrl');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Search a drawer's select by its label and pick the option, until the select shows it (the dropdown may still be moving in). */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, search: string, option: string) {
  const field = scope.locator('.ant-form-item', { has: page.getByText(label, { exact: true }) });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await scope.getByLabel(label, { exact: true }).fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await page.waitForTimeout(200); // the dropdown's entrance animation
    await item.click();
    if (await field.locator('.ant-select', { hasText: option }).isVisible()) return;
  }
  throw new Error(`could not choose ${option} in ${label}`);
}

describe('the agreement overview and a work item', () => {
  it('cq-admin creates an item, enters progress with evidence and signs; sc-admin signs on a phone and the item is done', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/cooperation`);
    await page.locator('.coop-agreement-title', { hasText: '川渝工会' }).waitFor();
    await page.locator('.coop-area').first().waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.coop-area').count()).toBe(4);
    // The status light explains its rule.
    await page.locator('.ant-table-row .coop-light').first().hover();
    await page.locator('.coop-rule-tip').first().waitFor();
    await screenshot(page, 'coop-overview-desktop');

    // Filters: by status (done items of the demo) and back.
    // (by keyboard: the fourth light, 已完成; a click may land while the dropdown still moves in)
    await page.getByLabel('按状态筛选').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已完成' }).waitFor();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.admin-filters .ant-select', { hasText: '已完成' }).waitFor();
    await expect.poll(async () => page.locator('.ant-table-row .coop-light[data-status]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-status')))])).toEqual(['done']);
    await page.locator('.admin-filters .ant-select-clear').first().click({ force: true });

    // A new item for both sides.
    const code = `E2E-${Date.now().toString(36).slice(-5)}`;
    await page.getByRole('button', { name: /新增工作事项/ }).click();
    const drawer = page.locator('.ant-drawer-section');
    await choose(page, drawer, '工作方向', '维权', '维权服务');
    await drawer.getByLabel('编号').fill(code);
    await drawer.getByLabel('工作事项').fill('川渝职工法律援助联合宣讲进园区');
    await choose(page, drawer, '牵头单位', '江北', '江北区总工会');
    // Only one side: the server names the missing one on the field.
    await drawer.getByLabel('目标值').fill('3');
    await drawer.getByLabel('单位', { exact: true }).fill('场');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('责任单位须至少包括一个四川方工会').first().waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'coop-debug-drawer');
      throw e;
    });
    await choose(page, drawer, '责任单位', '广安', '广安市总工会');
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/admin\/cooperation\/items\/\d+$/);
    const itemUrl = page.url();
    await page.getByRole('heading', { name: /川渝职工法律援助联合宣讲进园区/ }).waitFor();

    // Progress with evidence: a file uploaded, then the entry; over 100 % is refused on the field.
    const form = page.locator('.coop-entry');
    await form.getByText('按百分比').click();
    await form.getByLabel('完成百分比（不超过 100）').fill('120');
    await form.getByLabel('佐证说明').fill('在两江新区、广安经开区开展宣讲');
    await form.getByRole('button', { name: /提交进度/ }).click();
    await form.getByText('完成百分比不能超过 100%').first().waitFor();
    await form.getByText(/按完成数/).click();
    await form.getByLabel('累计完成数').fill('3');
    await form.locator('input[type=file]').setInputFiles({ name: '宣讲现场.png', mimeType: 'image/png', buffer: PNG });
    await form.getByText('宣讲现场.png').waitFor();
    await form.getByRole('button', { name: /提交进度/ }).click();
    await page.locator('.coop-big-value', { hasText: '3' }).waitFor();
    await page.getByText('进度已达 100%，待双方确认').first().waitFor();

    // 重庆 confirms.
    const cqBox = page.locator('.coop-signoff[data-federation="50"]');
    await cqBox.getByRole('button', { name: /确认完成/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确认完成/ }).click();
    await cqBox.getByText('已确认').waitFor();
    await expect.poll(() => cqBox.textContent()).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认/);
    expect(await page.locator('.coop-signoff[data-federation="51"]').getByRole('button').count()).toBe(0);
    // Withdrawn with a reason (the history keeps it), then confirmed again.
    await cqBox.getByRole('button', { name: /撤回确认/ }).click();
    const withdraw = page.locator('.ant-modal').filter({ has: page.getByPlaceholder('撤回理由（必填）') });
    await withdraw.getByPlaceholder('撤回理由（必填）').fill('佐证照片需补充现场签到表');
    await withdraw.getByRole('button', { name: /撤回确认/ }).click();
    await cqBox.getByText('待确认').waitFor();
    await page.locator('.coop-history-text', { hasText: '佐证照片需补充现场签到表' }).waitFor();
    await cqBox.getByRole('button', { name: /确认完成/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确认完成/ }).click();
    await cqBox.getByText('已确认').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'coop-item-desktop');
    await page.screenshot({ path: `${import.meta.dirname}/.artifacts/coop-item-desktop-full.png`, fullPage: true });
    await page.close();

    // 四川 confirms on a phone: the item is done, the history tells the story.
    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'sc-admin');
    await phone.goto(itemUrl);
    const scBox = phone.locator('.coop-signoff[data-federation="51"]');
    await scBox.getByRole('button', { name: /确认完成/ }).click();
    await phone.locator('.ant-modal-confirm').getByRole('button', { name: /确认完成/ }).click();
    await scBox.getByText('已确认').waitFor();
    await phone.locator('.coop-light[data-status="done"]').first().waitFor();
    await phone.getByText('双方确认，事项完成').waitFor();
    expect(await phone.locator('.coop-entry').count()).toBe(0);
    expect(await horizontalOverflow(phone)).toBe(0);
    await screenshot(phone, 'coop-item-phone');
    await phone.screenshot({ path: `${import.meta.dirname}/.artifacts/coop-item-phone-full.png`, fullPage: true });

    await phone.goto(`${base()}/admin/cooperation`);
    await phone.locator('.coop-area').first().waitFor();
    await phone.locator('.ant-table-row').first().waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    await screenshot(phone, 'coop-overview-phone');
    await phone.screenshot({ path: `${import.meta.dirname}/.artifacts/coop-overview-phone-full.png`, fullPage: true });
    await phone.close();
    expect(browser.problems).toEqual([]);
  });

  it('shows a deliberate empty state (with the create button for federation staff) and the error for a missing item', async () => {
    for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      const page = await browser.newPage(viewport);
      await loginDemo(page, base(), 'sc-admin');
      // As on a fresh installation without the demo: no agreement yet.
      await page.route('**/api/cooperation/agreements?*', (route) => route.fulfill({ json: { total: 0, items: [], permissions: { canEdit: true } } }));
      await page.goto(`${base()}/admin/cooperation`);
      await page.getByText('还没有合作协议').waitFor();
      await page.getByRole('button', { name: /录入合作协议/ }).click();
      await page.locator('.ant-drawer-section').getByLabel('协议名称').waitFor();
      expect(await page.locator('.ant-drawer-section .ant-select-selection-item').allTextContents()).toEqual(['四川省总工会', '重庆市总工会']);
      await page.keyboard.press('Escape');
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, `coop-overview-empty-${name}`);
      await page.close();
    }
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'bb-union');
    await page.goto(`${base()}/admin/cooperation/items/999999`);
    await page.locator('.ant-alert-error', { hasText: '工作事项不存在' }).waitFor();
    await screenshot(page, 'coop-item-missing-desktop');
    await page.close();
    expect(browser.problems).toEqual([]);
  });

  it('lets federation staff delete an unfinished item after confirming, add and remove a line of work and an attachment', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    const agreement = (await (await page.request.get(`${base()}/api/cooperation/agreements`)).json()).items[0];
    const area = (await (await page.request.get(`${base()}/api/cooperation/agreements/${agreement.id}/areas`)).json()).items[0];
    const unions = (await (await page.request.get(`${base()}/api/cooperation/item-options`)).json()).unions as { id: string; name: string }[];
    const union = (name: string) => unions.find((u) => u.name === name)!.id;
    const created = await page.request.post(`${base()}/api/cooperation/agreements/${agreement.id}/items`, { data: {
      areaId: area.id, code: `DEL-${Date.now().toString(36).slice(-5)}`, title: '待删除的测试事项', leadUnionId: union('四川省总工会'), unionIds: [union('重庆市总工会')],
      startsOn: '2023-01-01', dueOn: '2023-12-31', target: 1, unit: '项', progressKind: 'manual',
    } });
    expect(created.status()).toBe(201);
    const id = (await created.json()).id;
    await page.goto(`${base()}/admin/cooperation/items/${id}`);
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await page.waitForURL(/\/admin\/cooperation$/);
    expect((await page.request.get(`${base()}/api/cooperation/items/${id}`)).status()).toBe(404);

    // A line of work added for the year, then removed while it has no items.
    const name = `测试方向${Date.now().toString(36).slice(-4)}`;
    await page.getByRole('button', { name: /新增工作方向/ }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('名称').fill(name);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    const card = page.locator('.coop-area', { hasText: name });
    await card.waitFor();
    await card.getByRole('button', { name: '编辑工作方向' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /删\s*除/ }).click();
    await card.waitFor({ state: 'detached' });

    // An attachment of the agreement: uploaded, listed, removed after confirming.
    const header = page.locator('.coop-agreement');
    await header.locator('input[type=file]').setInputFiles({ name: '协议扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const link = header.getByRole('link', { name: /协议扫描件\.pdf/ });
    await link.waitFor();
    await screenshot(page, 'coop-overview-attachment-desktop');
    await header.getByRole('button', { name: '删除附件“协议扫描件.pdf”？' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await link.waitFor({ state: 'detached' });
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
