import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateFair } from '../src/server/simulate/fair.js';
import { planFair } from '../src/server/simulate/plan.js';
import { countSeasonRecords } from '../src/server/simulate/records.repo.js';
import { chinaDate } from '../src/server/simulate/setup.js';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from './helpers.js';

// `chuanyu simulate fair` at a small scale against the real app listening on a port, on the run's
// PostgreSQL: the live figures equal the records and what was acknowledged, and the writes sent
// twice on purpose (double taps, lost answers) wrote nothing twice.

let t: TestApp;
let url: string;
let staff: { login: string; password: string }[];

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cq = await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' });
  const sc = await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' });
  staff = [{ login: cq.username, password: TEST_PASSWORD }, { login: sc.username, password: TEST_PASSWORD }];
});
afterAll(async () => { await t?.close(); });

const sizes = { enterprises: 20, positions: 200, visitors: 300, consultations: 200, intents: 60, seed: 515 };
let firstEventId = 0;

async function recordsOf(eventId: number) {
  const n = async (table: 'booth_records' | 'hiring_intents' | 'event_visitors', checkedIn = false) => Number((await t.ctx.db.selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n')).where('event_id', '=', eventId)
    .$if(checkedIn, (q) => q.where('checked_in_at' as never, 'is not', null)).executeTakeFirstOrThrow()).n);
  // Visitors registered online or at the entrance, each once.
  return { talks: await n('booth_records'), intents: await n('hiring_intents'), visitors: await n('event_visitors'), checkedIn: await n('event_visitors', true) };
}

describe('simulate fair', () => {
  it('refuses a server that is not in demo mode unless forced', async () => {
    await expect(simulateFair({ ...sizes, url, concurrency: 2, retryShare: 0, staff, force: false, log: () => {} })).rejects.toThrow('--force');
  });

  it('plays a fair day through the API: stats equal the records and the acknowledged writes, nothing doubled', async () => {
    const lines: string[] = [];
    const outcome = await simulateFair({
      ...sizes, url, concurrency: 16, retryShare: 0.2, staff, force: true, log: (l) => lines.push(l),
      countRecords: (seasonId) => countSeasonRecords(t.ctx.db, seasonId),
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.differences).toEqual([]);
    // No 5xx and no dropped connection on a healthy server (concurrent approvals once deadlocked).
    expect(outcome.retries).toBe(0);
    expect(lines.some((l) => /\[simulate\] gate +\d+\/\d+ +\d+ req\/s/.test(l))).toBe(true);

    const plan = planFair({ ...sizes, today: chinaDate(new Date()) });
    const present = plan.visitors.filter((v) => v.present).length;
    expect(outcome.stats).toMatchObject({ enterprises: 20, positions: 200, checkins: present, consultations: 150, interviews: 50, intents: 60 });
    expect(outcome.records?.total).toEqual(Object.fromEntries(Object.entries(outcome.stats).filter(([k]) => k in outcome.records!.total)));

    // The records themselves: one per planned write, though a fifth of the writes were sent twice.
    firstEventId = outcome.eventId;
    expect(await recordsOf(outcome.eventId)).toEqual({ talks: 200, intents: 60, visitors: 300, checkedIn: present });
    const followUps = await t.ctx.db.selectFrom('intent_follow_ups as f').innerJoin('hiring_intents as i', 'i.id', 'f.intent_id')
      .select((eb) => eb.fn.countAll<string>().as('n')).where('i.event_id', '=', outcome.eventId).executeTakeFirstOrThrow();
    expect(Number(followUps.n)).toBe(120);
  }, 180_000);

  it('replays the same seed on the same fair without writing anything new', async () => {
    const outcome = await simulateFair({
      ...sizes, url, concurrency: 8, retryShare: 0, staff, force: true, log: () => {},
      countRecords: (seasonId) => countSeasonRecords(t.ctx.db, seasonId),
    });
    expect(outcome.differences).toEqual([]);
    expect(outcome.problems).toEqual([]);
    expect(outcome.stats).toMatchObject({ enterprises: 20, positions: 200, consultations: 150, interviews: 50, intents: 60 });
    expect(outcome.eventId).toBe(firstEventId);
    const present = planFair({ ...sizes, today: chinaDate(new Date()) }).visitors.filter((v) => v.present).length;
    expect(await recordsOf(outcome.eventId)).toEqual({ talks: 200, intents: 60, visitors: 300, checkedIn: present });
  }, 180_000);
});
