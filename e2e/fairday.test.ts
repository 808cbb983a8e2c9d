import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// The fair day on phones (issue 5 §4–5): a visitor registers and gets a QR ticket; staff let him
// in by the camera or the typed code, register a walk-in; the employer scans him at the booth and
// offers an intent he confirms on his own phone. Then the network drops for a minute in the middle
// of scanning: everything waits on the phone, goes when the network returns, nothing is lost or
// counted twice — checked against the season's figures.

const base = () => inject('baseUrl');

let browser: Browser;
let seasonId: number;
let eventId: number;
let postingId: number;

/** An API client logged in as a demo account, with its own cookies (the test's set-up and checks). */
async function as(user: string): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL: base() });
  const res = await client.post('/api/auth/login', { data: { login: user, password: 'chuanyu-demo' } });
  expect(res.status()).toBe(200);
  return client;
}

async function stats(): Promise<{ checkins: number; consultations: number; interviews: number; intents: number }> {
  const res = await fetch(`${base()}/api/seasons/${seasonId}/stats`);
  return res.json() as Promise<{ checkins: number; consultations: number; interviews: number; intents: number }>;
}

async function register(name: string, phone: string): Promise<{ ticketCode: string; token: string }> {
  const res = await fetch(`${base()}/api/events/${eventId}/visitors`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, phone, consent: true }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { visitor: { ticketCode: string; token: string } }).visitor;
}

const phone = () => `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

beforeAll(async () => {
  browser = await launch();
  // A fair open now, run by 重庆市总工会; employer-demo signs up and gets a booth.
  const cq = await as('cq-admin');
  const season = await cq.post(`${base()}/api/seasons`, { data: { name: `川渝就业服务季·现场测试${Date.now() % 100000}`, startsOn: '2026-01-01', endsOn: '2027-12-31', status: 'published' } });
  expect(season.status(), await season.text()).toBe(201);
  seasonId = (await season.json()).id;
  const now = Date.now();
  const event = await cq.post(`${base()}/api/seasons/${seasonId}/events`, {
    data: {
      kind: 'fair', name: '沙坪坝区春风行动招聘会', regionCode: '500106', venue: '沙坪坝区三峡广场', status: 'open',
      startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 8 * 3_600_000).toISOString(),
      zones: [{ kind: 'booths', name: '招聘展位', rows: 2, cols: 5 }, { kind: 'rights', name: '维权服务区' }, { kind: 'membership', name: '入会及互助保障咨询台' }],
    },
  });
  expect(event.status(), await event.text()).toBe(201);
  eventId = (await event.json()).id;
  const employer = await as('employer-demo');
  const postings = (await (await employer.get(`${base()}/api/postings?page=1&pageSize=50`)).json()) as { items: { id: number; status: string }[] };
  const published = postings.items.filter((p) => p.status === 'published').map((p) => p.id);
  expect(published.length).toBeGreaterThan(0);
  postingId = published[0]!;
  const signup = await employer.post(`${base()}/api/events/${eventId}/signups`, { data: { postingIds: published.slice(0, 3) } });
  expect(signup.status(), await signup.text()).toBe(201);
  expect((await cq.post(`${base()}/api/signups/${(await signup.json()).id}/review`, { data: { decision: 'approve' } })).status()).toBe(200);
  expect((await cq.post(`${base()}/api/events/${eventId}/booths/auto-assign`)).status()).toBe(200);
});
afterAll(async () => { await browser?.close(); });

async function typeCode(page: Page, code: string) {
  await page.getByLabel('或输入门票短码').fill(code);
  await page.getByRole('button', { name: '签到', exact: true }).click();
}

describe('the fair day on phones', () => {
  it('a visitor registers on his phone and gets a QR ticket; staff let him in by the typed code once; a walk-in is let in in one step', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${base()}/m`);
    await visitor.getByRole('link', { name: /招聘会/ }).click();
    await visitor.getByRole('heading', { name: '招聘会与活动' }).waitFor();
    await visitor.getByRole('link', { name: /沙坪坝区春风行动招聘会/ }).first().click();
    await visitor.getByRole('heading', { name: '沙坪坝区春风行动招聘会' }).waitFor();
    await screenshot(visitor, 'fair-event-phone');
    expect(await horizontalOverflow(visitor)).toBe(0);
    await visitor.getByRole('link', { name: '预约登记，领取入场二维码' }).click();
    // Every mistake named at once, then the ticket.
    await visitor.getByRole('button', { name: '登记并领取门票' }).click();
    await visitor.getByText('请填写姓名').waitFor();
    await visitor.getByText('请填写 11 位手机号').waitFor();
    await visitor.getByText('请阅读并同意个人信息使用说明').waitFor();
    const number = phone();
    await visitor.getByLabel('姓名', { exact: true }).fill('陈师傅');
    await visitor.getByLabel('手机号', { exact: true }).fill(number);
    await visitor.getByRole('checkbox').check();
    await screenshot(visitor, 'fair-register-phone');
    await visitor.getByRole('button', { name: '登记并领取门票' }).click();
    await visitor.getByRole('img', { name: '入场二维码' }).waitFor();
    const code = (await visitor.getByLabel('短码').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await visitor.getByText('未入场').waitFor();
    await screenshot(visitor, 'fair-ticket-phone');
    expect(await horizontalOverflow(visitor)).toBe(0);

    const before = await stats();
    const staff = await browser.newPage(PHONE);
    await loginDemo(staff, base(), 'cq-admin');
    await staff.goto(`${base()}/m/staff/events/${eventId}/checkin`);
    await staff.getByRole('heading', { name: '入场签到' }).waitFor();
    await typeCode(staff, code.toLowerCase());
    await staff.getByText(`✓ 已入场：陈师傅 ${number.slice(0, 3)}****${number.slice(-4)}`).waitFor();
    await typeCode(staff, code);
    await staff.getByText(/陈师傅 已于 \d\d:\d\d 入场，本次不重复计数/).waitFor();
    await typeCode(staff, 'ZZZZ2222');
    await staff.locator('.fd-result-failed', { hasText: '没有找到这张门票，请核对短码' }).waitFor();
    // A walk-in: name and phone, consent, in.
    const walkIn = phone();
    await staff.getByLabel('姓名', { exact: true }).fill('李大姐');
    await staff.getByLabel('手机号', { exact: true }).fill(walkIn);
    await staff.getByRole('checkbox').check();
    await staff.getByRole('button', { name: '登记并入场' }).click();
    await staff.getByText(`✓ 已入场：李大姐 ${walkIn.slice(0, 3)}****${walkIn.slice(-4)}`).waitFor();
    await screenshot(staff, 'fair-checkin-phone');
    expect(await horizontalOverflow(staff)).toBe(0);
    expect((await stats()).checkins).toBe(before.checkins + 2);

    // The visitor's ticket shows him in (the page polls).
    await visitor.reload();
    await visitor.getByText(/已入场（\d\d:\d\d）/).waitFor();
  });

  it('staff scan the ticket with the phone\'s camera', async () => {
    const { ticketCode, token } = await register('王师傅', phone());
    // Chromium's fake camera plays a video file: one frame showing the visitor's QR code.
    const video = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-cam-')), 'qr.y4m');
    writeQrVideo(video, token);
    const camera = await launch({ args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
    try {
      const staff = await camera.newPage(PHONE);
      await loginDemo(staff, base(), 'cq-admin');
      await staff.goto(`${base()}/m/staff/events/${eventId}/checkin`);
      await staff.getByRole('button', { name: '打开摄像头扫码' }).click();
      await staff.getByText(/✓ 已入场：王师傅/).waitFor({ timeout: 20_000 });
      await screenshot(staff, 'fair-camera-phone');
      await staff.getByRole('button', { name: '关闭摄像头' }).click();
      expect(camera.problems).toEqual([]);
      const check = await fetch(`${base()}/api/tickets/${encodeURIComponent(token)}`);
      expect(((await check.json()) as { checkedInAt: string | null; ticketCode: string })).toMatchObject({ ticketCode, checkedInAt: expect.any(String) });
    } finally {
      await camera.close();
    }
  });

  it('the employer scans a visitor at the booth: a talk, then an intent the visitor confirms on his phone', async () => {
    const number = phone();
    const ticket = await register('赵小妹', number);
    const before = await stats();
    const employer = await browser.newPage(PHONE);
    await loginDemo(employer, base(), 'employer-demo');
    await employer.goto(`${base()}/m/booth/events/${eventId}`);
    await employer.getByRole('heading', { name: /号展位$/ }).waitFor();
    await employer.getByLabel('或输入门票短码').fill(ticket.ticketCode);
    await employer.getByRole('button', { name: '确定' }).click();
    await employer.getByText(`观众 ${ticket.ticketCode}`).waitFor();
    await employer.locator('.fd-check input').first().check();
    await employer.getByRole('radio', { name: '4 星' }).click();
    await employer.getByLabel('备注（可不填）').fill('有叉车证');
    await screenshot(employer, 'fair-booth-phone');
    expect(await horizontalOverflow(employer)).toBe(0);
    await employer.getByRole('button', { name: '保存' }).click();
    await employer.locator('.fd-result-ok', { hasText: '咨询 · 赵小妹' }).waitFor();

    await employer.getByLabel('或输入门票短码').fill(ticket.ticketCode);
    await employer.getByRole('button', { name: '确定' }).click();
    await employer.getByRole('radio', { name: '就业意向' }).click();
    await employer.getByRole('button', { name: '保存' }).click();
    await employer.getByText('请选择一个岗位').waitFor();
    await employer.getByText('请填写月薪').waitFor();
    await employer.locator('.fd-check input').first().check();
    await employer.getByLabel('约定月薪（元）').fill('6500');
    await employer.getByRole('button', { name: '保存' }).click();
    await employer.locator('.fd-result-ok', { hasText: '就业意向 · 赵小妹' }).waitFor();
    expect(await stats()).toMatchObject({ consultations: before.consultations + 1, intents: before.intents });

    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${base()}/m/tickets/${encodeURIComponent(ticket.token)}`);
    await visitor.getByText('月薪 6500 元', { exact: false }).waitFor();
    await visitor.getByRole('button', { name: '确认意向' }).click();
    await screenshot(visitor, 'fair-intent-phone');
    await visitor.getByRole('group', { name: '确认您的答复' }).getByRole('button', { name: /确\s*定/ }).click();
    await visitor.getByText('已确认').waitFor();
    expect((await stats()).intents).toBe(before.intents + 1);
    expect(browser.problems).toEqual([]);
  });

  it('through a minute without network, check-ins and booth scans wait on the phone and all go once it is back: nothing lost, nothing twice', async () => {
    const visitors = await Promise.all(['周一', '吴二', '郑三'].map((name) => register(name, phone())));
    const before = await stats();
    const staff = await browser.newPage(PHONE);
    await loginDemo(staff, base(), 'cq-admin');
    await staff.goto(`${base()}/m/staff/events/${eventId}/checkin`);
    await staff.getByRole('heading', { name: '入场签到' }).waitFor();
    let networkUp = true;
    // The employer's phone is another phone (its own cookies and network).
    const employerPhone = await launch();
    const employer = await employerPhone.newPage(PHONE);
    await loginDemo(employer, base(), 'employer-demo');
    await employer.goto(`${base()}/m/booth/events/${eventId}`);
    await employer.getByRole('heading', { name: /号展位$/ }).waitFor();
    const offline = async (off: boolean) => {
      networkUp = !off;
      await Promise.all([browser.context.setOffline(off), employerPhone.context.setOffline(off)]);
    };

    // The first answer is lost on the way back (the server did the check-in): the phone sends it
    // again with the same key and is told the first result.
    // (Interception sees requests before the offline switch does, so it keeps the cut itself.)
    let dropped = 0;
    await staff.route('**/api/events/*/checkins', async (route) => {
      if (!networkUp) await route.abort('internetdisconnected');
      else if (dropped++ === 0) { await route.fetch(); await route.abort('connectionreset'); } else await route.continue();
    });
    const started = Date.now();
    await offline(true);
    await staff.getByText('离线').waitFor();
    for (const v of visitors) await typeCode(staff, v.ticketCode);
    await typeCode(staff, visitors[0]!.ticketCode); // the same visitor twice
    await staff.getByLabel('姓名', { exact: true }).fill('现场观众');
    await staff.getByLabel('手机号', { exact: true }).fill(phone());
    await staff.getByRole('checkbox').check();
    await staff.getByRole('button', { name: '登记并入场' }).click();
    await staff.getByText('5 条待发送').waitFor();
    await staff.getByText(/已暂存在手机上，联网后自动提交/).waitFor();
    for (const v of visitors.slice(0, 2)) {
      await employer.getByLabel('或输入门票短码').fill(v.ticketCode);
      await employer.getByRole('button', { name: '确定' }).click();
      await employer.getByRole('button', { name: '保存' }).click();
    }
    await employer.getByText('2 条待发送').waitFor();
    await screenshot(staff, 'fair-offline-phone');
    // Nothing reached the server while the phones were cut off (the test's own fetch is not a phone).
    expect(await stats()).toMatchObject({ checkins: before.checkins, consultations: before.consultations });
    await staff.waitForTimeout(Math.max(0, 60_000 - (Date.now() - started)));
    expect(await staff.getByText('5 条待发送').count()).toBe(1);

    await offline(false);
    await staff.getByText('全部已提交').waitFor({ timeout: 30_000 });
    await employer.getByText('全部已提交').waitFor({ timeout: 30_000 });
    expect(dropped).toBeGreaterThan(1);
    await staff.getByText(/周一 已于 \d\d:\d\d 入场，本次不重复计数|周一 · .* · 重复入场/).first().waitFor();
    // Four people came in (three tickets and the walk-in); the repeat and the lost answer count nothing.
    expect(await stats()).toMatchObject({ checkins: before.checkins + 4, consultations: before.consultations + 2 });
    // A reload finds the phone's list as it was.
    await staff.reload();
    await staff.getByText('全部已提交').waitFor();
    expect(await staff.locator('.fd-write-done').count()).toBeGreaterThanOrEqual(5);
    const networkCut = /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|ERR_FAILED|Failed to load resource/;
    expect([...browser.problems, ...employerPhone.problems].filter((p) => !networkCut.test(p))).toEqual([]);
    await employerPhone.close();
  }, 180_000);
});

/** A one-frame Y4M video (Chromium's fake camera format) with `text` as a QR code in the middle. */
function writeQrVideo(file: string, text: string) {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor(380 / (n + 8));
  const side = (n + 8) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = top + (r + 4) * scale + dy;
        y.fill(16, row * width + left + (c + 4) * scale, row * width + left + (c + 5) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma, chroma]));
}
