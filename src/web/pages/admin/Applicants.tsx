import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Input, Modal, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { api, ApiError } from '../../services/client.js';

// The applicant pipeline of one posting (issue 4 §5–6): a table filtered by status with counts;
// opening an applicant marks him seen and shows what his privacy choices allow; moving him on
// (interview, intent, hired, not selected) takes an optional note that stays in the history.

type Status = 'new' | 'viewed' | 'interview' | 'intent' | 'hired' | 'rejected' | 'withdrawn';
const STATUSES: Status[] = ['new', 'viewed', 'interview', 'intent', 'hired', 'rejected', 'withdrawn'];
const COLOR: Record<Status, string> = { new: 'blue', viewed: 'default', interview: 'orange', intent: 'gold', hired: 'green', rejected: 'default', withdrawn: 'default' };

interface Row { id: number; status: Status; appliedAt: string; applicant: { name: string; education: string | null; experience: string | null; skills: string[] } }
interface Detail {
  id: number; status: Status; version: number; appliedAt: string; message: string | null; interviewAccepted: boolean;
  applicant: { name: string; education: string | null; experience: string | null; skills: string[]; phone: string | null; phoneVisible: boolean; resume: string | null; resumeHidden: boolean; resumeFile: { name: string; mime: string; size: number } | null } | null;
  history: { id: number; action: string; from: string | null; to: string | null; note: string | null; at: string; actor: string | null }[];
  actions: Status[];
}

export function StatusTag({ status }: { status: Status }) {
  const t = useT();
  return <Tag color={COLOR[status]}>{t(`app.status.${status}` as UiKey)}</Tag>;
}

function ApplicantModal({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const detail = useQuery({ queryKey: ['applicant', id], queryFn: () => api<Detail>(`/api/applications/${id}`) });
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const d = detail.data;
  const act = async (status?: Status) => {
    if (!d) return;
    setBusy(true);
    try {
      await api(`/api/applications/${id}`, { method: 'PATCH', body: { ...(status ? { status } : {}), ...(note.trim() ? { note: note.trim() } : {}), version: d.version } });
      setNote('');
      message.success(t('apps.saved'));
      await Promise.all([client.invalidateQueries({ queryKey: ['applicant', id] }), client.invalidateQueries({ queryKey: ['applicants'] })]);
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open onCancel={onClose} footer={null} title={d?.applicant?.name ?? t('apps.deleted')} width={640} destroyOnHidden>
      {detail.isPending ? <Typography.Text>{t('common.loading')}</Typography.Text> : !d ? <Alert type="error" title={t('common.network_error')} /> : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <Space wrap><StatusTag status={d.status} />{d.interviewAccepted && <Tag color="green">{t('apps.interview_accepted')}</Tag>}</Space>
          {d.applicant ? (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('apps.phone')}>
                {d.applicant.phone ?? t('common.none')}
                {!d.applicant.phoneVisible && <Typography.Text type="secondary"> · {t('apps.phone_after_interview')}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('apps.education')}>{d.applicant.education ? t(`edu.${d.applicant.education}` as UiKey) : t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('apps.experience')}>{d.applicant.experience ? t(`exp.${d.applicant.experience}` as UiKey) : t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('apps.skills')}>{d.applicant.skills.length ? d.applicant.skills.join('、') : t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('apps.resume')}>
                {d.applicant.resumeHidden ? <Typography.Text type="secondary">{t('apps.resume_hidden')}</Typography.Text>
                  : <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.applicant.resume || t('common.none')}</div>}
              </Descriptions.Item>
              {d.applicant.resumeFile && (
                <Descriptions.Item label={t('apps.resume_file')}>
                  <a href={`/api/applications/${d.id}/resume`} download style={{ overflowWrap: 'anywhere' }}>{d.applicant.resumeFile.name}</a>
                  <Typography.Text type="secondary"> · {Math.max(1, Math.round(d.applicant.resumeFile.size / 1024))} KB</Typography.Text>
                </Descriptions.Item>
              )}
              {d.message && <Descriptions.Item label={t('apps.message')}>{d.message}</Descriptions.Item>}
            </Descriptions>
          ) : <Alert type="info" showIcon title={t('apps.deleted_hint')} />}
          <Input.TextArea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('apps.note_hint')} aria-label={t('apps.note')} />
          <Space wrap>
            {d.actions.filter((a) => a !== 'viewed').map((a) => (
              <Button key={a} loading={busy} type={a === 'rejected' ? 'default' : 'primary'} danger={a === 'rejected'} onClick={() => void act(a)}>
                {t(`apps.to.${a}` as UiKey)}
              </Button>
            ))}
            <Button loading={busy} disabled={!note.trim()} onClick={() => void act()}>{t('apps.add_note')}</Button>
          </Space>
          <Timeline items={d.history.map((h) => ({
            content: (
              <div>
                <Typography.Text strong>{h.to && h.from !== h.to ? t(`app.status.${h.to}` as UiKey) : t(`apps.action.${h.action}` as UiKey)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{time.format(new Date(h.at))}{h.actor ? ` · ${h.actor}` : ''}</Typography.Text>
                {h.note && <div style={{ overflowWrap: 'anywhere' }}>{h.note}</div>}
              </div>
            ),
          }))} />
        </div>
      )}
    </Modal>
  );
}

export function Applicants({ postingId }: { postingId: number }) {
  const t = useT();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['applicants', postingId, status, page],
    queryFn: () => api<{ total: number; counts: Partial<Record<Status, number>>; items: Row[] }>(`/api/postings/${postingId}/applications`, { query: { status: status === 'all' ? undefined : status, page, pageSize: 10 } }),
  });
  const counts = list.data?.counts ?? {};
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <>
      <Segmented
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={status}
        onChange={(v) => { setStatus(v as Status | 'all'); setPage(1); }}
        options={[{ value: 'all', label: `${t('apps.all')} ${all}` }, ...STATUSES.filter((s) => counts[s]).map((s) => ({ value: s, label: `${t(`app.status.${s}` as UiKey)} ${counts[s]}` }))]}
      />
      {list.isError ? <Alert type="error" showIcon title={list.error instanceof ApiError ? list.error.message : t('common.network_error')} /> : (
        <Table<Row>
          rowKey="id" size="small" loading={list.isPending} dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('apps.empty')} /> }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('apps.name'), render: (_, r) => r.applicant.name },
            { title: t('apps.status'), render: (_, r) => <StatusTag status={r.status} /> },
            { title: t('apps.education'), render: (_, r) => (r.applicant.education ? t(`edu.${r.applicant.education}` as UiKey) : '—') },
            { title: t('apps.skills'), render: (_, r) => r.applicant.skills.slice(0, 3).join('、') || '—' },
            { title: t('apps.applied_at'), render: (_, r) => r.appliedAt.slice(0, 10) },
          ]}
        />
      )}
      {open !== null && <ApplicantModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
