import { addWorkingDays } from '../modules/services/services.rules.js';
import { REJECT_REASONS } from './services-content.js';
import { at, FAIR_DAY, plus, type Person, type Who } from './services-plan.js';

// The membership applications of the worker-services demo (issue 8 §2): seeker-demo's approved one
// (his card), five at the opening fair's desk, the 2023 season's online ones, and recent ones —
// approved, waiting (some past the 5-working-day review promise), rejected with a reason, withdrawn.

export interface PlannedMembership {
  channel: 'online' | 'desk';
  who: Who;
  /** The employer's county. */
  regionCode: string;
  registered: boolean;
  employerName?: string;
  createdAt: Date;
  outcome: 'approved' | 'rejected' | 'submitted' | 'withdrawn';
  reviewedAt: Date | null;
  rejectReason?: string;
  /** The 身份证号 a desk visitor showed (people with accounts carry theirs). */
  idCard: string;
}

export function planMemberships(now: Date, person: (region: string) => Person): PlannedMembership[] {
  const out: PlannedMembership[] = [];
  const add = (m: Omit<PlannedMembership, 'idCard'> & { idCard?: string }) => out.push({ idCard: person(m.regionCode).idCard, ...m });
  // seeker-demo: applied online in March 2023, approved by 华蓥市总工会.
  add({ channel: 'online', who: { seeker: true }, regionCode: '511681', registered: false, employerName: '华蓥市明达电力安装有限公司',
    createdAt: at('2023-03-06', '20:15'), outcome: 'approved', reviewedAt: at('2023-03-09', '10:40') });
  // At the fair's desk (the visitors of the consultations 0, 2 and 4 agreed to share their records).
  const desk: [number, string, PlannedMembership['outcome'], string, number][] = [
    [0, '500106', 'approved', '14:05', 2], [2, '500105', 'approved', '14:40', 5], [4, '511681', 'approved', '15:10', 6], [20, '500106', 'approved', '15:35', 3], [21, '500109', 'rejected', '16:10', 7],
  ];
  for (const [visitor, region, outcome, time, days] of desk) {
    const created = at(FAIR_DAY, time);
    add({ channel: 'desk', who: { visitor }, regionCode: region, registered: visitor % 2 === 0, createdAt: created, outcome, reviewedAt: plus(created, days * 24 - 4),
      rejectReason: outcome === 'rejected' ? REJECT_REASONS[0] : undefined });
  }
  // Online during the 2023 season.
  const season: [string, string, PlannedMembership['outcome'], number][] = [
    ['2023-03-02', '500106', 'approved', 2], ['2023-03-14', '500109', 'approved', 4], ['2023-03-21', '500105', 'rejected', 3], ['2023-04-06', '500152', 'approved', 1],
    ['2023-04-19', '511681', 'approved', 2], ['2023-05-08', '500153', 'rejected', 4], ['2023-05-23', '511603', 'approved', 6],
  ];
  season.forEach(([day, region, outcome, days], k) => {
    const created = at(day, `${String(9 + k).padStart(2, '0')}:30`);
    add({ channel: 'online', who: { person: person(region) }, regionCode: region, registered: k % 2 === 0, createdAt: created, outcome, reviewedAt: plus(created, days * 24 + 2),
      rejectReason: outcome === 'rejected' ? REJECT_REASONS[k % 2 ? 1 : 2] : undefined });
  });
  // The days before now: approved, waiting (three past the review promise), rejected, withdrawn.
  const recent: [string, PlannedMembership['outcome'], number, number | null][] = [
    ['500106', 'approved', 16, 2], ['500105', 'approved', 12, 3], ['511681', 'approved', 9, 1],
    ['500106', 'submitted', 0.1, null], ['500106', 'submitted', 1.2, null], ['500109', 'submitted', 2.3, null], ['510107', 'submitted', 3, null],
    ['500112', 'submitted', 10, null], ['511702', 'submitted', 13, null], ['500105', 'submitted', 9.5, null],
    ['500106', 'rejected', 8, 2], ['500153', 'withdrawn', 6, null],
  ];
  recent.forEach(([region, outcome, daysAgo, days], k) => {
    const created = plus(now, -daysAgo * 24 - ((k * 19 + 5) % 53) / 60);
    add({ channel: 'online', who: { person: person(region) }, regionCode: region, registered: k % 3 === 0, createdAt: created, outcome,
      reviewedAt: days === null ? (outcome === 'withdrawn' ? plus(created, 20) : null) : plus(created, days * 24),
      rejectReason: outcome === 'rejected' ? REJECT_REASONS[2] : undefined });
  });
  return out;
}

/** Whether a waiting application is past its review promise (5 working days). */
export const reviewOverdue = (m: PlannedMembership, now: Date) => m.outcome === 'submitted' && addWorkingDays(m.createdAt, 5).getTime() < now.getTime();
