import { Link, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { usePlan, usePlans, type Plan } from '../../admin/services/AidApi.js';
import { TopBar } from '../TopBar.js';
import './aid.css';

// Mutual-aid plans on the phone (issue 8 §3): the open plans as cards (price, period, benefits),
// one plan with "ask about it" (a consultation of category mutual_aid) and "claim a benefit".

const money = (n: number) => n.toLocaleString('zh-CN');

function PlanFacts({ plan }: { plan: Plan }) {
  const t = useT();
  return (
    <>
      <div className="aid-m-price"><strong>{t('services.aid.m.price', { price: money(plan.price) })}</strong><small>{t('services.aid.m.price_note')}</small></div>
      <div className="m-job-meta">{t('services.aid.m.period', { from: plan.startsOn, to: plan.endsOn })}</div>
    </>
  );
}

export function AidPlansPage() {
  const t = useT();
  const plans = usePlans({ status: 'open' });
  return (
    <div className="m">
      <TopBar back="/m/services" />
      <section className="m-section">
        <h2>{t('services.aid.m.title')}</h2>
        <p className="aid-m-intro">{t('services.aid.m.intro')}</p>
        {plans.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : plans.isError ? (
          <div className="m-empty" role="alert">{t('common.network_error')}<div><button type="button" className="btn" onClick={() => void plans.refetch()}>{t('common.retry')}</button></div></div>
        ) : plans.data.items.length === 0 ? (
          <div className="m-empty">
            <strong>{t('services.aid.m.empty')}</strong>
            <div><Link className="btn" to="/m/services/ask?category=mutual_aid">{t('services.aid.m.ask')}</Link></div>
          </div>
        ) : (
          <ul className="aid-m-cards">
            {plans.data.items.map((p) => (
              <li key={p.id} className="aid-m-card">
                <Link className="aid-m-card-title" to={`/m/services/aid/${p.id}`}>{p.name}</Link>
                <div className="aid-m-fed">{t('services.aid.m.federation', { federation: t(`services.aid.federation.${p.federation}`) })}</div>
                <PlanFacts plan={p} />
                <ul className="aid-m-benefits">
                  {p.benefits.slice(0, 3).map((b, i) => <li key={i}><span>{b.name}</span><em>{t('services.aid.m.up_to', { amount: money(b.amount) })}</em></li>)}
                </ul>
                {p.benefits.length > 3 && <div className="m-job-meta">{t('services.aid.m.more_benefits', { count: p.benefits.length })}</div>}
                <div className="m-row-actions"><Link className="btn" to={`/m/services/aid/${p.id}`}>{t('services.aid.m.detail')}</Link></div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function AidPlanPage() {
  const t = useT();
  const { id } = useParams();
  const plan = usePlan(Number(id) || 0);
  if (plan.isPending && Number(id) > 0) return <PageLoading />;
  if (!plan.data || plan.data.status !== 'open') {
    return (
      <div className="m">
        <TopBar back="/m/services/aid" />
        <section className="m-section"><div className="m-empty" role="alert">{t('services.aid.m.not_found')}<div><Link className="btn" to="/m/services/aid">{t('services.aid.m.title')}</Link></div></div></section>
      </div>
    );
  }
  const p = plan.data;
  return (
    <div className="m">
      <TopBar back="/m/services/aid" />
      <section className="m-section">
        <h2 className="aid-m-h">{p.name}</h2>
        <div className="aid-m-fed">{t('services.aid.m.federation', { federation: t(`services.aid.federation.${p.federation}`) })}</div>
        <PlanFacts plan={p} />
        {p.summary && <p className="aid-m-summary">{p.summary}</p>}
        <h3 className="aid-m-sub">{t('services.aid.m.benefits')}</h3>
        <ul className="aid-m-benefits aid-m-benefits-full">
          {p.benefits.map((b, i) => (
            <li key={i}><span>{b.name}</span><em>{t('services.aid.m.up_to', { amount: money(b.amount) })}</em>{b.note && <small>{b.note}</small>}</li>
          ))}
        </ul>
        <h3 className="aid-m-sub">{t('services.aid.m.how')}</h3>
        <p className="aid-m-summary">{t('services.aid.m.how_body')}</p>
        <div className="aid-m-actions">
          <Link className="btn btn-primary m-submit" to={`/m/services/aid/${p.id}/claim`}>{t('services.aid.m.claim')}</Link>
          <Link className="btn m-submit" to="/m/services/ask?category=mutual_aid">{t('services.aid.m.ask')}</Link>
        </div>
      </section>
    </div>
  );
}
