import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../components/StatusPage.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { useMe } from '../../services/auth.js';
import { api, ApiError } from '../../services/client.js';
import { useJobTypes } from '../../services/employment.js';
import { salaryLabel, useMyApplications } from '../../services/jobs.js';
import { RegionSelect } from './RegionSelect.js';
import { TextField } from './TextField.js';
import { TopBar } from './TopBar.js';

// The seeker's own pages (issue 4 §3, §5, §6): sign-up with consent, my applications (withdraw,
// accept an interview), my profile with its privacy choice, export and deletion of my data.

const EDUCATION = ['none', 'junior_high', 'senior_high', 'vocational', 'associate', 'bachelor', 'master', 'doctor'] as const;
const EXPERIENCE = ['none', 'lt1', '1to3', '3to5', '5to10', 'gt10'] as const;
const VISIBILITY = ['applied', 'verified', 'none'] as const;

function useSeekerGate() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return { element: <PageLoading /> };
  if (!me.data) return { element: <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace /> };
  return { me: me.data, element: null };
}

function issuesOf(error: unknown): { alert: string; fields: Record<string, string> } {
  if (error instanceof ApiError) return { alert: error.message, fields: Object.fromEntries(error.issues.map((i) => [i.path, i.message])) };
  return { alert: '', fields: {} };
}

export function RegisterPage() {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [values, setValues] = useState({ phone: '', name: '', password: '', consent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setAlert(null);
    try {
      await api('/api/seekers/register', { method: 'POST', body: values });
      await client.invalidateQueries({ queryKey: ['me'] });
      navigate('/m/profile', { replace: true });
    } catch (error) {
      const { alert: a, fields } = issuesOf(error);
      setErrors(fields);
      setAlert(a || t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: 'phone' | 'name' | 'password', type: string, autoComplete: string) => (
    <TextField id={`r-${key}`} label={t(`m.register.${key}` as UiKey)} type={type} autoComplete={autoComplete} value={values[key]} error={errors[key]}
      inputMode={key === 'phone' ? 'tel' : undefined} onValue={(value) => setValues({ ...values, [key]: value })} />
  );
  return (
    <div className="m">
      <TopBar back="/m/login" />
      <section className="m-section">
        <h2>{t('m.register.title')}</h2>
        <form className="m-form" onSubmit={submit} noValidate>
          {alert && <div className="m-alert" role="alert">{alert}</div>}
          {field('phone', 'tel', 'tel')}
          {field('name', 'text', 'name')}
          {field('password', 'password', 'new-password')}
          <label className="m-check">
            <input type="checkbox" checked={values.consent} onChange={(e) => setValues({ ...values, consent: e.target.checked })} aria-invalid={!!errors.consent} />
            <span>{t('m.register.consent')}</span>
          </label>
          {errors.consent && <div className="m-field-error">{errors.consent}</div>}
          <button className="btn btn-primary m-submit" type="submit" disabled={busy}>{t('m.register.submit')}</button>
          <p className="m-hint">{t('m.register.privacy')}</p>
        </form>
      </section>
    </div>
  );
}

export function ApplicationsPage() {
  const t = useT();
  const gate = useSeekerGate();
  const isSeeker = !!gate.me?.roles.includes('seeker');
  const list = useMyApplications(isSeeker);
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  if (gate.element) return gate.element;
  const act = async (id: number, action: 'withdraw' | 'accept-interview') => {
    if (action === 'withdraw' && !window.confirm(t('m.apps.withdraw_confirm'))) return;
    setError(null);
    try {
      await api(`/api/applications/${id}/${action}`, { method: 'POST' });
      await client.invalidateQueries({ queryKey: ['my-applications'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
    }
  };
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('m.applications')}</h2>
        {error && <div className="m-alert" role="alert">{error}</div>}
        {!isSeeker ? (
          <div className="m-empty">{t('m.job.seekers_only')}</div>
        ) : list.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : list.isError ? (
          <div className="m-empty" role="alert">{t('common.network_error')}<div><button type="button" className="btn" onClick={() => void list.refetch()}>{t('common.retry')}</button></div></div>
        ) : list.data.items.length === 0 ? (
          <div className="m-empty">
            <strong>{t('m.applications_empty')}</strong>
            {t('m.apps.empty_hint')}
            <div><Link className="btn btn-primary" to="/m/jobs">{t('m.entry.jobs')}</Link></div>
          </div>
        ) : (
          <ul className="m-jobs m-jobs-flat">
            {list.data.items.map((a) => (
              <li key={a.id} className="m-job">
                <div className="m-job-head">
                  <Link className="m-job-title" to={`/m/jobs/${a.posting.id}`}>{a.posting.title}</Link>
                  <span className={`m-status m-status-${a.status}`}>{t(`app.status.${a.status}` as UiKey)}</span>
                </div>
                <div className="m-job-meta">{a.posting.enterprise.name} · {salaryLabel(a.posting, t('m.jobs.negotiable'))}</div>
                <div className="m-job-meta">{t('m.apps.applied_at', { date: a.appliedAt.slice(0, 10) })}</div>
                {a.status === 'interview' && !a.interviewAccepted && (
                  <div className="m-note">{t('m.apps.invited')}</div>
                )}
                <div className="m-row-actions">
                  {a.status === 'interview' && !a.interviewAccepted && (
                    <button type="button" className="btn btn-primary" onClick={() => void act(a.id, 'accept-interview')}>{t('m.apps.accept')}</button>
                  )}
                  {['new', 'viewed', 'interview'].includes(a.status) && (
                    <button type="button" className="btn" onClick={() => void act(a.id, 'withdraw')}>{t('m.apps.withdraw')}</button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface RegionRef { code: string; name: string; fullName: string }

interface Profile {
  desiredJobTypes: { code: string; name: string }[];
  region: RegionRef | null;
  desiredRegions: RegionRef[];
  name: string;
  phoneMasked: string | null;
  idCardMasked: string | null;
  education: (typeof EDUCATION)[number];
  experience: (typeof EXPERIENCE)[number];
  skills: string[];
  desiredSalary: number | null;
  resumeText: string;
  resumeFile: { id: string; name: string; mime: string; size: number; createdAt: string } | null;
  resumeVisibility: (typeof VISIBILITY)[number];
}

/** Chosen items as chips; tapping one removes it. */
function RemovableChips({ items, onChange }: { items: { code: string; name: string }[]; onChange: (items: { code: string; name: string }[]) => void }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <div className="m-chips">
      {items.map((item) => (
        <button key={item.code} type="button" className="m-chip" aria-pressed="true" aria-label={t('m.profile.remove', { name: item.name })}
          onClick={() => onChange(items.filter((x) => x.code !== item.code))}>{item.name} ×</button>
      ))}
    </div>
  );
}

/** The uploaded résumé: shown with its size, replaced or removed at once (not by the form's save). */
function ResumeFile({ file }: { file: Profile['resumeFile'] }) {
  const t = useT();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const send = async (run: () => Promise<Profile>) => {
    setBusy(true);
    setError('');
    try {
      client.setQueryData(['profile'], await run());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  const upload = (chosen: File | undefined) => {
    if (!chosen) return;
    const form = new FormData();
    form.append('file', chosen);
    void send(() => api<Profile>('/api/me/resume', { method: 'PUT', body: form }));
  };
  const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return (
    <div className="m-field">
      <span className="m-label" id="p-resume-file-label">{t('m.profile.resume_file')}</span>
      {file ? (
        <div className="m-file">
          <a href="/api/me/resume" download>{file.name}</a>
          <span className="m-hint">{size(file.size)}</span>
          <button type="button" className="btn m-small" disabled={busy} onClick={() => {
            if (window.confirm(t('m.profile.resume_file_delete_confirm'))) void send(() => api<Profile>('/api/me/resume', { method: 'DELETE' }));
          }}>{t('common.delete')}</button>
        </div>
      ) : <p className="m-hint">{t('m.profile.resume_file_none')}</p>}
      <label className="btn m-upload">
        {busy ? t('m.profile.resume_file_uploading') : file ? t('m.profile.resume_file_replace') : t('m.profile.resume_file_choose')}
        <input type="file" accept=".pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-labelledby="p-resume-file-label" disabled={busy}
          onChange={(e) => { upload(e.target.files?.[0]); e.target.value = ''; }} />
      </label>
      <p className="m-hint m-file-hint">{t('m.profile.resume_file_hint')}</p>
      {error && <div className="m-alert" role="alert">{error}</div>}
    </div>
  );
}

export function ProfilePage() {
  const t = useT();
  const gate = useSeekerGate();
  const isSeeker = !!gate.me?.roles.includes('seeker');
  const navigate = useNavigate();
  const client = useQueryClient();
  const profile = useQuery({ queryKey: ['profile'], queryFn: () => api<Profile>('/api/me/profile'), enabled: isSeeker });
  const [form, setForm] = useState({ name: '', idCard: '', education: 'none', experience: 'none', skills: '', desiredSalary: '', resumeText: '', resumeVisibility: 'applied' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const [busy, setBusy] = useState(false);
  const [wanted, setWanted] = useState<{ code: string; name: string }[]>([]);
  const [home, setHome] = useState<string | null>(null);
  const [places, setPlaces] = useState<{ code: string; name: string }[]>([]);
  const [placePick, setPlacePick] = useState<{ code: string | null; key: number }>({ code: null, key: 0 });
  const jobTypes = useJobTypes();
  useEffect(() => {
    const p = profile.data;
    if (p) { setWanted(p.desiredJobTypes); setHome(p.region?.code ?? null); setPlaces(p.desiredRegions.map((r) => ({ code: r.code, name: r.fullName }))); }
    if (p) setForm({ name: p.name, idCard: '', education: p.education, experience: p.experience, skills: p.skills.join('、'), desiredSalary: p.desiredSalary ? String(p.desiredSalary) : '', resumeText: p.resumeText, resumeVisibility: p.resumeVisibility });
  }, [profile.data]);
  if (gate.element) return gate.element;
  if (!isSeeker) return <Navigate to="/m/me" replace />;
  if (profile.isPending) return <PageLoading />;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus({});
    try {
      const skills = form.skills.split(/[、,，\s]+/).map((s) => s.trim()).filter(Boolean);
      await api('/api/me/profile', {
        method: 'PATCH',
        body: {
          name: form.name, education: form.education, experience: form.experience, skills, resumeText: form.resumeText, resumeVisibility: form.resumeVisibility,
          desiredJobTypes: wanted.map((w) => w.code), regionCode: home, desiredRegions: places.map((p) => p.code),
          desiredSalary: form.desiredSalary ? Number(form.desiredSalary) : null, ...(form.idCard ? { idCard: form.idCard } : {}),
        },
      });
      setErrors({});
      setStatus({ ok: t('m.profile.saved') });
      await client.invalidateQueries({ queryKey: ['profile'] });
    } catch (error) {
      const { alert, fields } = issuesOf(error);
      setErrors(fields);
      setStatus({ error: alert || t('common.network_error') });
    } finally {
      setBusy(false);
    }
  };
  const addPlace = async () => {
    const code = placePick.code;
    setPlacePick({ code: null, key: placePick.key + 1 });
    if (!code || places.some((p) => p.code === code)) return;
    const region = await api<{ fullName?: string; name: string }>(`/api/regions/${code}`).catch(() => null);
    setPlaces((list) => [...list, { code, name: region?.fullName ?? region?.name ?? code }]);
  };
  const remove = async () => {
    const password = window.prompt(t('m.profile.delete_prompt'));
    if (!password) return;
    try {
      await api('/api/me', { method: 'DELETE', body: { password } });
      await client.invalidateQueries();
      navigate('/m', { replace: true });
    } catch (error) {
      setStatus({ error: error instanceof ApiError ? error.message : t('common.network_error') });
    }
  };
  const select = (key: 'education' | 'experience' | 'resumeVisibility', options: readonly string[], prefix: string) => (
    <div className="m-field">
      <label htmlFor={`p-${key}`}>{t(`m.profile.${key}` as UiKey)}</label>
      <select id={`p-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
        {options.map((o) => <option key={o} value={o}>{t(`${prefix}${o}` as UiKey)}</option>)}
      </select>
    </div>
  );
  const input = (key: 'name' | 'idCard' | 'skills' | 'desiredSalary', extra: { placeholder?: string; inputMode?: 'numeric' } = {}) => (
    <TextField id={`p-${key}`} label={t(`m.profile.${key}` as UiKey)} value={form[key]} error={errors[key]} {...extra}
      onValue={(value) => setForm({ ...form, [key]: value })} />
  );
  return (
    <div className="m">
      <TopBar back="/m/me" />
      <section className="m-section">
        <h2>{t('m.profile.title')}</h2>
        <form className="m-form" onSubmit={save} noValidate>
          {status.error && <div className="m-alert" role="alert">{status.error}</div>}
          {status.ok && <div className="m-ok" role="status">{status.ok}</div>}
          {input('name')}
          {input('idCard', { placeholder: profile.data?.idCardMasked ?? t('m.profile.id_optional') })}
          {select('education', EDUCATION, 'edu.')}
          {select('experience', EXPERIENCE, 'exp.')}
          <div className="m-field">
            <label htmlFor="p-wanted">{t('m.profile.wanted')}</label>
            <RemovableChips items={wanted} onChange={setWanted} />
            {wanted.length < 5 && (
              <select id="p-wanted" value="" aria-invalid={!!errors.desiredJobTypes} onChange={(e) => {
                const code = e.target.value;
                const type = jobTypes.data?.flatMap((c) => c.jobTypes).find((j) => j.code === code);
                if (type && !wanted.some((w) => w.code === code)) setWanted([...wanted, { code, name: type.name }]);
              }}>
                <option value="">{t('m.profile.wanted_add')}</option>
                {(jobTypes.data ?? []).map((c) => (
                  <optgroup key={c.code} label={c.name}>
                    {c.jobTypes.filter((j) => !wanted.some((w) => w.code === j.code)).map((j) => <option key={j.code} value={j.code}>{j.name}</option>)}
                  </optgroup>
                ))}
              </select>
            )}
          </div>
          <div className="m-field">
            <label htmlFor="p-home">{t('m.profile.home')}</label>
            <RegionSelect id="p-home" label={t('m.profile.home')} value={home} onChange={setHome} invalid={!!errors.regionCode} />
            {errors.regionCode && <div className="m-field-error">{errors.regionCode}</div>}
          </div>
          <div className="m-field">
            <label htmlFor="p-places">{t('m.profile.places')}</label>
            <RemovableChips items={places} onChange={setPlaces} />
            {places.length < 5 && (
              <div className="m-region-add">
                <RegionSelect key={placePick.key} id="p-places" label={t('m.profile.places')} anyLevel value={null} onChange={(code) => setPlacePick({ ...placePick, code })} />
                <button type="button" className="btn m-small" disabled={!placePick.code} onClick={() => void addPlace()}>{t('m.profile.places_add')}</button>
              </div>
            )}
            <p className="m-hint">{t('m.profile.places_hint')}</p>
          </div>
          {input('skills', { placeholder: t('m.profile.skills_hint') })}
          {input('desiredSalary', { inputMode: 'numeric' })}
          <div className="m-field">
            <label htmlFor="p-resume">{t('m.profile.resumeText')}</label>
            <textarea id="p-resume" rows={6} maxLength={5000} value={form.resumeText} onChange={(e) => setForm({ ...form, resumeText: e.target.value })} />
          </div>
          {select('resumeVisibility', VISIBILITY, 'm.profile.visibility.')}
          <ResumeFile file={profile.data?.resumeFile ?? null} />
          <button className="btn btn-primary m-submit" type="submit" disabled={busy}>{t('common.save')}</button>
        </form>
      </section>
      <section className="m-section m-actions">
        <h2>{t('m.profile.my_data')}</h2>
        <a className="btn" href="/api/me/export" download>{t('m.profile.export')}</a>
        <button type="button" className="btn m-danger" onClick={() => void remove()}>{t('m.profile.delete')}</button>
        <p className="m-hint">{t('m.profile.delete_hint')}</p>
      </section>
    </div>
  );
}
