import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Radio, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { currentLang, useT } from '../../i18n/index.js';

interface ImportResult { created: number; updated: number; unchanged: number; rows: number; enterprises: { created: number; updated: number }; postings: { created: number; updated: number } }
interface RowError { sheet: string; row: number; column: string; message: string }

type Outcome = { ok: true; result: ImportResult } | { ok: false; message: string; errors: RowError[] };

/** Spreadsheet intake: template, upload (all or nothing), and the error report as a table and a file. */
export default function ImportPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'postings' | 'enterprises'>('postings');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    try {
      const res = await fetch('/api/imports', {
        method: 'POST', body: form, credentials: 'same-origin',
        // One key per file choice: a retried upload after a dropped connection never writes twice.
        headers: { 'accept-language': currentLang, 'idempotency-key': `${file.name}-${file.size}-${file.lastModified}-${kind}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 100).padEnd(8, '_') },
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        setOutcome({ ok: true, result: body as ImportResult });
        await queryClient.invalidateQueries();
      } else setOutcome({ ok: false, message: body.message ?? `HTTP ${res.status}`, errors: body.errors ?? [] });
    } catch {
      setOutcome({ ok: false, message: t('common.network_error'), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  const downloadErrors = (errors: RowError[]) => {
    const escape = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
    const lines = [[t('imp.col.sheet'), t('imp.col.row'), t('imp.col.column'), t('imp.col.message')], ...errors.map((e) => [e.sheet, e.row, e.column, e.message])];
    // BOM so that Excel on Chinese Windows opens it as UTF-8.
    const blob = new Blob(['\ufeff', lines.map((l) => l.map(escape).join(',')).join('\r\n')], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'import-errors.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <>
      <div className="admin-page-head"><h1>{t('imp.title')}</h1></div>
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t('imp.kind')}</Typography.Text>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button"
              options={[{ value: 'postings', label: t('imp.kind.postings') }, { value: 'enterprises', label: t('imp.kind.enterprises') }]} />
            <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}`}>{t('imp.template')}</Button>
            <Button icon={<DownloadOutlined />} href={`/api/exports/${kind}`}>{t('imp.export')}</Button>
          </Space>
          <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={busy}
            beforeUpload={(file) => { void upload(file); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{busy ? t('imp.uploading') : t('imp.drop')}</p>
            <p className="ant-upload-hint">{t('imp.drop_hint')}</p>
          </Upload.Dragger>
        </Space>
      </Card>
      {outcome?.ok && (
        <Result status="success" title={t('imp.done')} subTitle={t('imp.done_detail', {
          rows: outcome.result.rows, ec: outcome.result.enterprises.created, eu: outcome.result.enterprises.updated,
          pc: outcome.result.postings.created, pu: outcome.result.postings.updated, unchanged: outcome.result.unchanged,
        })} />
      )}
      {outcome && !outcome.ok && (
        <Card title={t('imp.errors', { count: outcome.errors.length })} extra={outcome.errors.length > 0 && <Button icon={<DownloadOutlined />} onClick={() => downloadErrors(outcome.errors)}>{t('imp.download_errors')}</Button>}>
          <Alert type="error" showIcon title={outcome.message} style={{ marginBottom: 12 }} />
          {outcome.errors.length > 0 && (
            <Table<RowError & { key: number }> size="small" scroll={{ x: 640 }} dataSource={outcome.errors.map((e, key) => ({ ...e, key }))} pagination={{ pageSize: 20 }}
              columns={[
                { title: t('imp.col.sheet'), dataIndex: 'sheet', width: 100 },
                { title: t('imp.col.row'), dataIndex: 'row', width: 70 },
                { title: t('imp.col.column'), dataIndex: 'column', width: 160 },
                { title: t('imp.col.message'), dataIndex: 'message' },
              ]} />
          )}
        </Card>
      )}
    </>
  );
}
