import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { idCardCheckChar } from '../src/shared/validators.js';
import { apiAs, okJson, DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// Results (issue 6 §5) in the browser: the demo contest's public board on a 375 px phone, its big
// screen at 1920×1080, the organisers' results page issuing certificates, a certificate's check
// page; and a small contest built through the API whose phone board follows a lock live.

const base = () => inject('baseUrl');
const DEMO = '2023川渝电力职工职业技能大赛';

let browser: Browser;
let demoId: number;
const clients: APIRequestContext[] = [];

const as = (user: string): Promise<APIRequestContext> => apiAs(base(), user, clients);

beforeAll(async () => {
  browser = await launch();
  const list = await (await fetch(`${base()}/api/contests?pageSize=50`)).json() as { items: { id: number; name: string }[] };
  demoId = list.items.find((c) => c.name === DEMO)!.id;
  expect(demoId).toBeTruthy();
});
afterAll(async () => {
  await browser?.close();
  for (const c of clients) await c.dispose();
});

describe('the demo contest', () => {
  it('public board on a phone: final results with names, teams (广安1队 first), sub-items', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m/contests`);
    await page.getByRole('link', { name: new RegExp(DEMO) }).click();
    await page.getByRole('heading', { name: DEMO }).waitFor();
    await page.getByText('最终成绩').waitFor();
    await page.getByText('实时更新中').waitFor();
    expect(await page.locator('.cr-rows li').count()).toBe(83);
    expect(await page.locator('.cr-rows li').first().locator('.cr-rank').textContent()).toBe('1');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'contest-board-phone');
    await page.getByRole('tab', { name: '团体成绩' }).click();
    await page.locator('.cr-rows li').first().getByText('广安1队').waitFor();
    expect(await page.locator('.cr-rows li').count()).toBe(11);
    await screenshot(page, 'contest-board-teams-phone');
    await page.getByRole('tab', { name: '单项成绩' }).click();
    await page.getByRole('radio', { name: '装表接电' }).click();
    expect(await page.locator('.cr-rows li').count()).toBe(83);
    expect(await page.locator('.cr-rows .cr-prize', { hasText: '单项奖' }).count()).toBeGreaterThanOrEqual(3);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'contest-board-items-phone');
    await page.goto(`${base()}/m/contests/999999`);
    await page.getByText('竞赛不存在或尚未公开').waitFor();
    await page.close();
    expect(browser.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
  });

  it('big screen at 1920×1080: individual ranking with prizes, teams, each sub-item\'s top three', async () => {
    const page = await browser.newPage({ width: 1920, height: 1080 });
    await page.goto(`${base()}/screen/contests/${demoId}`);
    await page.getByRole('heading', { name: DEMO }).waitFor();
    await page.locator('.screen-live.on').waitFor();
    await page.locator('.cs-teams li').first().getByText('广安1队').waitFor();
    expect(await page.locator('.cs-table tbody tr').count()).toBe(15);
    expect(await page.locator('.cs-item').count()).toBe(6);
    await page.getByText('一等奖').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'contest-screen');
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
    expect(browser.problems).toEqual([]);
  });

  it('the organisers issue certificates; a certificate\'s QR page says it is valid', async () => {
    const page = await browser.newPage(DESKTOP);
    await loginDemo(page, base(), 'sc-admin');
    await page.goto(`${base()}/admin/contests/${demoId}/results`);
    await page.getByRole('heading', { name: DEMO }).waitFor();
    await page.getByText('全部 6 个分项已锁定，成绩为最终成绩').waitFor();
    await page.getByRole('button', { name: /颁发证书/ }).click();
    await page.getByText(/证书共 71 张/).waitFor();
    await page.getByRole('tab', { name: /证书 \(71\)/ }).click();
    await page.getByRole('cell', { name: '团体第1名' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'contest-results-certificates');
    await page.getByRole('tab', { name: '个人成绩' }).click();
    await screenshot(page, 'contest-results');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'contest-results-phone');

    const admin = await as('sc-admin');
    const certs = await (await admin.get(`/api/contests/${demoId}/certificates`)).json() as { items: { code: string; kind: string; name: string | null; award: string; url: string }[] };
    const first = certs.items.find((c) => c.kind === 'individual' && c.award === '个人一等奖')!;
    const phone = await browser.newPage(PHONE);
    await phone.goto(first.url);
    await phone.getByText('证书有效').waitFor();
    await phone.getByText('个人一等奖', { exact: true }).waitFor();
    await phone.getByText(new RegExp(first.name!)).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    await screenshot(phone, 'contest-certificate-check-phone');
    await phone.goto(`${base()}/m/certificates/NoSuchCertificate1`);
    await phone.getByText('未找到此证书').waitFor();
    await screenshot(phone, 'contest-certificate-missing-phone');
    await phone.close();
    await page.close();
    expect(browser.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
  });
});

let serial = 0;
const idNumber = () => {
  serial += 1;
  // region 511602, born 1990-0m-1d, a random sequence number
  const first17 = `5116021990${String((serial % 9) + 1).padStart(2, '0')}1${serial % 10}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + idCardCheckChar(first17);
};

describe('a contest run live', () => {
  it('the phone board follows a lock without a reload, then the freeze', async () => {
    const admin = await as('sc-admin');
    const chief = await as('chief-judge-demo');
    const a1 = await as('judge-a1');
    const a2 = await as('judge-a2');
    const idOf = async (c: APIRequestContext) => (await (await c.get('/api/auth/me')).json()).user.id as string;
    const me = (await (await admin.get('/api/auth/me')).json()).user as { union: { id: string } };
    const ok = okJson;

    const contest = await ok(await admin.post('/api/contests', { data: {
      name: `成绩榜实时测试赛${Date.now() % 100000}`, startsOn: '2023-02-21', endsOn: '2023-02-23', status: 'published', chiefJudgeId: await idOf(chief),
      organisers: ['四川省总工会', '重庆市总工会'], venue: '华蓥电力技能实训基地',
    } }));
    const id = contest.id as number;
    // Before anyone is marked: deliberate empty states on the phone and the big screen.
    const early = await browser.newPage(PHONE);
    await early.goto(`${base()}/m/contests/${id}`);
    await early.getByText('成绩尚未公布').waitFor();
    await screenshot(early, 'contest-board-empty-phone');
    await early.setViewportSize({ width: 1920, height: 1080 });
    await early.goto(`${base()}/screen/contests/${id}`);
    await early.getByText('成绩尚未公布').waitFor();
    await screenshot(early, 'contest-screen-empty');
    await early.close();
    await ok(await admin.put(`/api/contests/${id}/scheme`, { data: { items: [
      { code: 'A', name: '配电检修' },
      { code: 'A1', name: '冷缩电缆终端制作', parent: 'A', max: 10, aspects: [{ code: 'A1.1', type: 'measurement', max: 10, description: '尺寸' }] },
      { code: 'B', name: '电能计量' },
      { code: 'B1', name: '装表接电', parent: 'B', max: 10, aspects: [{ code: 'B1.1', type: 'measurement', max: 10, description: '接线' }] },
    ] } }));
    const scheme = await ok<{ items: { id: number; code: string; aspects: { id: number }[] }[] }>(await admin.get(`/api/contests/${id}/scheme`));
    const item = (code: string) => scheme.items.find((i) => i.code === code)!;
    const judges = [await idOf(a1), await idOf(a2)];
    for (const code of ['A1', 'B1']) await ok(await admin.put(`/api/contests/${id}/items/${item(code).id}/judges`, { data: { userIds: judges } }));
    const people: number[] = [];
    for (const [t, team] of ['华蓥队', '北碚队'].entries()) {
      const created = await ok(await admin.post(`/api/contests/${id}/teams`, { data: { name: team, unionId: me.union.id } }));
      for (let k = 0; k < 2; k++) {
        const p = await ok(await admin.post(`/api/contests/${id}/contestants`, { data: { teamId: created.id, name: `${team.slice(0, 2)}选手${k + 1}`, idNumber: idNumber() } }));
        await ok(await admin.put(`/api/contests/${id}/contestants/${p.id}/written`, { data: { written: 70 + t * 5 + k * 3 } }));
        people.push(p.id);
      }
    }
    await ok(await admin.post(`/api/contests/${id}/lots`, { data: {} }));
    for (const code of ['A1', 'B1']) {
      const it = item(code);
      for (const [k, person] of people.entries()) {
        for (const judge of [a1, a2]) await ok(await judge.post(`/api/contests/${id}/items/${it.id}/marks`, { data: { contestantId: person, aspectId: it.aspects[0]!.id, value: 6 + k } }));
      }
    }
    await ok(await chief.post(`/api/contests/${id}/items/${item('A1').id}/lock`, { data: {} }));

    const phone = await browser.newPage(PHONE);
    await phone.goto(`${base()}/m/contests/${id}`);
    await phone.getByText('暂定 1/2').waitFor();
    await phone.getByText('实时更新中').waitFor();
    await phone.getByText('揭晓前仅显示参赛号').waitFor();
    expect(await phone.locator('.cr-rows li').count()).toBe(4);
    await screenshot(phone, 'contest-board-provisional-phone');
    await phone.getByRole('tab', { name: '单项成绩' }).click();
    await phone.getByRole('radio', { name: '装表接电' }).click();
    await phone.getByText('该分项尚未锁定，锁定后显示排名').waitFor();

    const desk = await browser.newPage(DESKTOP);
    await loginDemo(desk, base(), 'sc-admin');
    await desk.goto(`${base()}/admin/contests/${id}/results`);
    await desk.getByText('成绩为暂定：已锁定 1/2 个分项').waitFor();
    await desk.getByText('未锁定：B1 装表接电').waitFor();
    expect(await desk.getByRole('button', { name: /颁发证书/ }).isDisabled()).toBe(true);
    await screenshot(desk, 'contest-results-provisional');
    await desk.close();

    // The chief judge locks B1: the phone shows it without a reload.
    await ok(await chief.post(`/api/contests/${id}/items/${item('B1').id}/lock`, { data: {} }));
    await phone.getByText('最终成绩').waitFor();
    expect(await phone.locator('.cr-rows li').count()).toBe(4);
    await phone.getByRole('tab', { name: '个人成绩' }).click();
    // The reveal brings the names; the freeze holds the board and says so.
    await ok(await chief.post(`/api/contests/${id}/reveal`, { data: {} }));
    await phone.getByText('华蓥选手2').first().waitFor();
    await ok(await admin.post(`/api/contests/${id}/results/freeze`));
    await phone.locator('.cr-chip-frozen').waitFor();
    await phone.getByText(/成绩榜已于 .* 冻结/).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    await screenshot(phone, 'contest-board-frozen-phone');
    await phone.close();
    expect(browser.problems).toEqual([]);
  });
});
