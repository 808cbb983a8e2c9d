import { useParams } from 'react-router';
import { PageLoading } from '../../components/StatusPage.js';
import { useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import { useCardCheck } from '../../services/membership.js';
import { TopBar } from './TopBar.js';
import './services/membership.css';

// The public check a membership card's QR opens (issue 8 §2): valid or not, the name masked, the
// union, number and date — never the 身份证号 or phone.

export function MemberCardCheck() {
  const t = useT();
  const code = useParams().code ?? '';
  const check = useCardCheck(code);
  if (check.isPending) return <PageLoading />;
  const c = check.data;
  const missing = check.isError && check.error instanceof ApiError && check.error.status === 404;
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('services.membership.check.title')}</h2>
        {check.isError && (missing ? (
          <div className="mc-verdict mc-verdict-bad" role="alert">
            <strong>{t('services.membership.check.not_found')}</strong>
            <span>{t('services.membership.check.not_found_hint')}</span>
          </div>
        ) : <div className="m-alert" role="alert">{(check.error as Error).message}</div>)}
        {c && (
          <>
            <div className={`mc-verdict ${c.valid ? 'mc-verdict-ok' : 'mc-verdict-bad'}`} role="status">
              <strong>{t(c.valid ? 'services.membership.check.valid' : 'services.membership.check.invalid')}</strong>
              <span>{t(c.valid ? 'services.membership.check.valid_hint' : 'services.membership.check.invalid_hint')}</span>
            </div>
            <ul className="m-list">
              <li><span>{t('services.membership.field.name')}</span><span>{c.name ?? '—'}</span></li>
              <li><span>{t('services.membership.field.union')}</span><span>{c.union}</span></li>
              <li><span>{t('services.membership.field.member_no')}</span><span className="mc-mono">{c.memberNo}</span></li>
              <li><span>{t('services.membership.field.joined_on')}</span><span>{c.joinedOn}</span></li>
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

export default MemberCardCheck;
