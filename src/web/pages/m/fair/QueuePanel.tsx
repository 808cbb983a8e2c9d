import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/index.js';
import type { QueuedWrite, QueueSnapshot, WriteQueue } from '../../../offline/queue.js';

/** Whether the phone believes it is online (the queue does not rely on it: it retries anyway). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  return online;
}

/**
 * What the phone holds: writes waiting for the network (pending, in order), and the latest
 * answers. Nothing here is lost on a reload; a failed write shows the server's reason.
 */
export function QueuePanel({ queue, state, describe }: { queue: WriteQueue; state: QueueSnapshot; describe(write: QueuedWrite): ReactNode }) {
  const t = useT();
  const online = useOnline();
  const recent = [...state.items].reverse().slice(0, 12);
  return (
    <section className="m-section" aria-labelledby="fd-queue-title">
      <div className="fd-queue-head">
        <h2 id="fd-queue-title">{t('fd.queue.title')}</h2>
        <span className={`fd-net ${online ? 'fd-net-on' : 'fd-net-off'}`} role="status">{online ? t('fd.net.online') : t('fd.net.offline')}</span>
      </div>
      {state.pending > 0 ? (
        <div className="fd-pending" role="status" aria-live="polite">
          <strong>{t('fd.queue.pending', { n: state.pending })}</strong>
          <span>{state.lastProblem ? t('fd.queue.waiting', { reason: state.lastProblem }) : t('fd.queue.sending')}</span>
          <button type="button" className="btn" onClick={() => void queue.flush()}>{t('fd.queue.retry_now')}</button>
        </div>
      ) : (
        <p className="m-hint">{t('fd.queue.all_sent')}</p>
      )}
      {recent.length === 0 ? (
        <div className="m-empty">{t('fd.queue.empty')}</div>
      ) : (
        <ul className="fd-writes">
          {recent.map((w) => (
            <li key={w.key} className={`fd-write fd-write-${w.state}`}>
              <span className="fd-write-state">{t(`fd.state.${w.state}`)}</span>
              <span className="fd-write-body">{describe(w)}</span>
              {w.state === 'failed' && (
                <button type="button" className="btn fd-dismiss" onClick={() => queue.dismiss(w.key)} aria-label={t('fd.queue.dismiss')}>×</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
