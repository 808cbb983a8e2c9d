import { SectionNav } from '../../../components/SectionNav.js';

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
  return <SectionNav base={`/admin/contests/${contestId}`} tabs={TABS} />;
}
