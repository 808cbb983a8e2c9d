import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import { ApiError } from '../../../services/client.js';
import { membershipApi, newIdempotencyKey, REVIEW_WORKING_DAYS } from '../../../services/membership.js';
import { RegionSelect } from '../RegionSelect.js';
import { EmployerField } from './EmployerField.js';
import type { Employer } from './requestsApi.js';
import { TextField } from '../TextField.js';

// The membership form (issue 8 §2): name from the account, 身份证号, phone (the account's unless
// another is given), the employer's district and the employer (registered or typed), consent.

export function JoinForm({ me, note }: { me: Me; note?: string | undefined }) {
  const t = useT();
  const client = useQueryClient();
  const [values, setValues] = useState({ name: me.name, idCard: '', phone: '', employerName: '', consent: false });
  const [region, setRegion] = useState<string | null>(null);
  const [employer, setEmployer] = useState<Employer | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retried tap after a lost answer is the same application.
  const key = useRef(newIdempotencyKey());
  const set = (patch: Partial<typeof values>) => setValues({ ...values, ...patch });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAlert(null);
    setBusy(true);
    try {
      await membershipApi.apply({
        name: values.name, idCard: values.idCard, ...(values.phone.trim() ? { phone: values.phone } : {}), regionCode: region ?? '',
        ...(employer ? { enterpriseId: employer.id } : { employerName: values.employerName }), consent: values.consent,
      }, key.current);
      key.current = newIdempotencyKey();
      await client.invalidateQueries({ queryKey: ['svc-membership'] });
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = Object.fromEntries(error.issues.map((i) => [i.path === 'enterpriseId' ? 'employerName' : i.path, i.message]));
        // No district chosen: say so in words rather than the code's format.
        if (!region && fields.regionCode) fields.regionCode = t('services.membership.join.region_required');
        setErrors(fields);
        setAlert(error.message);
      } else setAlert(t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="m-form" onSubmit={submit} noValidate>
      <p className="mc-intro">{t('services.membership.join.intro', { days: REVIEW_WORKING_DAYS })}</p>
      {note && <div className="m-note">{note}</div>}
      {alert && <div className="m-alert" role="alert">{alert}</div>}
      <TextField id="mc-name" label={t('services.membership.join.name')} autoComplete="name" maxLength={50} value={values.name} error={errors.name} onValue={(name) => set({ name })} />
      <div>
        <TextField id="mc-id-card" label={t('services.membership.join.id_card')} autoComplete="off" maxLength={18} inputMode="text" value={values.idCard} error={errors.idCard}
          onValue={(idCard) => set({ idCard: idCard.toUpperCase() })} />
        <p className="m-hint">{t('services.membership.join.id_card_hint')}</p>
      </div>
      <TextField id="mc-phone" label={t('services.membership.join.phone')} type="tel" inputMode="tel" autoComplete="tel" value={values.phone} error={errors.phone}
        placeholder={me.phoneMasked ? t('services.membership.join.phone_placeholder', { phone: me.phoneMasked }) : ''} onValue={(phone) => set({ phone })} />
      <div className="m-field">
        <label htmlFor="mc-region">{t('services.membership.join.region')}</label>
        <RegionSelect id="mc-region" label={t('services.membership.join.region')} value={region} invalid={!!errors.regionCode}
          onChange={(code) => { setRegion(code); if (code) setErrors(({ regionCode: _, ...rest }) => rest); }} />
        {errors.regionCode && <div className="m-field-error">{errors.regionCode}</div>}
      </div>
      <EmployerField
        value={{ enterprise: employer, name: values.employerName }} error={errors.employerName} hint={t('services.membership.join.employer_hint')}
        onChange={(v) => { setEmployer(v.enterprise); setValues((x) => ({ ...x, employerName: v.name })); }}
      />
      <div>
        <label className="m-check">
          <input type="checkbox" checked={values.consent} onChange={(e) => set({ consent: e.target.checked })} aria-invalid={!!errors.consent} />
          <span>{t('services.membership.join.consent')}{t('services.consent.membership')}</span>
        </label>
        {errors.consent && <div className="m-field-error">{errors.consent}</div>}
      </div>
      <button className="btn btn-primary m-submit" type="submit" disabled={busy}>{t(busy ? 'services.membership.join.submitting' : 'services.membership.join.submit')}</button>
    </form>
  );
}
