import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { maskPhone } from '../../shared/validators.js';
import { assignBooths } from '../modules/seasons/booths.js';
import { recountSeason, replaceZones } from '../modules/seasons/seasons.repo.js';
import { TICKET_ALPHABET } from '../modules/seasons/tickets.js';
import { random } from './employment.js';

// The 2023 川渝就业服务季 (PRODUCT.md): hosted by both federations and 重庆市人社局 under the
// national federation, 25 February to May; the opening fair at 三峡广场 (455 employers, 13,000+
// positions, ~12,000 visitors, ~10,000 consultations and interviews, ~3,800 hiring intents), an
// online fair, a forum in March and 40 livestream sessions by unions of both provinces. Written in
// bulk (deterministic), then the season's counters are computed from the records.

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强', '小红', '海燕', '春梅', '德明'];
const LIVESTREAM_HOSTS = ['500105', '511600', '500109', '510100', '500151', '511000', '500153', '511700', '500112', '510900'];
const PLATFORMS = ['抖音', '快手', '视频号', '重庆工会APP', '川工之家'];
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;

async function unionId(ctx: AppContext, region: string): Promise<string> {
  return (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
}

export async function loadDemoSeason(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('seasons').select('id').limit(1).executeTakeFirst()) return;
  const rnd = random(20230225);
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
  const fair = await event({
    kind: 'fair', name: '川渝就业服务季开幕式暨大型招聘会', host: cq, region: '500106', venue: '沙坪坝区三峡广场', starts: at('2023-02-25', '09:00'), ends: at('2023-02-25', '17:00'),
    capacity: 20000, description: '两地 455 家企业带来 100 多个工种、13000 余个岗位；现场设技能展示区（插花、刺绣、面点）、维权服务区及入会和互助保障咨询台。',
  });
  await replaceZones(ctx.db, fair.id, [
    ...['A', 'B', 'C', 'D', 'E'].map((z) => ({ kind: 'booths', name: `招聘${z}区`, rows: 7, cols: 13 })),
    { kind: 'demonstration', name: '技能展示区（插花、刺绣、面点）', rows: 1, cols: 3 },
    { kind: 'rights', name: '维权服务区（法律咨询）', rows: 1, cols: 2 },
    { kind: 'membership', name: '入会及互助保障咨询台', rows: 1, cols: 2 },
  ]);
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
  const plan = assignBooths(booths.map((b) => ({ id: b.id, zone: b.position, row: b.row, col: b.col, taken: false })), waiting.map((w) => ({ id: w.id, industry: w.industry_section, name: w.name })));
  if (plan.assignments.length) {
    await sql`UPDATE event_signups s SET booth_id = a.booth FROM unnest(${plan.assignments.map((a) => a.signupId)}::bigint[], ${plan.assignments.map((a) => a.boothId)}::bigint[]) AS a(signup, booth) WHERE s.id = a.signup`.execute(ctx.db);
  }

  // The fair day: ~12,000 visitors (most pre-registered), the crowd peaking mid-morning.
  const counties = (await ctx.db.selectFrom('regions').select('code').where('level', '=', 'county').execute()).map((r) => r.code);
  const visitors = 12_000;
  const hourWeights = [0.16, 0.22, 0.17, 0.1, 0.11, 0.1, 0.08, 0.06]; // 09:00 … 16:00
  const codes = new Set<string>();
  const rows: { name: string; phone: string; region: string; code: string; source: string; checkedIn: string | null }[] = [];
  for (let i = 0; i < visitors; i++) {
    let code = '';
    do { code = Array.from({ length: 8 }, () => TICKET_ALPHABET[Math.floor(rnd() * TICKET_ALPHABET.length)]).join(''); } while (codes.has(code));
    codes.add(code);
    let h = 0;
    for (let r = rnd(); h < hourWeights.length - 1 && r > hourWeights[h]!; h++) r -= hourWeights[h]!;
    const checkedIn = rnd() < 0.93 ? new Date(Date.parse(at('2023-02-25', `${String(9 + h).padStart(2, '0')}:00`)) + Math.floor(rnd() * 3_600_000)).toISOString() : null;
    rows.push({
      name: `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}`, phone: `1${['3', '5', '7', '8', '9'][Math.floor(rnd() * 5)]}${String(100_000_000 + i * 7919 % 899_999_999).slice(0, 9)}`,
      region: counties[Math.floor(rnd() * counties.length)]!, code, source: rnd() < 0.8 ? 'online' : 'onsite', checkedIn,
    });
  }
  const visitorIds: number[] = [];
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000);
    const { rows: ids } = await sql<{ id: number }>`
      INSERT INTO event_visitors (event_id, name, phone_enc, phone_hash, phone_masked, region_code, ticket_code, source, consented_at, checked_in_at, created_at)
      SELECT ${fair.id}, v.name, v.enc, v.hash, v.masked, v.region, v.code, v.source, ${at('2023-02-20', '12:00')}::timestamptz, v.checked, ${at('2023-02-20', '12:00')}::timestamptz
      FROM unnest(${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => ctx.crypto.encrypt(r.phone))}::bytea[], ${chunk.map((r) => ctx.crypto.blindIndex('event.visitor_phone', r.phone))}::bytea[],
        ${chunk.map((r) => maskPhone(r.phone))}::text[], ${chunk.map((r) => r.region)}::text[], ${chunk.map((r) => r.code)}::text[], ${chunk.map((r) => r.source)}::text[],
        ${chunk.map((r) => r.checkedIn)}::timestamptz[]) AS v(name, enc, hash, masked, region, code, source, checked)
      RETURNING id`.execute(ctx.db);
    visitorIds.push(...ids.map((r) => r.id));
  }
  const present = visitorIds.filter((_, i) => rows[i]!.checkedIn);

  // ~10,000 consultations and interviews at the booths, and ~3,800 confirmed hiring intents.
  const offers = await ctx.db.selectFrom('event_postings as ep').innerJoin('postings as p', 'p.id', 'ep.posting_id').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.enterprise_id', 'p.salary_min', 'p.salary_max', 'e.owner_union_id']).where('ep.event_id', '=', fair.id).orderBy('p.id').execute();
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const records = Array.from({ length: 10_000 }, (_, i) => ({ visitor: pick(present), offer: pick(offers), kind: i % 4 === 3 ? 'interview' : 'consultation' }));
  for (let i = 0; i < records.length; i += 2_500) {
    const chunk = records.slice(i, i + 2_500);
    await sql`
      INSERT INTO booth_records (event_id, visitor_id, enterprise_id, kind, posting_ids, rating, outcome, created_at)
      SELECT ${fair.id}, r.visitor, r.enterprise, r.kind, ARRAY[r.posting], CASE WHEN r.kind = 'consultation' THEN r.score END, CASE WHEN r.kind = 'interview' THEN 'pending' END, ${at('2023-02-25', '12:00')}::timestamptz
      FROM unnest(${chunk.map((r) => r.visitor)}::bigint[], ${chunk.map((r) => r.offer.enterprise_id)}::uuid[], ${chunk.map((r) => r.kind)}::text[], ${chunk.map((r) => r.offer.id)}::bigint[],
        ${chunk.map(() => 3 + Math.floor(rnd() * 3))}::smallint[]) AS r(visitor, enterprise, kind, posting, score)`.execute(ctx.db);
  }
  const intentVisitors = [...present].sort(() => rnd() - 0.5).slice(0, 3_800);
  const intents = intentVisitors.map((visitor) => {
    const offer = pick(offers);
    const salary = offer.salary_min ? Math.round(((offer.salary_min + (offer.salary_max ?? offer.salary_min)) / 2) / 100) * 100 : 5000;
    return { visitor, offer, salary };
  });
  const { rows: intentIds } = await sql<{ id: number; owner_union_id: string }>`
    INSERT INTO hiring_intents (event_id, visitor_id, enterprise_id, posting_id, owner_union_id, salary, start_date, status, employer_confirmed_at, visitor_confirmed_at, created_at)
    SELECT ${fair.id}, i.visitor, i.enterprise, i.posting, i.owner, i.salary, '2023-03-06', 'confirmed', ${at('2023-02-25', '14:00')}::timestamptz, ${at('2023-02-25', '14:05')}::timestamptz, ${at('2023-02-25', '14:00')}::timestamptz
    FROM unnest(${intents.map((i) => i.visitor)}::bigint[], ${intents.map((i) => i.offer.enterprise_id)}::uuid[], ${intents.map((i) => i.offer.id)}::bigint[],
      ${intents.map((i) => i.offer.owner_union_id)}::uuid[], ${intents.map((i) => i.salary)}::int[]) AS i(visitor, enterprise, posting, owner, salary)
    RETURNING id, owner_union_id`.execute(ctx.db);
  await sql`
    INSERT INTO intent_follow_ups (intent_id, owner_union_id, day, due_on)
    SELECT f.intent, f.owner, d.day, ('2023-02-25'::date + d.day)
    FROM unnest(${intentIds.map((i) => i.id)}::bigint[], ${intentIds.map((i) => i.owner_union_id)}::uuid[]) AS f(intent, owner) CROSS JOIN (VALUES (30), (90)) AS d(day)`.execute(ctx.db);
  await recountSeason(ctx.db, season.id);
}
