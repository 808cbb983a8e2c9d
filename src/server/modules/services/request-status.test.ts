import { describe, expect, it } from 'vitest';
import type { ServiceRequestStatus } from '../../platform/db.js';
import { autoCloseAt, nextStatus, REOPEN_DAYS, type RequestStep } from './request-status.js';

// The request's status machine, one row per (status, step): open → assigned → answered → closed → reopened.

const DAY = 86_400_000;
const now = new Date('2026-06-10T02:00:00Z');

describe('nextStatus', () => {
  const table: [ServiceRequestStatus, RequestStep, { hasAssignee?: boolean; closedAt?: Date }, string][] = [
    ['open', 'answer', {}, 'answered'],
    ['assigned', 'answer', {}, 'answered'],
    ['reopened', 'answer', {}, 'answered'],
    ['answered', 'answer', {}, 'answered'],
    ['closed', 'answer', {}, 'services.requests.closed'],
    ['open', 'note', {}, 'open'],
    ['answered', 'note', {}, 'answered'],
    ['closed', 'note', {}, 'services.requests.closed'],
    ['answered', 'worker_message', { hasAssignee: true }, 'assigned'],
    ['answered', 'worker_message', { hasAssignee: false }, 'open'],
    ['open', 'worker_message', {}, 'open'],
    ['assigned', 'worker_message', { hasAssignee: true }, 'assigned'],
    ['reopened', 'worker_message', {}, 'reopened'],
    ['closed', 'worker_message', {}, 'services.requests.closed'],
    ['open', 'assign', {}, 'assigned'],
    ['reopened', 'assign', {}, 'assigned'],
    ['assigned', 'assign', {}, 'assigned'],
    ['answered', 'assign', {}, 'answered'],
    ['closed', 'assign', {}, 'services.requests.closed'],
    ['assigned', 'transfer', {}, 'open'],
    ['answered', 'transfer', {}, 'open'],
    ['reopened', 'transfer', {}, 'open'],
    ['closed', 'transfer', {}, 'services.requests.closed'],
    ['answered', 'confirm', {}, 'closed'],
    ['open', 'confirm', {}, 'services.requests.not_answered'],
    ['assigned', 'confirm', {}, 'services.requests.not_answered'],
    ['closed', 'confirm', {}, 'services.requests.closed'],
    ['answered', 'auto_close', {}, 'closed'],
    ['reopened', 'auto_close', {}, 'services.requests.not_answered'],
    ['open', 'staff_close', {}, 'closed'],
    ['reopened', 'staff_close', {}, 'closed'],
    ['closed', 'staff_close', {}, 'services.requests.closed'],
    ['closed', 'reopen', { closedAt: new Date(now.getTime() - 3 * DAY) }, 'reopened'],
    ['closed', 'reopen', { closedAt: new Date(now.getTime() - REOPEN_DAYS * DAY) }, 'reopened'],
    ['closed', 'reopen', { closedAt: new Date(now.getTime() - REOPEN_DAYS * DAY - 1000) }, 'services.requests.reopen_expired'],
    ['answered', 'reopen', {}, 'services.requests.not_closed'],
    ['open', 'reopen', {}, 'services.requests.not_closed'],
  ];
  it.each(table)('%s + %s %j → %s', (from, step, context, expected) => {
    const result = nextStatus(from, step, { ...context, now });
    expect(result.ok ? result.to : result.code).toBe(expected);
  });
});

describe('autoCloseAt', () => {
  it('is 7 days after the answer while answered, else null', () => {
    const answeredAt = new Date('2026-06-01T08:00:00Z');
    expect(autoCloseAt('answered', answeredAt, 7)?.toISOString()).toBe('2026-06-08T08:00:00.000Z');
    expect(autoCloseAt('assigned', answeredAt, 7)).toBeNull();
    expect(autoCloseAt('answered', null, 7)).toBeNull();
  });
});
