import { describe, expect, it } from 'vitest';
import { checkTransition, isPublic, statusAfterEdit } from './lifecycle.js';

describe('posting lifecycle', () => {
  it.each([
    ['submit', 'draft', 'employer', 'pending'],
    ['submit', 'rejected', 'employer', 'pending'],
    ['approve', 'pending', 'staff', 'published'],
    ['close', 'published', 'employer', 'closed'],
    ['fill', 'published', 'staff', 'filled'],
    ['reopen', 'expired', 'employer', 'draft'],
    ['expire', 'published', 'system', 'expired'],
  ] as const)('%s from %s by %s → %s', (action, from, who, to) => {
    expect(checkTransition(action, from, who)).toEqual({ ok: true, to });
  });

  it.each([
    ['approve', 'pending', 'employer', 'not_allowed_for'],
    ['approve', 'draft', 'staff', 'not_allowed_from'],
    ['fill', 'draft', 'employer', 'not_allowed_from'],
    ['expire', 'published', 'staff', 'not_allowed_for'],
    ['reject', 'pending', 'staff', 'reason_required'],
  ] as const)('refuses %s from %s by %s (%s)', (action, from, who, reason) => {
    expect(checkTransition(action, from, who)).toEqual({ ok: false, reason });
  });

  it('accepts a rejection with a reason', () => {
    expect(checkTransition('reject', 'pending', 'staff', '薪资描述不清')).toEqual({ ok: true, to: 'rejected' });
  });

  it('sends an employer\'s edit of a published posting back to review, not a staff edit', () => {
    expect(statusAfterEdit('published', 'employer')).toBe('pending');
    expect(statusAfterEdit('published', 'staff')).toBe('published');
    expect(statusAfterEdit('draft', 'employer')).toBe('draft');
  });

  it('is public only when published, verified and valid today', () => {
    const p = { status: 'published' as const, enterpriseStatus: 'verified', validFrom: '2023-02-01', validUntil: '2023-05-31' };
    expect(isPublic(p, '2023-02-25')).toBe(true);
    expect(isPublic(p, '2023-06-01')).toBe(false);
    expect(isPublic(p, '2023-01-31')).toBe(false);
    expect(isPublic({ ...p, enterpriseStatus: 'submitted' }, '2023-02-25')).toBe(false);
    expect(isPublic({ ...p, status: 'pending' }, '2023-02-25')).toBe(false);
  });
});
