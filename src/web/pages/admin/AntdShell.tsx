import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.js';

/** antd with the chosen locale and the unions' red as the primary colour. */
export function AntdShell({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 8 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The brand block at the top of the login and sign-up cards. */
export function BrandHeader({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div className="login-brand">
      <span className="brand-mark" aria-hidden="true">川</span>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
        <Typography.Text type="secondary">{subtitle}</Typography.Text>
      </div>
    </div>
  );
}
