import { SectionNav } from '../../../components/SectionNav.js';

// The worker-services pages share this bar: the consultation queue (request pages belong to it),
// membership review, mutual aid, the fair desk and the figures.
const TABS = [
  { key: '', label: 'services.nav.queue' },
  { key: 'membership', label: 'services.nav.membership' },
  { key: 'aid', label: 'services.nav.aid' },
  { key: 'desk', label: 'services.nav.desk' },
  { key: 'figures', label: 'services.nav.figures' },
] as const;

/** Tabs linking the worker-services pages; the current one follows the URL. */
export function ServicesNav() {
  return <SectionNav base="/admin/services" tabs={TABS} />;
}
