import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// A fair from the console (issue 5 §2, §3, §5), zh-CN, desktop and 375 px, on the real demo
// server: employer-demo signs up to an open fair with two postings (a double click is one sign-up),
// 重庆市总工会 approves it, rejects another with a reason, gives booths by industry and moves one by
// drag (a taken booth refused, the move undone) and by click; the employer sees his booth; a
// visitor at the gate shows up in the console; a 30-day follow-up is recorded.

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Posting { id: number; enterprise: { id: string; name: string } }

async function json<T>(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${base()}${path}`, { method, ...(data !== undefined ? { data } : {}), headers: { 'accept-language': 'zh-CN' } });
  if (res.status() >= 300) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** Looks at the page as it is now on a phone: nothing wider than the screen. */
async function atPhone(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${name}-375`);
  await page.setViewportSize(DESKTOP);
}

const booth = (page: Page, number: string) => page.locator(`.fp-booth[aria-label^="${number} "]`);

describe('a fair in the console', () => {
  it('employer signs up with two postings → the union approves, rejects another with a reason, assigns and moves booths → the employer sees his booth; a follow-up is recorded', async () => {
    const page = await browser.newPage(DESKTOP);
    const suffix = Date.now().toString(36).slice(-5);
    const eventName = `沙坪坝区春风行动专场招聘会${suffix}`;

    // The employer's published postings and company.
    await loginDemo(page, base(), 'employer-demo');
    const own = await json<{ total: number; items: Posting[] }>(page, 'GET', '/api/postings?status=published&pageSize=100');
    expect(own.total).toBeGreaterThanOrEqual(2);
    const company = own.items[0]!.enterprise;

    // 重庆市总工会 opens a fair in the demo season (its opening fair is long held and full), and signs
    // two other employers up: one to be approved and placed first, one to be rejected.
    await loginDemo(page, base(), 'cq-admin');
    const seasons = await json<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/seasons?pageSize=100');
    const seasonId = seasons.items.find((s) => s.name === '2023年川渝就业服务季')!.id;
    const now = Date.now();
    const event = await json<{ id: number }>(page, 'POST', `/api/seasons/${seasonId}/events`, {
      kind: 'fair', name: eventName, regionCode: '500106', venue: '沙坪坝区三峡广场', capacity: 500, status: 'open',
      startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 6 * 3_600_000).toISOString(),
      zones: [
        { kind: 'booths', name: '招聘A区', rows: 2, cols: 6 },
        { kind: 'demonstration', name: '技能展示区（插花、刺绣、面点）' },
        { kind: 'rights', name: '维权服务区（法律咨询）' },
        { kind: 'membership', name: '入会及互助保障咨询台' },
      ],
    });
    const published = await json<{ items: Posting[] }>(page, 'GET', '/api/postings?status=published&pageSize=100&region=500000');
    const others = [...new Map(published.items.filter((p) => p.enterprise.id !== company.id).map((p) => [p.enterprise.id, p])).values()];
    const [first, toReject] = [others[0]!, others[1]!];
    const placed = await json<{ id: number }>(page, 'POST', `/api/events/${event.id}/signups`, { enterpriseId: first.enterprise.id, postingIds: [first.id] });
    await json(page, 'POST', `/api/signups/${placed.id}/review`, { decision: 'approve' });
    expect(await json(page, 'POST', `/api/events/${event.id}/booths/auto-assign`)).toEqual({ assigned: 1, unplaced: 0 });
    await json(page, 'POST', `/api/events/${event.id}/signups`, { enterpriseId: toReject.enterprise.id, postingIds: [toReject.id] });

    // The employer signs up from the console; a double click on the button is one sign-up.
    await loginDemo(page, base(), 'employer-demo');
    await page.goto(`${base()}/admin`);
    await page.getByRole('menuitem', { name: /招聘会报名/ }).click();
    await page.getByRole('heading', { name: '招聘会报名' }).waitFor();
    const openRow = page.getByRole('row', { name: new RegExp(eventName) });
    await openRow.getByRole('button', { name: /报名参加/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`报名：${eventName}`).waitFor();
    await dialog.getByRole('button', { name: /提交报名/ }).click();
    await dialog.getByText('请至少勾选一个岗位').waitFor();
    const rows = dialog.locator('.ant-table-tbody tr.ant-table-row');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await dialog.getByLabel('备注（可不填）').fill('需要两张桌子');
    await screenshot(page, 'admin-fairs-signup');
    await dialog.getByRole('button', { name: /提交报名/ }).dblclick();
    await dialog.waitFor({ state: 'hidden' });
    const mine = page.getByRole('row', { name: new RegExp(eventName) });
    await mine.getByText('待审核').waitFor();
    const signups = await json<{ total: number; items: { id: number; postings: number }[] }>(page, 'GET', `/api/events/${event.id}/signups`);
    expect(signups.total).toBe(1);
    expect(signups.items[0]!.postings).toBe(2);
    const signupId = signups.items[0]!.id;
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-fairs');

    // 重庆市总工会: from the season's events table to the event's console.
    await loginDemo(page, base(), 'cq-admin');
    await page.goto(`${base()}/admin/seasons/${seasonId}`);
    await page.locator('.season-kind-filter').getByText('招聘会', { exact: true }).click();
    await page.getByRole('row', { name: new RegExp(eventName) }).getByRole('link', { name: '控制台' }).click();
    await page.waitForURL(new RegExp(`/admin/events/${event.id}$`));
    await page.getByRole('heading', { name: new RegExp(eventName) }).waitFor();
    await page.getByRole('link', { name: '2023年川渝就业服务季' }).waitFor();
    await page.getByText('已通过企业 / 展位数').waitFor();
    await page.locator('.console-capacity').getByText('1 / 12').waitFor();
    await page.getByText(`待审核 2`).waitFor();

    // The employer's postings on expanding his row; approved.
    const row = page.getByRole('row', { name: new RegExp(company.name) });
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.locator('.console-postings li').nth(1).waitFor();
    await page.getByText('备注：需要两张桌子').waitFor();
    await row.getByRole('button', { name: /通\s*过/ }).click();
    await page.getByText(`已通过 ${company.name} 的报名`).waitFor();
    await row.getByText('已通过').waitFor();
    await page.locator('.console-capacity').getByText('2 / 12').waitFor();

    // A rejection needs its reason.
    const other = page.getByRole('row', { name: new RegExp(toReject.enterprise.name) });
    await other.getByRole('button', { name: /驳\s*回/ }).click();
    const reject = page.getByRole('dialog');
    await reject.getByLabel('驳回原因（企业会看到）').waitFor(); // the dialog is open before its button is pressed
    await reject.getByRole('button', { name: /驳\s*回/ }).click();
    await reject.getByRole('alert').getByText('驳回时请填写原因').waitFor();
    await reject.getByLabel('驳回原因（企业会看到）').fill('岗位信息不全，请补充薪资后重新报名');
    await screenshot(page, 'admin-event-reject');
    await reject.getByRole('button', { name: /驳\s*回/ }).click();
    await reject.waitFor({ state: 'hidden' });
    await other.getByText('岗位信息不全，请补充薪资后重新报名').waitFor();
    await page.getByText('已驳回 1').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-event-signups');
    await atPhone(page, 'admin-event-signups');

    // The floor plan: service areas drawn, booths by industry, the employer waiting for a booth.
    await page.getByRole('tab', { name: '展位图' }).click();
    await page.getByRole('region', { name: '维权服务区（法律咨询）' }).waitFor();
    await expect.poll(() => booth(page, 'A01').getAttribute('aria-label')).toBe(`A01 ${first.enterprise.name}`);
    await page.getByText('待分配展位（1）').waitFor();
    await page.getByRole('button', { name: /按行业自动分配/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /按行业自动分配/ }).click();
    await page.getByText('已为 1 家企业分配展位').waitFor();
    await expect.poll(() => booth(page, 'A02').getAttribute('aria-label')).toBe(`A02 ${company.name}`);

    // Dragged onto a taken booth: the server's refusal; onto a free one: moved, then undone.
    await booth(page, 'A02').dragTo(booth(page, 'A01'));
    await page.getByRole('alert').getByText('该展位已有企业').waitFor();
    await booth(page, 'A02').dragTo(booth(page, 'A05'));
    await page.getByText(/移到 A05/).first().waitFor();
    await expect.poll(() => booth(page, 'A05').getAttribute('aria-label')).toBe(`A05 ${company.name}`);
    expect(await booth(page, 'A02').getAttribute('aria-label')).toBe('A02 空展位');
    await page.getByRole('button', { name: /撤销：/ }).click();
    await expect.poll(() => booth(page, 'A02').getAttribute('aria-label')).toBe(`A02 ${company.name}`);
    expect(await booth(page, 'A05').getAttribute('aria-label')).toBe('A05 空展位');

    // Without dragging (a phone, the keyboard): select the employer, then a free booth.
    await booth(page, 'A02').click();
    await page.locator('.fp-selected').getByText(/已选中 A02/).waitFor();
    expect(await page.locator('.fp-selected').getByRole('link', { name: /展位牌/ }).getAttribute('href')).toBe(`/api/signups/${signupId}/booth-card.pdf`);
    await screenshot(page, 'admin-event-floor');
    await booth(page, 'A08').click();
    await expect.poll(() => booth(page, 'A08').getAttribute('aria-label')).toBe(`A08 ${company.name}`);
    expect(await page.getByRole('link', { name: /打印全部展位牌/ }).getAttribute('href')).toBe(`/api/events/${event.id}/booth-cards.pdf`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-event-floor-moved');
    await page.setViewportSize(PHONE);
    await booth(page, 'A08').click(); // a tap selects on a phone too
    await page.locator('.fp-selected').getByText(/已选中 A08/).waitFor();
    await atPhone(page, 'admin-event-floor');
    // On the phone the booth grid scrolls inside its zone; the page itself does not.
    await page.setViewportSize(PHONE);
    await page.locator('.fp-zone').scrollIntoViewIfNeeded();
    expect(await page.locator('.fp-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-event-floor-grid-375');
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Escape');
    await page.locator('.fp-selected').waitFor({ state: 'detached' });

    // At the gate: a walk-in registered and let in by staff shows in the console.
    await json(page, 'POST', `/api/events/${event.id}/visitors`, { name: '陈师傅', phone: `135${String(now).slice(-8)}`, consent: true, checkIn: true });
    await page.getByRole('tab', { name: '入场' }).click();
    await page.locator('.ant-statistic', { hasText: '已登记观众' }).getByText('1', { exact: true }).waitFor();
    await page.locator('.ant-statistic', { hasText: '已入场' }).getByText('1', { exact: true }).waitFor();
    await page.getByText('还可登记 499 人').waitFor();
    await page.locator('.console-bars li').first().waitFor();
    expect(await page.getByRole('link', { name: /扫码入场（手机）/ }).getAttribute('href')).toBe(`/m/staff/events/${event.id}/checkin`);
    expect(await page.getByRole('link', { name: /数据大屏/ }).first().getAttribute('href')).toBe(`/screen/seasons/${seasonId}`);
    await screenshot(page, 'admin-event-visitors');
    await atPhone(page, 'admin-event-visitors');
    await page.getByRole('tab', { name: '报表' }).click();
    expect(await page.getByRole('link', { name: /下载 Excel 报表/ }).getAttribute('href')).toBe(`/api/events/${event.id}/report.xlsx`);
    expect(await page.getByRole('link', { name: /下载 PDF 报表/ }).getAttribute('href')).toBe(`/api/events/${event.id}/report.pdf`);
    expect(await page.getByRole('link', { name: /就业意向名单（CSV）/ }).getAttribute('href')).toBe(`/api/seasons/${seasonId}/intents.csv?eventId=${event.id}`);
    await screenshot(page, 'admin-event-report');

    // The demo's opening fair: 455 booths in five zones, every one taken, coloured by industry.
    const demoFair = (await json<{ items: { id: number }[] }>(page, 'GET', `/api/seasons/${seasonId}/events?kind=fair&pageSize=1`)).items[0]!;
    await page.goto(`${base()}/admin/events/${demoFair.id}?tab=floor`);
    await page.getByRole('region', { name: '招聘E区' }).waitFor();
    expect(await page.locator('.fp-booth').count()).toBe(455);
    await page.getByText('待分配展位（0）').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-event-floor-demo');

    // The employer sees his booth and its card; withdrawing asks first.
    await loginDemo(page, base(), 'employer-demo');
    await page.goto(`${base()}/admin/fairs`);
    await mine.getByText('展位 A08').waitFor();
    expect(await mine.getByRole('link', { name: /展位牌/ }).getAttribute('href')).toBe(`/api/signups/${signupId}/booth-card.pdf`);
    await page.getByRole('row', { name: /川渝就业服务季开幕式暨大型招聘会/ }).getByText(/展位 [A-E]\d\d/).waitFor();
    await atPhone(page, 'admin-fairs');
    await mine.getByRole('button', { name: /撤\s*回/ }).click();
    await page.getByRole('tooltip').getByText('撤回后展位会被释放', { exact: false }).waitFor();
    await page.getByRole('tooltip').getByRole('button', { name: /取\s*消/ }).click();
    await mine.getByText('展位 A08').waitFor();
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('a union records the outcome of a 30-day follow-up; overdue ones stand out', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'cq-admin');
    const seasons = await json<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/seasons?pageSize=100');
    const seasonId = seasons.items.find((s) => s.name === '2023年川渝就业服务季')!.id;
    await page.goto(`${base()}/admin`);
    await page.getByRole('menuitem', { name: /就业回访/ }).click();
    await page.getByRole('heading', { name: '就业意向回访' }).waitFor();
    await page.goto(`${base()}/admin/follow-ups?season=${seasonId}`);
    await page.getByText('回访结果统计').waitFor();
    await page.locator('.followup-filters').getByText('30 天').click();
    await page.locator('.followup-filters').getByText('已逾期').click();
    const due = await json<{ total: number; items: { id: number; visitor: { name: string }; enterprise: string }[] }>(page, 'GET', `/api/follow-ups?state=overdue&day=30&seasonId=${seasonId}`);
    expect(due.total).toBeGreaterThan(0);
    const target = due.items[0]!;
    await page.getByText(`共 ${due.total} 条`).waitFor();
    const first = page.locator('tr.followup-overdue').first();
    await first.getByText(/逾期 \d+ 天/).waitFor();
    await first.getByText(target.visitor.name).waitFor();
    await screenshot(page, 'admin-follow-ups');
    await atPhone(page, 'admin-follow-ups');

    await first.getByRole('button', { name: /登记结果/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('请回答是否签订合同和是否上岗').waitFor();
    await dialog.locator('.followup-question').nth(0).getByText('是', { exact: true }).click();
    await dialog.locator('.followup-question').nth(1).getByText('否', { exact: true }).click();
    await dialog.getByLabel('情况说明（可不填）').fill('合同已签，3月20日上岗');
    await screenshot(page, 'admin-follow-up-record');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('回访结果已保存').waitFor();
    await page.getByText(`共 ${due.total - 1} 条`).waitFor();
    const done = await json<{ items: { id: number; outcome: { contractSigned: boolean; startedWork: boolean; note: string } | null }[] }>(page, 'GET', `/api/follow-ups?state=done&seasonId=${seasonId}&pageSize=100`);
    expect(done.items.find((f) => f.id === target.id)?.outcome).toMatchObject({ contractSigned: true, startedWork: false, note: '合同已签，3月20日上岗' });
    await page.locator('.followup-filters').getByText('已回访').click();
    await page.getByRole('row', { name: new RegExp(target.visitor.name) }).getByText('已签合同').first().waitFor();
    await page.locator('.ant-table', { hasText: '应回访' }).getByText(/^1（/).first().waitFor();

    // In English too (every text from the catalogue).
    await page.locator('.admin-header').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Hiring-intent follow-ups' }).waitFor();
    await page.getByText('Follow-up outcomes').waitFor();
    await page.getByRole('row', { name: new RegExp(target.visitor.name) }).getByText('Contract signed').waitFor();
    await page.locator('.admin-header').getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '就业意向回访' }).waitFor();
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});
