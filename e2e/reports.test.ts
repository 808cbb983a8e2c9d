import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// The season's reports from its page (issue 5 §8): cq-admin downloads the demo season's Excel and
// PDF reports and the intents CSV; the files are saved under their Chinese names. Desktop and 375 px.

const base = () => inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('season reports in the console', () => {
  it('cq-admin downloads the demo season\'s report as Excel and PDF and the intents CSV', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    const seasons = await (await page.request.get(`${base()}/api/seasons?pageSize=100`)).json();
    const season = seasons.items.find((s: { name: string }) => s.name === '2023年川渝就业服务季');
    await page.goto(`${base()}/admin/seasons/${season.id}`);
    await page.getByRole('heading', { name: /2023年川渝就业服务季/ }).waitFor();
    await screenshot(page, 'reports-season-buttons');

    const save = async (button: RegExp) => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
      const file = await download.path();
      return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
    };
    const xlsx = await save(/导出报表 \(Excel\)/);
    expect(xlsx.name).toMatch(/^2023年川渝就业服务季-数据报表-\d{4}-\d\d-\d\d\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    await page.getByText(`已下载：${xlsx.name}`).waitFor();
    const pdf = await save(/导出报表 \(PDF\)/);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await save(/意向名单 CSV/);
    expect(csv.name).toMatch(/^2023年川渝就业服务季-就业意向名单-\d{4}-\d\d-\d\d\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8').trimEnd().split('\r\n').length).toBeGreaterThanOrEqual(1 + 3_800); // a header and the demo's 3,800 confirmed intents

    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'cq-admin');
    await phone.goto(`${base()}/admin/seasons/${season.id}`);
    await phone.getByRole('button', { name: /意向名单 CSV/ }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'reports-season-buttons-375');
    expect(browser.problems).toEqual([]);
  });
});
