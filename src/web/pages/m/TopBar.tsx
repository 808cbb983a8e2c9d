import { Link } from 'react-router';
import { useT } from '../../i18n/index.js';
import { useMe } from '../../services/auth.js';

export function TopBar({ back }: { back?: string }) {
  const t = useT();
  const me = useMe();
  return (
    <header className="m-top">
      <Link className="m-brand" to={back ?? '/m'}>
        {back ? <span className="m-back" aria-hidden="true">‹</span> : <span className="m-brand-mark" aria-hidden="true">川</span>}
        <span>{t('app.name')}</span>
      </Link>
      {me.data ? (
        <Link className="m-top-link" to="/m/me">{t('m.me')}</Link>
      ) : (
        <Link className="m-top-link" to="/m/login">{t('m.login')}</Link>
      )}
    </header>
  );
}
