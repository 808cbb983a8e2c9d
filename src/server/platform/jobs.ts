import type { Logger } from 'pino';

/**
 * A background job every app server runs on a timer (reminders, the service-level sweep): a first
 * run shortly after start, then every `intervalMs`; never two runs of one job at once in a server
 * (the work itself must be safe when several servers run it — SKIP LOCKED, dedupe keys); failures
 * are logged, not thrown. Timers are unref'd. The returned stop waits for a run in progress, so
 * the database closes after it.
 */
export function startPeriodicJob(
  name: string, run: () => Promise<void>, log: Pick<Logger, 'warn'>, options: { intervalMs: number; firstDelayMs: number },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= (async () => {
      try {
        await run();
      } catch (error) {
        log.warn({ err: error }, `${name} failed`);
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, options.firstDelayMs).unref();
  const timer = setInterval(tick, options.intervalMs).unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
