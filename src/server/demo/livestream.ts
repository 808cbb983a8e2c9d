import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { maskPhone } from '../../shared/validators.js';
import { phoneIndex } from '../modules/accounts/accounts.service.js';
import { recountRooms } from '../modules/seasons/livestream.repo.js';
import { random } from './employment.js';

// The demo season's 40 livestream sessions (直播带岗, issue 5 §6), all held: each room features ten
// postings picked by its host union, most from its own province and the rest from the other; the
// viewer counts staff entered during the session; and the applications viewers made in the room —
// real applications of demo seekers, in the employers' pipelines, a few taken to an intent or a
// hire. Written in bulk (deterministic); the rooms' counters are then computed from the records.

const FEATURED = 10;
const SEEKERS = 1_200;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['浩', '婷', '宇', '欣', '磊', '琳', '鹏', '雪', '俊', '丹', '凯', '倩', '晨', '颖', '志刚', '晓燕', '国庆', '红梅', '建军', '小龙', '玉兰', '家豪'];
// Where an in-room application stands after the session (its employer's pipeline), by weight.
const OUTCOMES: [status: 'new' | 'viewed' | 'interview' | 'intent' | 'hired' | 'rejected', weight: number][] = [
  ['new', 0.12], ['viewed', 0.38], ['interview', 0.2], ['intent', 0.1], ['hired', 0.06], ['rejected', 0.14],
];

export async function loadDemoLivestreams(ctx: AppContext): Promise<void> {
  const featuredAlready = await ctx.db.selectFrom('event_postings as ep').innerJoin('events as e', 'e.id', 'ep.event_id')
    .select('ep.event_id').where('e.kind', '=', 'livestream').where('ep.signup_id', 'is', null).limit(1).executeTakeFirst();
  if (featuredAlready) return;
  const events = await ctx.db.selectFrom('events as e').innerJoin('livestream_rooms as r', 'r.event_id', 'e.id')
    .select(['e.id', 'e.region_code', 'e.starts_at', 'e.ends_at']).where('e.kind', '=', 'livestream').where('e.status', '=', 'held').orderBy('e.starts_at').execute();
  if (!events.length) return;
  const rnd = random(20230227);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;

  // Postings anybody may apply to, by province.
  const open = await ctx.db.selectFrom('postings as p').innerJoin('enterprises as x', 'x.id', 'p.enterprise_id')
    .select(['p.id', 'p.enterprise_id', 'p.owner_union_id', 'p.region_code'])
    .where('p.status', '=', 'published').where('x.status', '=', 'verified')
    .where('p.valid_from', '<=', sql<string>`current_date`).where('p.valid_until', '>=', sql<string>`current_date`).orderBy('p.id').execute();
  const byProvince = { 50: open.filter((p) => p.region_code.startsWith('50')), 51: open.filter((p) => p.region_code.startsWith('51')) };
  if (!byProvince[50].length || !byProvince[51].length) return;

  const featured: { event: number; posting: (typeof open)[number]; position: number }[] = [];
  for (const e of events) {
    const own = e.region_code.startsWith('51') ? byProvince[51] : byProvince[50];
    const other = own === byProvince[51] ? byProvince[50] : byProvince[51];
    const chosen = new Set<number>();
    while (chosen.size < FEATURED) {
      const p = pick(chosen.size < 6 ? own : other);
      if (chosen.has(p.id)) continue;
      chosen.add(p.id);
      featured.push({ event: e.id, posting: p, position: chosen.size - 1 });
    }
  }
  await sql`
    INSERT INTO event_postings (event_id, posting_id, position)
    SELECT * FROM unnest(${featured.map((f) => f.event)}::bigint[], ${featured.map((f) => f.posting.id)}::bigint[], ${featured.map((f) => f.position)}::int[])`.execute(ctx.db);

  // The viewers staff read off the platform three times a session, rising to the final figure.
  const counts = events.flatMap((e) => {
    const total = Math.round((3_000 + rnd() * 27_000) / 10) * 10;
    const start = e.starts_at.getTime();
    return [[0.35, 20], [0.7, 50], [1, 85]].map(([share, minutes]) => ({ event: e.id, viewers: Math.round(total * share! / 10) * 10, at: new Date(start + minutes! * 60_000) }));
  });
  await sql`
    INSERT INTO livestream_viewer_counts (event_id, viewers, entered_at)
    SELECT * FROM unnest(${counts.map((c) => c.event)}::bigint[], ${counts.map((c) => c.viewers)}::int[], ${counts.map((c) => c.at.toISOString())}::timestamptz[])`.execute(ctx.db);
  const finals = counts.filter((_, i) => i % 3 === 2);
  await sql`
    UPDATE livestream_rooms r SET viewers = f.viewers, viewers_version = 4, updated_at = f.at
    FROM unnest(${finals.map((c) => c.event)}::bigint[], ${finals.map((c) => c.viewers)}::int[], ${finals.map((c) => c.at.toISOString())}::timestamptz[]) AS f(event, viewers, at)
    WHERE r.event_id = f.event`.execute(ctx.db);

  // Seekers who watched and applied (they log in by SMS code in real life: no password here).
  const people = Array.from({ length: SEEKERS }, (_, i) => {
    const phone = `137${String(20_230_000 + i).padStart(8, '0')}`;
    return { name: `${pick([...SURNAMES])}${pick(GIVEN)}`, phone };
  });
  const { rows: seekers } = await sql<{ id: string }>`
    INSERT INTO users (name, phone_enc, phone_hash, phone_masked, password_hash, roles, is_demo, created_at, updated_at)
    SELECT u.name, u.enc, u.hash, u.masked, '!', ARRAY['seeker'], true, '2023-02-20T12:00:00+08:00', '2023-02-20T12:00:00+08:00'
    FROM unnest(${people.map((p) => p.name)}::text[], ${people.map((p) => ctx.crypto.encrypt(p.phone))}::bytea[], ${people.map((p) => phoneIndex(ctx, p.phone))}::bytea[],
      ${people.map((p) => maskPhone(p.phone))}::text[]) AS u(name, enc, hash, masked)
    ON CONFLICT DO NOTHING
    RETURNING id`.execute(ctx.db);
  if (!seekers.length) return;

  const applications: { event: number; posting: (typeof open)[number]; seeker: string; status: string; at: Date }[] = [];
  const once = new Set<string>();
  for (const e of events) {
    const room = featured.filter((f) => f.event === e.id);
    const n = 25 + Math.floor(rnd() * 55);
    for (let i = 0; i < n; i++) {
      const f = pick(room);
      const seeker = pick(seekers).id;
      if (once.has(`${f.posting.id}:${seeker}`)) continue;
      once.add(`${f.posting.id}:${seeker}`);
      let r = rnd();
      const status = OUTCOMES.find(([, w]) => (r -= w) < 0)?.[0] ?? 'viewed';
      applications.push({ event: e.id, posting: f.posting, seeker, status, at: new Date(e.starts_at.getTime() + rnd() * (e.ends_at.getTime() - e.starts_at.getTime())) });
    }
  }
  const { rows: ids } = await sql<{ id: number }>`
    INSERT INTO applications (posting_id, seeker_id, enterprise_id, owner_union_id, status, created_at, updated_at)
    SELECT * FROM unnest(${applications.map((a) => a.posting.id)}::bigint[], ${applications.map((a) => a.seeker)}::uuid[], ${applications.map((a) => a.posting.enterprise_id)}::uuid[],
      ${applications.map((a) => a.posting.owner_union_id)}::uuid[], ${applications.map((a) => a.status)}::text[], ${applications.map((a) => a.at.toISOString())}::timestamptz[],
      ${applications.map((a) => a.at.toISOString())}::timestamptz[])
    RETURNING id`.execute(ctx.db);
  const reached = (status: string) => status === 'intent' || status === 'hired';
  await sql`
    INSERT INTO application_events (application_id, actor_id, action, from_status, to_status, at)
    SELECT a.id, NULL, e.action, e.from_status, e.to_status, a.at + e.later
    FROM unnest(${ids.map((r) => Number(r.id))}::bigint[], ${applications.map((a) => a.status)}::text[], ${applications.map((a) => a.at.toISOString())}::timestamptz[]) AS a(id, status, at)
    CROSS JOIN LATERAL (VALUES ('apply', NULL, 'new', interval '0'), ('status', 'new', a.status, interval '2 days')) AS e(action, from_status, to_status, later)
    WHERE e.action = 'apply' OR a.status <> 'new'`.execute(ctx.db);
  await sql`
    INSERT INTO livestream_applications (application_id, event_id, posting_id, created_at, intent_at)
    SELECT * FROM unnest(${ids.map((r) => Number(r.id))}::bigint[], ${applications.map((a) => a.event)}::bigint[], ${applications.map((a) => a.posting.id)}::bigint[],
      ${applications.map((a) => a.at.toISOString())}::timestamptz[], ${applications.map((a) => (reached(a.status) ? new Date(a.at.getTime() + 2 * 86_400_000).toISOString() : null))}::timestamptz[])`.execute(ctx.db);
  await recountRooms(ctx.db, events.map((e) => e.id));
}
