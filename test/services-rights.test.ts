import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, randomPhone, type MadeUser, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';
import { makeServicesWorld, makeIdNumber, type ServicesWorld } from './services-factory.js';
import { callerOf, makeAidMember, makeFair, makeMembership, makeRequest, makeVisitor } from './services-rights-factory.js';

// A worker's rights over his services data (issue 8 §5): the export holds everything about him
// (unmasked, his own) and nothing of anyone else's; the PDF reads the same; the sharing at a fair
// can be withdrawn; erasure — from the page or with the account — leaves no personal data in any
// services table, keeps the facts the figures need, and is audited.

let t: TestApp;
let w: ServicesWorld;
beforeAll(async () => { t = await createTestApp(); w = await makeServicesWorld(t.ctx); });
afterAll(async () => { await t.close(); });

type Json = Record<string, any>;
const call = callerOf(() => t);
const D = '/api/me/services-data';

/** A worker with everything: an online request with a thread and files, a claim, a desk record with his sharing consent, an approved card, an aid enrolment. */
async function workerWithData(worker: MadeUser) {
  const idCard = makeIdNumber('500106');
  const fair = await makeFair(t.ctx);
  const visitor = await makeVisitor(t.ctx, fair.id, { userId: worker.id, phone: worker.phone!, name: '张师傅' });
  const online = await makeRequest(t.ctx, { userId: worker.id, phone: worker.phone! });
  const aid = await makeAidMember(t.ctx, w.enterprise.id, idCard);
  const claim = await makeRequest(t.ctx, { userId: worker.id, phone: worker.phone!, kind: 'aid_claim', aidPlanId: aid.planId, status: 'open' });
  const desk = await makeRequest(t.ctx, { userId: worker.id, phone: worker.phone!, eventId: fair.id, visitorId: visitor.id, createdBy: w.staff.shapingba.id, status: 'closed' });
  const membership = await makeMembership(t.ctx, { userId: worker.id, idCard, status: 'approved' });
  await t.ctx.db.insertInto('consents').values({ user_id: worker.id, purpose: 'visitor_share', record_type: 'event_visitor', record_id: String(visitor.id), text_key: 'services.consent.visitor_share', channel: 'desk', recorded_by: w.staff.shapingba.id }).execute();
  await t.ctx.db.updateTable('event_visitors').set({ services_shared_at: new Date() }).where('id', '=', visitor.id).execute();
  return { idCard, fair, visitor, online, claim, desk, membership, aid };
}

describe('my services data', () => {
  it('exports everything about the worker, unmasked, without internal notes or anyone else\'s data, and audits it', async () => {
    const worker = await makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name: '张师傅' });
    const mine = await workerWithData(worker);
    const other = await workerWithData(w.worker2);

    const summary = await call(worker, 'GET', `${D}/summary`);
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    expect(summary.body.counts).toEqual({ requests: 2, claims: 1, memberships: 1, aidMemberships: 1, consents: 6, files: 6 });
    expect(summary.body.approvedMember).toBe(true);
    const share = summary.body.consents.find((c: Json) => c.purpose === 'visitor_share');
    expect(share).toMatchObject({ canWithdraw: true, withdrawnAt: null, channel: 'desk', text: expect.stringContaining('各服务台') });
    expect(summary.body.consents.find((c: Json) => c.purpose === 'aid_enrolment')).toMatchObject({ canWithdraw: false, channel: 'employer' });

    const before = new Date();
    const res = await call(worker, 'GET', D);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-disposition']).toMatch(/attachment; filename="chuanyu-services-data-/);
    const data = res.body;
    expect(data.person).toEqual({ name: '张师傅', phone: worker.phone, idCards: [mine.idCard] });
    expect(data.requests.map((r: Json) => r.refNo).sort()).toEqual([mine.online.refNo, mine.desk.refNo].sort());
    const online = data.requests.find((r: Json) => r.id === mine.online.id);
    expect(online).toMatchObject({ phone: worker.phone, subject: '三个月工资没发', body: '老板拖欠三个月工资共一万二千元', ownerUnion: '重庆市沙坪坝区总工会', channel: 'online', status: 'answered' });
    expect(online.messages).toEqual([
      expect.objectContaining({ author: 'worker', union: null, body: '补充：有工资条照片', files: ['工资条.png'] }),
      expect.objectContaining({ author: 'staff', union: '重庆市沙坪坝区总工会', body: '请带上劳动合同到区总工会法律援助窗口', files: ['答复.png'] }),
    ]);
    expect(data.requests.find((r: Json) => r.id === mine.desk.id)).toMatchObject({ channel: 'desk', event: mine.fair.name });
    expect(data.claims).toEqual([expect.objectContaining({ id: mine.claim.id, claim: { plan: expect.stringContaining('职工住院医疗互助'), amount: 3000, incidentOn: '2026-10-01' } })]);
    expect(data.memberships).toEqual([expect.objectContaining({ id: mine.membership.id, idCard: mine.idCard, status: 'approved', card: expect.objectContaining({ memberNo: mine.membership.member_no }) })]);
    expect(data.aidMemberships).toEqual([expect.objectContaining({ idCard: mine.idCard, enterprise: w.enterprise.name, status: 'confirmed', name: '张师傅' })]);
    expect(data.consents).toHaveLength(6);
    const text = JSON.stringify(data);
    expect(text).not.toContain('内部：老板曾有前科');
    for (const theirs of [other.online.refNo, other.claim.refNo, other.desk.refNo, other.membership.ref_no, other.idCard, w.worker2.phone!]) expect(text).not.toContain(theirs);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'subject_id']).where('actor_id', '=', worker.id).where('at', '>=', before).execute();
    expect(audit).toEqual([{ action: 'services.rights.export_json', subject_id: worker.id }]);
    // Staff and employers have no services data of their own here.
    expect((await call(w.staff.shapingba, 'GET', D)).status).toBe(403);
    expect((await call(w.agent, 'GET', `${D}/summary`)).status).toBe(403);
    expect((await t.app.inject({ url: D })).statusCode).toBe(401);
  });

  it('gives the same as a readable Chinese PDF', async () => {
    const worker = await makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name: '张师傅' });
    const mine = await workerWithData(worker);
    const res = await call(worker, 'GET', `${D}.pdf`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    expect(res.raw.headers['content-disposition']).toContain('attachment');
    const bytes = res.raw.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = readPdf(bytes);
    expect(pdf.fonts.some((f) => /Noto|WenQuanYi/i.test(f))).toBe(true);
    const all = pdf.pages.join('\n').replace(/\s+/g, '');
    for (const words of ['我的工会服务数据', '张师傅', worker.phone!, mine.idCard, mine.online.refNo, '三个月工资没发', '老板拖欠三个月工资共一万二千元', '请带上劳动合同', '工资条.png', mine.membership.member_no!, '招聘会各服务台合并查看', '职工住院医疗互助']) {
      expect(all, words).toContain(words.replace(/\s+/g, ''));
    }
    expect(all).not.toContain('老板曾有前科');
    expect(pdf.pages.at(-1)!.replace(/\s+/g, '')).toContain(`第${pdf.count}/${pdf.count}页`);
    expect((await t.ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', worker.id).where('action', '=', 'services.rights.export_pdf').execute())).toHaveLength(1);
  });

  it('withdraws the sharing at a fair (and only that, and only his own)', async () => {
    const worker = await makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name: '张师傅' });
    const mine = await workerWithData(worker);
    const consents = (await call(worker, 'GET', `${D}/summary`)).body.consents as Json[];
    const share = consents.find((c) => c.purpose === 'visitor_share')!;
    const consultation = consents.find((c) => c.purpose === 'consultation')!;
    const theirs = (await call(w.worker2, 'GET', `${D}/summary`)).body.consents as Json[];

    expect((await call(worker, 'POST', `${D}/consents/${theirs[0]!.id}/withdraw`)).body.code).toBe('services.rights.consent_not_found');
    const refused = await call(worker, 'POST', `${D}/consents/${consultation.id}/withdraw`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'services.rights.consent_not_withdrawable' } });
    const done = await call(worker, 'POST', `${D}/consents/${share.id}/withdraw`);
    expect(done.status).toBe(200);
    expect(done.body.consents.find((c: Json) => c.id === share.id)).toMatchObject({ canWithdraw: false, withdrawnAt: expect.any(String) });
    expect((await t.ctx.db.selectFrom('event_visitors').select('services_shared_at').where('id', '=', mine.visitor.id).executeTakeFirstOrThrow()).services_shared_at).toBeNull();
    // The desk now sees only its own kind again.
    const cookie = await loginAs(t.app, w.staff.jiangbei.username);
    const desk = (await t.app.inject({ url: `/api/services/fair/${mine.fair.id}/visitors/${mine.visitor.id}?desk=membership`, headers: { cookie } })).json();
    expect(desk).toMatchObject({ shared: false, requests: [] });
  });

  it('erases in one go: no personal data left in any services table, the figures\' facts kept, files gone, audited', async () => {
    const worker = await makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name: '张师傅' });
    const mine = await workerWithData(worker);
    const other = await workerWithData(w.worker2);
    const ids = [mine.online.id, mine.claim.id, mine.desk.id];
    const facts = await t.ctx.db.selectFrom('service_requests').select(['id', 'kind', 'category', 'channel', 'region_code', 'owner_union_id', 'event_id', 'created_at', 'first_answered_at', 'answer_due_at', 'aid_plan_id', 'claim_amount', 'incident_on']).where('id', 'in', ids).orderBy('id').execute();

    const wrong = await call(worker, 'DELETE', D, { password: 'not-my-password' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'auth.invalid_credentials' } });
    expect((await call(worker, 'DELETE', D, {})).body.issues?.[0] ?? {}).toMatchObject({ path: 'password' });
    const erased = await call(worker, 'DELETE', D, { password: worker.password });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ requests: 3, files: 6, messages: 9, memberships: 1, aidMembers: 1, consents: 6 });

    const requests = await t.ctx.db.selectFrom('service_requests').selectAll().where('id', 'in', ids).orderBy('id').execute();
    for (const r of requests) {
      expect({ name: r.name, phone_enc: r.phone_enc, phone_hash: r.phone_hash, phone_masked: r.phone_masked, subject: r.subject, body_enc: r.body_enc, user_id: r.user_id, visitor_id: r.visitor_id },
        r.ref_no).toEqual({ name: null, phone_enc: null, phone_hash: null, phone_masked: null, subject: null, body_enc: null, user_id: null, visitor_id: null });
      expect(r.created_by === worker.id).toBe(false);
      expect(r.erased_at).not.toBeNull();
      expect(r.status).toBe('closed');
    }
    // The desk record keeps who at the desk recorded it (staff, not him).
    expect(requests.find((r) => r.id === mine.desk.id)!.created_by).toBe(w.staff.shapingba.id);
    expect(await t.ctx.db.selectFrom('service_requests').select(['id', 'kind', 'category', 'channel', 'region_code', 'owner_union_id', 'event_id', 'created_at', 'first_answered_at', 'answer_due_at', 'aid_plan_id', 'claim_amount', 'incident_on']).where('id', 'in', ids).orderBy('id').execute()).toEqual(facts);
    expect(await t.ctx.db.selectFrom('service_request_messages').select('id').where('request_id', 'in', ids).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('service_request_files').select('file_id').where('request_id', 'in', ids).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('id', 'in', [mine.online.fileIds, mine.claim.fileIds, mine.desk.fileIds].flat()).execute()).toEqual([]);
    const events = await t.ctx.db.selectFrom('service_request_events').select(['request_id', 'action', 'actor_id']).where('request_id', 'in', ids).execute();
    expect(events.filter((e) => e.action === 'erased')).toHaveLength(3);
    expect(events.some((e) => e.actor_id === worker.id)).toBe(false);

    const membership = await t.ctx.db.selectFrom('membership_applications').selectAll().where('id', '=', mine.membership.id).executeTakeFirstOrThrow();
    expect({ name: membership.name, id_card_enc: membership.id_card_enc, id_card_hash: membership.id_card_hash, id_card_masked: membership.id_card_masked, phone_enc: membership.phone_enc, phone_hash: membership.phone_hash, phone_masked: membership.phone_masked, user_id: membership.user_id, created_by: membership.created_by })
      .toEqual({ name: null, id_card_enc: null, id_card_hash: null, id_card_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, user_id: null, created_by: null });
    // The union's register keeps the number (anonymised).
    expect(membership).toMatchObject({ status: 'approved', member_no: mine.membership.member_no, region_code: '500106' });
    expect(membership.erased_at).not.toBeNull();
    const aid = await t.ctx.db.selectFrom('aid_enrolment_members').selectAll().where('id', '=', mine.aid.memberId).executeTakeFirstOrThrow();
    expect(aid).toMatchObject({ name: null, id_card_enc: null, id_card_hash: null, id_card_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, row_no: 1 });
    expect(aid.erased_at).not.toBeNull();
    // By type and id: ids of members and visitors are small numbers other test files' records share.
    const consents = await t.ctx.db.selectFrom('consents').selectAll().where((eb) => eb.or([
      eb.and([eb('record_type', '=', 'service_request'), eb('record_id', 'in', ids)]),
      eb.and([eb('record_type', '=', 'membership_application'), eb('record_id', '=', mine.membership.id)]),
      eb.and([eb('record_type', '=', 'aid_enrolment_member'), eb('record_id', '=', String(mine.aid.memberId))]),
      eb.and([eb('record_type', '=', 'event_visitor'), eb('record_id', '=', String(mine.visitor.id))]),
    ])).execute();
    expect(consents).toHaveLength(6);
    for (const c of consents) expect({ user_id: c.user_id, subject_hash: c.subject_hash, withdrawn: c.withdrawn_at !== null }).toEqual({ user_id: null, subject_hash: null, withdrawn: true });
    expect((await t.ctx.db.selectFrom('event_visitors').select('services_shared_at').where('id', '=', mine.visitor.id).executeTakeFirstOrThrow()).services_shared_at).toBeNull();
    // Nothing in any services table still points at him by account or blind index.
    expect(await t.ctx.db.selectFrom('service_requests').select('id').where('user_id', '=', worker.id).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('consents').select('id').where('user_id', '=', worker.id).execute()).toEqual([]);

    // worker2's records are untouched.
    const theirs = await t.ctx.db.selectFrom('service_requests').select(['name', 'subject', 'user_id']).where('id', '=', other.online.id).executeTakeFirstOrThrow();
    expect(theirs).toEqual({ name: '张师傅', subject: '三个月工资没发', user_id: w.worker2.id });
    expect((await t.ctx.db.selectFrom('service_request_messages').select('id').where('request_id', '=', other.online.id).execute())).toHaveLength(3);

    const after = await call(worker, 'GET', `${D}/summary`);
    expect(after.body.counts).toEqual({ requests: 0, claims: 0, memberships: 0, aidMemberships: 0, consents: 0, files: 0 });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'reason']).where('actor_id', '=', worker.id).where('action', '=', 'services.rights.erase').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.reason!)).toEqual(erased.body);
  });

  it('erases the services data with the account, finding the aid enrolment by the profile\'s 身份证号', async () => {
    const worker = await makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name: '钱师傅' });
    const idCard = makeIdNumber('500106');
    expect((await call(worker, 'PATCH', '/api/me/profile', { idCard })).status).toBe(200);
    const online = await makeRequest(t.ctx, { userId: worker.id, phone: worker.phone!, status: 'open' });
    const aid = await makeAidMember(t.ctx, w.enterprise.id, idCard);
    const exported = await call(worker, 'GET', '/api/me/export');
    expect(exported.body.servicesData).toEqual({ download: D, pdf: `${D}.pdf` });
    expect((await call(worker, 'GET', D)).body.aidMemberships).toEqual([expect.objectContaining({ idCard })]);

    const gone = await call(worker, 'DELETE', '/api/me', { password: worker.password });
    expect(gone.status).toBe(204);
    const r = await t.ctx.db.selectFrom('service_requests').select(['name', 'phone_enc', 'subject', 'body_enc', 'user_id', 'erased_at', 'status']).where('id', '=', online.id).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ name: null, phone_enc: null, subject: null, body_enc: null, user_id: null, status: 'closed' });
    expect(r.erased_at).not.toBeNull();
    expect(await t.ctx.db.selectFrom('stored_files').select('id').where('id', 'in', online.fileIds).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('aid_enrolment_members').select(['name', 'id_card_hash', 'phone_enc']).where('id', '=', aid.memberId).executeTakeFirstOrThrow()).toEqual({ name: null, id_card_hash: null, phone_enc: null });
    const consents = await t.ctx.db.selectFrom('consents').select(['user_id', 'subject_hash', 'withdrawn_at']).where('record_id', 'in', [online.id, String(aid.memberId)]).execute();
    expect(consents.every((c) => c.user_id === null && c.subject_hash === null && c.withdrawn_at !== null)).toBe(true);
    expect(await t.ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', worker.id).where('action', 'in', ['services.rights.erase', 'seeker.delete']).orderBy('id').execute())
      .toEqual([{ action: 'services.rights.erase' }, { action: 'seeker.delete' }]);
  });
});
