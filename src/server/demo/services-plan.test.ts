import { describe, expect, it } from 'vitest';
import { isMainlandMobile, isValidIdCard } from '../../shared/validators.js';
import { slaState } from '../modules/services/services.rules.js';
import { DEMO_CASES } from './services-content.js';
import { planMemberships, reviewOverdue } from './services-membership.js';
import { createdFor, makePeople, planRequests, replayRequest, SEEKER_ID_CARD, SERVICE_STAFF, type ReplayEnv } from './services-plan.js';

// The worker-services demo's plan, replayed without a database: every planned lifecycle is a legal
// path of the requests' state machine and ends where the plan means it to.

const NOW = new Date('2026-11-25T10:30:00+08:00'); // a Wednesday
const env = (region: string): ReplayEnv => ({
  route: { unionId: `u${region}`, by: 'region' }, unionOfRegion: (r) => `u${r}`, federationOf: (u) => `fed${u.slice(1, 3)}`,
  staffOf: (u) => (SERVICE_STAFF[u.slice(1)] ? `staff-${u.slice(1)}` : null), nameOf: (id) => `name of ${id}`, worker: 'worker', createdBy: 'worker',
});

describe('demo services plan', () => {
  it('makes people with mainland mobiles and valid 身份证号, deterministically', () => {
    const a = makePeople(7);
    const b = makePeople(7);
    const people = Array.from({ length: 300 }, () => a('500106'));
    expect(people).toEqual(Array.from({ length: 300 }, () => b('500106')));
    expect(people.every((p) => isMainlandMobile(p.phone) && isValidIdCard(p.idCard) && !p.phone.startsWith('1380000'))).toBe(true);
    expect(new Set(people.map((p) => p.phone)).size).toBe(300);
    expect(new Set(people.map((p) => p.idCard)).size).toBe(300);
    expect(isValidIdCard(SEEKER_ID_CARD)).toBe(true);
  });

  it('shows every service-level colour whatever the day and hour the demo is loaded', () => {
    let weekdays = 0;
    for (let k = 0; k < 14 * 24; k += 5) {
      const now = new Date(NOW.getTime() + k * 3_600_000);
      const seen = new Set<string>();
      for (const req of planRequests(now, makePeople(1))) {
        const r = replayRequest(req, env(req.regionCode));
        seen.add(slaState({ createdAt: req.createdAt, dueAt: r.answerDueAt, firstAnsweredAt: r.firstAnsweredAt, now }));
        expect(req.steps.every((s) => s.at <= now), `${now.toISOString()} ${req.subject}`).toBe(true);
      }
      // nothing can be due soon at the weekend: every due time is then at least a weekend away
      const expected = createdFor(now, 'due_soon', 1) ? ['due_soon', 'met', 'missed', 'on_time', 'overdue'] : ['met', 'missed', 'on_time', 'overdue'];
      expect([...seen].sort(), now.toISOString()).toEqual(expected);
      weekdays += expected.length === 5 ? 1 : 0;
    }
    expect(weekdays).toBeGreaterThan(40);
  });

  it('plans ~60 consultations whose steps replay through the state machine, all in the past', () => {
    const requests = planRequests(NOW, makePeople(1));
    expect(requests.length).toBe(60);
    expect(requests.filter((r) => r.channel === 'desk').length).toBe(15);
    const statuses = new Map<string, number>();
    for (const req of requests) {
      const r = replayRequest(req, env(req.regionCode)); // throws on an illegal step
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(req.steps.every((s) => s.at >= req.createdAt && s.at <= NOW)).toBe(true);
      expect(r.events[0]!.action).toBe('created');
      if (r.status === 'answered') expect(NOW.getTime() - r.answeredAt!.getTime()).toBeLessThan(7 * 86_400_000);
      if (r.escalatedAt) expect(r.firstAnsweredAt === null || r.firstAnsweredAt > r.escalatedAt).toBe(true);
      if (!r.firstAnsweredAt && r.status !== 'closed' && r.answerDueAt < NOW) expect(r.escalatedAt).not.toBeNull();
    }
    expect([...statuses.keys()].sort()).toEqual(['answered', 'assigned', 'closed', 'open', 'reopened']);
    expect(DEMO_CASES.filter((c) => c.desk).length).toBeGreaterThanOrEqual(15);
  });

  it('plans ~25 membership applications: approved, waiting (some past the review promise), rejected with a reason, withdrawn', () => {
    const list = planMemberships(NOW, makePeople(2));
    expect(list.length).toBe(25);
    expect(new Set(list.map((m) => m.outcome))).toEqual(new Set(['approved', 'submitted', 'rejected', 'withdrawn']));
    expect(list.filter((m) => reviewOverdue(m, NOW)).length).toBe(3);
    expect(list.filter((m) => m.outcome === 'rejected').every((m) => m.rejectReason)).toBe(true);
    expect(list.every((m) => !m.reviewedAt || (m.reviewedAt > m.createdAt && m.reviewedAt < NOW))).toBe(true);
  });
});
