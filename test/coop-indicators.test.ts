import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators, indicatorValueOf, type Indicator } from '../src/server/modules/cooperation/indicators.js';
import { itemProgress } from '../src/server/modules/cooperation/progress.js';
import { recountSeason } from '../src/server/modules/seasons/seasons.repo.js';
import { makeContest } from './contest-factory.js';
import { makeAgreement } from './coop-factory.js';
import { createTestApp, makeEnterprise, uniqueSuffix, type TestApp } from './helpers.js';

// Computed indicators equal the underlying records (issue 7 "Done when"): every kind of indicator
// is checked against a count of the rows it stands for, written here without the module's code.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const unionOf = async (region: string) => (await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;

/** A published season with events of every state, two employers' approved sign-ups with postings, visitors and a booth record. */
async function makeSeason() {
  const db = t.ctx.db;
  const cq = await unionOf('500000');
  const season = await db.insertInto('seasons').values({ name: `测试服务季${uniqueSuffix()}`, starts_on: '2023-02-25', ends_on: '2023-05-31', owner_union_id: cq, status: 'published' })
    .returning('id').executeTakeFirstOrThrow();
  const event = (kind: 'fair' | 'livestream', status: 'draft' | 'open' | 'held' | 'cancelled', i: number) => ({
    season_id: season.id, kind, name: `${kind === 'fair' ? '招聘会' : '直播带岗'}${i}`, host_union_id: cq, region_code: '500105',
    starts_at: `2023-03-${String(i + 1).padStart(2, '0')}T19:30:00+08:00`, ends_at: `2023-03-${String(i + 1).padStart(2, '0')}T21:00:00+08:00`, status,
  });
  const events = await db.insertInto('events').values([
    event('livestream', 'held', 1), event('livestream', 'held', 2), event('livestream', 'held', 3),
    event('livestream', 'open', 4), event('livestream', 'cancelled', 5), event('livestream', 'draft', 6),
    event('fair', 'held', 7), event('fair', 'open', 8),
  ]).returning(['id', 'kind', 'status']).execute();
  const fair = events.find((e) => e.kind === 'fair' && e.status === 'held')!;
  for (const [n, region] of [[2, '500105'], [1, '510100']] as const) {
    const x = await makeEnterprise(t.ctx, { region });
    const signup = await db.insertInto('event_signups').values({ event_id: fair.id, enterprise_id: x.id, status: 'approved', status_reason: null, booth_id: null, reviewed_by: null, reviewed_at: null, created_by: null })
      .returning('id').executeTakeFirstOrThrow();
    for (let k = 0; k < n; k += 1) {
      const p = await db.insertInto('postings').values({
        enterprise_id: x.id, owner_union_id: await unionOf(region), title: `电工${uniqueSuffix()}`, job_type_code: k ? 'welder' : 'electrician', industry_section: 'C', industry_division: null,
        region_code: region, salary_negotiable: false, salary_min: 5000, salary_max: 7000, headcount: 3, education: 'none', experience: 'none',
        description_html: '', benefits: [], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
        valid_from: '2020-01-01', valid_until: '2099-12-31', status: 'published', published_at: new Date(), reviewed_by: null, created_by: null,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('event_postings').values({ event_id: fair.id, posting_id: p.id, signup_id: signup.id }).execute();
    }
    if (n === 2) {
      const visitors = await db.insertInto('event_visitors').values([0, 1, 2].map((v) => ({
        event_id: fair.id, user_id: null, name: `访客${v}`, phone_enc: randomBytes(8), phone_hash: randomBytes(16), phone_masked: '139****0000',
        region_code: null, ticket_code: randomBytes(4).toString('hex').toUpperCase(), source: 'onsite' as const, consented_at: new Date(), registered_by: null,
        checked_in_at: v < 2 ? new Date() : null, checked_in_by: null,
      }))).returning('id').execute();
      await db.insertInto('booth_records').values({ event_id: fair.id, visitor_id: visitors[0]!.id, enterprise_id: x.id, kind: 'consultation', rating: null, outcome: null, created_by: null }).execute();
    }
  }
  // The demo's bulk load path: the season's counters rebuilt from its records.
  await recountSeason(db, season.id);
  return season.id;
}

describe('indicators', () => {
  it('equal a direct count of the records they stand for', async () => {
    const db = t.ctx.db;
    const seasonId = await makeSeason();
    // A year of its own, so other tests' contests do not count: two joint contests, one of one
    // province only, one draft, one whose final ends the next year.
    const year = 2040 + Math.floor(Math.random() * 50);
    const contests = await Promise.all([
      makeContest(t.ctx), makeContest(t.ctx),
      makeContest(t.ctx, { teams: [{ name: '广安队', region: '511600', size: 2 }, { name: '成都队', region: '510100', size: 1 }] }),
      makeContest(t.ctx, { status: 'draft' }),
      makeContest(t.ctx, { finalists: false }),
    ]);
    for (const [i, c] of contests.entries()) {
      const finalOn = i === 4 ? `${year + 1}-01-02` : `${year}-12-31`;
      await db.updateTable('contests').set({ starts_on: `${year}-01-01`, ends_on: `${year}-01-03` }).where('id', '=', c.id).execute();
      await db.updateTable('contest_rounds').set({ starts_on: `${year}-01-01`, ends_on: finalOn }).where('contest_id', '=', c.id).execute();
    }
    await db.updateTable('contest_contestants').set({ stage: 'eliminated' }).where('id', '=', contests[0]!.contestants[0]!.id).execute();

    const direct = {
      livestreams: await sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE season_id = ${seasonId} AND kind = 'livestream' AND status = 'held'`.execute(db),
      positions: await sql<{ n: string }>`SELECT count(DISTINCT ep.posting_id) AS n FROM event_postings ep JOIN event_signups s ON s.id = ep.signup_id JOIN events e ON e.id = s.event_id WHERE e.season_id = ${seasonId} AND s.status = 'approved'`.execute(db),
      enterprises: await sql<{ n: string }>`SELECT count(DISTINCT s.enterprise_id) AS n FROM event_signups s JOIN events e ON e.id = s.event_id WHERE e.season_id = ${seasonId} AND s.status = 'approved'`.execute(db),
      jobTypes: await sql<{ n: string }>`SELECT count(DISTINCT p.job_type_code) AS n FROM event_postings ep JOIN postings p ON p.id = ep.posting_id JOIN events e ON e.id = ep.event_id WHERE e.season_id = ${seasonId}`.execute(db),
      checkins: await sql<{ n: string }>`SELECT count(*) AS n FROM event_visitors v JOIN events e ON e.id = v.event_id WHERE e.season_id = ${seasonId} AND v.checked_in_at IS NOT NULL`.execute(db),
      consultations: await sql<{ n: string }>`SELECT count(*) AS n FROM booth_records r JOIN events e ON e.id = r.event_id WHERE e.season_id = ${seasonId} AND r.kind = 'consultation'`.execute(db),
      finalists: await sql<{ n: string }>`SELECT count(*) AS n FROM contest_contestants WHERE contest_id = ${contests[0]!.id} AND stage = 'finalist'`.execute(db),
      joint: await sql<{ n: string }>`
        SELECT count(*) AS n FROM contests c WHERE c.status = 'published'
          AND EXISTS (SELECT 1 FROM contest_rounds r WHERE r.contest_id = c.id AND r.kind = 'final' AND r.ends_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date)
          AND EXISTS (SELECT 1 FROM contest_teams tm JOIN unions u ON u.id = tm.union_id WHERE tm.contest_id = c.id AND u.federation = '50')
          AND EXISTS (SELECT 1 FROM contest_teams tm JOIN unions u ON u.id = tm.union_id WHERE tm.contest_id = c.id AND u.federation = '51')`.execute(db),
    };
    const n = (r: { rows: { n: string }[] }) => Number(r.rows[0]!.n);
    expect([n(direct.livestreams), n(direct.positions), n(direct.enterprises), n(direct.jobTypes), n(direct.checkins), n(direct.consultations), n(direct.finalists), n(direct.joint)])
      .toEqual([3, 3, 2, 2, 2, 1, 5, 2]);

    const specs: Indicator[] = [
      { kind: 'livestreams_held', seasonId },
      { kind: 'season_figure', seasonId, figure: 'positions' },
      { kind: 'season_figure', seasonId, figure: 'enterprises' },
      { kind: 'season_figure', seasonId, figure: 'jobTypes' },
      { kind: 'season_figure', seasonId, figure: 'checkins' },
      { kind: 'season_figure', seasonId, figure: 'consultations' },
      { kind: 'contest_finalists', contestId: contests[0]!.id },
      { kind: 'joint_contests', year },
    ];
    const values = await computeIndicators(t.ctx, specs);
    expect(specs.map((s) => indicatorValueOf(values, s))).toEqual([
      n(direct.livestreams), n(direct.positions), n(direct.enterprises), n(direct.jobTypes), n(direct.checkins), n(direct.consultations), n(direct.finalists), n(direct.joint),
    ]);
    // The same figures the season's own page shows (GET /api/seasons/:id/stats).
    const stats = (await t.app.inject({ url: `/api/seasons/${seasonId}/stats` })).json();
    expect([stats.positions, stats.enterprises, stats.jobTypes, stats.checkins, stats.consultations]).toEqual(specs.slice(1, 6).map((s) => indicatorValueOf(values, s)));
    // Unknown things count nothing rather than failing the page.
    const none = await computeIndicators(t.ctx, [{ kind: 'livestreams_held', seasonId: 999_999_999 }, { kind: 'contest_finalists', contestId: 999_999_999 }]);
    expect([...none.values()]).toEqual([0, 0]);
  });

  it('give an item its value, percent and status through itemProgress', async () => {
    const seasonId = await makeSeason();
    const a = await makeAgreement(t.ctx, { seasonId });
    await t.ctx.db.updateTable('work_items').set({ manual_value: '12' }).where('id', '=', a.manualItemId).execute();
    await t.ctx.db.insertInto('work_item_signoffs').values({ item_id: a.manualItemId, federation: '51', user_id: a.staff.sc.id }).execute();
    const progress = await itemProgress(t.ctx, [a.indicatorItemId, a.manualItemId, a.indicatorItemId, 999_999_999], '2023-07-02');
    expect([...progress.keys()].sort()).toEqual([a.manualItemId, a.indicatorItemId].sort());
    // 3 held of 40 (7.5 %) at half time: 42.5 points behind → at risk, with its rule's numbers.
    expect(progress.get(a.indicatorItemId)).toEqual({
      value: 3, target: 40, unit: '场', percent: 7.5, status: 'at_risk', awaitingSignOff: false, rule: 'coop.items.rule.at_risk',
      ruleParams: { elapsed: 50, percent: 7.5, dueOn: '2023-12-31', gap: 42.5 }, signedBy: [],
    });
    // 12 of 10 场 shows 100 %; one federation signed → awaiting the other.
    expect(progress.get(a.manualItemId)).toMatchObject({ value: 12, target: 10, percent: 100, status: 'on_track', awaitingSignOff: true, signedBy: ['51'] });
    await t.ctx.db.insertInto('work_item_signoffs').values({ item_id: a.manualItemId, federation: '50', user_id: a.staff.cq.id }).execute();
    expect((await itemProgress(t.ctx, [a.manualItemId], '2024-06-01')).get(a.manualItemId)).toMatchObject({ status: 'done', signedBy: ['50', '51'] });
    // After the due date (China date) an unfinished item is late.
    expect((await itemProgress(t.ctx, [a.indicatorItemId], '2024-01-01')).get(a.indicatorItemId)).toMatchObject({ status: 'late', rule: 'coop.items.rule.late' });
    expect((await itemProgress(t.ctx, [])).size).toBe(0);
  });
});
