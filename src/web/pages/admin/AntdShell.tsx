import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
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
