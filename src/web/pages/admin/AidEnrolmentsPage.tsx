import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/index.js';
import { EnrolmentDrawer, EnrolmentStatusTag, EnrolmentView } from './services/AidEnrolmentView.js';
import {
  TEMPLATE_URL, uploadList, useEnrolment, useEnrolments, useMyEnterprises, usePlans, yuan, type EnrolmentStatus, type EnrolmentSummary, type RowError,
} from './services/AidApi.js';
import './services/aid.css';

// An employer's agent enrols its workers in a mutual-aid plan (issue 8 §3): choose the employer and
// an open plan, download the template, upload the list — every bad row is listed, or the draft is
// shown with people and amount to confirm — and follow the lists already sent.

type Outcome = { ok: false; message: string; errors: RowError[] } | { ok: true; id: number; created: boolean };

export default function AidEnrolmentsPage() {
  const t = useT();
  const qc = useQueryClient();
  const enterprises = useMyEnterprises();
  const plans = usePlans({ status: 'open' });
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [planId, setPlanId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  const verified = (enterprises.data ?? []).filter((e) => e.verified);
  const chosenEnterprise = enterpriseId ?? (verified.length === 1 ? verified[0]!.id : null);
  const enterprise = verified.find((e) => e.id === chosenEnterprise);
  const plan = plans.data?.items.find((p) => p.id === planId);

  const send = async (file: File) => {
    if (!chosenEnterprise || !planId) return false;
    setBusy(true);
    setOutcome(null);
    try {
      const r = await uploadList(planId, chosenEnterprise, file);
      if (r.ok) {
        qc.setQueryData(['aid-enrolments', 'one', r.enrolment.id], r.enrolment);
        void qc.invalidateQueries({ queryKey: ['aid-enrolments'], predicate: (q) => q.queryKey[1] !== 'one' });
        setOutcome({ ok: true, id: r.enrolment.id, created: r.created });
      } else setOutcome(r);
    } catch {
      setOutcome({ ok: false, message: t('common.network_error'), errors: [] });
    } finally {
      setBusy(false);
    }
    return false;
  };

  if (enterprises.isPending) return <Spin />;
  return (
    <>
      <div className="admin-page-head"><h1>{t('services.aid.agent.title')}</h1></div>
      <Typography.Paragraph type="secondary">{t('services.aid.agent.intro')}</Typography.Paragraph>
      {enterprises.isError && <Alert type="error" showIcon title={enterprises.error.message} />}
      {enterprises.data && !verified.length && <Alert type="warning" showIcon title={t('services.aid.agent.no_enterprise')} style={{ marginBottom: 16 }} />}
      {verified.length > 0 && (
        <Card title={t('services.aid.agent.step_plan')} className="aid-card">
          <div className="aid-pick">
            <label className="aid-label" htmlFor="aid-enterprise">{t('services.aid.agent.enterprise')}</label>
            {verified.length > 1 ? (
              <Select id="aid-enterprise" className="aid-select" value={chosenEnterprise} placeholder={t('services.aid.agent.enterprise')}
                options={verified.map((e) => ({ value: e.id, label: e.name }))} onChange={(v) => { setEnterpriseId(v); setOutcome(null); }} />
            ) : <strong id="aid-enterprise">{enterprise?.name}</strong>}
            {enterprise && <div className="aid-muted">{t('services.aid.agent.enterprise_union', { union: enterprise.ownerUnion.name })}</div>}
            <label className="aid-label" htmlFor="aid-plan">{t('services.aid.agent.plan')}</label>
            {plans.data && !plans.data.items.length ? <Alert type="info" showIcon title={t('services.aid.agent.no_plans')} /> : (
              <Select id="aid-plan" className="aid-select" showSearch={{ optionFilterProp: 'label' }} value={planId} placeholder={t('services.aid.agent.plan_pick')} loading={plans.isPending}
                options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${yuan(p.price)}/人，${p.startsOn} ~ ${p.endsOn}）` }))}
                onChange={(v) => { setPlanId(v); setOutcome(null); }} />
            )}
            {plan && (
              <ul className="aid-benefit-list aid-plan-benefits">{plan.benefits.map((b, i) => <li key={i}>{b.name} <span className="aid-muted">{t('services.aid.m.up_to', { amount: b.amount.toLocaleString('zh-CN') })}</span></li>)}</ul>
            )}
          </div>
        </Card>
      )}
      {verified.length > 0 && (
        <Card title={t('services.aid.agent.step_file')} className="aid-card">
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={TEMPLATE_URL}>{t('services.aid.agent.template')}</Button>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={send} disabled={!chosenEnterprise || !planId || busy}>
              <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={!chosenEnterprise || !planId}>{t('services.aid.agent.upload')}</Button>
            </Upload>
            {(!chosenEnterprise || !planId) && <span className="aid-muted">{t('services.aid.agent.pick_first')}</span>}
          </Space>
          {busy && <p className="aid-muted">{t('services.aid.agent.uploading')}</p>}
          {outcome && !outcome.ok && <UploadErrors message={outcome.message} errors={outcome.errors} />}
          {outcome?.ok && <UploadedDraft id={outcome.id} created={outcome.created} />}
        </Card>
      )}
      <MyLists onOpen={setOpened} />
      <EnrolmentDrawer id={opened} onClose={() => setOpened(null)} />
    </>
  );
}

function UploadErrors({ message, errors }: { message: string; errors: RowError[] }) {
  const t = useT();
  return (
    <div className="aid-outcome">
      <Alert type="error" showIcon title={errors.length ? t('services.aid.agent.errors', { count: errors.length }) : message}
        description={errors.length ? t('services.aid.agent.errors_hint') : undefined} style={{ marginBottom: 12 }} />
      {errors.length > 0 && (
        <Table<RowError & { key: number }> size="small" scroll={{ x: 480 }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={errors.map((e, key) => ({ ...e, key }))} className="aid-errors"
          columns={[
            { title: t('services.aid.col.row'), dataIndex: 'row', width: 70 },
            { title: t('services.aid.col.column'), dataIndex: 'column', width: 110 },
            { title: t('services.aid.col.message'), dataIndex: 'message' },
          ]} />
      )}
    </div>
  );
}

function UploadedDraft({ id, created }: { id: number; created: boolean }) {
  const t = useT();
  const one = useEnrolment(id);
  if (!one.data) return <Spin />;
  return (
    <div className="aid-outcome">
      <Alert type={created ? 'success' : 'info'} showIcon title={t(created ? 'services.aid.agent.preview' : 'services.aid.agent.same_file')} style={{ marginBottom: 12 }} />
      <EnrolmentView enrolment={one.data} />
    </div>
  );
}

function MyLists({ onOpen }: { onOpen(id: number): void }) {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const list = useEnrolments(page);
  return (
    <Card title={t('services.aid.agent.mine')} className="aid-card">
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<EnrolmentSummary>
        rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 720 }}
        locale={{ emptyText: t('services.aid.agent.mine_empty') }} onRow={(e) => ({ onClick: () => onOpen(e.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('services.aid.col.plan'), key: 'plan', width: 200, render: (_, e) => e.plan.name },
          { title: t('services.aid.col.enterprise'), key: 'ent', width: 180, render: (_, e) => e.enterprise.name },
          { title: t('services.aid.col.people'), dataIndex: 'people', width: 70, align: 'right' },
          { title: t('services.aid.col.amount'), dataIndex: 'amount', width: 100, align: 'right', render: (v: number) => yuan(v) },
          { title: t('services.aid.col.status'), dataIndex: 'status', width: 110, render: (s: EnrolmentStatus) => <EnrolmentStatusTag status={s} /> },
        ]}
      />
    </Card>
  );
}
