// Rows of the other services slices written straight into their tables (as migration 0011 defines
// them), so the rights and desk tests do not depend on the requests or membership code: a fair with
// visitors, desk and online requests with a thread and files, membership applications, aid members.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { TICKET_ALPHABET } from '../src/server/modules/seasons/tickets.js';
import type { AppContext } from '../src/server/platform/context.js';
import { storeFile } from '../src/server/platform/files.js';
import { sealIdCard, sealPhone, sealText } from '../src/server/modules/services/services.pii.js';
import { loginAs, randomPhone, uniqueSuffix, type MadeUser, type TestApp } from './helpers.js';

const unionOf = async (ctx: AppContext, region: string) => (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

/** An open on-site fair at 三峡广场 (hosted by 沙坪坝区's union). */
export async function makeFair(ctx: AppContext, status: 'open' | 'held' = 'open') {
  const cq = await unionOf(ctx, '500000');
  const host = await unionOf(ctx, '500106');
  const season = await ctx.db.insertInto('seasons').values({ name: `测试服务季${uniqueSuffix()}`, starts_on: '2026-01-01', ends_on: '2026-12-31', owner_union_id: cq, status: 'published' })
    .returning('id').executeTakeFirstOrThrow();
  return ctx.db.insertInto('events').values({
    season_id: season.id, kind: 'fair', name: `三峡广场招聘会${uniqueSuffix()}`, host_union_id: host, region_code: '500106', venue: '沙坪坝区三峡广场',
    starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 86_400_000), status,
  }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** A visitor of the fair (checked in when asked), optionally the account `userId`. */
export async function makeVisitor(ctx: AppContext, eventId: number, options: { name?: string; phone?: string; userId?: string | null; checkedIn?: boolean } = {}) {
  const phone = options.phone ?? randomPhone();
  const code = Array.from(randomBytes(8), (b) => TICKET_ALPHABET[b % TICKET_ALPHABET.length]).join('');
  const row = await ctx.db.insertInto('event_visitors').values({
    event_id: eventId, user_id: options.userId ?? null, name: options.name ?? '王观众', phone_enc: ctx.crypto.encrypt(phone), phone_hash: ctx.crypto.blindIndex('event.visitor_phone', phone),
    phone_masked: `${phone.slice(0, 3)}****${phone.slice(7)}`, ticket_code: code, source: 'online', consented_at: new Date(),
    checked_in_at: options.checkedIn === false ? null : new Date(),
  }).returning(['id', 'ticket_code']).executeTakeFirstOrThrow();
  return { id: row.id, code: row.ticket_code, phone };
}

export interface RequestRow {
  userId?: string | null; name?: string; phone?: string; kind?: 'consultation' | 'aid_claim'; aidPlanId?: number; ownerRegion?: string;
  eventId?: number | null; visitorId?: number | null; createdBy?: string | null; status?: 'open' | 'answered' | 'closed';
}

/** A request with its consent, a worker message, a staff answer, an internal note and two files (one on the request, one on the answer). */
export async function makeRequest(ctx: AppContext, r: RequestRow) {
  const owner = await unionOf(ctx, r.ownerRegion ?? '500106');
  const phone = r.phone ?? randomPhone();
  const n = (await sql<{ n: number }>`SELECT nextval('service_request_ref_seq')::int AS n`.execute(ctx.db)).rows[0]!.n;
  const status = r.status ?? 'answered';
  const row = await ctx.db.insertInto('service_requests').values({
    ref_no: `ZX2026-T${String(n).padStart(6, '0')}`, kind: r.kind ?? 'consultation', category: r.kind === 'aid_claim' ? 'mutual_aid' : 'wage_arrears',
    channel: r.eventId ? 'desk' : 'online', event_id: r.eventId ?? null, visitor_id: r.visitorId ?? null, user_id: r.userId ?? null,
    name: r.name ?? '张师傅', ...sealPhone(ctx.crypto, phone), region_code: '500106', employer_name: '某某建筑公司', subject: '三个月工资没发', body_enc: sealText(ctx.crypto, '老板拖欠三个月工资共一万二千元'),
    aid_plan_id: r.aidPlanId ?? null, claim_amount: r.aidPlanId ? 3000 : null, incident_on: r.aidPlanId ? '2026-10-01' : null,
    owner_union_id: owner, routed_by: 'region', status, answer_due_at: new Date(Date.now() + 2 * 86_400_000),
    first_answered_at: status === 'open' ? null : new Date(), answered_at: status === 'open' ? null : new Date(), closed_at: status === 'closed' ? new Date() : null,
    close_reason: status === 'closed' ? 'confirmed' : null, consented_at: new Date(), created_by: r.createdBy ?? r.userId ?? null, updated_at: new Date(),
  }).returning(['id', 'ref_no']).executeTakeFirstOrThrow();
  await ctx.db.insertInto('consents').values({ user_id: r.userId ?? null, subject_hash: r.userId ? null : sealPhone(ctx.crypto, phone).phone_hash, purpose: r.kind === 'aid_claim' ? 'aid_claim' : 'consultation',
    record_type: 'service_request', record_id: row.id, text_key: `services.consent.${r.kind === 'aid_claim' ? 'aid_claim' : 'consultation'}`, channel: r.eventId ? 'desk' : 'online', recorded_by: r.createdBy ?? null }).execute();
  await ctx.db.insertInto('service_request_events').values({ request_id: row.id, actor_id: r.userId ?? r.createdBy ?? null, action: 'created', to_status: 'open', to_union_id: owner }).execute();
  const worker = await ctx.db.insertInto('service_request_messages').values({ request_id: row.id, author_id: r.userId ?? null, author_role: 'worker', body_enc: sealText(ctx.crypto, '补充：有工资条照片') }).returning('id').executeTakeFirstOrThrow();
  const answer = await ctx.db.insertInto('service_request_messages').values({ request_id: row.id, author_id: null, author_role: 'staff', union_id: owner, body_enc: sealText(ctx.crypto, '请带上劳动合同到区总工会法律援助窗口') }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('service_request_messages').values({ request_id: row.id, author_id: null, author_role: 'staff', union_id: owner, body_enc: sealText(ctx.crypto, '内部：老板曾有前科'), is_internal: true }).execute();
  const f1 = await storeFile(ctx.db, ctx.crypto, { purpose: 'service', ownerUserId: r.userId ?? r.createdBy ?? (await anyUser(ctx)), name: '工资条.png', kind: 'png', data: PNG });
  const f2 = await storeFile(ctx.db, ctx.crypto, { purpose: 'service', ownerUserId: r.createdBy ?? r.userId ?? (await anyUser(ctx)), name: '答复.png', kind: 'png', data: PNG });
  await ctx.db.insertInto('service_request_files').values([{ request_id: row.id, file_id: f1.id, message_id: worker.id }, { request_id: row.id, file_id: f2.id, message_id: answer.id }]).execute();
  return { id: row.id, refNo: row.ref_no, fileIds: [f1.id, f2.id] };
}

const anyUser = async (ctx: AppContext) => (await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;

/** A membership application (approved ones with a number and a card). */
export async function makeMembership(ctx: AppContext, m: { userId?: string | null; idCard: string; phone?: string; status?: 'submitted' | 'approved'; eventId?: number | null; visitorId?: number | null; createdBy?: string | null }) {
  const owner = await unionOf(ctx, '500106');
  const n = (await sql<{ n: number }>`SELECT nextval('membership_ref_seq')::int AS n`.execute(ctx.db)).rows[0]!.n;
  const approved = m.status === 'approved';
  const row = await ctx.db.insertInto('membership_applications').values({
    ref_no: `RH2026-T${String(n).padStart(6, '0')}`, channel: m.eventId ? 'desk' : 'online', event_id: m.eventId ?? null, visitor_id: m.visitorId ?? null, user_id: m.userId ?? null,
    name: '张师傅', ...sealIdCard(ctx.crypto, m.idCard), ...sealPhone(ctx.crypto, m.phone ?? randomPhone()), region_code: '500106', employer_name: '某某建筑公司',
    owner_union_id: owner, routed_by: 'region', status: m.status ?? 'submitted', review_due_on: '2026-12-04',
    member_no: approved ? `502026${String(n).padStart(7, '0')}` : null, card_code: approved ? `card-${uniqueSuffix()}-${uniqueSuffix()}-${uniqueSuffix()}` : null, joined_on: approved ? '2026-11-20' : null,
    consented_at: new Date(), created_by: m.createdBy ?? m.userId ?? null, updated_at: new Date(),
  }).returning(['id', 'ref_no', 'member_no']).executeTakeFirstOrThrow();
  await ctx.db.insertInto('consents').values({ user_id: m.userId ?? null, subject_hash: m.userId ? null : sealIdCard(ctx.crypto, m.idCard).id_card_hash, purpose: 'membership',
    record_type: 'membership_application', record_id: row.id, text_key: 'services.consent.membership', channel: m.eventId ? 'desk' : 'online', recorded_by: m.createdBy ?? null }).execute();
  return row;
}

/** An open aid plan with a confirmed enrolment of `enterpriseId` listing the person with `idCard`. */
export async function makeAidMember(ctx: AppContext, enterpriseId: string, idCard: string) {
  const plan = await ctx.db.insertInto('aid_plans').values({ federation: '50', name: `职工住院医疗互助${uniqueSuffix()}`, starts_on: '2026-01-01', ends_on: '2026-12-31', price: 30, status: 'open', updated_at: new Date() })
    .returning('id').executeTakeFirstOrThrow();
  const owner = await unionOf(ctx, '500106');
  const enrolment = await ctx.db.insertInto('aid_enrolments').values({ plan_id: plan.id, enterprise_id: enterpriseId, owner_union_id: owner, status: 'confirmed', people: 1, amount: 30, confirmed_at: new Date(), updated_at: new Date() })
    .returning('id').executeTakeFirstOrThrow();
  const member = await ctx.db.insertInto('aid_enrolment_members').values({ enrolment_id: enrolment.id, plan_id: plan.id, row_no: 1, name: '张师傅', ...sealIdCard(ctx.crypto, idCard), ...sealPhone(ctx.crypto, randomPhone()) })
    .returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('consents').values({ user_id: null, subject_hash: sealIdCard(ctx.crypto, idCard).id_card_hash, purpose: 'aid_enrolment', record_type: 'aid_enrolment_member',
    record_id: String(member.id), text_key: 'services.consent.aid_enrolment', channel: 'employer' }).execute();
  return { planId: plan.id, memberId: member.id };
}

type Json = Record<string, any>;

/** HTTP calls as a user (logged in once per test file), in zh-CN, with the JSON answer. */
export function callerOf(getApp: () => TestApp) {
  const cookies = new Map<string, string>();
  return async (u: MadeUser, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: unknown) => {
    const t = getApp();
    if (!cookies.has(u.id)) cookies.set(u.id, await loginAs(t.app, u.username));
    const res = await t.app.inject({ method, url, headers: { cookie: cookies.get(u.id)!, 'accept-language': 'zh-CN' }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
    return { status: res.statusCode, body: (String(res.headers['content-type']).includes('json') ? res.json() : null) as Json, raw: res };
  };
}
