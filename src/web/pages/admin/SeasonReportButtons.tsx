import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import { downloadFile, reportUrls } from '../../services/seasons.js';

type Kind = 'xlsx' | 'pdf' | 'csv';

/** The season's report downloads, for those who run it (issue 5 §8): Excel, PDF and the intents CSV for follow-up. */
export function SeasonReportButtons({ seasonId }: { seasonId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Kind | null>(null);
  const save = async (kind: Kind) => {
    setBusy(kind);
    try {
      const name = await downloadFile(kind === 'csv' ? reportUrls.intents(seasonId) : reportUrls.season(seasonId, kind));
      message.success(t('reports.downloaded', { name }));
    } catch (error) {
      message.error(error instanceof ApiError && error.status ? error.message : t('common.network_error'));
    } finally {
      setBusy(null);
    }
  };
  // Its own wrapping group: inside the page head's Space the three would be one item without gaps.
  return (
    <Space wrap>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => save('xlsx')}>{t('reports.export_xlsx')}</Button>
      <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => save('pdf')}>{t('reports.export_pdf')}</Button>
      <Tooltip title={t('reports.intents_csv_hint')}>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => save('csv')}>{t('reports.intents_csv')}</Button>
      </Tooltip>
    </Space>
  );
}
