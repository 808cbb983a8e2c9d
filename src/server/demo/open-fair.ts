import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { maskPhone } from '../../shared/validators.js';
import { assignBooths } from '../modules/seasons/booths.js';
import { recountSeason, replaceZones } from '../modules/seasons/seasons.repo.js';
import { TICKET_ALPHABET } from '../modules/seasons/tickets.js';
import { todayIso } from '../modules/jobs/postings.service.js';
import { random } from './employment.js';

// A fair open on the day the demo is loaded, so that the fair day can be tried in the browser
// (the 2023 season's events are all held): visitors register on /m/events/:id, cq-admin checks
// them in at /m/staff/events/:id/checkin, employer-demo scans them at /m/booth/events/:id.
// Marked 演示 in its names; written in bulk, figures computed from the records.

export const OPEN_FAIR_SEASON = '川渝就业服务季·现场体验（演示）';
const DAY = 86_400_000;
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周丽', '吴强', '徐婷', '孙浩', '胡军', '朱琳', '高峰', '林霞', '何斌', '郭燕', '马超', '罗梅'];

const chinaDay = (offsetDays: number) => new Date(Date.parse(`${todayIso()}T12:00:00+08:00`) + offsetDays * DAY).toISOString().slice(0, 10);

export async function loadDemoOpenFair(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('seasons').select('id').where('name', '=', OPEN_FAIR_SEASON).executeTakeFirst()) return;
  const union = async (region: string) => (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
  const [cq, sc, shapingba] = await Promise.all([union('500000'), union('510000'), union('500106')]);
  const season = await ctx.db.insertInto('seasons').values({
    name: OPEN_FAIR_SEASON, theme: '在手机上走一遍招聘会：预约、入场、展位扫码、就业意向', starts_on: chinaDay(-7), ends_on: chinaDay(30), owner_union_id: cq, status: 'published',
    description: '演示用的服务季：其中的招聘会在演示数据载入当天开放，可体验观众预约领票、工作人员扫码入场、企业展位扫码登记和就业意向确认。',
    goals: JSON.stringify({ enterprises: 20, checkins: 200, intents: 20 }),
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('season_hosts').values([
    { season_id: season.id, position: 0, name: '重庆市总工会', union_id: cq, role: 'host' },
    { season_id: season.id, position: 1, name: '四川省总工会', union_id: sc, role: 'host' },
  ]).execute();
  const fair = await ctx.db.insertInto('events').values({
    season_id: season.id, kind: 'fair', name: '沙坪坝区现场体验招聘会（演示）', host_union_id: shapingba, region_code: '500106', venue: '沙坪坝区三峡广场',
    starts_at: new Date(`${chinaDay(0)}T08:00:00+08:00`), ends_at: new Date(`${chinaDay(2)}T18:00:00+08:00`), capacity: 2000, status: 'open',
    description: '演示用招聘会（三天）。观众用手机预约领取二维码门票；工作人员 cq-admin 扫码或输入短码入场；企业 employer-demo 在展位扫码登记咨询、面试和就业意向。',
    details: JSON.stringify({}),
  }).returning('id').executeTakeFirstOrThrow();
  await replaceZones(ctx.db, fair.id, [
    { kind: 'booths', name: '招聘展位', rows: 3, cols: 8 },
    { kind: 'demonstration', name: '技能展示区（插花、刺绣、面点）', rows: 1, cols: 1 },
    { kind: 'rights', name: '维权服务区（法律咨询）', rows: 1, cols: 1 },
    { kind: 'membership', name: '入会及互助保障咨询台', rows: 1, cols: 1 },
  ]);

  // employer-demo's enterprise and fifteen more of 沙坪坝区's neighbours, each with up to three postings.
  const employer = await ctx.db.selectFrom('enterprise_members as m').innerJoin('users as u', 'u.id', 'm.user_id').select('m.enterprise_id').where('u.username', '=', 'employer-demo').executeTakeFirst();
  const others = await ctx.db.selectFrom('enterprises as e').select('e.id').where('e.status', '=', 'verified').where('e.region_code', 'like', '50%')
    .where((eb) => eb.exists(eb.selectFrom('postings as p').select('p.id').whereRef('p.enterprise_id', '=', 'e.id').where('p.status', '=', 'published')))
    .orderBy('e.credit_code').limit(16).execute();
  const enterprises = [...new Set([...(employer ? [employer.enterprise_id] : []), ...others.map((o) => o.id)])].slice(0, 16);
  if (enterprises.length === 0) return;
  const yesterday = new Date(Date.now() - DAY);
  await sql`
    INSERT INTO event_signups (event_id, enterprise_id, status, reviewed_at, created_at)
    SELECT ${fair.id}, e, 'approved', ${yesterday}::timestamptz, ${yesterday}::timestamptz FROM unnest(${enterprises}::uuid[]) AS e`.execute(ctx.db);
  await sql`
    INSERT INTO event_postings (event_id, posting_id, signup_id, position)
    SELECT ${fair.id}, x.id, x.signup, x.n FROM (
      SELECT p.id, s.id AS signup, row_number() OVER (PARTITION BY s.id ORDER BY p.id) AS n
      FROM event_signups s JOIN postings p ON p.enterprise_id = s.enterprise_id AND p.status = 'published' WHERE s.event_id = ${fair.id}
    ) x WHERE x.n <= 3`.execute(ctx.db);
  const booths = await ctx.db.selectFrom('booths as b').innerJoin('event_zones as z', 'z.id', 'b.zone_id').select(['b.id', 'z.position', 'b.row', 'b.col']).where('b.event_id', '=', fair.id).execute();
  const waiting = await ctx.db.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id').select(['s.id', 'e.industry_section', 'e.name']).where('s.event_id', '=', fair.id).execute();
  const placed = assignBooths(booths.map((b) => ({ id: b.id, zone: b.position, row: b.row, col: b.col, taken: false })), waiting.map((w) => ({ id: w.id, industry: w.industry_section, name: w.name })));
  if (placed.assignments.length) {
    await sql`UPDATE event_signups s SET booth_id = a.booth FROM unnest(${placed.assignments.map((a) => a.signupId)}::bigint[], ${placed.assignments.map((a) => a.boothId)}::bigint[]) AS a(signup, booth) WHERE s.id = a.signup`.execute(ctx.db);
  }

  // Forty visitors registered on their phones; the first dozen already in.
  const rnd = random(20261127);
  const codes = new Set<string>();
  const visitors = Array.from({ length: 40 }, (_, i) => {
    let code = '';
    do { code = Array.from({ length: 8 }, () => TICKET_ALPHABET[Math.floor(rnd() * TICKET_ALPHABET.length)]).join(''); } while (codes.has(code));
    codes.add(code);
    const phone = `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    return { name: NAMES[i % NAMES.length]!, phone, code, checkedIn: i < 12 ? new Date(Date.now() - (12 - i) * 7 * 60_000) : null };
  });
  await sql`
    INSERT INTO event_visitors (event_id, name, phone_enc, phone_hash, phone_masked, ticket_code, source, consented_at, checked_in_at, created_at)
    SELECT ${fair.id}, v.name, v.enc, v.hash, v.masked, v.code, 'online', ${yesterday}::timestamptz, v.checked, ${yesterday}::timestamptz
    FROM unnest(${visitors.map((v) => v.name)}::text[], ${visitors.map((v) => ctx.crypto.encrypt(v.phone))}::bytea[], ${visitors.map((v) => ctx.crypto.blindIndex('event.visitor_phone', v.phone))}::bytea[],
      ${visitors.map((v) => maskPhone(v.phone))}::text[], ${visitors.map((v) => v.code)}::text[], ${visitors.map((v) => v.checkedIn)}::timestamptz[]) AS v(name, enc, hash, masked, code, checked)
    ON CONFLICT DO NOTHING`.execute(ctx.db);
  await recountSeason(ctx.db, season.id);
}
