import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../services/auth.js';
import { api, type Page } from '../../services/client.js';
import { useIndustries, type Enterprise, type EnterpriseStatus } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { EnterpriseModal } from './EnterpriseForm.js';
import { EnterpriseStatusTag, RegionCascader } from './fields.js';

export default function EnterprisesPage({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const industries = useIndustries();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as EnterpriseStatus | null) ?? undefined;
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '', region: undefined as string | undefined, industry: undefined as string | undefined });
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['enterprises', query, status],
    queryFn: () => api<Page<Enterprise>>('/api/enterprises', { query: { ...query, status } }),
    placeholderData: (previous) => previous,
  });
  const staff = me.permissions.reviewEnterprises;
  return (
    <>
      <div className="admin-page-head">
        <h1>{staff ? (status === 'submitted' ? t('admin.menu.review') : t('ent.title')) : t('ent.title_mine')}</h1>
        {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('ent.create')}</Button>}
      </div>
      <Card>
        {staff && (
          <div className="admin-filters">
            <Input.Search allowClear placeholder={t('ent.search')} style={{ maxWidth: 300 }} onSearch={(q) => setQuery({ ...query, q, page: 1 })} />
            <RegionCascader anyLevel placeholder={t('ent.filter.region')} style={{ width: 240 }} onChange={(region) => setQuery({ ...query, region, page: 1 })} />
            <Select
              allowClear placeholder={t('ent.filter.industry')} style={{ width: 200 }} value={query.industry}
              options={(industries.data ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
              onChange={(industry) => setQuery({ ...query, industry, page: 1 })}
            />
            <Select
              allowClear placeholder={t('ent.filter.status')} style={{ width: 140 }} value={status}
              options={(['submitted', 'verified', 'rejected'] as const).map((s) => ({ value: s, label: t(`ent.status.${s}` as UiKey) }))}
              onChange={(s) => { setParams(s ? { status: s } : {}); setQuery({ ...query, page: 1 }); }}
            />
          </div>
        )}
        {list.isError && <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />}
        <Table<Enterprise>
          rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 1100 }}
          locale={{ emptyText: staff ? t('ent.empty') : t('ent.empty_mine') }}
          onRow={(e) => ({ onClick: () => navigate(`/admin/enterprises/${e.id}`), style: { cursor: 'pointer' } })}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => `${total}`, onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          columns={[
            { title: t('ent.col.name'), dataIndex: 'name', width: 260, render: (name: string, e) => <Link to={`/admin/enterprises/${e.id}`} onClick={(ev) => ev.stopPropagation()}>{name}</Link> },
            { title: t('ent.col.code'), dataIndex: 'creditCode', width: 190 },
            { title: t('ent.col.region'), dataIndex: ['region', 'fullName'], width: 180 },
            { title: t('ent.col.industry'), key: 'industry', width: 200, render: (_, e) => e.industry.divisionName ?? e.industry.sectionName },
            { title: t('ent.col.status'), dataIndex: 'status', width: 110, render: (s: EnterpriseStatus) => <EnterpriseStatusTag status={s} /> },
            { title: t('ent.col.postings'), key: 'postings', width: 170, render: (_, e) => `${e.postings.published} / ${e.postings.pending} / ${e.postings.total}` },
            { title: t('ent.col.owner'), dataIndex: ['ownerUnion', 'name'], width: 180 },
          ]}
        />
      </Card>
      <EnterpriseModal
        open={creating} enterprise={null} onClose={() => setCreating(false)}
        onSaved={async (e) => {
          setCreating(false);
          message.success(e.name);
          await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
          navigate(`/admin/enterprises/${e.id}`);
        }}
      />
    </>
  );
}
