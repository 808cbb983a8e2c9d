import { ArrowLeftOutlined, CheckCircleFilled, ClockCircleOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Skeleton, Space, Tag, Timeline, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useT, type Translate } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { CoopNav } from './CoopNav.js';
import { ItemDrawer } from './ItemDrawer.js';
import { evidenceUrl, useDeleteItem, useEnterProgress, useItem, useSignOff, useUploadEvidence, type Federation, type FileInfo, type HistoryEntry, type Item } from './itemsApi.js';
import { StatusLight } from './StatusLight.js';
import './coop-items.css';

// A work item (issue 7 §1, §4, §6): its facts, value / target with the status and its rule, the
// responsible unions of both sides, progress entry with evidence, the two federations' sign-off
// boxes (who confirmed when) and the item's history.

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function indicatorText(t: Translate, item: Item): string {
  const i = item.indicator;
  if (!i) return t('coop.items.kind.manual');
  const base = t(`coop.items.indicator.${i.kind}`);
  if (i.kind === 'season_figure') return `${base} · ${t(`coop.items.figure.${i.figure}` as 'coop.items.figure.positions')}`;
  return base;
}

function ProgressForm({ item }: { item: Item }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ mode: 'value' | 'percent'; amount: number; evidence: string }>();
  const [files, setFiles] = useState<FileInfo[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const upload = useUploadEvidence(item.id);
  const enter = useEnterProgress(item.id);
  const mode = Form.useWatch('mode', form) ?? 'value';
  return (
    <Card title={t('coop.items.entry.title')} className="coop-card coop-entry">
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form
        form={form} layout="vertical" initialValues={{ mode: 'value' }}
        onFinish={async (v) => {
          setAlert(null);
          try {
            await enter.mutateAsync({ ...(v.mode === 'percent' ? { percent: v.amount } : { value: v.amount }), evidence: v.evidence, fileIds: files.map((f) => f.id) });
            message.success(t('coop.items.entry.saved'));
            form.resetFields();
            setFiles([]);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            form.setFields(error.issues.map((i) => ({ name: (i.path === 'value' || i.path === 'percent' ? 'amount' : i.path) as never, errors: [i.message] })));
            setAlert(error.message);
          }
        }}
      >
        <Form.Item name="mode" label={t('coop.items.entry.mode')}>
          <Radio.Group optionType="button" options={[{ value: 'value', label: t('coop.items.entry.by_value', { unit: item.unit || '—' }) }, { value: 'percent', label: t('coop.items.entry.by_percent') }]} />
        </Form.Item>
        <Form.Item name="amount" label={t(mode === 'percent' ? 'coop.items.entry.percent' : 'coop.items.entry.value')} rules={[{ required: true, message: t('coop.items.required') }]}>
          <InputNumber min={0} style={{ width: 160 }} suffix={mode === 'percent' ? '%' : item.unit} />
        </Form.Item>
        <Form.Item name="evidence" label={t('coop.items.entry.evidence')} rules={[{ required: true, message: t('coop.items.required') }]}>
          <Input.TextArea rows={3} placeholder={t('coop.items.entry.evidence_hint')} />
        </Form.Item>
        <div className="coop-files">
          {files.map((f) => <Tag key={f.id} closable onClose={() => setFiles(files.filter((x) => x.id !== f.id))}><PaperClipOutlined /> {f.name}</Tag>)}
          <Upload
            accept=".pdf,.docx,.jpg,.jpeg,.png" showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, { onSuccess: (f) => setFiles((list) => [...list, f]), onError: (e) => message.error(e.message) });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>{t('coop.items.entry.upload')}</Button>
          </Upload>
        </div>
        <Button type="primary" htmlType="submit" loading={enter.isPending} style={{ marginTop: 12 }}>{t('coop.items.entry.submit')}</Button>
      </Form>
    </Card>
  );
}

function SignoffBox({ item, federation }: { item: Item; federation: Federation }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const sign = useSignOff(item.id);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const signed = item.signoffs.find((s) => s.federation === federation);
  const mine = item.permissions.federation === federation;
  const fail = (e: Error) => message.error(e.message);
  return (
    <Card size="small" className={signed ? 'coop-signoff signed' : 'coop-signoff'} title={t(`coop.items.party.${federation}`)} data-federation={federation}>
      {signed ? (
        <div>
          <div className="coop-signoff-state"><CheckCircleFilled /> {t('coop.items.signoff.confirmed')}</div>
          <div>{t('coop.items.signoff.by', { name: signed.user.name, at: when(signed.signedAt) })}</div>
          {signed.note && <div className="coop-muted">{signed.note}</div>}
        </div>
      ) : (
        <div className="coop-signoff-state pending"><ClockCircleOutlined /> {t('coop.items.signoff.pending')}</div>
      )}
      {mine && item.permissions.canSignOff && (
        <Button
          type="primary" style={{ marginTop: 8 }} loading={sign.isPending}
          onClick={() => modal.confirm({
            title: t('coop.items.signoff.confirm_title'), content: t('coop.items.signoff.confirm_text', { code: item.code, percent: item.progress.percent }),
            okText: t('coop.items.signoff.sign'), cancelText: t('common.cancel'),
            onOk: () => sign.mutateAsync({ note: '' }).then(() => { message.success(t('coop.items.signoff.done')); }, fail),
          })}
        >{t('coop.items.signoff.sign')}</Button>
      )}
      {mine && item.permissions.canWithdraw && (
        <Button style={{ marginTop: 8 }} onClick={() => setWithdrawing(true)}>{t('coop.items.signoff.withdraw')}</Button>
      )}
      <Modal
        open={withdrawing} title={t('coop.items.signoff.withdraw')} okText={t('coop.items.signoff.withdraw')} cancelText={t('common.cancel')} destroyOnHidden
        okButtonProps={{ disabled: reason.trim().length < 2, loading: sign.isPending }} onCancel={() => setWithdrawing(false)}
        onOk={() => sign.mutateAsync({ withdraw: reason }).then(() => { setWithdrawing(false); setReason(''); }, fail)}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('coop.items.signoff.reason')} aria-label={t('coop.items.signoff.reason')} />
      </Modal>
    </Card>
  );
}

function historyItem(t: Translate, item: Item, h: HistoryEntry) {
  const who = [h.actor, h.union].filter(Boolean).join(' · ');
  let head: string;
  if (h.kind === 'progress') head = t('coop.items.history.progress', { value: h.value ?? 0, unit: item.unit });
  else if (h.kind === 'report') head = t('coop.items.history.report', { period: h.period ?? '', status: t(`coop.items.report_status.${h.action}` as 'coop.items.report_status.submitted') });
  else head = t(`coop.items.action.${h.action}` as 'coop.items.action.coop.item.create');
  return {
    key: `${h.kind}-${h.at}-${h.action ?? ''}`,
    color: h.kind === 'progress' ? 'blue' : h.kind === 'report' ? 'purple' : h.action === 'coop.item.done' ? 'green' : 'gray',
    content: (
      <div className="coop-history">
        <div><strong>{head}</strong> <span className="coop-muted">{when(h.at)}{who ? ` · ${who}` : ''}</span></div>
        {h.text && <div className="coop-history-text">{h.text}</div>}
        {h.files.map((f) => <a key={f.id} href={evidenceUrl(item.id, f.id)}><PaperClipOutlined /> {f.name}</a>)}
      </div>
    ),
  };
}

export default function ItemPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const item = useItem(id);
  const remove = useDeleteItem(id);
  const [editing, setEditing] = useState(false);
  const d = item.data;
  return (
    <>
      <CoopNav />
      <Link to="/admin/cooperation" className="coop-back"><ArrowLeftOutlined /> {t('coop.items.back')}</Link>
      {item.isError && <Alert type="error" showIcon title={item.error.message} style={{ margin: '12px 0' }} />}
      {item.isPending && <Card><Skeleton active /></Card>}
      {d && (
        <>
          <div className="admin-page-head">
            <h1><span className="coop-code">{d.code}</span> {d.title}</h1>
            <Space wrap>
              <StatusLight progress={d.progress} />
              {d.permissions.canEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('coop.items.edit')}</Button>}
              {d.permissions.canEdit && !d.doneAt && (
                <Popconfirm
                  title={t('coop.items.delete_confirm', { code: d.code })} okText={t('coop.items.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync().then(() => { message.success(t('coop.items.deleted')); navigate('/admin/cooperation'); }, (e: Error) => { message.error(e.message); })}
                >
                  <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>{t('coop.items.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
          </div>
          <div className="coop-item-grid">
            <Card className="coop-card coop-progress-card" title={t('coop.items.field.progress')}>
              <div className="coop-big-value">{d.progress.value} <span>/ {d.progress.target} {d.progress.unit}</span></div>
              <Progress percent={d.progress.percent} status={d.progress.status === 'done' ? 'success' : d.progress.status === 'late' ? 'exception' : 'normal'} />
              <Alert
                type={d.progress.status === 'done' ? 'success' : d.progress.status === 'on_track' ? 'info' : 'warning'} showIcon style={{ marginTop: 12 }}
                title={d.progress.ruleText} description={t('coop.items.rule.all')}
              />
            </Card>
            <Card className="coop-card" title={t('coop.items.facts')}>
              <Descriptions size="small" column={1} items={[
                { key: 'ag', label: t('coop.items.field.agreement'), children: d.agreement.title },
                { key: 'ar', label: t('coop.items.field.area'), children: `${d.area.year} · ${d.area.name}` },
                { key: 'lead', label: t('coop.items.field.lead'), children: d.leadUnion.name },
                { key: 'dates', label: t('coop.items.field.period'), children: `${d.startsOn} — ${d.dueOn}` },
                { key: 'kind', label: t('coop.items.field.kind'), children: indicatorText(t, d) },
                ...(d.description ? [{ key: 'desc', label: t('coop.items.field.description'), children: d.description }] : []),
              ]} />
            </Card>
          </div>
          <Card className="coop-card" title={t('coop.items.field.unions')}>
            <div className="coop-sides">
              {(['51', '50'] as const).map((fed) => (
                <div key={fed}>
                  <div className="coop-side-label">{t(`coop.items.side.${fed}`)}</div>
                  {d.unions.filter((u) => u.federation === fed).map((u) => <Tag key={u.id} className={`coop-side-${fed}`}>{u.name}{u.id === d.leadUnion.id ? ` · ${t('coop.items.lead')}` : ''}</Tag>)}
                </div>
              ))}
            </div>
          </Card>
          <Card className="coop-card" title={t('coop.items.signoff.title')} extra={d.doneAt && <Tag color="green">{t('coop.items.signoff.done_at', { at: when(d.doneAt) })}</Tag>}>
            <p className="coop-muted">{t('coop.items.signoff.rule')}</p>
            <div className="coop-signoffs">
              <SignoffBox item={d} federation="51" />
              <SignoffBox item={d} federation="50" />
            </div>
          </Card>
          {d.permissions.canReport && <ProgressForm item={d} />}
          <Card className="coop-card" title={t('coop.items.history.title')}>
            {d.history.length ? <Timeline items={d.history.map((h) => historyItem(t, d, h))} /> : <Empty description={t('coop.items.history.empty')} />}
          </Card>
          <ItemDrawer open={editing} agreementId={d.agreementId} item={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
        </>
      )}
    </>
  );
}
