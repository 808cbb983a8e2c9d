import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { api, ApiError } from '../../../services/client.js';
import { RegionSelect } from '../RegionSelect.js';
import { TextField } from '../TextField.js';
import { TopBar } from '../TopBar.js';
import { EmployerField, type EmployerValue } from './EmployerField.js';
import { useWorkerGate } from './HubPage.js';
import { RequestFilePicker, uploadPicked, usePickedFiles } from './RequestFiles.js';
import { CATEGORIES, createRequest, newKey, type Category, type RequestDetail } from './requestsApi.js';
import './services.css';

// Ask the union (issue 8 §1) on a phone: category, where the worker works (district) and for whom
// (a registered employer routes to its union), the question, photos or PDFs of documents and the
// consent. The request is created first (one Idempotency-Key per form, kept over retries), then
// the files go one by one with their progress; a file that fails can be sent again.

const SUBJECT_MAX = 100;
const BODY_MAX = 5000;
/** API paths → the form's fields (the employer is one field for two API fields). */
const FIELD: Record<string, string> = { enterpriseId: 'employer', employerName: 'employer' };

export function AskPage() {
  const t = useT();
  const gate = useWorkerGate();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const preset = params.get('category');
  const [category, setCategory] = useState<Category | null>(CATEGORIES.includes(preset as Category) ? (preset as Category) : null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [employer, setEmployer] = useState<EmployerValue>({ enterprise: null, name: '' });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [consent, setConsent] = useState(false);
  const { files, setFiles, update } = usePickedFiles();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState<'sending' | 'uploading' | null>(null);
  const [created, setCreated] = useState<RequestDetail | null>(null);
  const [key, setKey] = useState(newKey);
  // The district of the worker's profile, as a start.
  const profile = useQuery({
    queryKey: ['profile'], enabled: !!gate.isWorker, staleTime: 60_000,
    queryFn: () => api<{ region: { code: string } | null }>('/api/me/profile'),
  });
  useEffect(() => {
    if (profile.data?.region && !regionCode) setRegionCode(profile.data.region.code);
    // Only the profile's arrival sets it; the worker's own choice is never overwritten.
  }, [profile.data]);

  if (gate.element) return gate.element;
  if (!gate.isWorker) {
    return (
      <div className="m">
        <TopBar back="/m/services" />
        <section className="m-section"><div className="m-empty">{t('services.requests.web.workers_only')}</div></section>
      </div>
    );
  }

  const sendFiles = async (request: RequestDetail) => {
    setBusy('uploading');
    const failed = await uploadPicked(request.id, files, update, undefined, t('common.network_error'));
    setBusy(null);
    await client.invalidateQueries({ queryKey: ['svc-request', request.id] });
    if (!failed) navigate(`/m/services/requests/${request.id}`, { replace: true });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!category) local.category = t('services.requests.web.ask.need_category');
    if (!regionCode) local.regionCode = t('services.requests.web.ask.need_region');
    if (!employer.enterprise && !employer.name.trim()) local.employer = t('services.requests.web.ask.need_employer');
    if (!subject.trim()) local.subject = t('services.requests.web.ask.need_subject');
    if (!body.trim()) local.body = t('services.requests.web.ask.need_body');
    if (!consent) local.consent = t('services.requests.web.ask.need_consent');
    setErrors(local);
    setAlert(null);
    if (Object.keys(local).length) {
      setAlert(t('services.requests.web.ask.check'));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy('sending');
    try {
      const request = await createRequest({
        kind: 'consultation', category: category!, regionCode, subject: subject.trim(), body: body.trim(), consent,
        ...(employer.enterprise ? { enterpriseId: employer.enterprise.id } : { employerName: employer.name.trim() }),
      }, key);
      setCreated(request);
      setKey(newKey());
      await client.invalidateQueries({ queryKey: ['svc-my-requests'] });
      await sendFiles(request);
    } catch (error) {
      setBusy(null);
      if (error instanceof ApiError) {
        setErrors(Object.fromEntries(error.issues.map((i) => [FIELD[i.path] ?? i.path, i.message])));
        setAlert(error.message);
        requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else setAlert(t('common.network_error'));
    }
  };

  // Created, but some files did not go: say so, let them be sent again or go on without them.
  if (created) {
    return (
      <div className="m">
        <TopBar back="/m/services" />
        <section className="m-section">
          <h2>{t('services.requests.web.ask.sent_title', { ref: created.refNo })}</h2>
          {busy === 'uploading' ? <p className="m-hint">{t('services.requests.web.ask.uploading')}</p>
            : <div className="m-alert" role="alert">{t('services.requests.web.ask.sent_files_failed')}</div>}
          <RequestFilePicker id="sv-files" files={files} onChange={setFiles} disabled={!!busy} />
          <div className="sv-actions">
            <button type="button" className="btn btn-primary m-submit" disabled={!!busy || files.every((f) => f.state === 'done')}
              onClick={() => void sendFiles(created)}>{t('services.requests.web.file.retry')}</button>
            <Link className="btn m-submit" to={`/m/services/requests/${created.id}`}>{t('services.requests.web.ask.open')}</Link>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="m">
      <TopBar back="/m/services" />
      <section className="m-section">
        <h2>{t('services.requests.web.ask.title')}</h2>
        <p className="sv-intro">{t('services.requests.web.ask.intro')}</p>
        <form className="m-form" onSubmit={submit} noValidate>
          {alert && <div className="m-alert" role="alert">{alert}</div>}
          <div className="m-field" role="group" aria-labelledby="sv-cat-label">
            <span className="m-label" id="sv-cat-label">{t('services.requests.web.ask.category')}</span>
            <div className="sv-cats">
              {CATEGORIES.map((c) => (
                <button key={c} type="button" className="m-chip" aria-pressed={category === c} aria-invalid={!!errors.category && !category}
                  onClick={() => setCategory(c)}>{t(`services.category.${c}`)}</button>
              ))}
            </div>
            {errors.category && <div className="m-field-error">{errors.category}</div>}
          </div>
          <div className="m-field">
            <label htmlFor="sv-region">{t('services.requests.web.ask.region')}</label>
            <RegionSelect id="sv-region" label={t('services.requests.web.ask.region')} value={regionCode} onChange={setRegionCode} invalid={!!errors.regionCode} />
            {errors.regionCode ? <div className="m-field-error">{errors.regionCode}</div> : <p className="m-hint">{t('services.requests.web.ask.region_hint')}</p>}
          </div>
          <EmployerField value={employer} onChange={setEmployer} error={errors.employer} disabled={!!busy} />
          <TextField id="sv-subject" label={t('services.requests.web.ask.subject')} value={subject} maxLength={SUBJECT_MAX} error={errors.subject}
            placeholder={t('services.requests.web.ask.subject_hint')} onValue={setSubject} />
          <div className="m-field">
            <label htmlFor="sv-body">{t('services.requests.web.ask.body')}<span className="sv-counter">{body.length}/{BODY_MAX}</span></label>
            <textarea id="sv-body" rows={6} maxLength={BODY_MAX} value={body} aria-invalid={!!errors.body}
              placeholder={t('services.requests.web.ask.body_hint')} onChange={(e) => setBody(e.target.value)} />
            {errors.body && <div className="m-field-error">{errors.body}</div>}
          </div>
          <RequestFilePicker id="sv-files" files={files} onChange={setFiles} disabled={!!busy} />
          <div className="m-field">
            <p className="sv-consent">{t('services.consent.consultation')}</p>
            <label className="m-check">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-invalid={!!errors.consent} />
              <span>{t('services.requests.web.ask.consent')}</span>
            </label>
            {errors.consent && <div className="m-field-error">{errors.consent}</div>}
          </div>
          <button className="btn btn-primary m-submit" type="submit" disabled={!!busy}>
            {busy === 'sending' ? t('services.requests.web.ask.sending') : t('services.requests.web.ask.submit')}
          </button>
          <p className="m-hint">{t('services.requests.web.ask.promise')}</p>
        </form>
      </section>
    </div>
  );
}
