import { DeleteOutlined, PaperClipOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Form, Grid, Input, InputNumber, Popconfirm, Skeleton, Space, Switch, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { applyServerIssues } from '../formIssues.js';
import { fileUrl, useReport, useReportActions, type Figure, type ItemRef, type Report, type ReportStatus } from './reportsApi.js';

const STATUS_COLOR: Record<ReportStatus, string> = { draft: 'default', submitted: 'processing', accepted: 'success', returned: 'warning' };

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`coop.reports.status.${status}`)}</Tag>;
}

export type DrawerTarget = { reportId: number } | { item: ItemRef; period: string; unionName: string };

interface FormValues { body: string; figures: Figure[] }

/** One report in a drawer: its union writes and submits it; its federation accepts or returns it. */
export function ReportDrawer({ target, onClose }: { target: DrawerTarget | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [createdId, setCreatedId] = useState<number | null>(null);
  const reportId = target && 'reportId' in target ? target.reportId : createdId;
  const query = useReport(reportId);
  const report = query.data;
  const actions = useReportActions();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [highlight, setHighlight] = useState(false);

  useEffect(() => {
    setCreatedId(null);
    setError(null);
    setNote('');
    setNoteError(false);
    setHighlight(false);
    if (target && !('reportId' in target)) form.setFieldsValue({ body: '', figures: [] });
  }, [target, form]);
  useEffect(() => {
    if (report?.me.canEdit) form.setFieldsValue({ body: report.body, figures: report.figures });
  }, [report?.id, report?.version]); // eslint-disable-line react-hooks/exhaustive-deps -- refill only when the stored report changes

  const isNew = !!target && !('reportId' in target) && createdId === null;
  const editable = isNew || !!report?.me.canEdit;
  const head = report ?? (target && !('reportId' in target) ? { item: target.item, period: target.period, union: { name: target.unionName }, status: 'draft' as const } : null);

  const fail = (e: unknown) => {
    const rest = applyServerIssues(form, e);
    setError(rest ?? (e instanceof ApiError ? null : String(e)));
  };
  /** Save the form (creating the draft the first time); returns the stored report. */
  const save = async (): Promise<Report | undefined> => {
    const values = await form.validateFields();
    const figures = (values.figures ?? []).map((f) => ({ label: f.label, value: Number(f.value), unit: f.unit ?? '' }));
    setError(null);
    if (isNew && target && !('reportId' in target)) {
      const created = await actions.create.mutateAsync({ itemId: target.item.id, period: target.period, body: values.body ?? '', figures });
      setCreatedId(created!.id);
      return created;
    }
    return actions.update.mutateAsync({ id: report!.id, body: values.body ?? '', figures, version: report!.version });
  };
  const onSave = () => save().then((r) => r && message.success(t('coop.reports.saved'))).catch((e: unknown) => { if (!(e as { errorFields?: unknown }).errorFields) fail(e); });
  const onSubmit = () => save()
    .then(async (r) => { if (r) { await actions.submit.mutateAsync(r.id); message.success(t('coop.reports.submitted')); onClose(); } })
    .catch((e: unknown) => { if (!(e as { errorFields?: unknown }).errorFields) fail(e); });
  const review = async (kind: 'accept' | 'return') => {
    if (!report) return;
    if (kind === 'return' && !note.trim()) { setNoteError(true); return; }
    try {
      if (kind === 'accept') await actions.accept.mutateAsync({ id: report.id, note: note.trim(), highlight });
      else await actions.giveBack.mutateAsync({ id: report.id, note: note.trim() });
      message.success(t(kind === 'accept' ? 'coop.reports.accepted' : 'coop.reports.returned'));
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const busy = actions.create.isPending || actions.update.isPending || actions.submit.isPending;

  const footer = editable ? (
    <Space wrap>
      <Button onClick={onSave} loading={actions.create.isPending || actions.update.isPending}>{t('coop.reports.save_draft')}</Button>
      <Button type="primary" onClick={onSubmit} loading={actions.submit.isPending} disabled={busy && !actions.submit.isPending}>{t('coop.reports.submit')}</Button>
      {report?.me.canDelete && (
        <Popconfirm title={t('coop.reports.delete_confirm')} onConfirm={() => actions.remove.mutateAsync(report.id).then(onClose).catch(fail)}>
          <Button danger icon={<DeleteOutlined />}>{t('coop.reports.delete')}</Button>
        </Popconfirm>
      )}
    </Space>
  ) : report?.me.canReview ? (
    <Space wrap>
      <Button type="primary" onClick={() => review('accept')} loading={actions.accept.isPending}>{t('coop.reports.accept')}</Button>
      <Button danger onClick={() => review('return')} loading={actions.giveBack.isPending}>{t('coop.reports.return')}</Button>
    </Space>
  ) : null;

  return (
    <Drawer
      open={!!target} onClose={onClose} destroyOnHidden size={screens.md ? 640 : '100%'} footer={footer}
      title={head ? `${head.item.code} ${head.item.title}` : t('coop.reports.report')}
    >
      {head && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
          { key: 'union', label: t('coop.reports.col.union'), children: head.union.name },
          { key: 'period', label: t('coop.reports.col.period'), children: <Space>{head.period}<ReportStatusTag status={head.status} />{report?.isHighlight && <Tag icon={<StarFilled />} color="gold">{t('coop.reports.highlight')}</Tag>}</Space> },
          ...(report?.submittedBy ? [{ key: 'sub', label: t('coop.reports.submitted_by'), children: `${report.submittedBy.name} · ${report.submittedAt?.slice(0, 10)}` }] : []),
          ...(report?.reviewedBy ? [{ key: 'rev', label: t('coop.reports.reviewed_by'), children: `${report.reviewedBy.name} · ${report.reviewedAt?.slice(0, 10)}` }] : []),
        ]} />
      )}
      {report?.status === 'returned' && report.reviewNote && <Alert type="warning" showIcon title={t('coop.reports.return_note')} description={report.reviewNote} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {reportId !== null && query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={query.error.message} />}
      {editable && (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="body" label={t('coop.reports.body')} extra={t('coop.reports.body_hint')}>
            <Input.TextArea rows={8} maxLength={20000} />
          </Form.Item>
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <Form.Item label={t('coop.reports.figures')}>
                {fields.map((field) => (
                  <div key={field.key} className="coop-report-figure">
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: t('coop.reports.figure_label_required') }]} noStyle={false} style={{ marginBottom: 8, flex: 2 }}>
                      <Input placeholder={t('coop.reports.figure_label')} aria-label={t('coop.reports.figure_label')} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']} rules={[{ required: true, message: t('coop.reports.figure_value_required') }]} style={{ marginBottom: 8, flex: 1 }}>
                      <InputNumber min={0} placeholder={t('coop.reports.figure_value')} aria-label={t('coop.reports.figure_value')} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} style={{ marginBottom: 8, width: 72 }}>
                      <Input placeholder={t('coop.reports.figure_unit')} aria-label={t('coop.reports.figure_unit')} maxLength={10} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('coop.reports.figure_remove')} onClick={() => remove(field.name)} />
                  </div>
                ))}
                {fields.length < 20 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', value: null, unit: '' })}>{t('coop.reports.figure_add')}</Button>}
              </Form.Item>
            )}
          </Form.List>
          <Form.Item label={t('coop.reports.files')} extra={t(report ? 'coop.reports.files_hint' : 'coop.reports.files_after_save')}>
            {report && (
              <Upload
                accept=".pdf,.docx,.jpg,.jpeg,.png" showUploadList={false}
                customRequest={({ file, onSuccess, onError }) => {
                  actions.attach.mutateAsync({ id: report.id, file: file as File })
                    .then((r) => { onSuccess?.(r); })
                    .catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); onError?.(e as Error); });
                }}
              >
                <Button icon={<PaperClipOutlined />} loading={actions.attach.isPending}>{t('coop.reports.attach')}</Button>
              </Upload>
            )}
            <FileList report={report} onRemove={report ? (fileId) => actions.detach.mutateAsync({ id: report.id, fileId }).catch(fail) : undefined} />
          </Form.Item>
        </Form>
      )}
      {!editable && report && (
        <>
          <div className="coop-report-body">{report.body || t('coop.reports.no_body')}</div>
          {report.figures.length > 0 && (
            <Descriptions size="small" bordered column={1} style={{ margin: '12px 0' }} items={report.figures.map((f, i) => ({ key: i, label: f.label, children: `${f.value} ${f.unit}` }))} />
          )}
          <FileList report={report} />
          {report.status === 'accepted' && report.reviewNote && <Alert type="success" showIcon title={t('coop.reports.accept_note')} description={report.reviewNote} style={{ marginTop: 12 }} />}
          {report.me.canHighlight && report.status === 'accepted' && (
            <div style={{ marginTop: 16 }}>
              <Switch checked={report.isHighlight} loading={actions.highlight.isPending} onChange={(v) => actions.highlight.mutate({ id: report.id, highlight: v })} />{' '}
              {t('coop.reports.mark_highlight')}
            </div>
          )}
          {report.me.canReview && (
            <div className="coop-report-review">
              <Form layout="vertical">
                <Form.Item label={t('coop.reports.review_note')} validateStatus={noteError ? 'error' : undefined} help={noteError ? t('coop.reports.note_required') : t('coop.reports.review_note_hint')}>
                  <Input.TextArea rows={3} maxLength={1000} value={note} onChange={(e) => { setNote(e.target.value); setNoteError(false); }} aria-label={t('coop.reports.review_note')} />
                </Form.Item>
                <Checkbox checked={highlight} onChange={(e) => setHighlight(e.target.checked)}>{t('coop.reports.mark_highlight')}</Checkbox>
              </Form>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}

function FileList({ report, onRemove }: { report: Report | undefined; onRemove?: ((fileId: string) => unknown) | undefined }) {
  const t = useT();
  if (!report?.files.length) return null;
  return (
    <ul className="coop-report-files" aria-label={t('coop.reports.files')}>
      {report.files.map((f) => (
        <li key={f.id}>
          <PaperClipOutlined /> <a href={fileUrl(report.id, f.id)}>{f.name}</a> <span className="muted">{Math.max(1, Math.round(f.size / 1024))} KB</span>
          {onRemove && <Button type="link" size="small" danger onClick={() => onRemove(f.id)}>{t('coop.reports.file_remove')}</Button>}
        </li>
      ))}
    </ul>
  );
}
