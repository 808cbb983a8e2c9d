import { describe, expect, it } from 'vitest';
import { placeIssues, sumCheck, toBody, toDraft, type Scheme } from './schemeDraft.js';

// The scheme page's draft: the tree from the API, the PUT body back, the server's issues placed on
// the entries they name, and the live sum check in hundredths.

const scheme: Scheme = {
  contestId: 1, hasMarks: false, me: { canManage: true, canEdit: true }, warnings: [],
  items: [
    { id: 1, code: 'A', name: '配电检修', seq: 1, parentId: null, max: null, isTimed: false, timeLimitSeconds: null, lockState: 'open', lockedAt: null, aspects: [], judges: [] },
    { id: 2, code: 'A1', name: '冷缩电缆终端制作', seq: 2, parentId: 1, max: 0.3, isTimed: true, timeLimitSeconds: 5400, lockState: 'locked', lockedAt: null, judges: [], aspects: [
      { id: 10, code: 'A1.1', seq: 1, type: 'measurement', max: 0.1, description: '', descriptors: null, deductions: null, judges: 2 },
      { id: 11, code: 'A1.2', seq: 2, type: 'deduction', max: 0.2, description: '', descriptors: null, deductions: [{ code: 'D1', text: '未戴安全帽', points: 0.1 }], judges: 2 },
    ] },
  ],
};

describe('scheme draft', () => {
  it('round-trips the API tree to the PUT body', () => {
    const draft = toDraft(scheme);
    expect(draft).toHaveLength(1);
    expect(draft[0]!.subs[0]!.aspects.map((a) => a.code)).toEqual(['A1.1', 'A1.2']);
    const { body, keys } = toBody(draft);
    expect(body.items).toEqual([
      { code: 'A', name: '配电检修' },
      { code: 'A1', name: '冷缩电缆终端制作', parent: 'A', max: 0.3, isTimed: true, timeLimitSeconds: 5400, aspects: [
        { code: 'A1.1', type: 'measurement', max: 0.1, description: '' },
        { code: 'A1.2', type: 'deduction', max: 0.2, description: '', deductions: [{ code: 'D1', text: '未戴安全帽', points: 0.1 }] },
      ] },
    ]);
    expect(keys[1]!.aspects).toEqual(draft[0]!.subs[0]!.aspects.map((a) => a.key));
  });

  it('places the server\'s issues on the entries and fields they name', () => {
    const draft = toDraft(scheme);
    const { keys } = toBody(draft);
    const sub = draft[0]!.subs[0]!;
    expect(placeIssues([
      { path: 'items.1.max', message: 'sum' }, { path: 'items.1.aspects.1.deductions.0.points', message: 'over' }, { path: 'items', message: 'empty' },
    ], keys)).toEqual([
      { key: sub.key, field: 'max', message: 'sum' }, { key: sub.aspects[1]!.key, field: 'deductions.0.points', message: 'over' }, { key: '', field: 'items', message: 'empty' },
    ]);
  });

  it('checks sums in hundredths (0.1 + 0.2 = 0.3)', () => {
    const sub = toDraft(scheme)[0]!.subs[0]!;
    expect(sumCheck(sub)).toEqual({ sum: 0.3, ok: true });
    expect(sumCheck({ ...sub, max: 0.4 })).toEqual({ sum: 0.3, ok: false });
    expect(sumCheck({ ...sub, aspects: [] }).ok).toBe(false);
  });
});
