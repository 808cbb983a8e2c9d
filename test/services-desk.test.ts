import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTicket } from '../src/server/modules/seasons/tickets.js';
import { createTestApp, makeUser, type TestApp } from './helpers.js';
import { makeServicesWorld, makeIdNumber, type ServicesWorld } from './services-factory.js';
import { callerOf, makeFair, makeMembership, makeRequest, makeVisitor } from './services-rights-factory.js';

// One visitor record at a fair (issue 8 §4): a desk looks a visitor up by his ticket; without his
// consent each desk sees only its own kind of record, with it the check-in, consultations and
// membership application at this fair together; withdrawn, back to each its own. Every look-up
// is audited; another fair's visitor is not found.

let t: TestApp;
let w: ServicesWorld;
beforeAll(async () => { t = await createTestApp(); w = await makeServicesWorld(t.ctx); });
afterAll(async () => { await t.close(); });

type Json = Record<string, any>;
const call = callerOf(() => t);
const F = '/api/services/fair';

async function visitorWithRecords() {
  const fair = await makeFair(t.ctx);
  const v = await makeVisitor(t.ctx, fair.id, { name: '王观众' });
  const request = await makeRequest(t.ctx, { eventId: fair.id, visitorId: v.id, phone: v.phone, name: '王观众', createdBy: w.staff.shapingba.id });
  const membership = await makeMembership(t.ctx, { eventId: fair.id, visitorId: v.id, idCard: makeIdNumber('500106'), createdBy: w.staff.jiangbei.id });
  return { fair, v, request, membership };
}

describe('fair desk', () => {
  it('lists fairs and shows each desk only its own records until the visitor agrees, then all, and after withdrawal each its own again', async () => {
    const { fair, v, request, membership } = await visitorWithRecords();
    const fairs = await call(w.staff.shapingba, 'GET', `${F}/events`);
    expect(fairs.status).toBe(200);
    expect(fairs.body.find((f: Json) => f.id === fair.id)).toMatchObject({ name: fair.name, status: 'open', venue: '沙坪坝区三峡广场' });

    const consult = await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code.toLowerCase()}?desk=consultation`);
    expect(consult.status, JSON.stringify(consult.body)).toBe(200);
    expect(consult.body).toMatchObject({ shared: false, checkin: null, memberships: [], hidden: true, visitor: { id: v.id, name: '王观众', checkedInAt: null, ticketCode: v.code } });
    expect(consult.body.visitor.phoneMasked).toBe(`${v.phone.slice(0, 3)}****${v.phone.slice(7)}`);
    expect(consult.body.prefill).toEqual({ name: '王观众', phone: v.phone });
    expect(consult.body.requests).toHaveLength(1);
    // 沙坪坝区 owns the request: its staff read the subject.
    expect(consult.body.requests[0]).toMatchObject({ id: request.id, refNo: request.refNo, subject: '三个月工资没发', ownerUnion: { name: '重庆市沙坪坝区总工会' } });

    const member = await call(w.staff.jiangbei, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=membership`);
    expect(member.body).toMatchObject({ shared: false, checkin: null, requests: [], memberships: [{ id: membership.id, refNo: membership.ref_no, status: 'submitted' }] });

    // His consent, read out and recorded by the staff member.
    const noConsent = await call(w.staff.jiangbei, 'POST', `${F}/${fair.id}/visitors/${v.id}/share?desk=membership`, { consent: false });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.issues?.[0] ?? noConsent.body.errors?.[0]).toMatchObject({ path: 'consent' });
    const shared = await call(w.staff.jiangbei, 'POST', `${F}/${fair.id}/visitors/${v.id}/share?desk=membership`, { consent: true });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body).toMatchObject({ shared: true, hidden: false, checkin: { source: 'online' }, memberships: [{ id: membership.id }] });
    expect(shared.body.checkin.checkedInAt).not.toBeNull();
    // 江北区 staff see that a consultation exists, not its words (they are 沙坪坝区's and the worker's).
    expect(shared.body.requests).toEqual([expect.objectContaining({ id: request.id, subject: null, category: 'wage_arrears' })]);
    const again = await call(w.staff.jiangbei, 'POST', `${F}/${fair.id}/visitors/${v.id}/share?desk=membership`, { consent: true });
    expect(again.body.shared).toBe(true);
    const consents = await t.ctx.db.selectFrom('consents').selectAll().where('record_type', '=', 'event_visitor').where('record_id', '=', String(v.id)).execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ purpose: 'visitor_share', channel: 'desk', recorded_by: w.staff.jiangbei.id, text_key: 'services.consent.visitor_share', withdrawn_at: null });
    expect(consents[0]!.subject_hash).not.toBeNull();

    const consultShared = await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/${v.id}?desk=consultation`);
    expect(consultShared.body).toMatchObject({ shared: true, memberships: [{ id: membership.id }], requests: [{ id: request.id }] });

    const withdrawn = await call(w.staff.shapingba, 'DELETE', `${F}/${fair.id}/visitors/${v.id}/share?desk=consultation`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ shared: false, checkin: null, memberships: [], requests: [{ id: request.id }] });
    const after = await t.ctx.db.selectFrom('consents').select('withdrawn_at').where('record_type', '=', 'event_visitor').where('record_id', '=', String(v.id)).executeTakeFirstOrThrow();
    expect(after.withdrawn_at).not.toBeNull();
    const memberAfter = await call(w.staff.jiangbei, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=membership`);
    expect(memberAfter.body).toMatchObject({ shared: false, requests: [], memberships: [{ id: membership.id }] });
  });

  it('reads a scanned QR token, refuses a forged one and another fair\'s, and does not find another fair\'s visitor by id', async () => {
    const { fair, v } = await visitorWithRecords();
    const other = await visitorWithRecords();
    const token = await call(w.staff.huaying, 'GET', `${F}/${fair.id}/visitors/by-ticket/${encodeURIComponent(signTicket(t.ctx.crypto, fair.id, v.code))}?desk=consultation`);
    expect(token.status).toBe(200);
    expect(token.body.visitor.id).toBe(v.id);
    // 华蓥市's staff serve at the fair too, but the words of 沙坪坝区's request are not theirs.
    expect(token.body.requests[0].subject).toBeNull();
    const forged = await call(w.staff.huaying, 'GET', `${F}/${fair.id}/visitors/by-ticket/${encodeURIComponent(`CY1.${fair.id}.${v.code}.AAAAAAAAAAAAAAAA`)}?desk=consultation`);
    expect(forged).toMatchObject({ status: 400, body: { code: 'seasons.ticket_invalid' } });
    const elsewhere = await call(w.staff.huaying, 'GET', `${F}/${fair.id}/visitors/by-ticket/${encodeURIComponent(signTicket(t.ctx.crypto, other.fair.id, other.v.code))}?desk=consultation`);
    expect(elsewhere).toMatchObject({ status: 409, body: { code: 'seasons.ticket_other_event' } });

    const byCode = await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/by-ticket/${other.v.code}?desk=consultation`);
    expect(byCode).toMatchObject({ status: 404, body: { code: 'services.desk.visitor_not_found' } });
    expect(byCode.body.message).toContain('门票短码');
    for (const [method, url] of [['GET', `${F}/${fair.id}/visitors/${other.v.id}?desk=consultation`], ['POST', `${F}/${fair.id}/visitors/${other.v.id}/share?desk=consultation`], ['DELETE', `${F}/${fair.id}/visitors/${other.v.id}/share?desk=consultation`]] as const) {
      const res = await call(w.staff.shapingba, method, url, method === 'POST' ? { consent: true } : undefined);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe('services.desk.visitor_not_found');
    }
    expect((await t.ctx.db.selectFrom('event_visitors').select('services_shared_at').where('id', '=', other.v.id).executeTakeFirstOrThrow()).services_shared_at).toBeNull();
    expect((await call(w.staff.shapingba, 'GET', `${F}/999999999/visitors/by-ticket/${v.code}?desk=consultation`)).body.code).toBe('services.desk.event_not_found');
    expect((await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=canteen`)).status).toBe(400);
  });

  it('is for union staff only, and audits every look-up and every consent', async () => {
    const { fair, v } = await visitorWithRecords();
    const admin = await makeUser(t.ctx, { roles: ['admin'] });
    for (const u of [w.worker, w.agent, admin]) {
      const res = await call(u, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=consultation`);
      expect(res.status, u.username).toBe(403);
    }
    const anonymous = await t.app.inject({ url: `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=consultation` });
    expect(anonymous.statusCode).toBe(401);

    const before = new Date();
    await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/by-ticket/${v.code}?desk=consultation`);
    await call(w.staff.jiangbei, 'GET', `${F}/${fair.id}/visitors/${v.id}?desk=membership`);
    await call(w.staff.jiangbei, 'POST', `${F}/${fair.id}/visitors/${v.id}/share?desk=membership`, { consent: true });
    await call(w.staff.jiangbei, 'DELETE', `${F}/${fair.id}/visitors/${v.id}/share?desk=membership`);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject_type', 'subject_id', 'subject_label', 'fields', 'reason', 'scope_prefix'])
      .where('subject_type', '=', 'event_visitor').where('subject_id', '=', String(v.id)).where('at', '>=', before).orderBy('id').execute();
    expect(audit.map((a) => [a.actor_id, a.action, a.reason])).toEqual([
      [w.staff.shapingba.id, 'services.desk.lookup', 'consultation'],
      [w.staff.jiangbei.id, 'services.desk.lookup', 'membership'],
      [w.staff.jiangbei.id, 'services.desk.share', 'membership'],
      [w.staff.jiangbei.id, 'services.desk.unshare', 'membership'],
    ]);
    expect(audit[0]).toMatchObject({ scope_prefix: '500106', fields: ['name', 'phone'] });
    expect(audit[0]!.subject_label).toContain(fair.name);
    // A code that finds nobody is not audited as a read of anybody, but answered 404.
    expect((await call(w.staff.shapingba, 'GET', `${F}/${fair.id}/visitors/by-ticket/ZZZZZZZZ?desk=consultation`)).status).toBe(404);
  });
});
