import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postingSearchTokens } from '../src/server/modules/jobs/search/search.service.js';
import { multipart, zip } from './spreadsheets.js';
import { createTestApp, loginAs, makeEmployer, makeEnterprise, makeUser, randomPhone, uniqueSuffix, type TestApp } from './helpers.js';

// Seekers and applications (issue 4 §3, §5), with the permissions: an employer sees only
// applicants to its own postings, a seeker only his own applications.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

// A 身份证号 with its GB 11643 check character.
const ID_CARD_VALID = (() => {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = '51060219900101123';
  const sum = [...body].reduce((n, c, i) => n + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
})();

async function registerSeeker(name = '张师傅') {
  const phone = randomPhone();
  const res = await t.app.inject({ method: 'POST', url: '/api/seekers/register', payload: { phone, password: 'Seeker-2023', name, consent: true } });
  expect(res.statusCode).toBe(201);
  const cookie = res.cookies.find((c) => c.name === 'chuanyu_session')!;
  return { phone, cookie: `chuanyu_session=${cookie.value}`, id: res.json().user.id as string };
}

async function publishedPosting(region = '500112') {
  const enterprise = await makeEnterprise(t.ctx, { region });
  const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow();
  const title = `电工${uniqueSuffix()}`;
  const tokens = await postingSearchTokens(t.ctx.db, { title, enterpriseName: enterprise.name, regionCode: region, benefits: [], descriptionHtml: '' });
  const posting = await t.ctx.db.insertInto('postings').values({
    enterprise_id: enterprise.id, owner_union_id: union.id, title, job_type_code: 'electrician', industry_section: 'C', industry_division: null,
    region_code: region, salary_negotiable: false, salary_min: 6000, salary_max: 8000, headcount: 2, education: 'none', experience: 'none',
    description_html: '', benefits: [], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
    valid_from: '2020-01-01', valid_until: '2099-12-31', status: 'published', published_at: new Date(), reviewed_by: null, created_by: null,
    search_tokens: tokens,
  }).returning('id').executeTakeFirstOrThrow();
  const employer = await makeEmployer(t.ctx, enterprise.id);
  return { id: posting.id, title, enterprise, employer: await loginAs(t.app, employer.username) };
}

describe('seekers', () => {
  it('sign up by phone with consent; without consent nothing is created', async () => {
    const phone = randomPhone();
    const refused = await t.app.inject({ method: 'POST', url: '/api/seekers/register', headers: { 'accept-language': 'zh-CN' }, payload: { phone, password: 'Seeker-2023', name: '李四' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues).toEqual([{ path: 'consent', message: expect.stringContaining('同意') }]);
    const seeker = await registerSeeker();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: seeker.cookie } });
    expect(me.json().user.roles).toEqual(['seeker']);
    const again = await t.app.inject({ method: 'POST', url: '/api/seekers/register', payload: { phone: seeker.phone, password: 'Seeker-2023', name: '重复', consent: true } });
    expect(again.statusCode).toBe(409);
  });

  it('keeps a profile: every bad field named at once, the 身份证号 encrypted and masked, unique', async () => {
    const seeker = await registerSeeker();
    const bad = await t.app.inject({
      method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie, 'accept-language': 'zh-CN' },
      payload: { idCard: `${ID_CARD_VALID.slice(0, 17)}${ID_CARD_VALID.endsWith('0') ? '1' : '0'}`, desiredJobTypes: ['no-such-type'], desiredRegions: ['999999'], desiredSalary: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['desiredSalary', 'idCard']);
    const bad2 = await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie }, payload: { desiredJobTypes: ['no-such-type'], desiredRegions: ['999999'] } });
    expect((bad2.json().issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['desiredJobTypes.0', 'desiredRegions.0']);
    const ok = await t.app.inject({
      method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie },
      payload: { idCard: ID_CARD_VALID, regionCode: '511702', education: 'vocational', skills: ['高压电工证', '装表接电'], desiredJobTypes: ['electrician'], desiredSalary: 6000, resumeText: '十年电工经验' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ idCardMasked: expect.stringMatching(/^5106\*+\w{4}$/), region: { name: '通川区' }, desiredJobTypes: [{ code: 'electrician', name: expect.any(String) }] });
    const stored = await t.ctx.db.selectFrom('seeker_profiles').select(['id_card_enc']).where('user_id', '=', seeker.id).executeTakeFirstOrThrow();
    expect(stored.id_card_enc!.toString('latin1')).not.toContain(ID_CARD_VALID);
    const other = await registerSeeker('王五');
    const taken = await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: other.cookie }, payload: { idCard: ID_CARD_VALID } });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().issues[0]).toMatchObject({ path: 'idCard' });
  });

  it('is for seekers only', async () => {
    const staff = await makeUser(t.ctx, { roles: ['union_staff'], region: '500112' });
    const cookie = await loginAs(t.app, staff.username);
    expect((await t.app.inject({ url: '/api/me/profile', headers: { cookie } })).statusCode).toBe(403);
  });
});

describe('applications', () => {
  it('apply once: a retry with the same key returns the first answer, a second apply is 409', async () => {
    const seeker = await registerSeeker();
    const posting = await publishedPosting();
    const headers = { cookie: seeker.cookie, 'idempotency-key': `apply-${uniqueSuffix()}`, 'accept-language': 'zh-CN' };
    const first = await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers, payload: { message: '有高压电工证' } });
    expect(first.statusCode).toBe(201);
    const retry = await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers, payload: { message: '有高压电工证' } });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const second = await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie, 'accept-language': 'zh-CN' } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'hiring.already_applied', message: `您已投递过“${posting.title}”，无需重复投递` });
    const rows = await t.ctx.db.selectFrom('applications').select('id').where('posting_id', '=', posting.id).execute();
    expect(rows).toHaveLength(1);
    expect((await t.app.inject({ method: 'POST', url: '/api/jobs/999999999/applications', headers: { cookie: seeker.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: posting.employer } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications` })).statusCode).toBe(401);
  });

  it('moves through the pipeline: the phone shows only after the seeker accepts an interview, every look is audited', async () => {
    const seeker = await registerSeeker('赵电工');
    await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie }, payload: { resumeText: '持高压电工证，十年经验', skills: ['配电检修'] } });
    const posting = await publishedPosting();
    const applied = (await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie } })).json();

    const list = await t.app.inject({ url: `/api/postings/${posting.id}/applications`, headers: { cookie: posting.employer } });
    expect(list.json()).toMatchObject({ total: 1, counts: { new: 1 }, items: [{ id: applied.id, status: 'new', applicant: { name: '赵*工', skills: ['配电检修'] } }] });

    const opened = (await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer } })).json();
    expect(opened).toMatchObject({ status: 'viewed', applicant: { name: '赵电工', phoneVisible: false, resume: '持高压电工证，十年经验' } });
    expect(opened.applicant.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(opened.actions).toEqual(['interview', 'intent', 'hired', 'rejected']);

    const invited = await t.app.inject({ method: 'PATCH', url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer }, payload: { status: 'interview', note: '周三上午面试', version: opened.version } });
    expect(invited.json()).toMatchObject({ status: 'interview', history: expect.arrayContaining([expect.objectContaining({ to: 'interview', note: '周三上午面试' })]) });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer }, payload: { note: 'x', version: opened.version } });
    expect(stale.statusCode).toBe(409);

    const mine = await t.app.inject({ url: '/api/me/applications', headers: { cookie: seeker.cookie } });
    expect(mine.json().items[0]).toMatchObject({ id: applied.id, status: 'interview', interviewAccepted: false, posting: { title: posting.title } });
    expect((await t.app.inject({ method: 'POST', url: `/api/applications/${applied.id}/accept-interview`, headers: { cookie: seeker.cookie } })).json()).toMatchObject({ interviewAccepted: true });

    const now = (await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer } })).json();
    expect(now.applicant).toMatchObject({ phone: seeker.phone, phoneVisible: true });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['fields']).where('action', '=', 'application.view').where('subject_id', '=', String(applied.id)).execute();
    expect(audit.map((a) => a.fields)).toEqual(expect.arrayContaining([['resume'], ['phone', 'resume']]));

    const hired = await t.app.inject({ method: 'PATCH', url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer }, payload: { status: 'hired', version: now.version } });
    expect(hired.json().status).toBe('hired');
    const late = await t.app.inject({ method: 'POST', url: `/api/applications/${applied.id}/withdraw`, headers: { cookie: seeker.cookie, 'accept-language': 'zh-CN' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('hiring.bad_transition');
  });

  it('hides the résumé when the seeker says nobody may see it, and lets him withdraw', async () => {
    const seeker = await registerSeeker();
    await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie }, payload: { resumeText: '私密简历', resumeVisibility: 'none' } });
    const posting = await publishedPosting();
    const applied = (await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie } })).json();
    const seen = (await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer } })).json();
    expect(seen.applicant).toMatchObject({ resume: null, resumeHidden: true });
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/applications/${applied.id}/withdraw`, headers: { cookie: seeker.cookie } });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('keeps employers to their own applicants and seekers to their own applications', async () => {
    const seeker = await registerSeeker();
    const posting = await publishedPosting('500112');
    const other = await publishedPosting('500106');
    const applied = (await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie } })).json();
    // Another enterprise's employer, another district's union, another seeker: not found.
    expect((await t.app.inject({ url: `/api/postings/${posting.id}/applications`, headers: { cookie: other.employer } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: other.employer } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/applications/${applied.id}`, headers: { cookie: other.employer }, payload: { status: 'rejected', version: 1 } })).statusCode).toBe(404);
    const shapingba = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500106' })).username);
    expect((await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: shapingba } })).statusCode).toBe(404);
    const stranger = await registerSeeker();
    expect((await t.app.inject({ method: 'POST', url: `/api/applications/${applied.id}/withdraw`, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/me/applications', headers: { cookie: stranger.cookie } })).json()).toEqual({ total: 0, items: [] });
    // The owning district's union and the federation may look, and viewing as staff leaves it "new".
    const yubei = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500112' })).username);
    const asStaff = await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: yubei } });
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.json().status).toBe('new');
  });
});

describe('résumé files', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const put = (cookie: string, file: { name: string; data: Buffer; type?: string }) =>
    t.app.inject({ method: 'PUT', url: '/api/me/resume', ...withCookie(multipart({}, file), cookie) });
  const withCookie = (body: ReturnType<typeof multipart>, cookie: string) => ({ payload: body.payload, headers: { ...body.headers, cookie, 'accept-language': 'zh-CN' } });

  it('takes a PDF, Word document or photo by its content, sealed at rest, replaced and removed', async () => {
    const seeker = await registerSeeker();
    const up = await put(seeker.cookie, { name: '../../简历 张师傅.pdf', data: pdf, type: 'application/pdf' });
    expect(up.statusCode).toBe(200);
    expect(up.json().resumeFile).toMatchObject({ name: '简历 张师傅.pdf', mime: 'application/pdf', size: pdf.length });
    const stored = await t.ctx.db.selectFrom('stored_files').select(['content_enc', 'owner_user_id']).where('id', '=', up.json().resumeFile.id).executeTakeFirstOrThrow();
    expect(stored.owner_user_id).toBe(seeker.id);
    expect(stored.content_enc.includes(Buffer.from('%PDF'))).toBe(false);
    const back = await t.app.inject({ url: '/api/me/resume', headers: { cookie: seeker.cookie } });
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('简历 张师傅.pdf')}`);
    expect(back.rawPayload.equals(pdf)).toBe(true);

    // A Word document replaces the PDF; the PDF is gone from the store.
    const docx = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const replaced = await put(seeker.cookie, { name: 'cv.docx', data: docx });
    expect(replaced.json().resumeFile).toMatchObject({ name: 'cv.docx', mime: expect.stringContaining('wordprocessingml') });
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('owner_user_id', '=', seeker.id).execute()).toHaveLength(1);

    const removed = await t.app.inject({ method: 'DELETE', url: '/api/me/resume', headers: { cookie: seeker.cookie } });
    expect(removed.json().resumeFile).toBeNull();
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('owner_user_id', '=', seeker.id).execute()).toHaveLength(0);
    expect((await t.app.inject({ url: '/api/me/resume', headers: { cookie: seeker.cookie, 'accept-language': 'zh-CN' } })).json().message).toBe('文件不存在或已删除');
  });

  it('refuses what is not a résumé, whatever its name says, and what is too large', async () => {
    const seeker = await registerSeeker();
    const exe = await put(seeker.cookie, { name: 'resume.pdf', data: Buffer.from('MZ\x90\x00 not a pdf at all'), type: 'application/pdf' });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toBe('只能上传以下类型的文件：PDF / DOCX / JPEG / PNG');
    const xlsxFile = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    expect((await put(seeker.cookie, { name: 'cv.docx', data: xlsxFile })).statusCode).toBe(415);
    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await put(seeker.cookie, { name: 'big.pdf', data: big });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toBe('文件不能超过 5 MB');
    const empty = await put(seeker.cookie, { name: 'empty.pdf', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/me/profile', headers: { cookie: seeker.cookie } })).json().resumeFile).toBeNull();
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('owner_user_id', '=', seeker.id).execute()).toHaveLength(0);
  });

  it('reaches the employer applied to, as the seeker allows, every download audited; nobody else', async () => {
    const seeker = await registerSeeker();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo of a paper résumé')]);
    await put(seeker.cookie, { name: '简历照片.jpg', data: jpeg });
    const posting = await publishedPosting();
    const other = await publishedPosting('500106');
    const applied = (await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie } })).json();
    const detail = (await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer } })).json();
    expect(detail.applicant.resumeFile).toEqual({ name: '简历照片.jpg', mime: 'image/jpeg', size: jpeg.length });
    const got = await t.app.inject({ url: `/api/applications/${applied.id}/resume`, headers: { cookie: posting.employer } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(jpeg)).toBe(true);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'fields']).where('subject_id', '=', String(applied.id)).where('action', '=', 'application.resume_file').execute();
    expect(audit).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/applications/${applied.id}/resume`, headers: { cookie: other.employer } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/applications/${applied.id}/resume`, headers: { cookie: (await registerSeeker()).cookie } })).statusCode).toBe(404);
    // "Nobody": the file disappears from the employer's view too.
    await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie }, payload: { resumeVisibility: 'none' } });
    expect((await t.app.inject({ url: `/api/applications/${applied.id}`, headers: { cookie: posting.employer } })).json().applicant.resumeFile).toBeNull();
    expect((await t.app.inject({ url: `/api/applications/${applied.id}/resume`, headers: { cookie: posting.employer } })).statusCode).toBe(404);
    // Deleting the account deletes the file.
    await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie: seeker.cookie }, payload: { password: 'Seeker-2023' } });
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('owner_user_id', '=', seeker.id).execute()).toHaveLength(0);
  });
});

describe('my data', () => {
  it('exports everything, unmasked, and deletes the account leaving only an anonymous application', async () => {
    const seeker = await registerSeeker('钱师傅');
    const card = (() => {
      const body = '51170219850505123';
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      return body + '10X98765432'[[...body].reduce((n, c, i) => n + Number(c) * weights[i]!, 0) % 11];
    })();
    await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie: seeker.cookie }, payload: { idCard: card } });
    const posting = await publishedPosting();
    const applied = (await t.app.inject({ method: 'POST', url: `/api/jobs/${posting.id}/applications`, headers: { cookie: seeker.cookie } })).json();

    const exported = await t.app.inject({ url: '/api/me/export', headers: { cookie: seeker.cookie } });
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="chuanyu-my-data-/);
    expect(exported.json()).toMatchObject({
      account: { name: '钱师傅', phone: seeker.phone }, profile: { idCard: card },
      applications: [{ id: applied.id, posting: posting.title, status: 'new', history: [{ action: 'apply', to: 'new' }] }],
    });

    const wrong = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie: seeker.cookie }, payload: { password: 'nope-nope-1' } });
    expect(wrong.statusCode).toBe(401);
    const gone = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie: seeker.cookie }, payload: { password: 'Seeker-2023' } });
    expect(gone.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: seeker.phone, password: 'Seeker-2023' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: seeker.cookie } })).statusCode).toBe(401);
    const user = await t.ctx.db.selectFrom('users').select(['name', 'phone_enc', 'phone_hash']).where('id', '=', seeker.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ name: '已注销用户', phone_enc: null, phone_hash: null });
    expect(await t.ctx.db.selectFrom('seeker_profiles').select('user_id').where('user_id', '=', seeker.id).executeTakeFirst()).toBeUndefined();
    const left = await t.ctx.db.selectFrom('applications').select(['seeker_id', 'status', 'message']).where('id', '=', applied.id).executeTakeFirstOrThrow();
    expect(left).toEqual({ seeker_id: null, status: 'withdrawn', message: null });
    const list = (await t.app.inject({ url: `/api/postings/${posting.id}/applications`, headers: { cookie: posting.employer } })).json();
    expect(list.items[0].applicant.name).toBe('已注销用户');
  });
});
