import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { maskPhone } from '../../shared/validators.js';
import { assignBooths } from '../modules/seasons/booths.js';
import { recountSeason, replaceZones } from '../modules/seasons/seasons.repo.js';
import { TICKET_ALPHABET } from '../modules/seasons/tickets.js';
import { todayIso } from '../modules/jobs/postings.service.js';
import { fitPlan, FAIR_EVENT, OPENING_FAIR, planFair, type FairPlan } from '../simulate/plan.js';
import { random } from './employment.js';

// The 2023 川渝就业服务季 (PRODUCT.md): hosted by both federations and 重庆市人社局 under the
// national federation, 25 February to May; the opening fair at 三峡广场 (455 employers, 13,000+
// positions, ~12,000 visitors, ~10,000 consultations and interviews, ~3,800 hiring intents), an
// online fair, a forum in March and 40 livestream sessions by unions of both provinces. Written in
// bulk (deterministic) for a quick first start, then the season's counters are computed from the
// records; the opening fair's day is the plan `chuanyu simulate fair` plays through the API.

const LIVESTREAM_HOSTS = ['500105', '511600', '500109', '510100', '500151', '511000', '500153', '511700', '500112', '510900'];
const PLATFORMS = ['抖音', '快手', '视频号', '重庆工会APP', '川工之家'];
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const FAIR_DAY = '2023-02-25';
const MINUTE = 60_000;

async function unionId(ctx: AppContext, region: string): Promise<string> {
  return (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
}

export async function loadDemoSeason(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('seasons').select('id').limit(1).executeTakeFirst()) return;
  const cq = await unionId(ctx, '500000');
  const sc = await unionId(ctx, '510000');
  const season = await ctx.db.insertInto('seasons').values({
    name: '2023年川渝就业服务季', theme: '春风送岗促发展，工创美好新生活', starts_on: '2023-02-25', ends_on: '2023-05-31', owner_union_id: cq, status: 'published',
    description: '在中华全国总工会指导下，重庆市总工会、四川省总工会、重庆市人力资源和社会保障局联合举办，线上线下结合，为川渝两地职工和企业搭建就业服务平台。',
    goals: JSON.stringify({ enterprises: 455, positions: 13000, intents: 3800, livestreams: 40 }),
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('season_hosts').values([
    { season_id: season.id, position: 0, name: '中华全国总工会', union_id: null, role: 'guide' },
    { season_id: season.id, position: 1, name: '重庆市总工会', union_id: cq, role: 'host' },
    { season_id: season.id, position: 2, name: '四川省总工会', union_id: sc, role: 'host' },
    { season_id: season.id, position: 3, name: '重庆市人力资源和社会保障局', union_id: null, role: 'host' },
  ]).execute();

  const event = (values: { kind: 'fair' | 'online' | 'livestream' | 'forum'; name: string; host: string; region: string; venue?: string; starts: string; ends: string; capacity?: number; details?: object; description?: string }) =>
    ctx.db.insertInto('events').values({
      season_id: season.id, kind: values.kind, name: values.name, host_union_id: values.host, region_code: values.region, venue: values.venue ?? '',
      starts_at: values.starts, ends_at: values.ends, capacity: values.capacity ?? null, status: 'held', details: JSON.stringify(values.details ?? {}),
      description: values.description ?? '',
    }).returning('id').executeTakeFirstOrThrow();
  // The opening fair is the simulator's plan for the demo's seed (simulate/plan.ts): the same
  // employers, postings, visitors, talks and intents that `chuanyu simulate fair` plays through the API.
  const plan = planFair({ ...OPENING_FAIR, today: todayIso() });
  const fair = await event({
    kind: 'fair', name: FAIR_EVENT.name, host: cq, region: FAIR_EVENT.regionCode, venue: FAIR_EVENT.venue, starts: at(FAIR_DAY, '09:00'), ends: at(FAIR_DAY, '17:00'),
    capacity: FAIR_EVENT.capacity, description: FAIR_EVENT.description,
  });
  await replaceZones(ctx.db, fair.id, plan.zones);
  await event({ kind: 'online', name: '川渝就业服务季网络招聘会', host: sc, region: '510000', starts: at('2023-02-25', '00:00'), ends: at('2023-05-31', '23:59') });
  await event({
    kind: 'forum', name: '工会就业服务论坛', host: cq, region: '500103', venue: '重庆市工人文化宫', starts: at('2023-03-16', '09:00'), ends: at('2023-03-16', '12:00'),
    details: { forum: { agenda: [{ time: '09:00', title: '开幕致辞' }, { time: '09:20', title: '部委专家：新就业形态与工会服务' }, { time: '10:10', title: '高校学者：双城经济圈就业趋势' }, { time: '11:00', title: '企业与人力资源机构圆桌对话' }], speakers: [{ name: '部委专家', title: '人力资源和社会保障部' }, { name: '高校学者', title: '西南大学' }] } },
  });
  const hosts = await Promise.all(LIVESTREAM_HOSTS.map(async (r) => ({ region: r, id: await unionId(ctx, r) })));
  for (let i = 0; i < 40; i++) {
    const host = hosts[i % hosts.length]!;
    const day = new Date(Date.UTC(2023, 1, 27) + Math.floor(i * 2.2) * 86_400_000).toISOString().slice(0, 10);
    await event({
      kind: 'livestream', name: `直播带岗第${i + 1}场`, host: host.id, region: host.region, starts: at(day, '19:30'), ends: at(day, '21:00'),
      details: { livestream: { platform: PLATFORMS[i % PLATFORMS.length], streamUrl: `https://live.example.cn/chuanyu/${i + 1}` } },
    });
  }

  // Every verified employer brings its published postings to the opening fair; all approved.
  await sql`
    INSERT INTO event_signups (event_id, enterprise_id, status, reviewed_at, created_at)
    SELECT ${fair.id}, e.id, 'approved', ${at('2023-02-20', '10:00')}::timestamptz, ${at('2023-02-15', '10:00')}::timestamptz
    FROM enterprises e WHERE e.status = 'verified' AND EXISTS (SELECT 1 FROM postings p WHERE p.enterprise_id = e.id AND p.status = 'published')`.execute(ctx.db);
  await sql`
    INSERT INTO event_postings (event_id, posting_id, signup_id, position)
    SELECT ${fair.id}, p.id, s.id, row_number() OVER (PARTITION BY s.id ORDER BY p.id)
    FROM event_signups s JOIN postings p ON p.enterprise_id = s.enterprise_id AND p.status = 'published' WHERE s.event_id = ${fair.id}`.execute(ctx.db);
  const booths = await ctx.db.selectFrom('booths as b').innerJoin('event_zones as z', 'z.id', 'b.zone_id').select(['b.id', 'z.position', 'b.row', 'b.col']).where('b.event_id', '=', fair.id).execute();
  const waiting = await ctx.db.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id').select(['s.id', 'e.industry_section', 'e.name']).where('s.event_id', '=', fair.id).execute();
  const placed = assignBooths(booths.map((b) => ({ id: b.id, zone: b.position, row: b.row, col: b.col, taken: false })), waiting.map((w) => ({ id: w.id, industry: w.industry_section, name: w.name })));
  if (placed.assignments.length) {
    await sql`UPDATE event_signups s SET booth_id = a.booth FROM unnest(${placed.assignments.map((a) => a.signupId)}::bigint[], ${placed.assignments.map((a) => a.boothId)}::bigint[]) AS a(signup, booth) WHERE s.id = a.signup`.execute(ctx.db);
  }

  await loadOpeningFairDay(ctx, fair.id, plan);
  await recountSeason(ctx.db, season.id);
}

/**
 * The opening fair's day from the plan: visitors registered online or at the entrance, in through
 * the day (the crowd peaking mid-morning), talks at the booths and confirmed hiring intents with
 * their follow-ups. A talk or intent planned for a posting kept off the fair (an employer awaiting
 * verification, a posting awaiting review: the demo's queues) goes to the next one there, as the
 * simulator does.
 */
async function loadOpeningFairDay(ctx: AppContext, fairId: number, plan: FairPlan): Promise<void> {
  const offered = await ctx.db.selectFrom('event_postings as ep').innerJoin('postings as p', 'p.id', 'ep.posting_id').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.title', 'e.id as enterprise_id', 'e.credit_code', 'e.owner_union_id']).where('ep.event_id', '=', fairId).execute();
  const byKey = new Map(offered.map((o) => [`${o.credit_code}/${o.title}`, o]));
  const offerOf = (posting: number) => byKey.get(`${plan.enterprises[plan.postings[posting]!.enterprise]!.creditCode}/${plan.postings[posting]!.title}`);
  const fit = fitPlan(plan, (p) => offerOf(p.index) !== undefined);

  const rnd = random(plan.options.seed);
  const codes = new Set<string>();
  const arrival = (v: FairPlan['visitors'][number]) => Date.parse(at(FAIR_DAY, `${String(9 + v.hour).padStart(2, '0')}:${String(v.minute).padStart(2, '0')}`));
  const rows = plan.visitors.map((v) => {
    let code = '';
    do { code = Array.from({ length: 8 }, () => TICKET_ALPHABET[Math.floor(rnd() * TICKET_ALPHABET.length)]).join(''); } while (codes.has(code));
    codes.add(code);
    return { ...v, code, checkedIn: v.present ? new Date(arrival(v)).toISOString() : null, registered: v.source === 'online' ? at('2023-02-20', '12:00') : new Date(arrival(v)).toISOString() };
  });
  const visitorIds: number[] = [];
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000);
    const { rows: ids } = await sql<{ id: number }>`
      INSERT INTO event_visitors (event_id, name, phone_enc, phone_hash, phone_masked, region_code, ticket_code, source, consented_at, checked_in_at, created_at)
      SELECT ${fairId}, v.name, v.enc, v.hash, v.masked, v.region, v.code, v.source, v.registered, v.checked, v.registered
      FROM unnest(${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => ctx.crypto.encrypt(r.phone))}::bytea[], ${chunk.map((r) => ctx.crypto.blindIndex('event.visitor_phone', r.phone))}::bytea[],
        ${chunk.map((r) => maskPhone(r.phone))}::text[], ${chunk.map((r) => r.regionCode)}::text[], ${chunk.map((r) => r.code)}::text[], ${chunk.map((r) => r.source)}::text[],
        ${chunk.map((r) => r.checkedIn)}::timestamptz[], ${chunk.map((r) => r.registered)}::timestamptz[]) AS v(name, enc, hash, masked, region, code, source, checked, registered)
      RETURNING id`.execute(ctx.db);
    visitorIds.push(...ids.map((r) => r.id));
  }
  // A talk half an hour after the visitor came in; an intent an hour after, confirmed five minutes later.
  const closing = Date.parse(at(FAIR_DAY, '16:55'));
  const after = (visitor: number, minutes: number) => new Date(Math.min(closing, arrival(plan.visitors[visitor]!) + minutes * MINUTE)).toISOString();

  for (let i = 0; i < fit.talks.length; i += 2_500) {
    const chunk = fit.talks.slice(i, i + 2_500);
    await sql`
      INSERT INTO booth_records (event_id, visitor_id, enterprise_id, kind, posting_ids, rating, outcome, created_at)
      SELECT ${fairId}, r.visitor, r.enterprise, r.kind, ARRAY[r.posting], r.rating, r.outcome, r.at
      FROM unnest(${chunk.map((t) => visitorIds[t.visitor]!)}::bigint[], ${chunk.map((t) => offerOf(t.posting)!.enterprise_id)}::uuid[], ${chunk.map((t) => t.kind)}::text[],
        ${chunk.map((t) => offerOf(t.posting)!.id)}::bigint[], ${chunk.map((t) => t.rating)}::smallint[], ${chunk.map((t) => t.outcome)}::text[], ${chunk.map((t) => after(t.visitor, 30))}::timestamptz[])
        AS r(visitor, enterprise, kind, posting, rating, outcome, at)`.execute(ctx.db);
  }
  const intents = fit.intents.map((i) => ({ ...i, offer: offerOf(i.posting)!, start: new Date(Date.parse(`${FAIR_DAY}T00:00:00Z`) + i.startInDays * 86_400_000).toISOString().slice(0, 10) }));
  const { rows: intentIds } = await sql<{ id: number; owner_union_id: string }>`
    INSERT INTO hiring_intents (event_id, visitor_id, enterprise_id, posting_id, owner_union_id, salary, start_date, status, employer_confirmed_at, visitor_confirmed_at, created_at)
    SELECT ${fairId}, i.visitor, i.enterprise, i.posting, i.owner, i.salary, i.start, 'confirmed', i.proposed, i.proposed + interval '5 minutes', i.proposed
    FROM unnest(${intents.map((i) => visitorIds[i.visitor]!)}::bigint[], ${intents.map((i) => i.offer.enterprise_id)}::uuid[], ${intents.map((i) => i.offer.id)}::bigint[],
      ${intents.map((i) => i.offer.owner_union_id)}::uuid[], ${intents.map((i) => i.salary)}::int[], ${intents.map((i) => i.start)}::date[], ${intents.map((i) => after(i.visitor, 60))}::timestamptz[])
      AS i(visitor, enterprise, posting, owner, salary, start, proposed)
    RETURNING id, owner_union_id`.execute(ctx.db);
  await sql`
    INSERT INTO intent_follow_ups (intent_id, owner_union_id, day, due_on)
    SELECT f.intent, f.owner, d.day, (${FAIR_DAY}::date + d.day)
    FROM unnest(${intentIds.map((i) => i.id)}::bigint[], ${intentIds.map((i) => i.owner_union_id)}::uuid[]) AS f(intent, owner) CROSS JOIN (VALUES (30), (90)) AS d(day)`.execute(ctx.db);
}
