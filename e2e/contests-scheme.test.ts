import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// sc-admin writes the marking scheme of a new contest (issue 6 §2): the empty state, an .xlsx import
// refused cell by cell and then accepted, an edit that breaks the sum (shown live, named by the
// server on save) and its repair, judges chosen for a sub-item; desktop and 375 px, zh-CN.

const base = () => inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const HEADER = ['大项编号', '大项', '小项编号', '小项名称', '小项满分', '计时', '时限（分钟）', '评分项编号', '类型', '满分', '评判裁判人数', '说明', '评价描述0', '评价描述1', '评价描述2', '评价描述3', '扣分项'];
const row = (sub: [string, string, number | string, string, number | string], aspect: (string | number)[]) =>
  ['A', '配电检修', ...sub.slice(0, 4), sub[4], ...aspect];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('评分标准');
  for (const r of [HEADER, ...rows]) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GOOD = [
  row(['A1', '冷缩电缆终端制作', 20, '是', 90], ['A1.1', '测量', 7, '', '线芯剥切尺寸', '', '', '', '', '']),
  row(['A1', '冷缩电缆终端制作', 20, '是', 90], ['A1.2', '评价', 3, 3, '工艺', '工艺粗糙', '基本符合要求', '工艺规范', '工艺精湛', '']),
  row(['A1', '冷缩电缆终端制作', 20, '是', 90], ['A1.3', '扣分', 10, '', '安全文明生产', '', '', '', '', 'D1 未戴安全帽 2；D2 工具掉落 0.5']),
  ['B', '电能计量', 'B1', '装表接电', 15, '否', '', 'B1.1', '测量', 15, '', '接线正确', '', '', '', '', ''],
];

async function createContest(page: Page): Promise<number> {
  const res = await page.request.post(`${base()}/api/contests`, {
    data: { name: `技能竞赛评分标准测试${Date.now().toString(36)}`, startsOn: '2026-12-10', endsOn: '2026-12-12', status: 'draft', venue: '华蓥电力技能实训基地' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as number;
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type=file]').first().setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe('marking scheme in the console', () => {
  it('sc-admin imports, edits and staffs a scheme; the page reads on a phone', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    const id = await createContest(page);
    await page.goto(`${base()}/admin/contests/${id}/scheme`);
    await page.getByText('还没有评分标准：导入 .xlsx 或逐项添加').waitFor();
    await expect.poll(() => page.getByRole('tab', { name: '评分标准', selected: true }).count()).toBe(1);
    await screenshot(page, 'contest-scheme-empty');

    // A file with a bad type and a sum that does not add up: every bad cell named, nothing written.
    const bad = GOOD.map((r) => [...r]);
    bad[0]![8] = '打分';
    bad[3]![4] = 16;
    await upload(page, '评分标准-有误.xlsx', await workbook(bad));
    const failed = page.getByRole('dialog', { name: '导入失败，未写入任何内容' });
    await failed.waitFor();
    await failed.getByText('类型须为“测量”“评价”或“扣分”').waitFor();
    await failed.getByText('各评分项满分合计 15 分，与小项满分 16 分不一致').waitFor();
    await screenshot(page, 'contest-scheme-import-errors');
    await page.keyboard.press('Escape');
    await failed.waitFor({ state: 'hidden' });
    await page.getByText('还没有评分标准：导入 .xlsx 或逐项添加').waitFor();

    await upload(page, '评分标准.xlsx', await workbook(GOOD));
    await page.getByText('评分标准已导入').waitFor();
    const a1 = page.getByTestId('scheme-sub-A1');
    await a1.getByText('冷缩电缆终端制作').waitFor();
    await a1.getByText('D1未戴安全帽').waitFor();
    await expect.poll(() => page.getByTestId('scheme-sum-A1').textContent()).toBe('评分项合计 20 / 20');

    // Raise A1.1 to 8: the sum check turns red at once; the server names the problem on save.
    await a1.locator('.scheme-aspect', { hasText: 'A1.1' }).getByRole('button', { name: '编辑' }).click();
    const drawer = page.getByRole('dialog').filter({ has: page.getByTestId('scheme-drawer-ok') });
    await drawer.getByLabel('满分').fill('8');
    await drawer.getByTestId('scheme-drawer-ok').click();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('scheme-sum-A1').textContent()).toBe('评分项合计 21 / 20');
    await page.getByText('有未保存的修改').waitFor();
    await page.getByTestId('scheme-save').click();
    await a1.getByText('各评分项满分合计 21 分，与小项满分 20 分不一致').waitFor();
    await screenshot(page, 'contest-scheme-issue');
    // The sub-item's maximum follows: 21 in all, saved.
    await a1.locator('.scheme-sub-head').getByRole('button', { name: '编辑' }).click();
    await drawer.getByLabel('满分').fill('21');
    await drawer.getByTestId('scheme-drawer-ok').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('scheme-save').click();
    await page.getByText('评分标准已保存').waitFor();
    await expect.poll(() => page.getByTestId('scheme-sum-A1').textContent()).toBe('评分项合计 21 / 21');

    // Judges: A1.2 wants 3; the warning stays until three are assigned.
    await page.getByText('评分项 A1.2 需要 3 名裁判评判，小项 A1 只指派了 0 名').waitFor();
    const candidates = await (await page.request.get(`${base()}/api/contests/${id}/judge-candidates?pageSize=3`)).json() as { items: { name: string }[] };
    expect(candidates.items.length).toBe(3);
    await a1.getByRole('button', { name: '指派裁判' }).click();
    const dialog = page.getByRole('dialog', { name: /指派裁判/ });
    for (const judge of candidates.items) {
      await dialog.locator('.ant-select').click();
      await page.keyboard.type(judge.name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: judge.name }).first().click();
    }
    await page.keyboard.press('Escape'); // closes the drop-down, not the dialog
    await dialog.getByText('评价类评分项需要 3 名裁判，已选 3 名').waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('裁判指派已保存').waitFor();
    await a1.locator('.scheme-judges').getByText(candidates.items[0]!.name).waitFor();
    await expect.poll(() => page.getByText('评分项 A1.2 需要 3 名裁判评判', { exact: false }).count()).toBe(0);
    await page.getByText('小项 B1 的测量、扣分评分项须由 2 名裁判各录一次（双录），只指派了 0 名').waitFor();
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'contest-scheme');
    await page.close();

    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'sc-admin');
    await phone.goto(`${base()}/admin/contests/${id}/scheme`);
    await phone.getByTestId('scheme-sub-A1').getByText('冷缩电缆终端制作').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'contest-scheme-phone');
    await phone.close();
    expect(browser.problems).toEqual([]);
  });

  it('the demo contest\'s locked scheme: fixed for sc-admin, read-only with every descriptor for the chief judge', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'chief-judge-demo');
    const list = await (await page.request.get(`${base()}/api/contests?pageSize=50`)).json() as { items: { id: number; name: string }[] };
    const demo = list.items.find((c) => c.name.includes('2023川渝电力职工职业技能大赛'))!;
    await page.goto(`${base()}/admin/contests/${demo.id}/scheme`);
    await page.getByText('评分标准由竞赛主办方维护，这里只能查看').waitFor();
    await expect.poll(() => page.locator('.scheme-sub').count()).toBe(6);
    await expect.poll(() => page.locator('.scheme-sub').getByText('已锁定').count()).toBe(6);
    expect(await page.getByRole('button', { name: '添加大项' }).count()).toBe(0);
    expect(await page.locator('.scheme-aspect').getByRole('button', { name: '编辑' }).count()).toBe(0);
    await screenshot(page, 'contest-scheme-locked');
    await page.close();

    const admin = await browser.newPage(PHONE);
    await loginDemo(admin, base(), 'sc-admin');
    await admin.goto(`${base()}/admin/contests/${demo.id}/scheme`);
    await admin.getByText('已有评分记录，评分标准已固定；裁判指派仍可调整').waitFor();
    expect(await admin.getByRole('button', { name: /导入/ }).count()).toBe(0);
    await admin.getByRole('button', { name: /导出/ }).waitFor();
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(0);
    await screenshot(admin, 'contest-scheme-locked-phone');
    await admin.close();
    expect(browser.problems).toEqual([]);
  });

  it('adds a scheme item by item on a 375 px phone', async () => {
    const page = await browser.newPage(PHONE);
    await loginDemo(page, base(), 'sc-admin');
    const id = await createContest(page);
    await page.goto(`${base()}/admin/contests/${id}/scheme`);
    await page.getByRole('button', { name: '逐项添加' }).click();
    const drawer = page.getByRole('dialog').filter({ has: page.getByTestId('scheme-drawer-ok') });
    const confirm = async () => { await drawer.getByTestId('scheme-drawer-ok').click(); await drawer.waitFor({ state: 'hidden' }); };
    await drawer.getByLabel('编号').fill('A');
    await drawer.getByLabel('名称').fill('配电检修');
    await confirm();
    await page.getByRole('button', { name: '添加小项' }).click();
    await drawer.getByLabel('编号').fill('A1');
    await drawer.getByLabel('名称').fill('冷缩电缆终端制作');
    await drawer.getByLabel('满分').fill('5');
    await confirm();
    await page.getByRole('button', { name: '添加评分项' }).click();
    await drawer.getByText('评价', { exact: true }).click();
    await drawer.getByLabel('满分').fill('5');
    await drawer.getByLabel('评判裁判人数').fill('3');
    for (const [k, text] of ['未达到要求', '基本达到', '较好', '优秀'].entries()) await drawer.getByLabel(`${k} 分的评价描述`).fill(text);
    await screenshot(page, 'contest-scheme-drawer-phone');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await confirm();
    await expect.poll(() => page.getByTestId('scheme-sum-A1').textContent()).toBe('评分项合计 5 / 5');
    await page.getByTestId('scheme-save').click();
    await page.getByText('评分标准已保存').waitFor();
    const saved = await (await page.request.get(`${base()}/api/contests/${id}/scheme`)).json() as { items: { code: string; aspects: { code: string; type: string; judges: number; descriptors: string[] }[] }[] };
    expect(saved.items.map((i) => i.code)).toEqual(['A', 'A1']);
    expect(saved.items[1]!.aspects).toMatchObject([{ code: 'A1.1', type: 'judgement', judges: 3, descriptors: ['未达到要求', '基本达到', '较好', '优秀'] }]);
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
