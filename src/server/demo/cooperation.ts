import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Trx } from '../platform/db.js';
import { createUser } from '../modules/accounts/accounts.service.js';
import { DEMO_CONTEST_NAME } from './contest-plan.js';
import {
  ACTING_ACCOUNT, DEMO_AGREEMENT_TITLE, DEMO_AREAS, DEMO_BODY, DEMO_COOP_ACCOUNTS, DEMO_ITEMS, DEMO_MEETING_TITLE, DEMO_REPORTS,
  DEMO_SIGNED_ON, DEMO_SUMMARY, U, type DemoItem, type UnionKey,
} from './cooperation-content.js';
import { DEMO_AGENDA, DEMO_ATTENDEES, DEMO_DECISIONS, DEMO_MEETING, DEMO_MINUTES, DEMO_SPEECHES, DEMO_VISITS } from './cooperation-meeting.js';

// The demo's framework agreement (issue 7 §7): the agreement, its four lines of work for 2023 broken
// into work items for both sides (some computed from the demo season and contest), manual progress
// with evidence, the eight speaking unions' progress reports, sign-offs, and the third joint
// conference. Written straight into the tables of migration 0010 in one transaction; skipped when
// the agreement exists. Content: cooperation-content.ts and cooperation-meeting.ts.

export const DEMO_SEASON_NAME = '2023年川渝就业服务季';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

export async function loadDemoCooperation(ctx: AppContext, password: string): Promise<void> {
  if (await ctx.db.selectFrom('agreements').select('id').where('title', '=', DEMO_AGREEMENT_TITLE).executeTakeFirst()) return;
  const unions = new Map<UnionKey, string>();
  for (const [key, region] of Object.entries(U) as [UnionKey, string][]) {
    unions.set(key, (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id);
  }
  for (const a of DEMO_COOP_ACCOUNTS) {
    const exists = await ctx.db.selectFrom('users').select('id').where(sql`lower(username)`, '=', a.username).executeTakeFirst();
    if (!exists) {
      await createUser(ctx, null, { username: a.username, phone: null, name: a.name, password, roles: ['union_staff'], unionId: unions.get(a.union)! },
        null, { isDemo: true, operator: 'chuanyu demo' });
    }
  }
  const users = new Map<string, string>();
  for (const username of new Set(Object.values(ACTING_ACCOUNT))) {
    const row = await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (row) users.set(username, row.id);
  }
  const season = await ctx.db.selectFrom('seasons').select('id').where('name', '=', DEMO_SEASON_NAME).executeTakeFirst();
  const contest = await ctx.db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirst();
  const refs: Refs = { unions, users, seasonId: season?.id ?? null, contestId: contest?.id ?? null };
  await ctx.db.transaction().execute(async (trx) => {
    const agreementId = await insertAgreement(trx, refs);
    const items = await insertItems(trx, refs, agreementId);
    await insertReports(trx, refs, items);
    await insertMeeting(trx, refs, agreementId, items);
  });
}

interface Refs { unions: Map<UnionKey, string>; users: Map<string, string>; seasonId: number | null; contestId: number | null }
const unionOf = (refs: Refs, key: UnionKey) => refs.unions.get(key)!;
/** The demo account acting for a union (null when that account is absent, e.g. in a partial load). */
const actorOf = (refs: Refs, key: UnionKey) => refs.users.get(ACTING_ACCOUNT[key]) ?? null;
const federationAdmin = (refs: Refs, fed: '50' | '51') => actorOf(refs, fed === '50' ? 'cq' : 'sc');
const federationOfKey = (key: UnionKey): '50' | '51' => (U[key].startsWith('50') ? '50' : '51');

async function insertAgreement(trx: Trx, refs: Refs): Promise<number> {
  const row = await trx.insertInto('agreements').values({
    title: DEMO_AGREEMENT_TITLE, parties: JSON.stringify(['四川省总工会', '重庆市总工会']), signed_on: DEMO_SIGNED_ON, summary: DEMO_SUMMARY,
    body: DEMO_BODY, status: 'active', created_by: actorOf(refs, 'sc'), created_at: at(DEMO_SIGNED_ON),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The indicator of an item, or null when its source (season, contest) is not in this database. */
function indicatorOf(item: DemoItem, refs: Refs): Record<string, unknown> | null {
  const ind = item.indicator!;
  switch (ind.kind) {
    case 'livestreams_held': return refs.seasonId ? { kind: 'livestreams_held', seasonId: refs.seasonId } : null;
    case 'season_figure': return refs.seasonId ? { kind: 'season_figure', seasonId: refs.seasonId, figure: ind.figure } : null;
    case 'joint_contests': return { kind: 'joint_contests', year: ind.year };
    case 'contest_finalists': return refs.contestId ? { kind: 'contest_finalists', contestId: refs.contestId } : null;
  }
}

async function insertItems(trx: Trx, refs: Refs, agreementId: number): Promise<Map<string, number>> {
  const areaIds = new Map<number, number>();
  for (const area of DEMO_AREAS) {
    const row = await trx.insertInto('agreement_areas').values({ agreement_id: agreementId, year: 2023, seq: area.seq, name: area.name, description: area.description })
      .returning('id').executeTakeFirstOrThrow();
    areaIds.set(area.seq, row.id);
  }
  const items = new Map<string, number>();
  const creator = actorOf(refs, 'cq');
  for (const item of DEMO_ITEMS) {
    const indicator = item.indicator ? indicatorOf(item, refs) : null;
    if (item.indicator && !indicator) continue;
    const progress = item.progress ?? [];
    const last = progress.at(-1);
    const signoffs = item.signoffs ?? [];
    const doneOn = signoffs.length === 2 ? signoffs.map((s) => s[1]).sort().at(-1)! : null;
    const row = await trx.insertInto('work_items').values({
      agreement_id: agreementId, area_id: areaIds.get(item.area)!, code: item.code, title: item.title, description: item.description,
      lead_union_id: unionOf(refs, item.lead), starts_on: item.startsOn, due_on: item.dueOn, target: String(item.target), unit: item.unit,
      progress_kind: indicator ? 'indicator' : 'manual', indicator: indicator ? JSON.stringify(indicator) : null,
      manual_value: indicator ? null : String(last?.[1] ?? 0), done_at: doneOn ? at(doneOn, '16:00') : null,
      created_by: creator, created_at: at('2023-02-22', '11:30'),
    }).returning('id').executeTakeFirstOrThrow();
    items.set(item.code, row.id);
    await trx.insertInto('work_item_unions').values(item.unions.map((u) => ({ item_id: row.id, union_id: unionOf(refs, u) }))).execute();
    for (const [day, value, by, evidence] of progress) {
      await trx.insertInto('work_item_progress').values({
        item_id: row.id, value: String(value), evidence, union_id: unionOf(refs, by), entered_by: actorOf(refs, by), entered_at: at(day),
      }).execute();
    }
    for (const [federation, day] of signoffs) {
      const signer = federationAdmin(refs, federation);
      if (!signer) continue;
      await trx.insertInto('work_item_signoffs').values({
        item_id: row.id, federation, user_id: signer, note: federation === '50' ? '重庆方确认完成。' : '四川方确认完成。', signed_at: at(day, '15:00'),
      }).execute();
    }
  }
  return items;
}

async function insertReports(trx: Trx, refs: Refs, items: Map<string, number>): Promise<void> {
  for (const r of DEMO_REPORTS) {
    const itemId = items.get(r.item);
    if (!itemId) continue;
    const author = actorOf(refs, r.union);
    const reviewer = r.reviewedOn ? federationAdmin(refs, federationOfKey(r.union)) : null;
    await trx.insertInto('progress_reports').values({
      item_id: itemId, union_id: unionOf(refs, r.union), period: r.period, body: r.body, figures: JSON.stringify(r.figures),
      is_highlight: r.highlight ?? false, status: r.status,
      submitted_by: r.submittedOn ? author : null, submitted_at: r.submittedOn ? at(r.submittedOn) : null,
      reviewed_by: reviewer, reviewed_at: r.reviewedOn ? at(r.reviewedOn, '15:00') : null, review_note: r.reviewNote ?? null,
      created_by: author, created_at: at(r.submittedOn ?? '2023-10-20', '09:00'),
    }).execute();
  }
}

async function insertMeeting(trx: Trx, refs: Refs, agreementId: number, items: Map<string, number>): Promise<void> {
  const meeting = await trx.insertInto('joint_meetings').values({
    agreement_id: agreementId, title: DEMO_MEETING_TITLE, held_on: DEMO_MEETING.heldOn, place: DEMO_MEETING.place,
    host_union_id: unionOf(refs, DEMO_MEETING.host), status: 'held', minutes: DEMO_MINUTES, created_by: actorOf(refs, 'cq'), created_at: at('2023-02-10'),
  }).returning('id').executeTakeFirstOrThrow();
  const m = meeting.id;
  await trx.insertInto('meeting_attendees').values(DEMO_ATTENDEES.map((a, i) => ({
    meeting_id: m, seq: i + 1, name: a.name, position: a.position, union_id: a.union ? unionOf(refs, a.union) : null, organisation: a.organisation ?? '',
  }))).execute();
  await trx.insertInto('meeting_agenda_items').values(DEMO_AGENDA.map((a, i) => ({ meeting_id: m, seq: i + 1, starts_at: a.startsAt, title: a.title, presenter: a.presenter }))).execute();
  await trx.insertInto('meeting_speeches').values(DEMO_SPEECHES.map((s, i) => ({
    meeting_id: m, seq: i + 1, union_id: unionOf(refs, s.union), speaker: s.speaker, title: s.title, body: s.body,
  }))).execute();
  await trx.insertInto('meeting_visits').values(DEMO_VISITS.map((v, i) => ({ meeting_id: m, seq: i + 1, kind: v.kind, site: v.site, purpose: v.purpose }))).execute();
  await trx.insertInto('meeting_decisions').values(DEMO_DECISIONS.map((d, i) => ({
    meeting_id: m, seq: i + 1, text: d.text, work_item_id: d.item ? items.get(d.item) ?? null : null,
    owner_union_id: d.owner ? unionOf(refs, d.owner) : null, due_on: d.dueOn,
  }))).execute();
}
