import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { api, ApiError } from '../../../services/client.js';
import { usePlan } from '../../admin/services/AidApi.js';
import { RegionSelect } from '../RegionSelect.js';
import { TextField } from '../TextField.js';
import { TopBar } from '../TopBar.js';
import { EmployerField, type EmployerValue } from './EmployerField.js';
import { useWorkerGate } from './HubPage.js';
import { RequestFilePicker, uploadPicked, usePickedFiles } from './RequestFiles.js';
import { newKey, type RequestDetail } from './requestsApi.js';
import './aid.css';
import './services.css';

// A mutual-aid claim on the phone (issue 8 §3): a request of kind aid_claim through the requests
// API, routed like a consultation. 身份证号 finds the worker on the plan's lists (the union sees
// whether he was found); papers go one by one after the claim exists.

const FIELD: Record<string, string> = { enterpriseId: 'employer', employerName: 'employer', aidPlanId: 'plan' };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function AidClaimPage() {
  const t = useT();
  const { id } = useParams();
  const gate = useWorkerGate();
  const plan = usePlan(Number(id) || 0);
  const navigate = useNavigate();
  const client = useQueryClient();
  const [values, setValues] = useState({ idCard: '', claimAmount: '', incidentOn: '', subject: '', body: '' });
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [employer, setEmployer] = useState<EmployerValue>({ enterprise: null, name: '' });
  const [consent, setConsent] = useState(false);
  const { files, setFiles, update } = usePickedFiles();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<RequestDetail | null>(null);
  const [key] = useState(newKey);

  if (gate.element) return gate.element;
  if (plan.isPending && Number(id) > 0) return <PageLoading />;
  const back = `/m/services/aid/${id ?? ''}`;
  if (!gate.isWorker || !plan.data || plan.data.status !== 'open') {
    return (
      <div className="m">
        <TopBar back={back} />
        <section className="m-section"><div className="m-empty" role="alert">{t(!gate.isWorker ? 'services.aid.claim.workers_only' : 'services.aid.claim.closed')}</div></section>
      </div>
    );
  }
  const p = plan.data;
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });

  const sendFiles = async (request: RequestDetail) => {
    const failed = await uploadPicked(request.id, files, update, undefined, t('common.network_error'));
    await client.invalidateQueries({ queryKey: ['svc-my-requests'] });
    if (!failed) navigate(`/m/services/requests/${request.id}`, { replace: true });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(values.claimAmount);
    const local: Record<string, string> = {};
    if (!values.idCard.trim()) local.idCard = t('services.aid.claim.need_id_card');
    if (!Number.isInteger(amount) || amount < 1) local.claimAmount = t('services.aid.claim.need_amount');
    if (!values.incidentOn) local.incidentOn = t('services.aid.claim.need_incident');
    if (!regionCode) local.regionCode = t('services.aid.claim.need_region');
    if (!employer.enterprise && !employer.name.trim()) local.employer = t('services.aid.claim.need_employer');
    if (!values.body.trim()) local.body = t('services.aid.claim.need_body');
    if (!consent) local.consent = t('services.aid.claim.need_consent');
    setErrors(local);
    setAlert(null);
    const focus = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (Object.keys(local).length) { setAlert(t('services.aid.claim.check')); focus(); return; }
    setBusy(true);
    try {
      const request = created ?? await api<RequestDetail>('/api/services/requests', {
        method: 'POST', headers: { 'idempotency-key': key },
        body: {
          kind: 'aid_claim', category: 'mutual_aid', aidPlanId: p.id, idCard: values.idCard.trim().toUpperCase(), claimAmount: amount, incidentOn: values.incidentOn,
          regionCode, subject: values.subject.trim() || t('services.aid.claim.default_subject', { plan: p.name }).slice(0, 100), body: values.body.trim(), consent,
          ...(employer.enterprise ? { enterpriseId: employer.enterprise.id } : { employerName: employer.name.trim() }),
        },
      });
      setCreated(request);
      await sendFiles(request);
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(Object.fromEntries(error.issues.map((i) => [FIELD[i.path] ?? i.path, i.message])));
        setAlert(error.message);
        focus();
      } else setAlert(t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m">
      <TopBar back={back} />
      <section className="m-section">
        <h2>{t('services.aid.claim.title')}</h2>
        <p className="aid-m-intro">{t('services.aid.claim.intro')}</p>
        <form className="m-form" onSubmit={submit} noValidate>
          {alert && <div className="m-alert" role="alert">{alert}</div>}
          {created && <div className="m-alert" role="alert">{t('services.requests.web.ask.sent_files_failed')} <Link to={`/m/services/requests/${created.id}`}>{created.refNo}</Link></div>}
          <div className="m-field">
            <span className="m-label">{t('services.aid.claim.plan')}</span>
            <div className="aid-m-plan-ref">{p.name}</div>
            {errors.plan && <div className="m-field-error">{errors.plan}</div>}
          </div>
          <TextField id="aid-id-card" label={t('services.aid.claim.id_card')} value={values.idCard} error={errors.idCard} maxLength={18} autoComplete="off"
            onValue={set('idCard')} disabled={!!created} />
          <TextField id="aid-amount" label={t('services.aid.claim.amount')} value={values.claimAmount} error={errors.claimAmount} inputMode="numeric"
            onValue={(v) => set('claimAmount')(v.replace(/[^\d]/g, ''))} disabled={!!created} />
          <TextField id="aid-incident" label={t('services.aid.claim.incident')} type="date" max={today()} value={values.incidentOn} error={errors.incidentOn}
            onValue={set('incidentOn')} disabled={!!created} />
          <div className="m-field">
            <label htmlFor="aid-region">{t('services.aid.claim.region')}</label>
            <RegionSelect id="aid-region" label={t('services.aid.claim.region')} value={regionCode} onChange={setRegionCode} invalid={!!errors.regionCode} />
            {errors.regionCode && <div className="m-field-error">{errors.regionCode}</div>}
          </div>
          <EmployerField value={employer} onChange={setEmployer} error={errors.employer} disabled={busy || !!created} />
          <TextField id="aid-subject" label={t('services.aid.claim.subject')} value={values.subject} error={errors.subject} maxLength={100}
            placeholder={t('services.aid.claim.subject_hint')} onValue={set('subject')} disabled={!!created} />
          <div className="m-field">
            <label htmlFor="aid-body">{t('services.aid.claim.body')}</label>
            <textarea id="aid-body" rows={5} maxLength={5000} value={values.body} aria-invalid={!!errors.body} placeholder={t('services.aid.claim.body_hint')}
              onChange={(e) => set('body')(e.target.value)} disabled={!!created} />
            {errors.body && <div className="m-field-error">{errors.body}</div>}
          </div>
          <div className="m-field">
            <span className="m-label">{t('services.aid.claim.files')}</span>
            <RequestFilePicker id="aid-files" files={files} onChange={setFiles} disabled={busy} />
          </div>
          <div className="m-field">
            <p className="sv-consent">{t('services.consent.aid_claim')}</p>
            <label className="m-check">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-invalid={!!errors.consent} />
              <span>{t('services.aid.claim.consent')}</span>
            </label>
            {errors.consent && <div className="m-field-error">{errors.consent}</div>}
          </div>
          <button className="btn btn-primary m-submit" type="submit" disabled={busy}>{busy ? t('services.aid.claim.sending') : t('services.aid.claim.submit')}</button>
        </form>
      </section>
    </div>
  );
}
