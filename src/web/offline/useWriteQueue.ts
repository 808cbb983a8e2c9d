import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api, ApiError } from '../services/client.js';
import { isRetryable, localStorageFor, WriteQueue, type QueuedWrite, type QueueSnapshot, type SendOutcome } from './queue.js';

const queues = new Map<string, WriteQueue>();

async function send(write: QueuedWrite): Promise<SendOutcome> {
  try {
    const result = await api<unknown>(write.path, { method: 'POST', body: write.body, headers: { 'idempotency-key': write.key } });
    return { kind: 'done', result };
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'retry', status: 0, message: String(error) };
    return isRetryable(error.status)
      ? { kind: 'retry', status: error.status, message: error.message }
      : { kind: 'failed', status: error.status, code: error.code, message: error.message };
  }
}

/** The phone's queue of writes named `name` (one per page and event), shared by every component. */
export function writeQueue(name: string): WriteQueue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new WriteQueue({ storage: localStorageFor(name), send });
    queues.set(name, queue);
  }
  return queue;
}

/** Subscribe a component to a queue; it retries when the phone says it is online again. */
export function useWriteQueue(name: string): { queue: WriteQueue; state: QueueSnapshot } {
  const queue = useMemo(() => writeQueue(name), [name]);
  const state = useSyncExternalStore(
    (onChange) => queue.subscribe(onChange),
    () => queue.snapshotCached(),
  );
  useEffect(() => {
    const retry = () => { void queue.flush(); };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', retry);
    void queue.flush(); // anything left from before a reload goes now
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', retry);
    };
  }, [queue]);
  return { queue, state };
}
