import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';

// The four pages of one contest share this bar: setup (contest, teams, contestants, lots, judges),
// marking scheme, scoring (the chief judge's verification and locks), results and certificates.
const TABS = [
  { key: '', label: 'contests.nav.setup' },
  { key: 'scheme', label: 'contests.nav.scheme' },
  { key: 'scoring', label: 'contests.nav.scoring' },
  { key: 'results', label: 'contests.nav.results' },
] as const;

/** Tabs linking the pages of contest `contestId`; the current one follows the URL. */
export function ContestNav({ contestId }: { contestId: number | string }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = `/admin/contests/${contestId}`;
  const active = TABS.find((tab) => tab.key && pathname.startsWith(`${base}/${tab.key}`))?.key ?? '';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key ? `${base}/${key}` : base)}
      items={TABS.map((tab) => ({ key: tab.key, label: t(tab.label) }))}
      style={{ marginBottom: 8 }}
    />
  );
}
