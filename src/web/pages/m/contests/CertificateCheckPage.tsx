import { Link, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { useCertificateCheck } from '../../../services/contestResults.js';
import { TopBar } from '../TopBar.js';
import './contests.css';

// The public check page a certificate's QR code opens (issue 6 §5): certificates are public honours,
// so it shows the name (or team), award and contest as printed; a revoked one says so plainly.

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function CertificateCheckPage() {
  const t = useT();
  const code = useParams().code ?? '';
  const check = useCertificateCheck(code);
  if (check.isPending) return <PageLoading />;
  const c = check.data;
  const missing = check.isError && check.error instanceof ApiError && (check.error.status === 404 || check.error.status === 400);
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('contests.results.check.title')}</h2>
        {check.isError && (missing ? (
          <div className="cr-verdict cr-verdict-bad" role="alert">
            <strong>{t('contests.results.check.not_found')}</strong>
            <span>{t('contests.results.check.not_found_hint')}</span>
          </div>
        ) : <div className="m-alert" role="alert">{(check.error as Error).message}</div>)}
        {c && (
          <>
            <div className={`cr-verdict ${c.revoked ? 'cr-verdict-bad' : 'cr-verdict-ok'}`} role="status">
              <strong>{c.revoked ? t('contests.results.check.revoked') : t('contests.results.check.valid')}</strong>
              <span>{c.revoked && c.revokedAt ? t('contests.results.check.revoked_hint', { at: when(c.revokedAt) }) : t('contests.results.check.valid_hint')}</span>
            </div>
            <div className="cr-cert">
              <p className="cr-cert-award">{c.award}</p>
              <ul className="m-list">
                <li><span>{t('contests.results.check.recipient')}</span><span>{c.kind === 'team' ? c.team : `${c.name ?? ''}（${c.team ?? ''}）`}</span></li>
                {c.item && <li><span>{t('contests.results.check.item')}</span><span>{c.item}</span></li>}
                <li><span>{t('contests.results.check.contest')}</span><span><Link to={`/m/contests/${c.contest.id}`}>{c.contest.name}</Link></span></li>
                <li><span>{t('contests.results.check.organisers')}</span><span>{c.contest.organisers.join('、')}</span></li>
                <li><span>{t('contests.results.check.date')}</span><span>{t('contests.results.m.dates', { from: c.contest.startsOn, to: c.contest.endsOn })}</span></li>
                <li><span>{t('contests.results.check.issued')}</span><span>{when(c.issuedAt)}</span></li>
                <li><span>{t('contests.results.certificate_code')}</span><span className="cr-code">{c.code}</span></li>
              </ul>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
