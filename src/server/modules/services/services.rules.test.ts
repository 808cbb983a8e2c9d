import { describe, expect, it } from 'vitest';
import { addWorkingDays, addWorkingDaysToDate, isWorkingDay, slaState } from './services.rules.js';

// China time is UTC+8: 2026-11-27 is a Friday.
const cst = (local: string) => new Date(`${local}+08:00`);

describe('working days', () => {
  it.each([
    ['2026-11-23T10:00:00', 2, '2026-11-25T10:00:00'], // Mon → Wed
    ['2026-11-27T10:00:00', 2, '2026-12-01T10:00:00'], // Fri → Tue over the weekend
    ['2026-11-28T10:00:00', 2, '2026-12-01T10:00:00'], // Sat → Tue (Mon counts 1)
    ['2026-11-27T23:30:00', 1, '2026-11-30T23:30:00'], // late Friday in China is still Friday
  ])('%s + %i working days = %s', (from, days, expected) => {
    expect(addWorkingDays(cst(from), days).getTime()).toBe(cst(expected).getTime());
  });

  it('knows weekends in China time, not UTC', () => {
    expect(isWorkingDay(cst('2026-11-28T07:00:00'))).toBe(false); // Saturday morning in China, Friday in UTC
    expect(isWorkingDay(cst('2026-11-30T07:00:00'))).toBe(true);
  });

  it('gives a China date for review deadlines', () => {
    expect(addWorkingDaysToDate(cst('2026-11-27T20:00:00'), 5)).toBe('2026-12-04');
  });
});

describe('slaState', () => {
  const createdAt = cst('2026-11-23T10:00:00');
  const dueAt = cst('2026-11-25T10:00:00');
  it.each([
    [null, '2026-11-23T12:00:00', 'on_time'],
    [null, '2026-11-24T23:00:00', 'due_soon'], // last quarter of the 48 h window
    [null, '2026-11-25T10:00:01', 'overdue'],
    ['2026-11-24T09:00:00', '2026-11-30T09:00:00', 'met'],
    ['2026-11-25T11:00:00', '2026-11-30T09:00:00', 'missed'],
  ])('answered %s, now %s → %s', (answered, now, expected) => {
    expect(slaState({ createdAt, dueAt, firstAnsweredAt: answered ? cst(answered) : null, now: cst(now) })).toBe(expected);
  });

  it('judges a request closed without an answer by when it was closed', () => {
    const now = cst('2026-11-30T09:00:00');
    expect(slaState({ createdAt, dueAt, firstAnsweredAt: null, closedAt: cst('2026-11-24T09:00:00'), now })).toBe('met');
    expect(slaState({ createdAt, dueAt, firstAnsweredAt: null, closedAt: cst('2026-11-26T09:00:00'), now })).toBe('missed');
  });
});
