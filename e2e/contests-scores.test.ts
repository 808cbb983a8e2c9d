import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import path from 'node:path';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, SCREENSHOT_DIR, type Browser } from './browser.js';

// Score entry at the practical site (issue 6 §3) on the demo's trial contest: judge-demo enters
// marks on a 375 px phone, some of them while the network is down (kept on the phone, sent when it
// returns, an answer lost on the way sent again with its key and written once); the other judges'
// entries come through the API; the chief judge settles a discussed flag and locks on the desk.

const base = () => inject('baseUrl');
const TRIAL = '川渝电力技能竞赛·现场体验（演示）';

let browser: Browser;
let contestId: number;
let itemId: number;
let api: Record<string, APIRequestContext>;

async function as(user: string): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL: base() });
  const res = await client.post('/api/auth/login', { data: { login: user, password: 'chuanyu-demo' } });
  expect(res.status()).toBe(200);
  return client;
}

interface SheetLite {
  aspects: { id: number; code: string; type: string; deductions: { code: string }[] | null }[];
  contestants: { id: number; workNumber: string; timeSeconds: number | null; aspects: { aspectId: number; entries: number; flagOpen: boolean; marks: { value: string; judge: { name: string } }[] }[] }[];
}
const sheet = async (who = 'chief') => (await (await api[who]!.get(`/api/contests/${contestId}/items/${itemId}/sheet`)).json()) as SheetLite;

beforeAll(async () => {
  browser = await launch();
  api = { chief: await as('chief-judge-demo'), demo: await as('judge-demo'), a1: await as('judge-a1'), a2: await as('judge-a2') };
  const mine = (await (await api.demo!.get('/api/judge/contests')).json()) as { items: { id: number; name: string; items: { id: number; code: string }[] }[] };
  const trial = mine.items.find((c) => c.name === TRIAL)!;
  expect(trial).toBeTruthy();
  contestId = trial.id;
  itemId = trial.items.find((i) => i.code === 'A1')!.id;
});
afterAll(async () => {
  await browser?.close();
  for (const c of Object.values(api ?? {})) await c.dispose();
});

const region = (page: Page, code: string) => page.getByRole('region', { name: code, exact: true });
async function pad(page: Page, code: string, value: string) {
  for (const k of value) await region(page, code).getByRole('button', { name: k, exact: true }).click();
}

/** One work number's marks on the phone: A1.1 and A1.3 on the pad, A1.2 a judgement, A1.4 the first deduction (or none), a time. */
async function enterOnPhone(page: Page, v: { m1: string; j: number; m3: string; deduct: boolean; minutes: string }, shot?: string) {
  await pad(page, 'A1.1', v.m1);
  await region(page, 'A1.2').getByRole('radio', { name: new RegExp(`^${v.j}`) }).click();
  await pad(page, 'A1.3', v.m3);
  if (v.deduct) await region(page, 'A1.4').getByRole('checkbox').first().check();
  else await region(page, 'A1.4').getByRole('button', { name: '无扣分' }).click();
  await page.getByLabel('分', { exact: true }).fill(v.minutes);
  await page.getByLabel('秒', { exact: true }).fill('0');
  if (shot) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${shot}.png`), fullPage: true, animations: 'disabled' });
  await page.getByRole('button', { name: '保存', exact: true }).click();
}

describe('judges on phones, the chief judge on the desk', () => {
  it('enters marks at 375 px, online and offline, and the chief judge settles a flag and locks', async () => {
    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'judge-demo');
    await phone.goto(`${base()}/m`);
    await phone.getByRole('link', { name: '裁判评分' }).first().click();
    await phone.getByRole('heading', { name: '裁判评分' }).waitFor();
    const card = phone.getByRole('region', { name: TRIAL });
    await card.getByText('0/48').waitFor();
    await screenshot(phone, 'contest-judge-home-phone');
    expect(await horizontalOverflow(phone)).toBe(0);
    await card.getByRole('link', { name: /A1 冷缩电缆终端制作/ }).click();
    await phone.getByRole('link', { name: '001 待评' }).waitFor();
    await phone.getByRole('searchbox').fill('00');
    expect(await phone.locator('.jd-wn').count()).toBe(9);
    await screenshot(phone, 'contest-judge-item-phone');
    expect(await horizontalOverflow(phone)).toBe(0);
    await phone.getByRole('link', { name: '001 待评' }).click();
    await phone.getByRole('heading', { name: '工位号 001' }).waitFor();
    const names = ['赵一鸣', '钱小川', '孙志平', '国网四川省电力公司'];
    for (const n of names) expect(await phone.getByText(n).count()).toBe(0);
    await enterOnPhone(phone, { m1: '25.5', j: 2, m3: '18', deduct: true, minutes: '80' }, 'contest-judge-entry-full-phone');
    await phone.getByText('全部已提交').waitFor();
    await region(phone, 'A1.1').getByText('我的录入：25.5').waitFor();
    await screenshot(phone, 'contest-judge-entry-phone');
    expect(await horizontalOverflow(phone)).toBe(0);

    // The network drops: the next work number's marks wait on the phone, pending shown.
    let networkUp = true;
    let dropped = 0;
    await phone.route('**/api/contests/*/items/*/marks', async (route) => {
      if (!networkUp) await route.abort('internetdisconnected');
      else if (dropped++ === 0) { await route.fetch(); await route.abort('connectionreset'); } else await route.continue();
    });
    await phone.getByRole('link', { name: '下一个：工位号 002' }).click();
    await phone.getByRole('heading', { name: '工位号 002' }).waitFor();
    networkUp = false;
    await browser.context.setOffline(true);
    await phone.getByText('离线').waitFor();
    await enterOnPhone(phone, { m1: '26', j: 3, m3: '17.5', deduct: false, minutes: '75' });
    await phone.getByText('5 条待发送').waitFor();
    await region(phone, 'A1.1').getByText('已保存在手机上，等待发送').waitFor();
    await screenshot(phone, 'contest-judge-offline-phone');
    const c002 = (await sheet()).contestants.find((c) => c.workNumber === '002')!;
    expect(c002.aspects.every((a) => a.entries === 0)).toBe(true);

    networkUp = true;
    await browser.context.setOffline(false);
    await phone.getByText('全部已提交').waitFor({ timeout: 30_000 });
    expect(dropped).toBeGreaterThan(1);
    const after = (await sheet()).contestants.find((c) => c.workNumber === '002')!;
    expect(after.aspects.map((a) => a.marks.map((m) => m.value))).toEqual([['26'], ['3'], ['17.5'], ['0']]);
    expect(after.timeSeconds).toBe(4500);
    const networkCut = /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|ERR_FAILED|Failed to load resource/;
    expect(browser.problems.filter((p) => !networkCut.test(p))).toEqual([]);

    // The other judges (and judge-demo for the rest) through the API; 005's judgements are 0, 2, 2: a spread.
    const s = await sheet();
    const byCode = Object.fromEntries(s.aspects.map((a) => [a.code, a]));
    const firstDeduction = byCode['A1.4']!.deductions![0]!.code;
    const post = async (who: string, contestantId: number, code: string, body: object) => {
      const r = await api[who]!.post(`/api/contests/${contestId}/items/${itemId}/marks`, { data: { contestantId, aspectId: byCode[code]!.id, ...body } });
      expect(r.status(), await r.text()).toBe(201);
    };
    for (const c of s.contestants) {
      const own = c.workNumber === '001' || c.workNumber === '002';
      const m1 = c.workNumber === '001' ? 25.5 : c.workNumber === '002' ? 26 : 20 + (Number(c.workNumber) % 7);
      const m3 = c.workNumber === '001' ? 18 : c.workNumber === '002' ? 17.5 : 15;
      const ded = c.workNumber === '001' ? [{ code: firstDeduction }] : [];
      for (const who of own ? ['a1'] : ['a1', 'a2']) {
        await post(who, c.id, 'A1.1', { value: m1 });
        await post(who, c.id, 'A1.3', { value: m3 });
        await post(who, c.id, 'A1.4', { deductions: ded });
      }
      const js = c.workNumber === '005' ? { demo: 0, a1: 2, a2: 2 } : { demo: 2, a1: 2, a2: 3 };
      for (const who of own ? ['a1', 'a2'] : ['demo', 'a1', 'a2']) await post(who, c.id, 'A1.2', { value: js[who as 'demo'] });
      if (!own) expect((await api.demo!.put(`/api/contests/${contestId}/items/${itemId}/times/${c.id}`, { data: { seconds: 4800 } })).status()).toBe(200);
    }

    // The chief judge's desk: one open flag, settled with a note, then the lock.
    const desk = await browser.newPage(DESKTOP);
    await loginDemo(desk, base(), 'chief-judge-demo');
    await desk.goto(`${base()}/admin/contests/${contestId}/scoring`);
    await desk.getByRole('heading', { name: TRIAL }).waitFor();
    const row = desk.getByRole('row', { name: /A1 冷缩电缆终端制作/ });
    await row.getByText('11/12').first().waitFor(); // 005's judgements are flagged
    // B1 has no marks yet: the lock is refused with what is missing, contestant by contestant.
    await desk.getByRole('row', { name: /B1 装表接电/ }).getByRole('button', { name: /锁\s*定/ }).click();
    await desk.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await desk.getByText('工位号 001：B1.1, B1.2, B1.3 未完成或有待处理标记，且未记录完成用时').waitFor();
    await desk.locator('.ant-modal-confirm-title', { hasText: '分项 B1 还不能锁定' }).waitFor();
    await desk.waitForTimeout(400); // the dialog's opening animation
    await screenshot(desk, 'contest-scoring-lock-refused');
    await desk.getByRole('dialog').getByRole('button', { name: /^(OK|确\s*定|知道了)$/ }).click();
    await desk.getByRole('dialog').waitFor({ state: 'hidden' });
    await row.click(); // back to A1's marks (pressing B1's lock showed B1's)
    await desk.getByTestId('cell-005-A1.2').waitFor();
    await desk.getByRole('button', { name: '处 理' }).or(desk.getByRole('button', { name: '处理' })).first().click();
    await desk.getByRole('dialog').getByLabel('处理说明').fill('三位裁判复看制作过程，维持 0、2、2');
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await desk.getByRole('dialog').waitFor({ state: 'hidden' });
    await row.getByText('12/12').first().waitFor();
    await row.getByRole('button', { name: /锁\s*定/ }).click();
    await desk.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await desk.getByText('分项 A1 已锁定').waitFor();
    await row.getByText('已锁定').waitFor();
    await desk.getByText(/吴志远 锁定分项 A1/).waitFor();
    await desk.getByText(/吴志远 处理标记 005 · A1.2/).waitFor();
    await screenshot(desk, 'contest-scoring-desk');
    expect(await horizontalOverflow(desk)).toBe(0);

    // After the lock the phone shows it; an entry is refused and a change needs a reason.
    await loginDemo(phone, base(), 'judge-demo'); // the desk's pages share the browser's cookies
    await phone.goto(`${base()}/m/judge/contests/${contestId}/items/${itemId}`);
    await phone.getByText('本分项已锁定：不能新录；修改须填写原因，并由裁判长复锁。').waitFor();
    const late = await api.a2!.post(`/api/contests/${contestId}/items/${itemId}/marks`, { data: { contestantId: s.contestants[0]!.id, aspectId: byCode['A1.1']!.id, value: 25.5 } });
    expect(late.status()).toBe(409);

    const deskPhone = await browser.newPage(PHONE);
    await loginDemo(deskPhone, base(), 'chief-judge-demo');
    await deskPhone.goto(`${base()}/admin/contests/${contestId}/scoring`);
    await deskPhone.getByRole('heading', { name: TRIAL }).waitFor();
    await deskPhone.getByTestId('cell-001-A1.1').waitFor();
    await screenshot(deskPhone, 'contest-scoring-desk-phone');
    // A manager (sc-admin, of the owning federation) reads the desk: names shown, nothing to press.
    const manager = await browser.newPage(DESKTOP);
    await loginDemo(manager, base(), 'sc-admin');
    await manager.goto(`${base()}/admin/contests/${contestId}/scoring`);
    await manager.getByText('您可以查看评分进度；核分、处理标记和锁定由裁判长进行。').waitFor();
    await manager.getByText('赵一鸣').waitFor();
    expect(await manager.getByRole('button', { name: /锁\s*定/ }).count()).toBe(0);
    await screenshot(manager, 'contest-scoring-desk-manager');
    const judgeDesk = await browser.newPage(DESKTOP);
    await loginDemo(judgeDesk, base(), 'judge-demo');
    await judgeDesk.goto(`${base()}/m/judge`);
    await judgeDesk.getByRole('region', { name: TRIAL }).getByText('48/48').waitFor();
    await screenshot(judgeDesk, 'contest-judge-home-desktop');
    expect(browser.problems.filter((p) => !networkCut.test(p))).toEqual([]);
  });
});
