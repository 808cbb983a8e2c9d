import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { ConsentPurpose, Trx } from '../platform/db.js';
import { maskPhone } from '../../shared/validators.js';
import { phoneIndex } from '../modules/accounts/accounts.service.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { listUnionRefs } from '../modules/services/services.repo.js';
import { routeRecord } from '../modules/services/route.js';
import { phoneHash, sealIdCard, sealPhone, sealText } from '../modules/services/services.pii.js';
import { formatMemberNo, newCardCode } from '../modules/services/member-no.js';
import { FAIR_EVENT } from '../simulate/plan.js';
import { DEMO_AID_PLAN_MARK, loadDemoAid } from './services-aid.js';
import { planMemberships, type PlannedMembership } from './services-membership.js';
import { chinaDate, makePeople, planRequests, plus, replayRequest, reviewDueOn, SEEKER_ID_CARD, SERVICE_STAFF, typedEmployer, type Person, type PlannedRequest } from './services-plan.js';

// The worker-services demo (issue 8 §7), written straight into the tables of migration 0011 in one
// transaction, consistent with the services' rules: routed by route.ts, answer due in 2 working
// days, threads and history replayed step by step (services-plan.ts), every record's consent,
// names/phones/身份证号 sealed. Workers who asked online get seeker accounts (phone login, an
// unguessable password); people recorded at the 三峡广场 fair's rights-protection zone are that
// fair's visitors. Skipped when the demo's first mutual-aid plan exists.

export interface DemoEnterprise { id: string; name: string; regionCode: string; ownerUnionId: string }
interface Visitor { id: number; name: string; phone: string; checkedInAt: Date }
interface ConsentRow { userId: string | null; subjectHash: Buffer | null; purpose: ConsentPurpose; recordType: 'service_request' | 'membership_application' | 'aid_enrolment_member' | 'event_visitor';
  recordId: string; channel: 'online' | 'desk' | 'employer'; recordedBy: string | null; at: Date }

export interface DemoEnv {
  ctx: AppContext;
  now: Date;
  person(region: string): Person;
  user(username: string): string | null;
  unionOfRegion(region: string): string;
  staffedRegion(region: string): boolean;
  enterprise(region: string): DemoEnterprise | null;
  employerEnterprise: DemoEnterprise | null;
  consent(row: ConsentRow): void;
}

export async function loadDemoServices(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('aid_plans').select('id').where('name', '=', DEMO_AID_PLAN_MARK).executeTakeFirst()) return;
  const now = new Date();
  const unions = await listUnionRefs(ctx.db);
  const unionByRegion = new Map(unions.map((u) => [u.regionCode.trim(), u.id]));
  const federationOf = new Map(unions.map((u) => [u.id, unionByRegion.get(u.scopePrefix.slice(0, 2) + '0000')!]));
  const usernames = [...new Set([...Object.values(SERVICE_STAFF), 'seeker-demo', 'employer-demo'])];
  const userRows = await ctx.db.selectFrom('users').select(['id', 'username', 'name']).where('username', 'in', usernames).execute();
  const users = new Map(userRows.map((u) => [u.username!, u.id]));
  const names = new Map(userRows.map((u) => [u.id, u.name]));
  const staffByUnion = new Map(Object.entries(SERVICE_STAFF).flatMap(([region, username]) => (users.has(username) ? [[unionByRegion.get(region)!, users.get(username)!] as const] : [])));
  const enterpriseRows = await ctx.db.selectFrom('enterprises').select(['id', 'name', 'region_code', 'owner_union_id', 'credit_code']).where('status', '=', 'verified')
    .orderBy('credit_code').execute();
  const enterprises = new Map<string, DemoEnterprise>();
  for (const e of enterpriseRows) if (!enterprises.has(e.region_code)) enterprises.set(e.region_code, { id: e.id, name: e.name, regionCode: e.region_code, ownerUnionId: e.owner_union_id });
  const employerEnterprise = await ctx.db.selectFrom('enterprise_members as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id').innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['e.id', 'e.name', 'e.region_code as regionCode', 'e.owner_union_id as ownerUnionId']).where('u.username', '=', 'employer-demo').executeTakeFirst();
  const fair = await ctx.db.selectFrom('events').select('id').where('name', '=', FAIR_EVENT.name).where('region_code', '=', FAIR_EVENT.regionCode).executeTakeFirst();
  const visitorRows = fair
    ? await ctx.db.selectFrom('event_visitors').select(['id', 'name', 'phone_enc', 'checked_in_at']).where('event_id', '=', fair.id).where('checked_in_at', 'is not', null)
      .where(sql<boolean>`id % 97 = 13`).orderBy('id').limit(80).execute()
    : [];
  const visitors: Visitor[] = visitorRows.map((v) => ({ id: v.id, name: v.name!, phone: ctx.crypto.decrypt(v.phone_enc!), checkedInAt: v.checked_in_at! }));

  const consents: ConsentRow[] = [];
  const env: DemoEnv = {
    ctx, now, person: makePeople(20230225), user: (u) => users.get(u) ?? null,
    unionOfRegion: (r) => unionByRegion.get(r)!, staffedRegion: (r) => staffByUnion.has(unionByRegion.get(r)!),
    enterprise: (r) => enterprises.get(r) ?? null, employerEnterprise: employerEnterprise ?? null, consent: (row) => consents.push(row),
  };
  const accounts = new Accounts(ctx, users.get('seeker-demo') ?? null);
  await ctx.db.transaction().execute(async (trx) => {
    const aid = await loadDemoAid(trx, env);
    const requests = [...planRequests(now, env.person), ...aid.claims];
    if (!fair) requests.splice(0, requests.length, ...requests.filter((r) => r.channel !== 'desk'));
    const deskVisitor = pickVisitors(visitors);
    const memberships = planMemberships(now, env.person);
    await accounts.prepare([...requests.filter((r) => r.channel === 'online').map((r) => ({ who: r.who, at: r.createdAt })),
      ...memberships.filter((m) => m.channel === 'online').map((m) => ({ who: m.who, at: m.createdAt }))]);
    await accounts.write(trx);
    const deskAt = new Map<number, Date>();
    await writeRequests(trx, env, requests, { fairId: fair?.id ?? null, deskVisitor, accounts, deskAt, staffByUnion, federationOf, names });
    await writeMemberships(trx, env, fair ? memberships : memberships.filter((m) => m.channel !== 'desk'), { fairId: fair?.id ?? null, deskVisitor, accounts, deskAt });
    if (fair) await shareVisitors(trx, env, deskVisitor, deskAt);
    await trx.insertInto('consents').values(consents.map((c) => ({
      user_id: c.userId, subject_hash: c.subjectHash, purpose: c.purpose, record_type: c.recordType, record_id: c.recordId,
      text_key: `services.consent.${c.purpose}`, channel: c.channel, recorded_by: c.recordedBy, given_at: c.at,
    }))).execute();
  });
}

/** The fair's visitors served at the rights-protection zone: the n-th one in after `before`. */
function pickVisitors(visitors: Visitor[]) {
  const taken = new Map<number, Visitor>();
  return (n: number, before?: Date): Visitor | null => {
    if (taken.has(n)) return taken.get(n)!;
    const used = new Set([...taken.values()].map((v) => v.id));
    const v = visitors.find((x, i) => i >= (n * 5) % visitors.length && !used.has(x.id) && (!before || x.checkedInAt.getTime() <= before.getTime() - 10 * 60_000))
      ?? visitors.find((x) => !used.has(x.id) && (!before || x.checkedInAt.getTime() <= before.getTime() - 10 * 60_000));
    if (v) taken.set(n, v);
    return v ?? null;
  };
}

/** Seeker accounts for the workers who asked or applied online (phone login; nobody knows the password). */
class Accounts {
  private byPhone = new Map<string, { id: string; name: string; phone: string; at: Date }>();
  constructor(private ctx: AppContext, private seekerId: string | null) {}
  async prepare(list: { who: PlannedRequest['who']; at: Date }[]) {
    for (const { who, at } of list) {
      if (!('person' in who)) continue;
      const known = this.byPhone.get(who.person.phone);
      if (!known) this.byPhone.set(who.person.phone, { id: randomUUID(), name: who.person.name, phone: who.person.phone, at: plus(at, -24 * 3) });
      else if (known.at > at) known.at = plus(at, -24 * 3);
    }
  }
  async write(trx: Trx) {
    const rows = [...this.byPhone.values()];
    if (!rows.length) return;
    const hash = await hashPassword(randomBytes(24).toString('base64url'));
    await trx.insertInto('users').values(rows.map((r) => ({
      id: r.id, username: null, phone_enc: this.ctx.crypto.encrypt(r.phone), phone_hash: phoneIndex(this.ctx, r.phone), phone_masked: maskPhone(r.phone),
      name: r.name, password_hash: hash, roles: ['seeker'], union_id: null, is_demo: true, created_by: null, created_at: r.at, updated_at: r.at,
    }))).execute();
    await trx.insertInto('seeker_profiles').values(rows.map((r) => ({ user_id: r.id, consented_at: r.at }))).execute();
  }
  userOf(who: PlannedRequest['who']): string | null {
    if ('seeker' in who) return this.seekerId;
    if ('person' in who) return this.byPhone.get(who.person.phone)?.id ?? null;
    return null;
  }
}

const SEEKER = { name: '赵小川', phone: '13800000105' };
/** The desk visitors (plan numbers) who agreed to share their fair records across the desks. */
export const SHARED_VISITORS = [0, 2, 4];

interface WriteOptions { fairId: number | null; deskVisitor: ReturnType<typeof pickVisitors>; accounts: Accounts; /** A visitor's first record at the desk. */ deskAt: Map<number, Date> }

const noteDesk = (o: WriteOptions, visitorId: number, at: Date) => { const seen = o.deskAt.get(visitorId); if (!seen || seen > at) o.deskAt.set(visitorId, at); };

async function refNumbers(trx: Trx, sequence: 'service_request_ref_seq' | 'membership_ref_seq' | 'membership_no_seq', count: number): Promise<number[]> {
  const { rows } = await sql<{ n: number }>`SELECT nextval(${sql.lit(sequence)}::regclass)::int AS n FROM generate_series(1, ${count})`.execute(trx);
  return rows.map((r) => r.n).sort((a, b) => a - b);
}
/** A reference number in nextRefNo's format (services.repo.ts), with the year of the record. */
const refNo = (prefix: string, at: Date, n: number) => `${prefix}${chinaDate(at).slice(0, 4)}-${String(n).padStart(6, '0')}`;

async function writeRequests(trx: Trx, env: DemoEnv, planned: PlannedRequest[],
  o: WriteOptions & { staffByUnion: Map<string, string>; federationOf: Map<string, string>; names: Map<string, string> }): Promise<void> {
  const crypto = env.ctx.crypto;
  const unions = await listUnionRefs(trx);
  const sorted = [...planned].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const numbers = await refNumbers(trx, 'service_request_ref_seq', sorted.length);
  const spb = env.user('spb-union');
  const rows = []; const messages = []; const events = [];
  for (const [i, req] of sorted.entries()) {
    const id = randomUUID();
    const visitor = 'visitor' in req.who ? o.deskVisitor(req.who.visitor, req.createdAt) : null;
    if ('visitor' in req.who && !visitor) continue;
    if (visitor) noteDesk(o, visitor.id, req.createdAt);
    const who = 'seeker' in req.who ? SEEKER : 'person' in req.who ? req.who.person : { name: visitor!.name, phone: visitor!.phone };
    const userId = o.accounts.userOf(req.who);
    const enterprise = req.enterprise ?? (req.registered ? env.enterprise(req.regionCode) : null);
    const route = routeRecord(unions, { regionCode: req.regionCode, enterprise: enterprise ? { ownerUnionId: enterprise.ownerUnionId } : null })!;
    const createdBy = req.channel === 'desk' ? spb : userId;
    const r = replayRequest(req, {
      route, unionOfRegion: env.unionOfRegion, staffOf: (u) => o.staffByUnion.get(u) ?? null, nameOf: (u) => o.names.get(u) ?? '', federationOf: (u) => o.federationOf.get(u)!,
      worker: userId, createdBy,
    });
    rows.push({
      id, ref_no: refNo(req.kind === 'aid_claim' ? 'HZ' : 'ZX', req.createdAt, numbers[i]!), kind: req.kind, category: req.category, channel: req.channel,
      event_id: req.channel === 'desk' ? o.fairId : null, visitor_id: visitor?.id ?? null, user_id: userId, name: who.name, ...sealPhone(crypto, who.phone),
      region_code: req.regionCode, enterprise_id: enterprise?.id ?? null, employer_name: enterprise?.name ?? req.employerName ?? typedEmployer(req.regionCode, i),
      subject: req.subject, body_enc: sealText(crypto, req.body), aid_plan_id: req.aid?.planId ?? null, aid_member_id: req.aid?.memberId ?? null,
      claim_amount: req.aid?.amount ?? null, incident_on: req.aid?.incidentOn ?? null, owner_union_id: r.ownerUnion, routed_by: r.routedBy, assignee_id: r.assignee,
      status: r.status, answer_due_at: r.answerDueAt, first_answered_at: r.firstAnsweredAt, answered_at: r.answeredAt, closed_at: r.closedAt, close_reason: r.closeReason,
      escalated_at: r.escalatedAt, reopen_count: r.reopenCount, consented_at: req.createdAt, created_by: createdBy, created_at: req.createdAt, updated_at: r.updatedAt,
    });
    for (const m of r.messages) {
      messages.push({ request_id: id, author_id: m.author, author_role: m.role, union_id: m.union, body_enc: sealText(crypto, m.text), is_internal: m.internal, created_at: m.at });
    }
    for (const e of r.events) {
      events.push({ request_id: id, actor_id: e.actor, action: e.action, from_status: e.from, to_status: e.to, from_union_id: e.fromUnion, to_union_id: e.toUnion, note: e.note, at: e.at });
    }
    env.consent({ userId, subjectHash: phoneHash(crypto, who.phone), purpose: req.kind === 'aid_claim' ? 'aid_claim' : 'consultation', recordType: 'service_request', recordId: id,
      channel: req.channel, recordedBy: req.channel === 'desk' ? spb : null, at: req.createdAt });
  }
  await trx.insertInto('service_requests').values(rows).execute();
  messages.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  await trx.insertInto('service_request_messages').values(messages).execute();
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  await trx.insertInto('service_request_events').values(events).execute();
}

async function writeMemberships(trx: Trx, env: DemoEnv, planned: PlannedMembership[], o: WriteOptions): Promise<void> {
  const crypto = env.ctx.crypto;
  const unions = await listUnionRefs(trx);
  const sorted = [...planned].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const refs = await refNumbers(trx, 'membership_ref_seq', sorted.length);
  const approved = sorted.filter((m) => m.outcome === 'approved').sort((a, b) => a.reviewedAt!.getTime() - b.reviewedAt!.getTime());
  const memberNos = await refNumbers(trx, 'membership_no_seq', approved.length);
  const memberNo = new Map(approved.map((m, i) => [m, memberNos[i]!]));
  const spb = env.user('spb-union');
  const rows = [];
  for (const [i, m] of sorted.entries()) {
    const visitor = 'visitor' in m.who ? o.deskVisitor(m.who.visitor, m.createdAt) : null;
    if ('visitor' in m.who && !visitor) continue;
    if (visitor) noteDesk(o, visitor.id, m.createdAt);
    const who = 'seeker' in m.who ? { ...SEEKER, idCard: SEEKER_ID_CARD } : 'person' in m.who ? m.who.person : { name: visitor!.name, phone: visitor!.phone, idCard: m.idCard };
    const userId = o.accounts.userOf(m.who);
    const enterprise = m.registered ? env.enterprise(m.regionCode) : null;
    const route = routeRecord(unions, { regionCode: m.regionCode, enterprise: enterprise ? { ownerUnionId: enterprise.ownerUnionId } : null })!;
    const id = randomUUID();
    const reviewer = m.reviewedAt ? env.user(SERVICE_STAFF[m.regionCode] ?? '') : null;
    const no = memberNo.get(m);
    const federation = m.regionCode.slice(0, 2) as '50' | '51';
    rows.push({
      id, ref_no: refNo('RH', m.createdAt, refs[i]!), channel: m.channel, event_id: m.channel === 'desk' ? o.fairId : null, visitor_id: visitor?.id ?? null, user_id: userId,
      name: who.name, ...sealIdCard(crypto, who.idCard), ...sealPhone(crypto, who.phone), region_code: m.regionCode, enterprise_id: enterprise?.id ?? null,
      employer_name: enterprise?.name ?? m.employerName ?? typedEmployer(m.regionCode, i), owner_union_id: route.unionId, routed_by: route.by as 'region' | 'employer',
      status: m.outcome, review_due_on: reviewDueOn(m.createdAt), reviewed_by: m.outcome === 'approved' || m.outcome === 'rejected' ? reviewer : null,
      reviewed_at: m.outcome === 'approved' || m.outcome === 'rejected' ? m.reviewedAt : null, reject_reason: m.rejectReason ?? null,
      member_no: no ? formatMemberNo(federation, m.reviewedAt!, no) : null, card_code: no ? newCardCode() : null, joined_on: no ? chinaDate(m.reviewedAt!) : null,
      consented_at: m.createdAt, created_by: m.channel === 'desk' ? spb : userId, created_at: m.createdAt, updated_at: m.reviewedAt ?? m.createdAt,
    });
    env.consent({ userId, subjectHash: sealIdCard(crypto, who.idCard).id_card_hash, purpose: 'membership', recordType: 'membership_application', recordId: id,
      channel: m.channel, recordedBy: m.channel === 'desk' ? spb : null, at: m.createdAt });
  }
  await trx.insertInto('membership_applications').values(rows).execute();
}

/** Visitors who agreed at the desk that their fair records appear together (PRODUCT: one visitor record). */
async function shareVisitors(trx: Trx, env: DemoEnv, deskVisitor: (n: number) => Visitor | null, deskAt: Map<number, Date>): Promise<void> {
  const spb = env.user('spb-union');
  for (const n of SHARED_VISITORS) {
    const v = deskVisitor(n);
    if (!v || !deskAt.has(v.id)) continue;
    const at = deskAt.get(v.id)!;
    await trx.updateTable('event_visitors').set({ services_shared_at: at }).where('id', '=', v.id).execute();
    env.consent({ userId: null, subjectHash: phoneHash(env.ctx.crypto, v.phone), purpose: 'visitor_share', recordType: 'event_visitor', recordId: String(v.id), channel: 'desk', recordedBy: spb, at });
  }
}
