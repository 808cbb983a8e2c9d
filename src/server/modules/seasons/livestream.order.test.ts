import { describe, expect, it } from 'vitest';
import { arrangeRoom, checkAdd, checkReorder, MAX_FEATURED, nextPosition } from './livestream.order.js';

describe('checkAdd', () => {
  it.each([
    { name: 'a new posting', current: [3, 1], id: 7, expected: 'ok' },
    { name: 'the first one', current: [], id: 7, expected: 'ok' },
    { name: 'one already featured', current: [3, 7], id: 7, expected: 'already' },
    { name: 'a full room', current: Array.from({ length: MAX_FEATURED }, (_, i) => i + 1), id: 999, expected: 'full' },
    { name: 'a full room that holds it says already', current: Array.from({ length: MAX_FEATURED }, (_, i) => i + 1), id: 1, expected: 'already' },
  ])('$name', ({ current, id, expected }) => {
    expect(checkAdd(current, id)).toBe(expected);
  });
});

describe('checkReorder', () => {
  it.each([
    { name: 'the same postings in another order', current: [1, 2, 3], requested: [3, 1, 2], expected: 'ok' },
    { name: 'the same order', current: [1, 2, 3], requested: [1, 2, 3], expected: 'ok' },
    { name: 'an empty room, empty order', current: [], requested: [], expected: 'ok' },
    { name: 'a posting named twice', current: [1, 2, 3], requested: [1, 1, 2], expected: 'duplicate' },
    { name: 'one missing (removed meanwhile elsewhere, or dropped by mistake)', current: [1, 2, 3], requested: [1, 2], expected: 'stale' },
    { name: 'one more (added meanwhile elsewhere)', current: [1, 2], requested: [1, 2, 3], expected: 'stale' },
    { name: 'one replaced by another', current: [1, 2, 3], requested: [1, 2, 4], expected: 'stale' },
  ])('$name', ({ current, requested, expected }) => {
    expect(checkReorder(current, requested)).toBe(expected);
  });
});

describe('nextPosition', () => {
  it.each([
    { positions: [], expected: 0 },
    { positions: [0, 1, 2], expected: 3 },
    { positions: [0, 5, 2], expected: 6 }, // gaps left by removals
  ])('after $positions comes $expected', ({ positions, expected }) => {
    expect(nextPosition(positions)).toBe(expected);
  });
});

describe('arrangeRoom', () => {
  const p = (id: number, position: number) => ({ id, position });
  it.each([
    { name: 'live order by position', featured: [p(1, 2), p(2, 0), p(3, 1)], pinned: null, expected: [[2, false], [3, false], [1, false]] },
    { name: 'the pinned one marked where it stands', featured: [p(1, 2), p(2, 0), p(3, 1)], pinned: 3, expected: [[2, false], [3, true], [1, false]] },
    { name: 'equal positions by id', featured: [p(9, 0), p(4, 0)], pinned: 9, expected: [[4, false], [9, true]] },
    { name: 'a pin that is not featured marks nothing', featured: [p(1, 0)], pinned: 5, expected: [[1, false]] },
    { name: 'an empty room', featured: [], pinned: null, expected: [] },
  ])('$name', ({ featured, pinned, expected }) => {
    expect(arrangeRoom(featured, pinned).map((x) => [x.id, x.pinned])).toEqual(expected);
  });
});
