import { SectionNav } from '../../../components/SectionNav.js';

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
  return <SectionNav base="/admin/cooperation" tabs={TABS} />;
}
