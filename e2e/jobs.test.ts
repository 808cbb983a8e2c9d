import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { horizontalOverflow, launch, PHONE, screenshot, type Browser } from './browser.js';

// A worker on a phone (issue 4 §6): search, filter, open a job, log in, apply in one tap, follow the
// application; the profile with its privacy choice. 375 px, zh-CN, against the demo season.

const base = () => inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('job search on a phone', () => {
  it('searches, filters by province, opens a job, logs in and applies; the application shows in "my applications"', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m/jobs?q=${encodeURIComponent('电工')}`);
    await page.locator('.m-job').first().waitFor();
    await expect.poll(() => page.locator('.m-count').textContent()).toMatch(/共 [\d,]+ 个岗位/);
    expect(await page.locator('.m-job-title em').first().textContent()).toBe('电工');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-search');

    await page.getByRole('button', { name: /筛选/ }).click();
    await page.getByRole('dialog', { name: '筛选' }).waitFor();
    await screenshot(page, 'm-filter');
    await page.getByRole('button', { name: /^四川省/ }).click();
    await page.getByRole('button', { name: /查看 [\d,]+ 个岗位/ }).click();
    await page.waitForURL(/region=510000/);
    await page.locator('.m-job').first().waitFor();
    const place = await page.locator('.m-job-meta').nth(1).textContent();
    expect(place).toContain('四川省');

    // Scrolling to the end loads the next page.
    const before = await page.locator('.m-job').count();
    await page.locator('.m-more').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.m-job').count()).toBeGreaterThan(before);

    await page.locator('.m-job').first().click();
    await page.locator('.m-job-page-title').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const title = await page.locator('.m-job-page-title').textContent();
    await screenshot(page, 'm-job');
    await page.getByRole('button', { name: '登录后投递' }).click();
    await page.waitForURL(/\/m\/login\?next=/);
    await page.getByLabel('用户名或手机号').fill('seeker-demo');
    await page.getByLabel('密码').fill('chuanyu-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/m\/jobs\/\d+/);
    await page.getByRole('button', { name: '立即投递' }).click();
    await page.getByRole('status').filter({ hasText: '投递成功' }).waitFor();
    await screenshot(page, 'm-applied');

    await page.getByRole('link', { name: '查看我的申请' }).click();
    await page.waitForURL(/\/m\/applications/);
    const item = page.locator('.m-job', { hasText: title ?? '' });
    await item.waitFor();
    expect(await item.locator('.m-status').textContent()).toBe('待查看');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-applications');
    const postingId = Number(/\/m\/jobs\/(\d+)/.exec((await item.locator('a').first().getAttribute('href')) ?? '')?.[1]);

    // The union of that Sichuan posting sees the applicant (name masked in the list), opens him
    // (phone masked until he accepts), and invites him to an interview with a note.
    const desk = await browser.newPage({ width: 1280, height: 860 });
    expect((await desk.request.post(`${base()}/api/auth/login`, { data: { login: 'sc-admin', password: 'chuanyu-demo' } })).status()).toBe(200);
    await desk.goto(`${base()}/admin/postings?posting=${postingId}`);
    await desk.getByRole('tab', { name: '应聘者' }).click();
    await desk.getByRole('cell', { name: '赵*川' }).click();
    await desk.getByText('求职者接受面试邀请后可见').waitFor();
    await desk.getByLabel('备注').fill('周三上午九点，带上电工证');
    await desk.getByRole('button', { name: '邀请面试' }).click();
    await desk.getByText('周三上午九点，带上电工证').waitFor();
    await screenshot(desk, 'admin-applicant');
    await desk.close();
    // The same pipeline on the union staffer's phone.
    const small = await browser.newPage(PHONE);
    expect((await small.request.post(`${base()}/api/auth/login`, { data: { login: 'sc-admin', password: 'chuanyu-demo' } })).status()).toBe(200);
    await small.goto(`${base()}/admin/postings?posting=${postingId}`);
    await small.getByRole('tab', { name: '应聘者' }).click();
    await small.getByRole('cell', { name: '赵*川' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await screenshot(small, 'admin-applicants-375');
    // And the phone pages on a desktop screen stay a readable column.
    await small.setViewportSize({ width: 1280, height: 860 });
    await small.goto(`${base()}/m/jobs?q=${encodeURIComponent('电工')}`);
    await small.locator('.m-job').first().waitFor();
    await screenshot(small, 'm-search-desktop');
    await small.close();
    // One browser context, one cookie jar: the seeker logs in again on his phone.
    expect((await page.request.post(`${base()}/api/auth/login`, { data: { login: 'seeker-demo', password: 'chuanyu-demo' } })).status()).toBe(200);
    await page.reload();
    await page.locator('.m-job', { hasText: title ?? '' }).locator('.m-status', { hasText: '邀请面试' }).waitFor();
    await page.getByRole('button', { name: '接受面试' }).click();
    await page.locator('.m-job', { hasText: title ?? '' }).getByRole('button', { name: '接受面试' }).waitFor({ state: 'detached' });
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('says so when nothing matches, and offers to clear the filters', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base()}/m/jobs?q=${encodeURIComponent('宇航员')}&salaryMin=10000`);
    await page.getByText('没有找到“宇航员”相关的岗位').waitFor();
    await page.getByRole('button', { name: '清除筛选条件' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-search-empty');
    await page.close();
  });

  it('keeps the seeker\'s profile and names a bad 身份证号; the sign-up page asks for consent', async () => {
    const page = await browser.newPage(PHONE);
    const res = await page.request.post(`${base()}/api/auth/login`, { data: { login: 'seeker-demo', password: 'chuanyu-demo' } });
    expect(res.status()).toBe(200);
    await page.goto(`${base()}/m/profile`);
    await page.getByRole('heading', { name: '我的求职资料' }).waitFor();
    await page.getByLabel('身份证号（选填）').fill('510602199001011230');
    await page.getByLabel('技能证书').fill('高压电工证、装表接电');
    await page.getByLabel('期望岗位（最多 5 个）').selectOption({ label: '焊工' });
    await page.getByRole('button', { name: '移除“焊工”' }).waitFor();
    await page.getByLabel('简历可见范围').selectOption('none');
    // Home opens where the demo seeker lives; a wanted place is picked level by level.
    await expect.poll(() => page.getByLabel('我的所在地（区县）：区/县').inputValue()).toBe('511681');
    await page.getByLabel('期望工作地点：省/直辖市').selectOption({ label: '重庆市' });
    await page.getByLabel('期望工作地点：区/县').selectOption({ label: '渝北区' });
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('button', { name: '移除“重庆市 渝北区”' }).waitFor();
    await page.getByText('我的所在地（区县）').scrollIntoViewIfNeeded();
    await screenshot(page, 'm-profile-regions');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.m-field-error').filter({ hasText: '身份证' }).waitFor();
    await page.getByLabel('身份证号（选填）').fill('');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-profile');
    const profile = await (await page.request.get(`${base()}/api/me/profile`)).json();
    expect(profile).toMatchObject({ skills: ['高压电工证', '装表接电'], resumeVisibility: 'none' });
    expect(profile.desiredJobTypes.map((j: { code: string }) => j.code)).toEqual(['electrician', 'meter-installer', 'welder']);
    expect(profile.region.code).toBe('511681');
    expect(profile.desiredRegions.map((r: { code: string }) => r.code)).toContain('500112');

    // A résumé file: a text file calling itself .pdf is refused by its content; a real PDF is kept.
    const upload = page.locator('input[type=file]');
    await upload.setInputFiles({ name: '简历.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByRole('alert').filter({ hasText: '只能上传以下类型的文件' }).waitFor();
    await upload.setInputFiles({ name: '简历.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('link', { name: '简历.pdf' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-profile-resume');

    await page.request.post(`${base()}/api/auth/logout`);
    await page.goto(`${base()}/m/register`);
    await page.getByRole('heading', { name: '求职者注册' }).waitFor();
    await page.getByLabel('手机号（用于登录）').fill('13800000001');
    await page.getByLabel('姓名').fill('测试');
    await page.getByLabel('密码（至少 8 位，含字母和数字）').fill('Seeker-2023');
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.locator('.m-field-error').filter({ hasText: '同意' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'm-register');
    await page.close();
  });
});
