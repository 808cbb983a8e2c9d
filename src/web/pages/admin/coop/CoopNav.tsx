import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';

// The cooperation pages share this bar: the agreement with its areas and items, progress reports,
// joint meetings, and the leaders' dashboard.
const TABS = [
  { key: '', label: 'coop.nav.overview' },
  { key: 'reports', label: 'coop.nav.reports' },
  { key: 'meetings', label: 'coop.nav.meetings' },
  { key: 'dashboard', label: 'coop.nav.dashboard' },
] as const;

/** Tabs linking the cooperation pages; the current one follows the URL (item pages belong to the overview). */
export function CoopNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = '/admin/cooperation';
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
