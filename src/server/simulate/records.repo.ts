import { sql } from 'kysely';
import type { Executor } from '../platform/db.js';

// A season's figures counted from the records themselves (a full scan, for the simulator's check:
// GET /api/seasons/:id/stats answers from counters, and the two must agree).

export const FIGURES = ['enterprises', 'jobTypes', 'positions', 'openings', 'checkins', 'consultations', 'interviews', 'intents'] as const;
export type Figures = Record<(typeof FIGURES)[number], number>;
export interface Counted { total: Figures; byFederation: { '50': Figures; '51': Figures } }

const zero = (): Figures => ({ enterprises: 0, jobTypes: 0, positions: 0, openings: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 });

export async function countSeasonRecords(db: Executor, seasonId: number): Promise<Counted> {
  const { rows } = await sql<{ federation: '50' | '51'; figure: keyof Figures; value: string }>`
    WITH postings AS (
      SELECT DISTINCT p.id, left(x.region_code, 2) AS federation, p.headcount, p.job_type_code
      FROM event_postings ep JOIN event_signups s ON s.id = ep.signup_id JOIN events e ON e.id = s.event_id
      JOIN postings p ON p.id = ep.posting_id JOIN enterprises x ON x.id = s.enterprise_id
      WHERE e.season_id = ${seasonId} AND s.status = 'approved'
    )
    SELECT left(x.region_code, 2) AS federation, 'enterprises' AS figure, count(DISTINCT s.enterprise_id) AS value
      FROM event_signups s JOIN events e ON e.id = s.event_id JOIN enterprises x ON x.id = s.enterprise_id
      WHERE e.season_id = ${seasonId} AND s.status = 'approved' GROUP BY 1
    UNION ALL SELECT federation, 'positions', count(*) FROM postings GROUP BY 1
    UNION ALL SELECT federation, 'openings', sum(headcount) FROM postings GROUP BY 1
    UNION ALL SELECT federation, 'jobTypes', count(DISTINCT job_type_code) FROM postings GROUP BY 1
    UNION ALL SELECT 'all', 'jobTypes', count(DISTINCT job_type_code) FROM postings
    UNION ALL SELECT u.federation, 'checkins', count(*) FROM event_visitors v JOIN events e ON e.id = v.event_id JOIN unions u ON u.id = e.host_union_id
      WHERE e.season_id = ${seasonId} AND v.checked_in_at IS NOT NULL GROUP BY 1
    UNION ALL SELECT left(x.region_code, 2), CASE r.kind WHEN 'consultation' THEN 'consultations' ELSE 'interviews' END, count(*)
      FROM booth_records r JOIN events e ON e.id = r.event_id JOIN enterprises x ON x.id = r.enterprise_id WHERE e.season_id = ${seasonId} GROUP BY 1, 2
    UNION ALL SELECT left(x.region_code, 2), 'intents', count(*)
      FROM hiring_intents i JOIN events e ON e.id = i.event_id JOIN enterprises x ON x.id = i.enterprise_id
      WHERE e.season_id = ${seasonId} AND i.status = 'confirmed' GROUP BY 1`.execute(db);
  const out: Counted = { total: zero(), byFederation: { 50: zero(), 51: zero() } };
  for (const r of rows) {
    const value = Number(r.value);
    if (r.federation === ('all' as string)) out.total.jobTypes = value;
    else out.byFederation[r.federation][r.figure] += value;
  }
  for (const f of FIGURES) if (f !== 'jobTypes') out.total[f] = out.byFederation[50][f] + out.byFederation[51][f];
  return out;
}

/** The season's name, to make sure the database counted is the one the server runs on. */
export async function seasonName(db: Executor, seasonId: number): Promise<string | undefined> {
  return (await db.selectFrom('seasons').select('name').where('id', '=', seasonId).executeTakeFirst())?.name;
}
