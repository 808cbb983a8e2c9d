import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api, ApiError } from '../services/client.js';
import { isRetryable, localStorageFor, WriteQueue, type QueuedWrite, type QueueSnapshot, type SendOutcome } from './queue.js';

const queues = new Map<string, WriteQueue>();

/** Send one queued write with its key (a POST of its body unless told otherwise) and sort the answer into done, failed or retry. */
export async function sendWrite(write: QueuedWrite, init: { method?: string; body?: unknown } = {}): Promise<SendOutcome> {
  try {
    const result = await api<unknown>(write.path, { method: init.method ?? 'POST', body: init.body ?? write.body, headers: { 'idempotency-key': write.key } });
    return { kind: 'done', result };
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'retry', status: 0, message: String(error) };
    return isRetryable(error.status)
      ? { kind: 'retry', status: error.status, message: error.message }
      : { kind: 'failed', status: error.status, code: error.code, message: error.message };
  }
}

/** The phone's queue of writes named `name` (one per page and event), shared by every component. */
export function writeQueue(name: string, send: (write: QueuedWrite) => Promise<SendOutcome> = (w) => sendWrite(w)): WriteQueue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new WriteQueue({ storage: localStorageFor(name), send });
    queues.set(name, queue);
  }
  return queue;
}

/** Subscribe a component to a queue; it retries when the phone says it is online again. */
export function useWriteQueue(name: string, send?: (write: QueuedWrite) => Promise<SendOutcome>): { queue: WriteQueue; state: QueueSnapshot } {
  // A queue keeps the sender it was made with: one name, one kind of write.
  const queue = useMemo(() => writeQueue(name, send), [name]);
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
