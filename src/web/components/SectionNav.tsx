import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/index.js';
import type { UiKey } from '../i18n/zh-CN.js';

/**
 * A tab bar over the pages of one section (a contest's four pages, the cooperation pages): each tab
 * is a path under `base` ('' = the section's first page); the current tab follows the URL.
 */
export function SectionNav({ base, tabs }: { base: string; tabs: readonly { key: string; label: UiKey }[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = tabs.find((tab) => tab.key && pathname.startsWith(`${base}/${tab.key}`))?.key ?? '';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key ? `${base}/${key}` : base)}
      items={tabs.map((tab) => ({ key: tab.key, label: t(tab.label) }))}
      style={{ marginBottom: 8 }}
    />
  );
}
