import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { ROLE_LIST, type Me, type Role } from '../../services/auth.js';
import { api, ApiError, type Page } from '../../services/client.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { applyServerIssues } from './formIssues.js';
import { RevealButton } from './RevealButton.js';
import { buildUnionTree, useUnions, type UnionNode } from './UnionsPage.js';

interface AdminUser {
  id: string;
  username: string | null;
  name: string;
  phoneMasked: string | null;
  roles: Role[];
  union: { id: string; name: string } | null;
  isDisabled: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

interface Query {
  page: number;
  pageSize: number;
  q: string;
  role?: Role;
  unionId?: string;
  status?: 'active' | 'disabled';
}

interface UserForm {
  username?: string;
  phone?: string;
  name: string;
  password?: string;
  roles: Role[];
  unionId?: string | null;
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

const toTree = (nodes: UnionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, ...(n.children ? { children: toTree(n.children) } : {}) }));

/** Server issues onto the form; a taken username or phone goes to its field. */
function applyIssues(form: ReturnType<typeof Form.useForm<UserForm>>[0], error: unknown): string | null {
  if (error instanceof ApiError && error.status === 409) {
    form.setFields([{ name: error.code === 'accounts.phone_taken' ? 'phone' : 'username', errors: [error.message] }]);
    return null;
  }
  return applyServerIssues(form as never, error);
}

function UserModal(props: { me: Me; user: AdminUser | null; open: boolean; onClose(): void; onSaved(user: AdminUser): void }) {
  const t = useT();
  const [form] = Form.useForm<UserForm>();
  const unions = useUnions();
  const tree = useMemo(() => toTree(buildUnionTree(unions.data?.items ?? [])), [unions.data]);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const editing = props.user;

  const submit = async (values: UserForm) => {
    setBusy(true);
    setAlert(null);
    try {
      const saved = editing
        ? await api<AdminUser>(`/api/admin/users/${editing.id}`, {
          method: 'PATCH',
          body: { name: values.name, roles: values.roles, unionId: values.unionId ?? null, ...(values.password ? { password: values.password } : {}) },
        })
        : await api<AdminUser>('/api/admin/users', {
          method: 'POST',
          body: {
            username: values.username?.trim() || null, phone: values.phone?.trim() || null, name: values.name,
            password: values.password, roles: values.roles, unionId: values.unionId ?? null,
          },
        });
      props.onSaved(saved);
    } catch (error) {
      setAlert(applyIssues(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open} title={editing ? t('users.edit') : t('users.create')} onCancel={props.onClose} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()}
      afterOpenChange={(open) => {
        if (!open) return;
        setAlert(null);
        form.resetFields();
        form.setFieldsValue(editing
          ? { name: editing.name, roles: editing.roles, unionId: editing.union?.id ?? null }
          : { roles: ['union_staff'], unionId: props.me.union?.id ?? null });
      }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        {!editing && (
          <>
            <Form.Item name="username" label={t('users.col.username')}><Input autoComplete="off" /></Form.Item>
            <Form.Item name="phone" label={t('users.col.phone')}><Input inputMode="tel" autoComplete="off" /></Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('users.col.name')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <Form.Item name="password" label={editing ? t('users.field.new_password') : t('users.field.password')} rules={editing ? [] : [{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.col.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" options={ROLE_LIST.map((r) => ({ value: r, label: t(`role.${r}` as UiKey) }))} />
        </Form.Item>
        <Form.Item name="unionId" label={t('users.col.union')}>
          <TreeSelect
            allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder={t('users.field.union_hint')}
            loading={unions.isPending} treeDefaultExpandedKeys={props.me.union ? [props.me.union.id] : []}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unions = useUnions();
  const tree = useMemo(() => toTree(buildUnionTree(unions.data?.items ?? [])), [unions.data]);
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20, q: '' });
  const [modal, setModal] = useState<{ open: boolean; user: AdminUser | null }>({ open: false, user: null });
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => api<Page<AdminUser>>('/api/admin/users', { query: { ...query } }),
    placeholderData: (previous) => previous,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const setDisabled = async (user: AdminUser, isDisabled: boolean) => {
    try {
      await api(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { isDisabled } });
      message.success(t(isDisabled ? 'users.disabled_done' : 'users.enabled_done', { name: user.name }));
      await refresh();
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <>
      <div className="admin-page-head">
        <h1>{t('users.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, user: null })}>{t('users.create')}</Button>
      </div>
      <Card>
        <div className="admin-filters">
          <Input.Search allowClear placeholder={t('users.search')} style={{ maxWidth: 280 }} onSearch={(q) => setQuery({ ...query, q, page: 1 })} />
          <Select
            allowClear placeholder={t('users.filter.role')} value={query.role} style={{ width: 180 }}
            options={ROLE_LIST.map((r) => ({ value: r, label: t(`role.${r}` as UiKey) }))}
            onChange={(role) => setQuery({ ...query, role, page: 1 })}
          />
          <TreeSelect
            allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder={t('users.filter.union')} style={{ width: 240 }}
            value={query.unionId} onChange={(unionId) => setQuery({ ...query, unionId, page: 1 })}
          />
          <Select
            allowClear placeholder={t('users.filter.status')} value={query.status} style={{ width: 120 }}
            options={[{ value: 'active', label: t('users.status.active') }, { value: 'disabled', label: t('users.status.disabled') }]}
            onChange={(status) => setQuery({ ...query, status, page: 1 })}
          />
        </div>
        {users.isError && <Alert type="error" showIcon title={(users.error as Error).message} style={{ marginBottom: 12 }} />}
        <Table<AdminUser>
          rowKey="id" size="middle" loading={users.isFetching} dataSource={users.data?.items} scroll={{ x: 1300 }}
          locale={{ emptyText: t('users.empty') }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: users.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => t('users.total', { total }),
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          columns={[
            { title: t('users.col.name'), dataIndex: 'name', width: 120, render: (name: string, u) => <Space size={4}>{name}{u.isDemo && <Tag>{t('users.demo')}</Tag>}</Space> },
            { title: t('users.col.username'), dataIndex: 'username', width: 150, render: (v: string | null) => v ?? '—' },
            {
              title: t('users.col.phone'), dataIndex: 'phoneMasked', width: 200,
              render: (v: string | null, u) => (v ? <Space size={0}>{v}<RevealButton url={`/api/admin/users/${u.id}/reveal`} field="phone" /></Space> : '—'),
            },
            { title: t('users.col.roles'), dataIndex: 'roles', width: 220, render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}` as UiKey)}</Tag>) },
            { title: t('users.col.union'), dataIndex: 'union', width: 200, ellipsis: true, render: (u: AdminUser['union']) => u?.name ?? '—' },
            {
              title: t('users.col.status'), dataIndex: 'isDisabled', width: 90,
              render: (d: boolean) => <Tag color={d ? 'default' : 'green'}>{t(d ? 'users.status.disabled' : 'users.status.active')}</Tag>,
            },
            { title: t('users.col.last_login'), dataIndex: 'lastLoginAt', width: 140, render: (v: string | null) => (v ? date.format(new Date(v)) : t('users.never')) },
            {
              title: t('users.col.actions'), key: 'actions', width: 140, fixed: 'right',
              render: (_, u) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setModal({ open: true, user: u })}>{t('common.edit')}</Button>
                  {u.id !== me.id && (
                    <Popconfirm
                      title={t(u.isDisabled ? 'users.enable_confirm' : 'users.disable_confirm', { name: u.name })}
                      okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => setDisabled(u, !u.isDisabled)}
                    >
                      <Button size="small" type="link" danger={!u.isDisabled}>{t(u.isDisabled ? 'users.enable' : 'users.disable')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UserModal
        me={me} open={modal.open} user={modal.user} onClose={() => setModal({ open: false, user: null })}
        onSaved={async (saved) => {
          message.success(modal.user ? t('users.saved_done') : t('users.created_done', { name: saved.name }));
          setModal({ open: false, user: null });
          await refresh();
        }}
      />
    </>
  );
}
