import { describe, expect, it } from 'vitest';
import { isRetryable, WriteQueue, type QueuedWrite, type QueueStorage, type SendOutcome } from './queue.js';

function memory(initial: QueuedWrite[] = []): QueueStorage & { saved: QueuedWrite[] } {
  const store = { saved: structuredClone(initial) };
  return Object.assign(store, {
    load: () => structuredClone(store.saved),
    save: (items: QueuedWrite[]) => { store.saved = structuredClone(items); },
  });
}

/** A queue whose server is a script: each try takes the next outcome; timers are run by hand. */
function rig(outcomes: SendOutcome[], storage = memory()) {
  const sent: { key: string; label: string }[] = [];
  const timers: (() => void)[] = [];
  let n = 0;
  const queue = new WriteQueue({
    storage,
    send: async (w) => { sent.push({ key: w.key, label: w.label }); const o = outcomes.shift(); if (!o) throw new Error('no answer scripted'); return o; },
    newKey: () => `key-${++n}`,
    setTimer: (fn) => { timers.push(fn); return timers.length; },
    clearTimer: () => {},
  });
  return { queue, sent, timers, storage };
}

const offline: SendOutcome = { kind: 'retry', status: 0, message: '网络连接失败' };
const ok = (result: unknown): SendOutcome => ({ kind: 'done', result });

describe('the write queue of a phone at the fair', () => {
  it('sends at once when the network is there', async () => {
    const { queue, sent } = rig([ok({ duplicate: false })]);
    const w = queue.add('/api/events/1/checkins', { code: 'ABCD2345' }, 'ABCD2345');
    await queue.flush();
    expect(sent).toEqual([{ key: 'key-1', label: 'ABCD2345' }]);
    expect(queue.find(w.key)).toMatchObject({ state: 'done', result: { duplicate: false }, attempts: 1, body: null });
    expect(queue.snapshot().pending).toBe(0);
  });

  it('keeps writes pending through a drop and sends them in order, each with its own unchanged key', async () => {
    const { queue, sent, timers } = rig([offline, offline, ok(1), ok(2), ok(3)]);
    queue.add('/c', { code: 'A' }, 'A');
    await queue.flush();
    queue.add('/c', { code: 'B' }, 'B');
    queue.add('/c', { code: 'C' }, 'C');
    await queue.flush();
    expect(queue.snapshot()).toMatchObject({ pending: 3, lastProblem: '网络连接失败' });
    timers.shift()!();
    await queue.flush();
    expect(queue.snapshot().pending).toBe(0);
    expect(sent.map((s) => s.key)).toEqual(['key-1', 'key-1', 'key-1', 'key-2', 'key-3']);
    expect(queue.snapshot().items.map((i) => [i.label, i.state, i.result])).toEqual([['A', 'done', 1], ['B', 'done', 2], ['C', 'done', 3]]);
  });

  it('marks a refused write failed with the server\'s message and goes on with the next', async () => {
    const { queue } = rig([{ kind: 'failed', status: 404, code: 'seasons.ticket_not_found', message: '门票不存在' }, ok('next')]);
    const bad = queue.add('/c', { code: 'ZZZZ' }, 'ZZZZ');
    const good = queue.add('/c', { code: 'OK' }, 'OK');
    await queue.flush();
    expect(queue.find(bad.key)).toMatchObject({ state: 'failed', error: { message: '门票不存在' } });
    expect(queue.find(good.key)).toMatchObject({ state: 'done', result: 'next' });
    queue.dismiss(bad.key);
    expect(queue.find(bad.key)).toBeUndefined();
  });

  it('survives a reload: pending writes come back from storage with their keys and are sent', async () => {
    const first = rig([offline]);
    first.queue.add('/c', { code: 'A' }, 'A');
    await first.queue.flush();
    const again = rig([ok('sent after reload')], first.storage);
    expect(again.queue.snapshot().pending).toBe(1);
    await again.queue.flush();
    expect(again.sent).toEqual([{ key: 'key-1', label: 'A' }]);
    expect(again.queue.snapshot().items[0]).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('a thrown send (no answer) is a retry, never a loss', async () => {
    const { queue } = rig([]);
    queue.add('/c', {}, 'A');
    await queue.flush();
    expect(queue.snapshot()).toMatchObject({ pending: 1, lastProblem: 'no answer scripted' });
  });

  it('keeps only the latest finished writes', async () => {
    const storage = memory();
    const queue = new WriteQueue({ storage, send: async () => ok(null), keepFinished: 2, setTimer: () => 0, clearTimer: () => {} });
    for (const label of ['a', 'b', 'c']) { queue.add('/c', {}, label); await queue.flush(); }
    expect(queue.snapshot().items.map((i) => i.label)).toEqual(['b', 'c']);
  });

  it.each([
    [0, true], [401, true], [408, true], [429, true], [500, true], [503, true],
    [400, false], [403, false], [404, false], [409, false], [422, false],
  ])('status %i is retried: %s', (status, retry) => {
    expect(isRetryable(status)).toBe(retry);
  });
});
