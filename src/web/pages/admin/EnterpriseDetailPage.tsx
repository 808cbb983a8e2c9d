import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Result, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../services/client.js';
import type { Enterprise } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { EnterpriseModal } from './EnterpriseForm.js';
import { EnterpriseStatusTag } from './fields.js';
import { PostingDrawer } from './PostingDrawer.js';
import { PostingsTable } from './PostingsPage.js';
import { RevealButton } from './RevealButton.js';

interface Member { userId: string; name: string; username: string | null; phoneMasked: string | null; status: 'pending' | 'active'; createdAt: string }

export default function EnterpriseDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [newPosting, setNewPosting] = useState(false);
  const enterprise = useQuery({ queryKey: ['enterprise', id], queryFn: () => api<Enterprise>(`/api/enterprises/${id}`), retry: false });
  const members = useQuery({ queryKey: ['enterprise-members', id], queryFn: () => api<Member[]>(`/api/enterprises/${id}/members`), enabled: enterprise.isSuccess });
  const e = enterprise.data;
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: ['enterprise', id] }),
    queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
    queryClient.invalidateQueries({ queryKey: ['enterprise-members', id] }),
  ]);

  if (enterprise.isError) {
    const notFound = enterprise.error instanceof ApiError && enterprise.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={(enterprise.error as Error).message} extra={<Link to="/admin/enterprises">{t('ent.title')}</Link>} />;
  }
  if (!e) return <Card loading />;

  const review = async (decision: 'verified' | 'rejected', reason?: string) => {
    try {
      await api(`/api/enterprises/${id}/review`, { method: 'POST', body: { decision, ...(reason ? { reason } : {}) } });
      message.success(t(decision === 'verified' ? 'ent.verified_done' : 'ent.rejected_done', { name: e.name }));
      await refresh();
    } catch (error) {
      message.error((error as Error).message);
      throw error;
    }
  };
  const reject = () => {
    let reason = '';
    modal.confirm({
      title: t('ent.reject_reason'), icon: null, okText: t('ent.reject'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
      content: <Input.TextArea rows={3} maxLength={200} onChange={(ev) => { reason = ev.target.value; }} />,
      onOk: () => review('rejected', reason),
    });
  };

  return (
    <>
      <div className="admin-page-head">
        <h1>{e.name} <EnterpriseStatusTag status={e.status} /></h1>
        <Space wrap>
          {e.permissions.review && e.status !== 'verified' && (
            <Popconfirm title={t('ent.verify_confirm', { name: e.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => review('verified')}>
              <Button type="primary">{t('ent.verify')}</Button>
            </Popconfirm>
          )}
          {e.permissions.review && e.status !== 'rejected' && <Button danger onClick={reject}>{t('ent.reject')}</Button>}
          {e.permissions.edit && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        </Space>
      </div>
      {e.status === 'rejected' && e.statusReason && <Alert type="error" showIcon title={e.statusReason} style={{ marginBottom: 16 }} />}
      {e.status !== 'verified' && <Alert type="info" showIcon title={t('ent.not_public_hint')} style={{ marginBottom: 16 }} />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('ent.col.code')}>{e.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('ent.col.region')}>{e.region.fullName}</Descriptions.Item>
          <Descriptions.Item label={t('ent.col.industry')}>{e.industry.section} {e.industry.sectionName}{e.industry.divisionName ? ` / ${e.industry.divisionName}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('ent.field.address')}>{e.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ent.field.size')}>{e.size ? t(`size.${e.size}` as UiKey) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ent.field.ownership')}>{e.ownership ? t(`own.${e.ownership}` as UiKey) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ent.field.contact')}>
            {e.contactName ?? '—'} {e.contactPhoneMasked ?? ''}
            {e.contactPhoneMasked && e.permissions.editKeys && <RevealButton url={`/api/enterprises/${e.id}/reveal`} field="contactPhone" />}
          </Descriptions.Item>
          <Descriptions.Item label={t('ent.col.owner')}>{e.ownerUnion.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('ent.postings')} style={{ marginBottom: 16 }} extra={e.permissions.edit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewPosting(true)}>{t('ent.new_posting')}</Button>}>
        <PostingsTable enterpriseId={e.id} compact />
      </Card>
      <Card title={t('ent.members')}>
        <Table<Member>
          rowKey="userId" size="small" pagination={false} dataSource={members.data} loading={members.isPending} scroll={{ x: 560 }}
          columns={[
            { title: t('users.col.name'), dataIndex: 'name' },
            { title: t('users.col.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            { title: t('users.col.status'), dataIndex: 'status', render: (s: Member['status']) => <Tag color={s === 'active' ? 'green' : 'gold'}>{t(s === 'active' ? 'ent.member_active' : 'ent.member_pending')}</Tag> },
            {
              title: t('users.col.actions'), key: 'a', render: (_, m) => m.status === 'pending' && (
                <Button size="small" type="link" onClick={async () => {
                  try { await api(`/api/enterprises/${id}/members/${m.userId}/approve`, { method: 'POST' }); await refresh(); } catch (error) { message.error((error as Error).message); }
                }}>{t('ent.member_approve')}</Button>
              ),
            },
          ]}
        />
      </Card>
      <EnterpriseModal open={editing} enterprise={e} onClose={() => setEditing(false)} onSaved={async () => { setEditing(false); message.success(t('users.saved_done')); await refresh(); }} />
      <PostingDrawer open={newPosting} postingId={null} enterpriseId={e.id} onClose={() => setNewPosting(false)} />
    </>
  );
}
