import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { useWriteQueue } from '../../../offline/useWriteQueue.js';
import type { QueuedWrite } from '../../../offline/queue.js';
import { useMe } from '../../../services/auth.js';
import { usePublicEvent, type VisitorResult } from '../../../services/fairday.js';
import { TopBar } from '../TopBar.js';
import { TextField } from '../TextField.js';
import { QueuePanel } from './QueuePanel.js';
import { CodeEntry, codeLabel, PHONE_PATTERN, ResultBanner } from './scan.js';
import './fair.css';

/** The entrance on the staff's phone (issue 5 §4): scan or type a ticket, or register a walk-in; works through a network drop. */
export function StaffCheckinPage() {
  const t = useT();
  const { id } = useParams();
  const eventId = Number(id);
  const me = useMe();
  const location = useLocation();
  const event = usePublicEvent(eventId);
  const { queue, state } = useWriteQueue(`checkin-${eventId}`);
  const [last, setLast] = useState<string | null>(null);
  const [walkIn, setWalkIn] = useState({ name: '', phone: '', consent: false });
  const [walkInErrors, setWalkInErrors] = useState<Record<string, string>>({});

  if (me.isPending || event.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!event.data) {
    return (
      <div className="m"><TopBar back="/m/fairs" /><div className="m-section m-empty"><strong>{t('fd.event.not_found')}</strong></div></div>
    );
  }
  if (!event.data.permissions.edit) {
    return (
      <div className="m"><TopBar back={`/m/events/${eventId}`} /><div className="m-section m-empty"><strong>{t('fd.staff.not_yours')}</strong>{event.data.name}</div></div>
    );
  }

  const checkIn = (code: string) => setLast(queue.add(`/api/events/${eventId}/checkins`, { code }, codeLabel(code)).key);
  const submitWalkIn = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!walkIn.name.trim()) errors.name = t('fd.walkin.name_required');
    if (!PHONE_PATTERN.test(walkIn.phone.trim())) errors.phone = t('fd.walkin.phone_invalid');
    if (!walkIn.consent) errors.consent = t('fd.consent_required');
    setWalkInErrors(errors);
    if (Object.keys(errors).length) return;
    const phone = walkIn.phone.trim();
    const write = queue.add(`/api/events/${eventId}/visitors`, { name: walkIn.name.trim(), phone, consent: true, checkIn: true },
      `${walkIn.name.trim()} ${phone.slice(0, 3)}****${phone.slice(-4)}`);
    setLast(write.key);
    setWalkIn({ name: '', phone: '', consent: false });
  };
  const lastWrite = last ? state.items.find((w) => w.key === last) : undefined;
  const describe = (w: QueuedWrite) => {
    const r = w.result as VisitorResult | undefined;
    if (w.state === 'failed') return <>{w.label}：{w.error?.message}</>;
    if (!r) return w.label;
    return <>{r.visitor.name} · {r.visitor.phoneMasked} · {r.duplicate ? t('fd.checkin.repeat_short') : r.registered ? t('fd.checkin.walkin_short', { code: r.visitor.ticketCode }) : t('fd.checkin.in_short')}</>;
  };

  return (
    <div className="m">
      <TopBar back={`/m/events/${eventId}`} />
      <section className="m-section">
        <h1 className="fd-title">{t('fd.staff.title')}</h1>
        <p className="m-hint">{event.data.name} · {event.data.venue}</p>
        {lastWrite && <ResultBanner write={lastWrite} />}
        <CodeEntry id="fd-code" submitLabel={t('fd.checkin.submit')} onCode={checkIn} />
      </section>
      <section className="m-section" aria-labelledby="fd-walkin-title">
        <h2 id="fd-walkin-title">{t('fd.walkin.title')}</h2>
        <p className="m-hint">{t('fd.walkin.hint')}</p>
        <form className="m-form" onSubmit={submitWalkIn} noValidate>
          <TextField id="fd-walkin-name" label={t('fd.walkin.name')} value={walkIn.name} autoComplete="off" error={walkInErrors.name}
            onValue={(name) => setWalkIn({ ...walkIn, name })} />
          <TextField id="fd-walkin-phone" label={t('fd.walkin.phone')} value={walkIn.phone} inputMode="tel" autoComplete="off" maxLength={11} error={walkInErrors.phone}
            onValue={(phone) => setWalkIn({ ...walkIn, phone: phone.replace(/\D/g, '') })} />
          <label className="fd-consent">
            <input type="checkbox" checked={walkIn.consent} onChange={(e) => setWalkIn({ ...walkIn, consent: e.target.checked })} />
            <span>{t('fd.walkin.consent')}</span>
          </label>
          {walkInErrors.consent && <div className="m-field-error">{walkInErrors.consent}</div>}
          <button type="submit" className="btn btn-primary m-submit">{t('fd.walkin.submit')}</button>
        </form>
      </section>
      <QueuePanel queue={queue} state={state} describe={describe} />
      <p className="m-hint fd-foot"><Link to={`/m/events/${eventId}`}>{t('fd.event.page')}</Link></p>
    </div>
  );
}
