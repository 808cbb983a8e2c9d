import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import { EnrolmentDrawer, EnrolmentStatusTag } from './AidEnrolmentView.js';
import { AidPlanDrawer } from './AidPlanDrawer.js';
import { useEnrolments, usePlanActions, usePlans, yuan, type EnrolmentStatus, type EnrolmentSummary, type Plan, type PlanStatus } from './AidApi.js';
import { ServicesNav } from './ServicesNav.js';
import './aid.css';

// Mutual aid for staff (issue 8 §3): the federation's plans (its staff create, edit, open and
// close them; every union sees them) and the employers' lists waiting for this union's confirmation.

const PLAN_COLOR: Record<PlanStatus, string> = { draft: 'default', open: 'green', closed: 'default' };
type Filter = 'submitted' | 'confirmed' | 'returned' | 'all';

export default function AidPage({ me }: { me: Me }) {
  const t = useT();
  const admin = me.roles.includes('admin');
  const manager = admin || (me.roles.includes('federation_staff') && me.union?.level === 'federation');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const linked = Number(params.get('enrolment'));
  const [opened, setOpened] = useState<number | null>(null);
  const drawerId = opened ?? (linked > 0 ? linked : null);
  const close = () => {
    setOpened(null);
    if (params.has('enrolment')) { params.delete('enrolment'); setParams(params, { replace: true }); }
  };
  return (
    <>
      <ServicesNav />
      <div className="admin-page-head">
        <h1>{t('services.aid.title')}</h1>
      </div>
      <Typography.Paragraph type="secondary">{t('services.aid.rule')}</Typography.Paragraph>
      <PlansCard manager={manager} onEdit={setEditing} />
      <EnrolmentsCard onOpen={setOpened} />
      <AidPlanDrawer open={editing !== null} plan={editing === 'new' ? null : editing} askFederation={admin} onClose={() => setEditing(null)} />
      <EnrolmentDrawer id={drawerId} onClose={close} />
    </>
  );
}

function PlansCard({ manager, onEdit }: { manager: boolean; onEdit(p: Plan | 'new'): void }) {
  const t = useT();
  const { message } = App.useApp();
  const plans = usePlans();
  const { open, close } = usePlanActions();
  const act = async (run: () => Promise<unknown>) => {
    try { await run(); } catch (error) { message.error((error as Error).message); }
  };
  return (
    <Card title={t('services.aid.plans')} className="aid-card"
      extra={manager && <Button type="primary" icon={<PlusOutlined />} onClick={() => onEdit('new')}>{t('services.aid.plan.create')}</Button>}>
      {plans.isError && <Alert type="error" showIcon title={plans.error.message} style={{ marginBottom: 12 }} />}
      <Table<Plan>
        rowKey="id" size="small" loading={plans.isFetching} dataSource={plans.data?.items} pagination={false} scroll={{ x: 1120 }}
        locale={{ emptyText: t(manager ? 'services.aid.plan.empty_manage' : 'services.aid.plan.empty') }}
        columns={[
          { title: t('services.aid.col.name'), dataIndex: 'name', fixed: 'left', width: 200, render: (name: string, p) => <><strong>{name}</strong><div className="aid-muted">{t(`services.aid.federation.${p.federation}`)}</div></> },
          { title: t('services.aid.col.period'), key: 'period', width: 190, render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
          { title: t('services.aid.col.price'), dataIndex: 'price', width: 110, align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('services.aid.col.benefits'), key: 'benefits', width: 260, render: (_, p) => (
              <ul className="aid-benefit-list">{p.benefits.map((b, i) => <li key={i}>{b.name} <span className="aid-muted">{yuan(b.amount)}</span></li>)}</ul>
            ),
          },
          { title: t('services.aid.col.status'), dataIndex: 'status', width: 90, render: (s: PlanStatus) => <Tag color={PLAN_COLOR[s]}>{t(`services.aid.plan.status.${s}`)}</Tag> },
          { title: t('services.aid.col.enrolled'), dataIndex: 'enrolledPeople', width: 100, align: 'right', render: (n: number | null) => (n === null ? '—' : t('services.aid.people_count', { count: n })) },
          {
            title: t('services.aid.col.actions'), key: 'actions', width: 190, render: (_, p) => p.me.canEdit && (
              <Space size={4} wrap>
                <Button size="small" onClick={() => onEdit(p)}>{t('services.aid.plan.edit')}</Button>
                {p.status === 'draft' && (
                  <Popconfirm title={t('services.aid.plan.open_confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(() => open.mutateAsync(p))}>
                    <Button size="small" type="primary">{t('services.aid.plan.open')}</Button>
                  </Popconfirm>
                )}
                {p.status === 'open' && (
                  <Popconfirm title={t('services.aid.plan.close_confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(() => close.mutateAsync(p))}>
                    <Button size="small" danger>{t('services.aid.plan.close')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function EnrolmentsCard({ onOpen }: { onOpen(id: number): void }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('submitted');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useEnrolments({ ...page, status: filter === 'all' ? undefined : (filter as EnrolmentStatus) });
  return (
    <Card title={t('services.aid.enrolments')} className="aid-card"
      extra={<Segmented<Filter> value={filter} onChange={(v) => { setFilter(v); setPage({ ...page, page: 1 }); }} options={(['submitted', 'confirmed', 'returned', 'all'] as const).map((f) => ({
        value: f, label: t(f === 'submitted' ? 'services.aid.enrolments.waiting' : `services.aid.enrolments.${f}`),
      }))} />}>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<EnrolmentSummary>
        rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 860 }}
        locale={{ emptyText: t(filter === 'all' ? 'services.aid.enrolments.empty_all' : 'services.aid.enrolments.empty') }}
        onRow={(e) => ({ onClick: () => onOpen(e.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('services.aid.col.enterprise'), key: 'ent', fixed: 'left', width: 200, render: (_, e) => e.enterprise.name },
          { title: t('services.aid.col.plan'), key: 'plan', width: 180, render: (_, e) => e.plan.name },
          { title: t('services.aid.col.people'), dataIndex: 'people', width: 80, align: 'right' },
          { title: t('services.aid.col.amount'), dataIndex: 'amount', width: 110, align: 'right', render: (v: number) => yuan(v) },
          { title: t('services.aid.col.union'), key: 'union', width: 170, render: (_, e) => e.ownerUnion.name },
          { title: t('services.aid.col.submitted_at'), dataIndex: 'submittedAt', width: 110, render: (v: string | null) => (v ? v.slice(0, 10) : '—') },
          { title: t('services.aid.col.status'), dataIndex: 'status', width: 110, render: (s: EnrolmentStatus) => <EnrolmentStatusTag status={s} /> },
          { title: '', key: 'open', width: 70, render: (_, e) => <Button size="small" type="link" onClick={(ev) => { ev.stopPropagation(); onOpen(e.id); }}>{t('services.aid.view')}</Button> },
        ]}
      />
    </Card>
  );
}
