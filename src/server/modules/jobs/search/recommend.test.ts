import { describe, expect, it } from 'vitest';
import { recommend, scoreCandidate, type Candidate, type SeekerWish } from './recommend.js';

const NOW = Date.UTC(2023, 2, 1);
const DAY = 86_400_000;
const HUAYING = { county: '511681', city: '511600', province: '510000' }; // 广安市华蓥市
const GUANGAN = { county: '511602', city: '511600', province: '510000' }; // 广安市广安区
const DAZHOU = { county: '511702', city: '511700', province: '510000' }; // 达州市通川区
const YUBEI = { county: '500112', city: '500112', province: '500000' }; // 重庆市渝北区

const wish = (over: Partial<SeekerWish> = {}): SeekerWish => ({
  home: HUAYING, jobTypes: new Set(['electrician']), regions: new Set(), desiredSalary: 6000, skills: ['高压电工证'], ...over,
});
const job = (id: number, over: Partial<Candidate> = {}): Candidate => ({
  id, jobTypeCode: 'electrician', place: HUAYING, salaryMin: 6000, salaryMax: 8000, text: '电工', publishedAt: NOW - 10 * DAY, ...over,
});

describe('scoreCandidate', () => {
  it.each([
    ['same district, wanted job, pay at or above the wish', job(1), ['same_county', 'desired_job', 'salary_above']],
    ['same city', job(2, { place: GUANGAN }), ['desired_job', 'salary_above', 'same_city']],
    ['same province', job(3, { place: DAZHOU }), ['desired_job', 'salary_above', 'same_province']],
    ['the other province is still offered', job(4, { place: YUBEI }), ['desired_job', 'salary_above', 'cross_province']],
    ['pay reaches the wish only at its top', job(5, { salaryMin: 5000, salaryMax: 6500 }), ['same_county', 'desired_job', 'salary_fit']],
    ['pay far below: no salary reason', job(6, { salaryMin: 3000, salaryMax: 4000 }), ['same_county', 'desired_job']],
    ['skills found in the posting', job(7, { text: '要求持高压电工证' }), ['same_county', 'desired_job', 'salary_above', 'skills']],
    ['new in the last days', job(8, { publishedAt: NOW - DAY }), ['same_county', 'desired_job', 'salary_above', 'new']],
    ['another job type', job(9, { jobTypeCode: 'welder' }), ['same_county', 'salary_above']],
  ])('%s', (_, candidate, reasons) => {
    expect(scoreCandidate(wish(), candidate, NOW).reasons).toEqual(reasons);
  });

  it('orders by distance when all else is equal: district > city > province > other province', () => {
    const ranked = recommend(wish(), [job(4, { place: YUBEI }), job(3, { place: DAZHOU }), job(2, { place: GUANGAN }), job(1)], NOW, 10);
    expect(ranked.map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('an 电工 in 四川 ranks above an equal one in 重庆 for a Sichuan seeker, and the reverse for a Chongqing one', () => {
    const candidates = [job(1, { place: YUBEI }), job(2, { place: DAZHOU })];
    expect(recommend(wish(), candidates, NOW, 2).map((r) => r.id)).toEqual([2, 1]);
    expect(recommend(wish({ home: { county: '500106', city: '500106', province: '500000' } }), candidates, NOW, 2).map((r) => r.id)).toEqual([1, 2]);
  });

  it('a wanted region counts wherever the seeker lives', () => {
    const scored = scoreCandidate(wish({ regions: new Set(['500000']) }), job(1, { place: YUBEI }), NOW);
    expect(scored.reasons).toContain('desired_region');
    expect(scored.score).toBeGreaterThan(scoreCandidate(wish(), job(1, { place: YUBEI }), NOW).score);
  });

  it('works without a home, wishes or salary, and breaks ties the same way everywhere', () => {
    const bare: SeekerWish = { home: null, jobTypes: new Set(), regions: new Set(), desiredSalary: null, skills: [] };
    const ranked = recommend(bare, [job(1), job(2), job(3, { publishedAt: NOW })], NOW, 3);
    expect(ranked.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(ranked[0]!.reasons).toEqual(['new']);
  });
});
