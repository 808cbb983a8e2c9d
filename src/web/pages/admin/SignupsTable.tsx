import { Alert, App, Button, Grid, Input, Modal, Popconfirm, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { ApiError } from '../../services/client.js';
import { useIndustries } from '../../services/employment.js';
import {
  SIGNUP_STATUSES, useReviewSignup, useSignup, useSignupCounts, useSignups, type SignupQuery, type SignupRow, type SignupStatus,
} from '../../services/fair.js';
import type { SeasonEvent } from '../../services/seasons.js';
import './fair.css';

// The sign-ups of a fair or online fair for its organisers (issue 5 §3): filtered by status with
// counts, the postings each brings, approval, rejection with a reason, the booths against the
// number of approved employers.

const STATUS_COLORS: Record<SignupStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

export function SignupStatusTag({ status }: { status: SignupStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`console.signup.status.${status}` as UiKey)}</Tag>;
}

/** "重庆" or "四川" from a region code. */
export function ProvinceName({ regionCode }: { regionCode: string }) {
  const t = useT();
  const key = `console.province.${regionCode.slice(0, 2)}`;
  return <>{regionCode.startsWith('50') || regionCode.startsWith('51') ? t(key as UiKey) : regionCode}</>;
}

/** Section code → its name (GB/T 4754), for tables and the floor plan's legend. */
export function useIndustryNames(): Map<string, string> {
  const industries = useIndustries();
  return useMemo(() => new Map((industries.data ?? []).map((s) => [s.code, s.name])), [industries.data]);
}

function SignupPostings({ id }: { id: number }) {
  const t = useT();
  const signup = useSignup(id);
  if (signup.isPending) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (signup.isError) return <Typography.Text type="danger">{signup.error.message}</Typography.Text>;
  const s = signup.data;
  return (
    <div className="console-postings">
      {s.postings.length === 0 && <Typography.Text type="secondary">{t('console.signup.no_postings')}</Typography.Text>}
      <ul>
        {s.postings.map((p) => (
          <li key={p.id}>
            <span className="console-posting-title">{p.title}</span>
            <Typography.Text type="secondary"> · {t('console.signup.headcount', { n: p.headcount })}</Typography.Text>
          </li>
        ))}
      </ul>
      {s.note && <Typography.Paragraph type="secondary" className="console-note">{t('console.signup.note')}：{s.note}</Typography.Paragraph>}
    </div>
  );
}

function RejectModal({ row, eventId, onClose }: { row: SignupRow; eventId: number; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const review = useReviewSignup(eventId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) { setError(t('console.signup.reason_required')); return; }
    try {
      await review.mutateAsync({ id: row.id, decision: 'reject', reason: reason.trim() });
      message.success(t('console.signup.rejected', { name: row.enterprise.name }));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? (e.issues.find((i) => i.path === 'reason')?.message ?? e.message) : t('common.network_error'));
    }
  };
  return (
    <Modal
      open title={t('console.signup.reject_title', { name: row.enterprise.name })} onCancel={onClose} destroyOnHidden
      okText={t('console.signup.reject')} okButtonProps={{ danger: true, loading: review.isPending }} onOk={submit}
    >
      <label htmlFor="reject-reason" className="console-label">{t('console.signup.reason')}</label>
      <Input.TextArea
        id="reject-reason" rows={3} maxLength={500} showCount value={reason} status={error ? 'error' : undefined} style={{ marginBottom: 20 }}
        placeholder={t('console.signup.reason_hint')} onChange={(e) => { setReason(e.target.value); setError(null); }}
      />
      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
    </Modal>
  );
}

/** Approved employers against the booths of a fair; a clear word when every booth is spoken for. */
function CapacityBar({ approved, booths }: { approved: number; booths: number }) {
  const t = useT();
  const full = approved >= booths;
  return (
    <div className="console-capacity">
      <div className="console-capacity-head">
        <span>{t('console.signup.capacity')}</span>
        <span className="console-figure">{approved} / {booths}</span>
      </div>
      <Progress percent={Math.min(100, (approved / booths) * 100)} showInfo={false} size="small" status={full ? 'exception' : 'normal'} />
      {full && <Alert type="warning" showIcon title={t(approved > booths ? 'console.signup.over_capacity' : 'console.signup.full', { approved, booths })} />}
    </div>
  );
}

/** The sign-ups tab of the event console. */
export function SignupsTable({ event }: { event: SeasonEvent }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [query, setQuery] = useState<SignupQuery>({ page: 1, pageSize: 20 });
  const list = useSignups(event.id, query);
  const counts = useSignupCounts(event.id);
  const review = useReviewSignup(event.id);
  const industries = useIndustryNames();
  const [rejecting, setRejecting] = useState<SignupRow | null>(null);
  // On a phone a fixed column would leave no room for the others.
  const wide = !!Grid.useBreakpoint().md;
  const booths = event.zones.filter((z) => z.kind === 'booths').reduce((n, z) => n + z.booths, 0);
  const approved = counts.approved ?? 0;
  const total = SIGNUP_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });

  const approve = async (row: SignupRow) => {
    try {
      await review.mutateAsync({ id: row.id, decision: 'approve' });
      message.success(t('console.signup.approved', { name: row.enterprise.name }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('common.network_error'));
    }
  };
  const full = event.kind === 'fair' && booths > 0 && approved >= booths;

  return (
    <>
      {event.kind === 'fair' && booths > 0 && <CapacityBar approved={approved} booths={booths} />}
      <div className="console-filter">
        <Segmented
          value={query.status ?? 'all'}
          onChange={(v) => setQuery({ ...query, page: 1, status: v === 'all' ? undefined : (v as SignupStatus) })}
          options={[
            { value: 'all', label: `${t('common.all')} ${total}` },
            ...SIGNUP_STATUSES.map((s) => ({ value: s, label: `${t(`console.signup.status.${s}` as UiKey)} ${counts[s] ?? ''}` })),
          ]}
        />
      </div>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<SignupRow>
        rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 960 }}
        locale={{ emptyText: t(query.status ? 'console.signup.empty_status' : 'console.signup.empty') }}
        expandable={{ expandedRowRender: (row) => <SignupPostings id={row.id} />, rowExpandable: (row) => row.postings > 0 || !!row.note }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, hideOnSinglePage: false,
          showTotal: (n) => t('console.signup.total', { n }), onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          {
            title: t('console.signup.col.enterprise'), key: 'enterprise', width: 240,
            render: (_, r) => <><span className="console-enterprise">{r.enterprise.name}</span><div className="console-sub">{t('console.signup.created', { time: time.format(new Date(r.createdAt)) })}</div></>,
          },
          { title: t('console.signup.col.industry'), key: 'industry', width: 130, render: (_, r) => industries.get(r.enterprise.industrySection) ?? r.enterprise.industrySection },
          { title: t('console.signup.col.province'), key: 'province', width: 60, render: (_, r) => <ProvinceName regionCode={r.enterprise.regionCode} /> },
          {
            title: t('console.signup.col.postings'), key: 'postings', width: 100,
            render: (_, r) => <>{t('console.signup.postings', { n: r.postings })}<div className="console-sub">{t('console.signup.positions', { n: r.positions })}</div></>,
          },
          { title: t('console.signup.col.booth'), dataIndex: 'booth', width: 70, render: (b: string | null) => b ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('console.signup.col.status'), key: 'status', width: 170,
            render: (_, r) => <><SignupStatusTag status={r.status} />{r.statusReason && <div className="console-sub console-reason">{r.statusReason}</div>}</>,
          },
          {
            title: t('console.signup.col.actions'), key: 'actions', width: 140, fixed: wide ? 'right' : undefined,
            render: (_, r) => r.status === 'withdrawn' ? null : (
              <Space size={4} wrap>
                {r.status !== 'approved' && (full ? (
                  <Popconfirm title={t('console.signup.approve_full')} onConfirm={() => approve(r)} okText={t('console.signup.approve')} cancelText={t('common.cancel')}>
                    <Button size="small" type="primary">{t('console.signup.approve')}</Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" type="primary" loading={review.isPending && review.variables?.id === r.id} onClick={() => approve(r)}>{t('console.signup.approve')}</Button>
                ))}
                {r.status !== 'rejected' && <Button size="small" danger onClick={() => setRejecting(r)}>{t('console.signup.reject')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {rejecting && <RejectModal row={rejecting} eventId={event.id} onClose={() => setRejecting(null)} />}
    </>
  );
}
