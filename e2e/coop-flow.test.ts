import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiAs, DESKTOP, launch, loginDemo, PHONE, type Browser, okJson } from './browser.js';

// Issue 7's "done when", on one work item: cq-admin creates it in the demo agreement, 江北区's staff
// writes and submits a progress report on it in the browser, cq-admin accepts the report, then
// cq-admin and sc-admin each confirm the item on its page and it is done.

const base = () => inject('baseUrl');
let browser: Browser;
const clients: APIRequestContext[] = [];

const as = (user: string): Promise<APIRequestContext> => apiAs(base(), user, clients);
const ok = okJson;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => {
  await browser?.close();
  for (const c of clients) await c.dispose();
});

describe('a work item from creation to double sign-off', () => {
  it('created, reported on by 江北区, the report accepted, confirmed by both federations', async () => {
    const cq = await as('cq-admin');
    const jb = await as('jb-union');
    const unions = (await ok<{ items: { id: string; regionCode: string }[] }>(await cq.get('/api/unions'))).items;
    const unionOf = (region: string) => unions.find((u) => u.regionCode === region)!.id;
    const agreements = await ok<{ items: { id: number }[] }>(await cq.get('/api/cooperation/agreements'));
    const agreementId = agreements.items[0]!.id;
    const areas = await ok<{ items: { id: number; year: number }[] }>(await cq.get(`/api/cooperation/agreements/${agreementId}/areas?year=2023`));
    const code = `F${Date.now() % 100000}`;
    const item = await ok<{ id: number }>(await cq.post(`/api/cooperation/agreements/${agreementId}/items`, { data: {
      areaId: areas.items[0]!.id, code, title: '川渝职工书屋共建（全流程测试）', leadUnionId: unionOf('500105'), unionIds: [unionOf('510100')],
      startsOn: '2023-01-01', dueOn: '2023-12-31', target: 4, unit: '家', progressKind: 'manual',
    } }));

    // 江北区 writes the Q4 report (drafted through the API the drawer uses) and submits it on the page.
    const draft = await ok<{ id: number }>(await jb.post('/api/cooperation/reports', { data: {
      itemId: item.id, period: '2023-Q4', body: '与成都市总工会共建职工书屋 4 家，互赠图书 2,000 册。', figures: [{ label: '共建书屋', value: 4, unit: '家' }],
    } }));
    const union = await browser.newPage(DESKTOP);
    await loginDemo(union, base(), 'jb-union');
    await union.goto(`${base()}/admin/cooperation/reports?report=${draft.id}`);
    const drawer = union.locator('.ant-drawer-section');
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await union.getByText('报告已提交，等待审核').waitFor();

    // cq-admin accepts it on the page (pages share the browser's cookies: log in as him now).
    await loginDemo(union, base(), 'cq-admin');
    await union.goto(`${base()}/admin/cooperation/reports?report=${draft.id}`);
    await drawer.getByText('与成都市总工会共建职工书屋 4 家').waitFor();
    await drawer.getByRole('button', { name: '审核通过' }).click();
    await union.getByText('报告已审核通过').waitFor();
    expect((await ok<{ status: string }>(await cq.get(`/api/cooperation/reports/${draft.id}`))).status).toBe('accepted');

    // The item's page: progress entered from the report's figure, 重庆's confirmation, then 四川's on a phone.
    await ok(await jb.post(`/api/cooperation/items/${item.id}/progress`, { data: { value: 4, evidence: '四季度报告：共建书屋 4 家（已审核通过）' } }));
    await union.goto(`${base()}/admin/cooperation/items/${item.id}`);
    await union.getByText('川渝职工书屋共建（全流程测试）').first().waitFor();
    await union.getByText('与成都市总工会共建职工书屋 4 家').first().waitFor(); // the report in the item's history
    const cqBox = union.locator('.coop-signoff[data-federation="50"]');
    await cqBox.getByRole('button', { name: /确认完成/ }).click();
    await union.locator('.ant-modal-confirm').getByRole('button', { name: /确认完成/ }).click();
    await cqBox.getByText('陈立').waitFor();
    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'sc-admin');
    await phone.goto(`${base()}/admin/cooperation/items/${item.id}`);
    const scBox = phone.locator('.coop-signoff[data-federation="51"]');
    await scBox.getByRole('button', { name: /确认完成/ }).click();
    await phone.locator('.ant-modal-confirm').getByRole('button', { name: /确认完成/ }).click();
    await scBox.getByText('李娟').waitFor();
    await expect.poll(async () => (await ok<{ doneAt: string | null }>(await cq.get(`/api/cooperation/items/${item.id}`))).doneAt).not.toBeNull();
    expect(browser.problems).toEqual([]);
  });
});
