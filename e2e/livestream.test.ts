import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, screenshot, type Browser } from './browser.js';

// A livestream session (issue 5 §6): the host runs the console at a desk while viewers follow the
// room on their phones (375 px). Pinning a job, entering the viewer count and an in-room
// application reach the phone over SSE without a reload. Two browsers: the host and a viewer.

const base = () => inject('baseUrl');
let host: Browser;
let viewer: Browser;
beforeAll(async () => { [host, viewer] = await Promise.all([launch(), launch()]); });
afterAll(async () => { await Promise.all([host?.close(), viewer?.close()]); });

async function demoLivestream(page: Page) {
  const seasons = await (await page.request.get(`${base()}/api/seasons`)).json();
  const season = seasons.items.find((s: { name: string }) => s.name === '2023年川渝就业服务季');
  const events = await (await page.request.get(`${base()}/api/seasons/${season.id}/events`, { params: { kind: 'livestream', pageSize: 1 } })).json();
  return { seasonId: season.id as number, event: events.items[0] as { id: number; name: string } };
}

describe('livestream room and console', () => {
  it('the host pins a job and the phone shows it on top without a reload; viewers and an in-room application tick the counters', async () => {
    const phone = await viewer.newPage(PHONE);
    const { seasonId, event } = await demoLivestream(phone);
    await phone.goto(`${base()}/m/live/${event.id}`);
    await phone.getByRole('heading', { name: event.name }).waitFor();
    await phone.locator('.live-link-state.is-on').waitFor();
    const cards = phone.locator('.live-jobs .live-job');
    expect(await cards.count()).toBe(10);
    await phone.locator('.live-phase', { hasText: '直播已结束' }).waitFor();
    expect(await phone.locator('.live-on-air').count()).toBe(0);
    expect(await phone.getByRole('link', { name: /打开.+直播间/ }).getAttribute('href')).toMatch(/^https:\/\/live\.example\.cn\//);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    // Marks this document: still there after the pushes means nothing reloaded the page.
    await phone.evaluate(() => { (window as unknown as { liveMark: number }).liveMark = 1; });

    // The host (the season's federation) opens the console at a desk.
    const desk = await host.newPage(DESKTOP);
    await loginDemo(desk, base(), 'cq-admin');
    await desk.goto(`${base()}/admin/events/${event.id}/live`);
    await desk.getByRole('heading', { name: event.name }).waitFor();
    await desk.getByText('未置顶：观众看到的是岗位清单').waitFor();
    const rows = desk.locator('.live-console-list li');
    expect(await rows.count()).toBe(10);
    const third = rows.nth(2);
    const title = (await third.locator('.live-console-title-text').textContent())!.trim();
    await third.getByRole('button', { name: /置顶讲解/ }).click();
    await desk.getByTestId('on-air').getByRole('heading', { name: title }).waitFor();

    // The phone: the job on air on top, marked in the list, without a reload.
    const onAir = phone.locator('.live-on-air .live-job');
    await expect.poll(() => onAir.locator('.m-job-title').textContent(), { timeout: 5_000 }).toBe(title);
    await phone.locator('.live-on-air-label', { hasText: '正在讲解' }).waitFor();
    await cards.nth(2).locator('.live-badge', { hasText: '讲解中' }).waitFor();

    // Reordering in the console: the third goes first, on the phone too.
    await third.getByRole('button', { name: '上移' }).click();
    await rows.nth(1).locator('.live-console-job-title', { hasText: title }).waitFor();
    await rows.nth(1).getByRole('button', { name: '上移' }).click();
    await rows.nth(0).locator('.live-console-job-title', { hasText: title }).waitFor();
    await expect.poll(() => cards.nth(0).locator('.m-job-title').textContent(), { timeout: 5_000 }).toBe(title);

    // Viewers entered at the desk.
    await desk.getByLabel('观看人数').fill('32100');
    await desk.getByRole('button', { name: /更\s*新/ }).click();
    await desk.getByText('观看人数已更新为 32,100').waitFor();
    await expect.poll(() => phone.locator('[data-counter="viewers"]').textContent(), { timeout: 5_000 }).toBe('32,100');

    // "Present next" moves the pin along the live order.
    const second = (await rows.nth(1).locator('.live-console-title-text').textContent())!.trim();
    await desk.getByRole('button', { name: /讲解下一个/ }).click();
    await expect.poll(() => onAir.locator('.m-job-title').textContent(), { timeout: 5_000 }).toBe(second);
    await desk.setViewportSize({ width: DESKTOP.width, height: 1200 });
    await screenshot(desk, 'live-console');

    // An anonymous viewer who taps apply is asked to log in first.
    const applyButton = onAir.getByRole('button', { name: '投递' });
    await applyButton.click();
    await phone.getByRole('dialog', { name: '登录后投递' }).waitFor();
    await phone.getByRole('button', { name: '再看看' }).click();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, 'live-room-375');
    expect((await phone.evaluate(() => (window as unknown as { liveMark?: number }).liveMark))).toBe(1);

    // seeker-demo applies from the room: counted for the session, on every phone.
    const before = Number((await phone.locator('[data-counter="applications"]').textContent())!.replace(/,/g, ''));
    await loginDemo(phone, base(), 'seeker-demo');
    await phone.reload();
    await onAir.getByRole('button', { name: '投递' }).click();
    await onAir.getByText('投递成功！可在“我的投递”查看进度').waitFor();
    await onAir.getByRole('link', { name: '已投递' }).waitFor();
    await expect.poll(async () => Number((await phone.locator('[data-counter="applications"]').textContent())!.replace(/,/g, '')), { timeout: 5_000 }).toBe(before + 1);
    await expect.poll(async () => Number((await desk.locator('.ant-statistic', { hasText: '直播间投递' }).locator('.ant-statistic-content').textContent())!.replace(/,/g, '')), { timeout: 5_000 })
      .toBe(before + 1);

    // The console at 375 px: everything reachable, nothing wider than the screen.
    await desk.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(desk)).toBeLessThanOrEqual(0);
    await desk.evaluate(() => window.scrollTo(0, 0));
    await screenshot(desk, 'live-console-375');
    // The room at a desk's width.
    await phone.setViewportSize(DESKTOP);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'live-room-desktop');

    // A new session without jobs yet: the deliberate empty state; a room that does not exist: the error state.
    const created = await desk.request.post(`${base()}/api/seasons/${seasonId}/events`, {
      data: {
        kind: 'livestream', name: '川渝直播带岗加场', regionCode: '500105', startsAt: new Date(Date.now() - 600_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(), livestream: { platform: '视频号', streamUrl: 'https://live.example.cn/chuanyu/extra' }, status: 'open',
      },
    });
    expect(created.status()).toBe(201);
    await phone.setViewportSize(PHONE);
    await phone.goto(`${base()}/m/live/${(await created.json()).id}`);
    await phone.getByText('主播还没有上架岗位').waitFor();
    await phone.locator('.live-phase', { hasText: '直播中' }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'live-room-empty-375');
    await phone.goto(`${base()}/m/live/999999999`);
    await phone.getByText('直播间不存在或尚未开放').waitFor();
    await screenshot(phone, 'live-room-missing-375');

    // Staff of another union see the room but not the console.
    await loginDemo(desk, base(), 'dz-union');
    await desk.setViewportSize(DESKTOP);
    await desk.goto(`${base()}/admin/events/${event.id}/live`);
    await desk.getByText('只有主办工会和服务季主办方可以管理本场直播').waitFor();

    await Promise.all([desk.close(), phone.close()]);
    expect(host.problems).toEqual([]);
    expect(viewer.problems).toEqual([]);
  });
});
