import { describe, expect, it } from 'vitest';
import { isMainlandMobile } from '../../shared/validators.js';
import { checkPlanOptions, fairZones, fitPlan, intentSalary, OPENING_FAIR, planFair, sheetCsv } from './plan.js';
import { deliveryOf } from './run.js';

const small = { enterprises: 20, positions: 200, visitors: 300, consultations: 200, intents: 60, seed: 7, today: '2026-11-26' };

describe('the fair-day plan', () => {
  const plan = planFair(small);

  it('is the same for the same options, and another for another seed', () => {
    const again = planFair(small);
    expect(again.visitors[123]).toEqual(plan.visitors[123]);
    expect(again.talks.slice(0, 20)).toEqual(plan.talks.slice(0, 20));
    expect(again.intents).toEqual(plan.intents);
    expect(planFair({ ...small, seed: 8 }).visitors[0]).not.toEqual(plan.visitors[0]);
  });

  it('has the sizes asked for, every employer with postings and an employer account', () => {
    expect(plan.enterprises).toHaveLength(20);
    expect(plan.postings).toHaveLength(200);
    expect(plan.visitors).toHaveLength(300);
    expect(plan.talks).toHaveLength(200);
    expect(plan.intents).toHaveLength(60);
    expect(plan.enterprises.every((e) => e.postings.length > 0 && e.postings.every((p) => plan.postings[p]!.enterprise === e.index))).toBe(true);
    const phones = [...plan.enterprises.map((e) => e.employer.phone), ...plan.visitors.map((v) => v.phone)];
    expect(phones.every(isMainlandMobile)).toBe(true);
    expect(new Set(plan.enterprises.map((e) => e.employer.phone)).size).toBe(20);
    expect(new Set(plan.visitors.map((v) => v.phone)).size).toBe(300);
  });

  it('lets talks and intents happen only with visitors who came; one intent per visitor; every fourth talk an interview', () => {
    const present = new Set(plan.visitors.filter((v) => v.present).map((v) => v.index));
    expect(plan.talks.every((t) => present.has(t.visitor))).toBe(true);
    expect(plan.intents.every((i) => present.has(i.visitor))).toBe(true);
    expect(new Set(plan.intents.map((i) => i.visitor)).size).toBe(plan.intents.length);
    expect(plan.talks.filter((t) => t.kind === 'interview')).toHaveLength(50);
    expect(plan.talks.every((t) => (t.kind === 'consultation') === (t.rating !== null))).toBe(true);
    // Walk-ins always come in; most of those registered online do.
    expect(plan.visitors.filter((v) => v.source === 'onsite').every((v) => v.present)).toBe(true);
  });

  it('is at the opening fair\'s scale with the demo\'s seed: 455 employers, 13,000 postings, 455 booths', () => {
    const opening = planFair({ ...OPENING_FAIR, today: '2023-02-25' });
    expect(opening.enterprises).toHaveLength(455);
    expect(opening.postings).toHaveLength(13_000);
    expect(Math.max(...opening.enterprises.map((e) => e.postings.length))).toBeLessThanOrEqual(500);
    const booths = opening.zones.filter((z) => z.kind === 'booths').reduce((n, z) => n + z.rows * z.cols, 0);
    expect(booths).toBe(455);
    const present = opening.visitors.filter((v) => v.present).length / 12_000;
    expect(present).toBeGreaterThan(0.9);
    expect(present).toBeLessThan(0.96);
  });
});

describe('fitPlan', () => {
  const plan = planFair(small);
  it('keeps the totals, moving a talk or intent for a posting away from the fair to the next one there', () => {
    const away = new Set(plan.enterprises[0]!.postings);
    const fit = fitPlan(plan, (p) => !away.has(p.index));
    expect(fit.postings).toHaveLength(200 - away.size);
    expect(fit.talks).toHaveLength(200);
    expect(fit.intents).toHaveLength(60);
    expect([...fit.talks, ...fit.intents].every((x) => !away.has(x.posting))).toBe(true);
    const moved = plan.talks.find((t) => away.has(t.posting));
    if (moved) expect(fit.talks[moved.index]!.posting).toBe(fit.postings.find((p) => p.index > moved.posting)?.index ?? fit.postings[0]!.index);
  });
  it('leaves a plan alone when everything is there, and empties it when nothing is', () => {
    expect(fitPlan(plan, () => true).talks).toEqual(plan.talks);
    expect(fitPlan(plan, () => false)).toEqual({ postings: [], talks: [], intents: [] });
  });
});

describe('small pieces', () => {
  it.each([
    ['3500-5000', 4300], ['3.5k-5k', 4300], ['7000-9500', 8300], ['面议', 5000], ['', 5000],
  ])('intent salary of %s is %i', (band, salary) => {
    expect(intentSalary(band)).toBe(salary);
  });

  it.each([
    [1, 1, 1], [13, 1, 1], [20, 2, 1], [455, 5, 7], [3_000, 5, 47], [5_000, 5, 20],
  ])('%i employers get %i booth zones of %i rows', (n, zones, rows) => {
    const booth = fairZones(n).filter((z) => z.kind === 'booths');
    expect(booth).toHaveLength(zones);
    expect(booth[0]!.rows).toBe(rows);
    expect(booth.reduce((s, z) => s + z.rows * z.cols, 0)).toBeGreaterThanOrEqual(n);
    expect(booth.every((z) => z.rows <= 50 && z.cols <= 50)).toBe(true);
  });

  it('names every bad size', () => {
    const problems = checkPlanOptions({ ...small, enterprises: 0, positions: 1.5, intents: 290 });
    expect(problems.map((p) => p.split(/[ :]/)[0])).toEqual(['--enterprises', '--positions', '--intents']);
    expect(checkPlanOptions({ ...small, positions: 10 })).toEqual(['--positions: 每家企业至少一个岗位 / at least one posting per employer']);
    expect(checkPlanOptions(small)).toEqual([]);
  });

  it('writes CSV that quotes commas and quotes', () => {
    expect(sheetCsv({ name: 's', rows: [{ number: 1, cells: ['a,b', 'say "hi"', 3, null] }] })).toBe('"a,b","say ""hi""",3,\r\n');
  });

  it('sends about the share of writes twice that it is asked to, the same ones every run', () => {
    const run = { seed: 1, retryShare: 0.1 };
    const kinds = Array.from({ length: 10_000 }, (_, i) => deliveryOf(run, `k.${i}`));
    expect(kinds.filter((k) => k !== 'once').length).toBeGreaterThan(850);
    expect(kinds.filter((k) => k !== 'once').length).toBeLessThan(1150);
    expect(kinds.filter((k) => k === 'double').length).toBeGreaterThan(400);
    expect(deliveryOf(run, 'k.42')).toBe(kinds[42]);
    expect(deliveryOf({ seed: 1, retryShare: 0 }, 'k.42')).toBe('once');
  });
});
