import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { useEmployers, type Employer } from './requestsApi.js';
import './services.css';

// The worker's employer: a registered enterprise picked from the search (routes to its union), or
// a name typed as it is (routes by region). One input; suggestions under it while typing.

export interface EmployerValue { enterprise: Employer | null; name: string }

/** `hint` says where the choice sends the record (a request, a membership application); the request form's by default. */
export function EmployerField({ value, onChange, error, disabled, hint }: { value: EmployerValue; onChange(v: EmployerValue): void; error?: string | undefined; disabled?: boolean; hint?: string }) {
  const t = useT();
  const [typed, setTyped] = useState(value.name);
  const [q, setQ] = useState('');
  // Ask the server once the typing pauses (a fair's network is slow).
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useEmployers(value.enterprise ? '' : q);
  if (value.enterprise) {
    return (
      <div className="m-field">
        <span className="m-label">{t('services.requests.web.ask.employer')}</span>
        <div className="sv-picked">
          <span>{value.enterprise.name}<small>{t('services.requests.web.ask.employer_registered', { region: value.enterprise.region.name })}</small></span>
          <button type="button" className="btn m-small" disabled={disabled} onClick={() => { setTyped(''); onChange({ enterprise: null, name: '' }); }}>
            {t('services.requests.web.ask.employer_clear')}
          </button>
        </div>
        {error && <div className="m-field-error">{error}</div>}
      </div>
    );
  }
  const items = found.data ?? [];
  return (
    <div className="m-field">
      <label htmlFor="sv-employer">{t('services.requests.web.ask.employer')}</label>
      <input id="sv-employer" value={typed} maxLength={100} autoComplete="organization" aria-invalid={!!error} disabled={disabled}
        placeholder={t('services.requests.web.ask.employer_placeholder')}
        onChange={(e) => { setTyped(e.target.value); onChange({ enterprise: null, name: e.target.value }); }} />
      {items.length > 0 && q === typed && (
        <ul className="sv-suggest" aria-label={t('services.requests.web.ask.employer_suggest')}>
          {items.map((x) => (
            <li key={x.id}>
              <button type="button" onClick={() => onChange({ enterprise: x, name: x.name })}>
                {x.name}<small>{x.region.name}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <div className="m-field-error">{error}</div>}
      <p className="m-hint">{hint ?? t('services.requests.web.ask.employer_hint')}</p>
    </div>
  );
}
