import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { horizontalOverflow, launch, screenshot, type Browser } from './browser.js';

const base = () => inject('baseUrl');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('admin console', () => {
  it('cq-admin logs in and sees the console with the menu of their role', async () => {
    const page = await browser.newPage(DESKTOP);
    await page.goto(`${base()}/login`);
    await page.getByText('川渝工会协作平台').first().waitFor();
    await page.getByText('cq-admin').first().waitFor(); // demo hint
    await screenshot(page, 'login-desktop');
    await page.getByLabel('用户名或手机号').fill('cq-admin');
    await page.getByLabel('密码', { exact: true }).fill('chuanyu-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin/);
    await page.getByText('陈立').first().waitFor();
    await page.getByText('重庆市总工会').first().waitFor();
    for (const item of ['工作台', '用户管理', '工会组织', '审计日志']) {
      await page.getByRole('menuitem', { name: new RegExp(item) }).first().waitFor();
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-dashboard');

    await page.getByRole('menuitem', { name: /用户管理/ }).first().click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByRole('cell', { name: 'jb-union' }).waitFor();
    // 重庆市总工会 staff never see Sichuan accounts.
    expect(await page.getByRole('cell', { name: 'ga-union' }).count()).toBe(0);
    await screenshot(page, 'admin-users');

    await page.getByRole('menuitem', { name: /审计日志/ }).first().click();
    await page.waitForURL(/\/admin\/audit/);
    await page.getByRole('columnheader', { name: '操作人' }).waitFor();
    await page.getByRole('cell', { name: '登录', exact: true }).first().waitFor();
    await screenshot(page, 'admin-audit');

    await page.getByRole('menuitem', { name: /工会组织/ }).first().click();
    await page.getByRole('cell', { name: '四川省总工会' }).waitFor();
    await screenshot(page, 'admin-unions');
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('shows the Chinese error for a wrong password and stays on the login page', async () => {
    const page = await browser.newPage(DESKTOP);
    await page.goto(`${base()}/login`);
    await page.getByLabel('用户名或手机号').fill('cq-admin');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    expect(page.url()).toContain('/login');
    await page.close();
  });

  it('works at 375 px for a city union: drawer menu, table scrolling inside its card', async () => {
    const page = await browser.newPage(PHONE);
    const res = await page.request.post(`${base()}/api/auth/login`, { data: { login: 'ga-union', password: 'chuanyu-demo' } });
    expect(res.status()).toBe(200);
    await page.goto(`${base()}/admin/users`);
    await page.getByRole('cell', { name: 'hy-union' }).waitFor(); // 华蓥市 lies under 广安市
    expect(await page.getByRole('cell', { name: 'dz-union' }).count()).toBe(0); // 达州市 does not
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-users-375');
    await page.getByRole('button', { name: 'menu' }).click();
    await page.getByRole('menuitem', { name: /审计日志/ }).first().waitFor();
    await screenshot(page, 'admin-menu-375');
    await page.close();
  });

  it('sends a non-staff user who opens /admin to a deliberate 403 page', async () => {
    const page = await browser.newPage(DESKTOP);
    const res = await page.request.post(`${base()}/api/auth/login`, { data: { login: 'judge-demo', password: 'chuanyu-demo' } });
    expect(res.status()).toBe(200);
    await page.goto(`${base()}/admin`);
    await page.getByText('403').first().waitFor();
    await page.request.post(`${base()}/api/auth/logout`);
    await page.close();
  });
});

describe('mobile', () => {
  it('seeker-demo logs in at 375 px and gets the mobile home, nothing overflowing', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m`);
    await page.getByText('川渝工会协作平台').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-home-anonymous');
    await page.goto(`${base()}/m/login`);
    await page.getByLabel('用户名或手机号').fill('seeker-demo');
    await page.getByLabel('密码', { exact: true }).fill('chuanyu-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => url.pathname === '/m' || url.pathname === '/m/');
    await page.getByText('找工作').first().waitFor();
    await page.getByRole('heading', { name: '我的申请' }).waitFor();
    await page.getByRole('heading', { name: '为你推荐' }).waitFor();
    await page.locator('.m-reason').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-home');
    await page.goto(`${base()}/m/me`);
    await page.getByText('赵小川').first().waitFor();
    await page.getByText('138****0105').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-me');
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('shows the wrong-password error on the phone too', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m/login`);
    await page.getByLabel('用户名或手机号').fill('seeker-demo');
    await page.getByLabel('密码', { exact: true }).fill('wrong-one-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.close();
  });

  it('has a deliberate 404 page', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m/no-such-page`);
    await page.getByText('404').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-404');
    await page.close();
  });
});
