import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../services/client.js';
import { useJobTypes } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import { applyServerIssues } from './formIssues.js';

interface AdminJobType { code: string; categoryCode: string; name: string; synonyms: string[]; occupationMajorGroup: number | null; isActive: boolean; editedAt: string | null }

/** The job-type catalogue, kept by admins: names, synonyms (厨师 ↔ 中式烹调师), 职业分类大典 group. */
export default function JobTypesPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useJobTypes();
  const list = useQuery({ queryKey: ['admin-job-types'], queryFn: () => api<AdminJobType[]>('/api/admin/job-types') });
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<AdminJobType | 'new' | null>(null);
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const categoryName = useMemo(() => new Map((categories.data ?? []).map((c) => [c.code, c.name])), [categories.data]);
  const rows = (list.data ?? []).filter((j) => !q || j.name.includes(q) || j.synonyms.some((s) => s.includes(q)) || j.code.includes(q));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (editing === 'new') await api('/api/admin/job-types', { method: 'POST', body: v });
      else if (editing) await api(`/api/admin/job-types/${editing.code}`, { method: 'PATCH', body: { ...v, code: undefined } });
      message.success(t('users.saved_done'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['admin-job-types'] });
      await queryClient.invalidateQueries({ queryKey: ['job-types'] });
    } catch (error) {
      setAlert(applyServerIssues(form as never, error));
    }
  };
  return (
    <>
      <div className="admin-page-head">
        <h1>{t('jt.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('jt.create')}</Button>
      </div>
      <Card>
        <div className="admin-filters"><Input.Search allowClear placeholder={t('jt.search')} style={{ maxWidth: 280 }} onChange={(e) => setQ(e.target.value.trim())} /></div>
        {list.isError && <Alert type="error" showIcon title={(list.error as Error).message} />}
        <Table<AdminJobType>
          rowKey="code" size="small" loading={list.isPending} dataSource={rows} scroll={{ x: 900 }} pagination={{ pageSize: 30 }}
          onRow={(j) => ({ onClick: () => setEditing(j), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('jt.name'), dataIndex: 'name', width: 160, render: (n: string, j) => <>{n}{!j.isActive && <Tag style={{ marginLeft: 6 }}>{t('jt.inactive')}</Tag>}</> },
            { title: t('jt.category'), dataIndex: 'categoryCode', width: 140, render: (c: string) => categoryName.get(c) ?? c },
            { title: t('jt.synonyms'), dataIndex: 'synonyms', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: t('jt.group'), dataIndex: 'occupationMajorGroup', width: 130, render: (g: number | null) => g ?? '—' },
            { title: t('jt.code'), dataIndex: 'code', width: 170 },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null} title={editing === 'new' ? t('jt.create') : t('jt.edit')} onCancel={() => setEditing(null)} onOk={save} destroyOnHidden
        okText={t('common.save')} cancelText={t('common.cancel')}
        afterOpenChange={(open) => {
          if (!open) return;
          setAlert(null);
          form.resetFields();
          form.setFieldsValue(editing === 'new' || !editing ? { synonyms: [], occupationMajorGroup: null, isActive: true } : editing);
        }}
      >
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          {editing === 'new' && <Form.Item name="code" label={t('jt.code')} rules={[{ required: true, pattern: /^[a-z0-9-]{2,40}$/ }]}><Input /></Form.Item>}
          <Form.Item name="name" label={t('jt.name')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          <Form.Item name="categoryCode" label={t('jt.category')} rules={[{ required: true }]}>
            <Select options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="synonyms" label={t('jt.synonyms')}><Select mode="tags" /></Form.Item>
          <Form.Item name="occupationMajorGroup" label={t('jt.group')}><InputNumber min={1} max={8} /></Form.Item>
          {editing !== 'new' && <Form.Item name="isActive" label={t('jt.active')} valuePropName="checked"><Switch /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
