import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useI18n, useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { useMe } from '../../../services/auth.js';
import { api, ApiError } from '../../../services/client.js';
import {
  storedTickets, storeTicket, useFairEvents, usePublicBooth, usePublicEvent, useTicketView, type Intent, type VisitorResult,
} from '../../../services/fairday.js';
import { salaryLabel } from '../../../services/jobs.js';
import { formatTimeRange, type EventSummary } from '../../../services/seasons.js';
import { RegionSelect } from '../RegionSelect.js';
import { TextField } from '../TextField.js';
import { TopBar } from '../TopBar.js';
import { QrCode } from './QrCode.js';
import { PHONE_PATTERN } from './scan.js';
import './fair.css';

const eventLink = (e: Pick<EventSummary, 'id' | 'kind'>) => (e.kind === 'livestream' ? `/m/live/${e.id}` : `/m/events/${e.id}`);
const takesVisitors = (kind: string) => kind === 'fair' || kind === 'forum';

/** Fairs, livestreams and forums of the published seasons, and this phone's tickets. */
export function FairListPage() {
  const t = useT();
  const { lang } = useI18n();
  const events = useFairEvents();
  const tickets = storedTickets();
  return (
    <div className="m">
      <TopBar back="/m" />
      {tickets.length > 0 && (
        <section className="m-section" aria-labelledby="fd-my-tickets">
          <h2 id="fd-my-tickets">{t('fd.tickets.mine')}</h2>
          <ul className="fd-cards">
            {tickets.map((ticket) => (
              <li key={ticket.token}>
                <Link className="fd-card" to={`/m/tickets/${encodeURIComponent(ticket.token)}`}>
                  <strong>{ticket.eventName}</strong>
                  <span className="m-job-meta">{ticket.name} · {t('fd.ticket.code')} {ticket.ticketCode}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="m-section" aria-labelledby="fd-events-title">
        <h1 id="fd-events-title" className="fd-title">{t('fd.events.title')}</h1>
        {events.isPending && <div className="m-empty">{t('common.loading')}</div>}
        {events.isError && (
          <div className="m-empty" role="alert"><strong>{t('fd.events.error')}</strong>
            <div className="m-row-actions m-row-center"><button type="button" className="btn" onClick={() => void events.refetch()}>{t('common.retry')}</button></div>
          </div>
        )}
        {events.data?.length === 0 && <div className="m-empty"><strong>{t('fd.events.empty')}</strong>{t('fd.events.empty_hint')}</div>}
        {events.data?.map(({ season, events: list }) => (
          <div key={season.id} className="fd-season">
            <h2>{season.name}</h2>
            {season.theme && <p className="m-hint">{season.theme}</p>}
            <ul className="fd-cards">
              {list.map((e) => (
                <li key={e.id}>
                  <Link className="fd-card" to={eventLink(e)}>
                    <span className="fd-card-head">
                      <span className={`fd-kind fd-kind-${e.kind}`}>{t(`event.kind.${e.kind}` as UiKey)}</span>
                      <strong>{e.name}</strong>
                    </span>
                    <span className="m-job-meta">{formatTimeRange(lang, e.startsAt, e.endsAt)}</span>
                    <span className="m-job-meta">{e.venue || e.region.fullName} · {e.hostUnion.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}

function BoothCard({ eventId, number }: { eventId: number; number: string }) {
  const t = useT();
  const booth = usePublicBooth(eventId, number);
  if (booth.isPending) return <section className="m-section m-empty">{t('common.loading')}</section>;
  if (booth.isError) return <section className="m-section"><div className="m-alert" role="alert">{booth.error.message}</div></section>;
  const b = booth.data;
  return (
    <section className="m-section fd-booth" aria-labelledby="fd-booth-title">
      <h2 id="fd-booth-title"><span className="fd-booth-no">{b.number}</span> {b.enterprise?.name ?? t('fd.booth.empty')}</h2>
      <p className="m-hint">{b.zone}</p>
      {b.enterprise && (b.postings.length === 0 ? <div className="m-empty">{t('fd.booth.no_postings')}</div> : (
        <ul className="m-jobs m-jobs-flat">
          {b.postings.map((p) => (
            <li key={p.id}>
              <Link className="m-job" to={`/m/jobs/${p.id}`}>
                <span className="m-job-head"><span className="m-job-title">{p.title}</span><span className="m-job-salary">{salaryLabel(p, t('m.jobs.negotiable'))}</span></span>
                <span className="m-job-meta">{t('fd.booth.headcount', { n: p.headcount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}

/** An event's public page: when and where, the zones or the agenda, registration and the ticket. */
export function EventPage() {
  const t = useT();
  const { lang } = useI18n();
  const { id } = useParams();
  const eventId = Number(id);
  const [params] = useSearchParams();
  const boothNo = params.get('booth');
  const me = useMe();
  const event = usePublicEvent(eventId);
  if (event.isPending) return <PageLoading />;
  if (!event.data) {
    return <div className="m"><TopBar back="/m/fairs" /><div className="m-section m-empty"><strong>{t('fd.event.not_found')}</strong><Link to="/m/fairs">{t('fd.events.title')}</Link></div></div>;
  }
  const e = event.data;
  const ticket = storedTickets().find((x) => x.eventId === eventId);
  const open = e.status === 'open' && Date.parse(e.endsAt) > Date.now();
  const employer = me.data?.roles.includes('employer');
  return (
    <div className="m">
      <TopBar back="/m/fairs" />
      <section className="m-hero fd-hero">
        <span className={`fd-kind fd-kind-${e.kind}`}>{t(`event.kind.${e.kind}` as UiKey)}</span>
        <h1>{e.name}</h1>
        <p>{formatTimeRange(lang, e.startsAt, e.endsAt)}</p>
        <p>{e.venue || e.region.fullName}</p>
      </section>
      {boothNo && e.kind === 'fair' && <BoothCard eventId={eventId} number={boothNo} />}
      <section className="m-section">
        <ul className="m-list">
          <li><span>{t('fd.event.host')}</span><span>{e.hostUnion.name}</span></li>
          <li><span>{t('fd.event.place')}</span><span>{e.region.fullName}</span></li>
          {e.capacity && <li><span>{t('fd.event.capacity')}</span><span>{t('fd.event.people', { n: e.capacity })}</span></li>}
          <li><span>{t('fd.event.status')}</span><span>{t(`event.status.${e.status}` as UiKey)}</span></li>
        </ul>
        {e.description && <p className="fd-description">{e.description}</p>}
        {takesVisitors(e.kind) && (
          <div className="m-actions fd-actions">
            {ticket ? (
              <Link className="btn btn-primary m-submit fd-button" to={`/m/tickets/${encodeURIComponent(ticket.token)}`}>{t('fd.ticket.show')}</Link>
            ) : open ? (
              <Link className="btn btn-primary m-submit fd-button" to={`/m/events/${eventId}/register`}>{e.kind === 'forum' ? t('fd.register.forum') : t('fd.register.fair')}</Link>
            ) : (
              <div className="m-hint">{t('fd.register.closed')}</div>
            )}
          </div>
        )}
        {e.kind === 'livestream' && <Link className="btn btn-primary m-submit fd-button" to={`/m/live/${eventId}`}>{t('fd.event.live_room')}</Link>}
      </section>
      {e.kind === 'fair' && e.zones.length > 0 && (
        <section className="m-section" aria-labelledby="fd-zones">
          <h2 id="fd-zones">{t('fd.event.zones')}</h2>
          <ul className="m-list">
            {e.zones.map((z) => (
              <li key={z.id}><span>{z.name}</span><span>{z.kind === 'booths' ? t('fd.event.booths', { n: z.booths }) : t(`fd.zone.${z.kind}` as UiKey)}</span></li>
            ))}
          </ul>
        </section>
      )}
      {e.forum && (e.forum.agenda.length > 0 || e.forum.speakers.length > 0) && (
        <section className="m-section" aria-labelledby="fd-agenda">
          <h2 id="fd-agenda">{t('fd.event.agenda')}</h2>
          <ul className="m-list">{e.forum.agenda.map((a, i) => <li key={i}><span>{a.time}</span><span>{a.title}</span></li>)}</ul>
          {e.forum.speakers.length > 0 && <h2 className="fd-subtitle">{t('fd.event.speakers')}</h2>}
          <ul className="m-list">{e.forum.speakers.map((s, i) => <li key={i}><span>{s.name}</span><span>{s.title}</span></li>)}</ul>
        </section>
      )}
      {(e.permissions.edit || employer) && takesVisitors(e.kind) && (
        <section className="m-section m-actions" aria-label={t('fd.event.tools')}>
          {e.permissions.edit && <Link className="btn" to={`/m/staff/events/${eventId}/checkin`}>{t('fd.event.checkin_tool')}</Link>}
          {employer && e.kind === 'fair' && <Link className="btn" to={`/m/booth/events/${eventId}`}>{t('fd.event.booth_tool')}</Link>}
        </section>
      )}
    </div>
  );
}

/** Registration on the visitor's phone: name, phone, where he comes from, consent → a QR ticket. */
export function VisitorRegisterPage() {
  const t = useT();
  const { id } = useParams();
  const eventId = Number(id);
  const navigate = useNavigate();
  const event = usePublicEvent(eventId);
  const [values, setValues] = useState({ name: '', phone: '', regionCode: null as string | null, consent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  // One key per form: a double tap or a retry after a lost answer registers once.
  const [key] = useState(() => crypto.randomUUID());
  const register = useMutation({
    mutationFn: () => api<VisitorResult>(`/api/events/${eventId}/visitors`, {
      method: 'POST', headers: { 'idempotency-key': key },
      body: { name: values.name.trim(), phone: values.phone, regionCode: values.regionCode, consent: values.consent },
    }),
  });
  if (event.isPending) return <PageLoading />;
  if (!event.data) return <div className="m"><TopBar back="/m/fairs" /><div className="m-section m-empty"><strong>{t('fd.event.not_found')}</strong></div></div>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!values.name.trim()) local.name = t('fd.walkin.name_required');
    if (!PHONE_PATTERN.test(values.phone)) local.phone = t('fd.walkin.phone_invalid');
    if (!values.consent) local.consent = t('fd.consent_required');
    setErrors(local);
    setAlert(null);
    if (Object.keys(local).length) return;
    try {
      const result = await register.mutateAsync();
      storeTicket({ eventId, eventName: event.data!.name, token: result.visitor.token, ticketCode: result.visitor.ticketCode, name: result.visitor.name });
      navigate(`/m/tickets/${encodeURIComponent(result.visitor.token)}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        setAlert(error.message);
      } else setAlert(t('common.network_error'));
    }
  };
  return (
    <div className="m">
      <TopBar back={`/m/events/${eventId}`} />
      <section className="m-section">
        <h1 className="fd-title">{t('fd.register.title')}</h1>
        <p className="m-hint">{event.data.name}</p>
        <form className="m-form" onSubmit={submit} noValidate>
          {alert && <div className="m-alert" role="alert">{alert}</div>}
          <TextField id="fd-name" label={t('fd.walkin.name')} autoComplete="name" value={values.name} error={errors.name} onValue={(name) => setValues({ ...values, name })} />
          <TextField id="fd-phone" label={t('fd.walkin.phone')} inputMode="tel" autoComplete="tel" maxLength={11} value={values.phone} error={errors.phone}
            onValue={(phone) => setValues({ ...values, phone: phone.replace(/\D/g, '') })} />
          <RegionSelect id="fd-region" label={t('fd.register.region')} value={values.regionCode} anyLevel onChange={(regionCode) => setValues({ ...values, regionCode })} invalid={!!errors.regionCode} />
          <label className="fd-consent">
            <input type="checkbox" checked={values.consent} onChange={(e) => setValues({ ...values, consent: e.target.checked })} />
            <span>{t('fd.register.consent')}</span>
          </label>
          {errors.consent && <div className="m-field-error">{errors.consent}</div>}
          <button type="submit" className="btn btn-primary m-submit" disabled={register.isPending}>{t('fd.register.submit')}</button>
        </form>
      </section>
    </div>
  );
}

function IntentCard({ token, intent }: { token: string; intent: Intent }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<boolean | null>(null);
  const answer = useMutation({
    mutationFn: (accept: boolean) => api<Intent>(`/api/tickets/${encodeURIComponent(token)}/intents/${intent.id}/answer`, { method: 'POST', body: { accept } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ticket', token] }),
  });
  return (
    <li className="fd-intent">
      <strong>{intent.enterprise.name}</strong>
      <span>{intent.posting.title} · {t('fd.intent.salary', { n: intent.salary })} · {t('fd.intent.start', { date: intent.startDate })}</span>
      {intent.note && <span className="m-hint">{intent.note}</span>}
      {intent.status === 'proposed' ? (
        asked === null ? (
          <div className="m-row-actions">
            <button type="button" className="btn btn-primary" onClick={() => setAsked(true)}>{t('fd.intent.accept')}</button>
            <button type="button" className="btn" onClick={() => setAsked(false)}>{t('fd.intent.decline')}</button>
          </div>
        ) : (
          <div className="fd-confirm" role="group" aria-label={t('fd.intent.confirm_title')}>
            <span>{asked ? t('fd.intent.confirm_accept', { name: intent.enterprise.name }) : t('fd.intent.confirm_decline')}</span>
            <div className="m-row-actions">
              <button type="button" className="btn btn-primary" disabled={answer.isPending} onClick={() => answer.mutate(asked)}>{t('common.confirm')}</button>
              <button type="button" className="btn" onClick={() => setAsked(null)}>{t('common.cancel')}</button>
            </div>
            {answer.isError && <div className="m-alert" role="alert">{answer.error.message}</div>}
          </div>
        )
      ) : (
        <span className={`fd-intent-status fd-intent-${intent.status}`}>{t(`fd.intent.status.${intent.status}`)}</span>
      )}
    </li>
  );
}

/** The visitor's ticket: the QR staff scan, the short code to read out, and the intents employers offer him. */
export function TicketPage() {
  const t = useT();
  const { token = '' } = useParams();
  const view = useTicketView(token);
  if (view.isPending) return <PageLoading />;
  if (view.isError) {
    return (
      <div className="m"><TopBar back="/m/fairs" />
        <div className="m-section m-empty" role="alert"><strong>{t('fd.ticket.invalid')}</strong>{view.error.message}</div>
      </div>
    );
  }
  const v = view.data;
  const stored = storedTickets().find((x) => x.token === token);
  const code = `${v.ticketCode.slice(0, 4)} ${v.ticketCode.slice(4)}`;
  return (
    <div className="m">
      <TopBar back="/m/fairs" />
      <section className="m-section fd-ticket">
        <h1 className="fd-title">{stored?.eventName ?? t('fd.ticket.title')}</h1>
        <QrCode text={token} label={t('fd.ticket.qr')} />
        <div className="fd-ticket-code" aria-label={t('fd.ticket.code')}>{code}</div>
        <p className="m-hint">{t('fd.ticket.hint')}</p>
        <ul className="m-list">
          <li><span>{t('fd.walkin.name')}</span><span>{v.name}</span></li>
          <li><span>{t('fd.walkin.phone')}</span><span>{v.phoneMasked}</span></li>
          <li>
            <span>{t('fd.ticket.state')}</span>
            <span className={v.checkedInAt ? 'fd-in' : ''}>{v.checkedInAt ? t('fd.ticket.in', { time: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(v.checkedInAt)) }) : t('fd.ticket.not_in')}</span>
          </li>
        </ul>
        <Link className="btn fd-button" to={`/m/events/${v.eventId}`}>{t('fd.event.page')}</Link>
      </section>
      <section className="m-section" aria-labelledby="fd-intents">
        <h2 id="fd-intents">{t('fd.intent.title')}</h2>
        {v.intents.length === 0 ? <div className="m-empty">{t('fd.intent.none')}</div> : (
          <ul className="fd-intents">{v.intents.map((i) => <IntentCard key={i.id} token={token} intent={i} />)}</ul>
        )}
      </section>
    </div>
  );
}
