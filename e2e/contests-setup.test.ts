import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { idCardCheckChar } from '../src/shared/validators.js';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// Setting up a skills competition in the console (issue 6 §1): sc-admin creates a contest with its
// scoring rules, adds a team, registers a contestant by hand and more from a spreadsheet (a bad sheet
// first: every bad cell listed), draws lots and sees the seed; the chief judge sees work numbers only.
// Desktop and 375 px, zh-CN.

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

let serial = 0;
function idNumber(region = '511602'): string {
  serial += 1;
  const first17 = `${region}1990${String((serial % 12) + 1).padStart(2, '0')}${String((serial % 27) + 1).padStart(2, '0')}${String(100 + Math.floor(Math.random() * 899))}`;
  return first17 + idCardCheckChar(first17);
}

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('报名');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function fillRange(scope: ReturnType<Page['locator']>, page: Page, from: string, to: string) {
  await scope.getByPlaceholder('开始日期').click();
  await scope.getByPlaceholder('开始日期').fill(from);
  await page.keyboard.press('Enter');
  await scope.getByPlaceholder('结束日期').fill(to);
  await page.keyboard.press('Enter');
  await expect.poll(() => scope.getByPlaceholder('开始日期').inputValue()).toBe(from);
  await expect.poll(() => scope.getByPlaceholder('结束日期').inputValue()).toBe(to);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('contest setup in the console', () => {
  let contestId = 0;

  it('sc-admin creates a contest, adds a team, registers contestants (a bad sheet is refused cell by cell) and draws lots', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    await page.goto(`${base()}/admin/contests`);
    await page.getByRole('heading', { name: '技能竞赛' }).waitFor();
    await screenshot(page, 'contests-list-desktop');

    await page.getByRole('button', { name: /新建竞赛/ }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByLabel('竞赛名称').fill('2026川渝建筑职工技能竞赛');
    await drawer.getByLabel('比赛地点').fill('重庆市建筑技工学校');
    await fillRange(drawer, page, '2026-12-10', '2026-12-12');
    await drawer.getByLabel('理论成绩权重').fill('0.4');
    await drawer.getByLabel('单项奖名额（每项前几名）').fill('2');
    await screenshot(page, 'contests-create-drawer-desktop');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/admin\/contests\/\d+$/);
    contestId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await page.getByRole('heading', { name: /2026川渝建筑职工技能竞赛/ }).waitFor();
    await page.getByText('理论占 40%').waitFor();

    // A team by its sending union (the tree's search).
    await page.getByRole('button', { name: /添加代表队/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('队名').fill('广安1队');
    await dialog.getByLabel('派出工会').fill('广安市总工会');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '广安市总工会' }).first().click();
    await dialog.getByLabel('领队').fill('周建国');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-table-row', { hasText: '广安1队' }).waitFor();

    // One contestant by hand: a bad 身份证号 is caught in the form, then a good one.
    await page.getByRole('button', { name: /报名选手/ }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('姓名').fill('李建华');
    await form.getByLabel('身份证号').fill('511602199001011234');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('身份证号无效（18 位，校验位须符合 GB 11643）').waitFor();
    await form.getByLabel('身份证号').fill(idNumber());
    await form.getByLabel('工作单位').fill('国网广安供电公司');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-table-row', { hasText: '李建华' }).waitFor();

    // A sheet with a bad row: nothing written, every bad cell listed; then the good sheet.
    const header = ['代表队', '姓名', '性别', '身份证号', '工作单位', '手机号', '是否工会会员', '会员证号'];
    const bad = await sheet([header, ['广安1队', '王小明', '男', idNumber(), '国网广安供电公司', '13800001111', '是', ''], ['北碚队', '赵六', '男', '123', '', '', '', '']]);
    await page.locator('input[type=file]').first().setInputFiles({ name: '报名表.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByText('表格中有 2 处错误，未导入任何数据').waitFor();
    await page.getByText('代表队“北碚队”不存在，请先在赛事中添加').waitFor();
    await screenshot(page, 'contests-import-errors-desktop');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    expect(await page.locator('.ant-table-row', { hasText: '王小明' }).count()).toBe(0);
    const good = await sheet([header, ['广安1队', '王小明', '男', idNumber(), '国网广安供电公司', '13800001111', '是', 'GH001'], ['广安1队', '陈静', '女', idNumber(), '国网华蓥供电公司', '', '否', '']]);
    await page.locator('input[type=file]').first().setInputFiles({ name: '报名表-改.xlsx', mimeType: XLSX, buffer: good });
    await page.getByText('导入成功：新增 2 人，更新 0 人').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('.ant-table-row', { hasText: '陈静' }).waitFor();
    await page.getByText('共 3 人').waitFor();

    // Lots: confirmed, then the seed is shown and every finalist has a work number.
    await page.getByRole('button', { name: /抽\s*签$/ }).first().click();
    await page.locator('.ant-modal-confirm-title', { hasText: '为决赛选手抽签？' }).waitFor();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /抽\s*签/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '已为 3 名选手抽签' }).waitFor();
    const seed = await page.locator('.ant-modal-confirm .setup-seed').first().innerText();
    expect(seed.trim()).toMatch(/^[0-9a-f]{32}$/);
    await screenshot(page, 'contests-lots-desktop');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /知道了|OK|确\s*定/ }).click();
    await page.getByRole('button', { name: /重新抽签/ }).waitFor();
    const numbers = await page.locator('.ant-table-row td:first-child').allInnerTexts();
    expect(numbers.filter((n) => /^\d{3}$/.test(n.trim())).sort()).toEqual(['001', '002', '003']);
    await screenshot(page, 'contests-setup-desktop');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('reads well at 375 px: the list and the setup page, nothing overflowing', async () => {
    const page = await browser.newPage(PHONE);
    await loginDemo(page, base(), 'sc-admin');
    await page.goto(`${base()}/admin/contests`);
    await page.getByRole('heading', { name: '技能竞赛' }).waitFor();
    await page.getByText('2026川渝建筑职工技能竞赛').first().waitFor();
    await screenshot(page, 'contests-list-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.goto(`${base()}/admin/contests/${contestId}`);
    await page.locator('.ant-table-row', { hasText: '陈静' }).waitFor();
    await screenshot(page, 'contests-setup-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: /添加代表队/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'contests-setup-phone-teams');
    await page.locator('.ant-table-row', { hasText: '陈静' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'contests-setup-phone-contestants');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: /编辑赛事/ }).click();
    await page.locator('.ant-drawer-section').getByLabel('竞赛名称').waitFor();
    await screenshot(page, 'contests-edit-drawer-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('the chief judge sees work numbers only before the reveal, and cannot reveal a contest without locked sub-items', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    const candidates = await (await page.request.get(`${base()}/api/contests/${contestId}/chief-judge-candidates`)).json();
    const chief = candidates.items.find((c: { username: string | null }) => c.username === 'chief-judge-demo');
    const contest = await (await page.request.get(`${base()}/api/contests/${contestId}`)).json();
    expect((await page.request.patch(`${base()}/api/contests/${contestId}`, { data: { chiefJudgeId: chief.id, version: contest.version } })).status()).toBe(200);

    await page.context().clearCookies();
    await loginDemo(page, base(), 'chief-judge-demo');
    await page.goto(`${base()}/admin/contests/${contestId}`);
    await page.getByText('成绩揭晓前只显示参赛号。').waitFor();
    const body = await page.locator('.ant-table-tbody').innerText();
    expect(body).toContain('001');
    expect(body).not.toContain('陈静');
    expect(await page.getByText('李建华').count()).toBe(0);
    await page.getByRole('button', { name: /揭晓选手姓名/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /揭\s*晓/ }).click();
    await page.getByText('尚未设置评分分项，无法揭晓').waitFor();
    await screenshot(page, 'contests-chief-anonymous-desktop');
    expect(browser.problems).toEqual([]);
  });

  it('a preliminary with a top-N rule: scores entered in one table, qualification applied, the eliminated marked', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    const api = async (method: 'post' | 'patch', url: string, data: unknown) => {
      const res = await page.request[method](`${base()}${url}`, { data });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    };
    const unions = (await (await page.request.get(`${base()}/api/unions`)).json()).items as { id: string; name: string }[];
    const contest = await api('post', '/api/contests', { name: '2026川渝焊工技能竞赛', startsOn: '2026-12-20', endsOn: '2026-12-21' });
    const team = await api('post', `/api/contests/${contest.id}/teams`, { name: '北碚队', unionId: unions.find((u) => u.name.includes('北碚'))!.id });
    for (const name of ['周一', '吴二', '郑三', '王四']) await api('post', `/api/contests/${contest.id}/contestants`, { teamId: team.id, name, idNumber: idNumber('500109') });

    await page.goto(`${base()}/admin/contests/${contest.id}`);
    await page.getByRole('button', { name: /增加初赛/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名额').fill('2');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('总排名前 2 名晋级').waitFor();
    await page.getByRole('button', { name: /录入成绩/ }).click();
    const scores = page.getByRole('dialog');
    await scores.getByLabel('成绩 周一').fill('88.5');
    await scores.getByLabel('成绩 吴二').fill('92');
    await scores.getByLabel('成绩 郑三').fill('88.5');
    await scores.getByLabel('成绩 王四').fill('70');
    await scores.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('button', { name: /确定晋级/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确定晋级/ }).click();
    // 88.5 twice at the boundary of 2 places: both go through (ties at the boundary all qualify).
    await page.getByText('晋级 3 人，淘汰 1 人（其中 1 人因同分并列晋级）').waitFor();
    await page.getByText('已确定晋级').waitFor();
    await screenshot(page, 'contests-rounds-desktop');
    expect(await page.locator('.ant-table-row .ant-tag', { hasText: /^决赛$/ }).count()).toBe(3);
    await page.locator('.ant-table-row', { hasText: '王四' }).getByText('未晋级').waitFor();
    expect(browser.problems).toEqual([]);
  });
});
