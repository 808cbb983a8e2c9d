import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { applyServerIssues } from '../formIssues.js';
import { SetupUnionSelect } from './SetupUnionSelect.js';
import { contestApi, useContestWrite, useTeams, type Contest, type Team } from './SetupApi.js';

interface Values { name: string; unionId: string; leader?: string }

function TeamModal({ contest, team, open, onClose }: { contest: Contest; team: Team | null; open: boolean; onClose(): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useContestWrite(contest.id, (v: Values) => (team ? contestApi.updateTeam(contest.id, team.id, v) : contestApi.addTeam(contest.id, v)));
  useEffect(() => {
    if (!open) return;
    setAlert(null);
    form.resetFields();
    if (team) form.setFieldsValue({ name: team.name, unionId: team.union.id, leader: team.leader });
  }, [open]);
  return (
    <Modal open={open} title={team ? t('contests.setup.team.edit') : t('contests.setup.team.add')} onCancel={onClose} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={async (v) => {
        try { await save.mutateAsync({ ...v, leader: v.leader ?? '' }); onClose(); } catch (error) { setAlert(applyServerIssues(form as never, error)); }
      }}>
        <Form.Item name="name" label={t('contests.setup.team.name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input maxLength={50} placeholder={t('contests.setup.team.name_placeholder')} /></Form.Item>
        <Form.Item name="unionId" label={t('contests.setup.team.union')} tooltip={t('contests.setup.team.union_hint')} rules={[{ required: true }]}><SetupUnionSelect /></Form.Item>
        <Form.Item name="leader" label={t('contests.setup.team.leader')}><Input maxLength={50} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Teams with their sending unions and sizes; the organisers add, change and (while empty) delete them. */
export function SetupTeams({ contest }: { contest: Contest }) {
  const t = useT();
  const { message } = App.useApp();
  const teams = useTeams(contest.id);
  const [editing, setEditing] = useState<Team | null | 'new'>(null);
  const remove = useContestWrite(contest.id, (teamId: number) => contestApi.deleteTeam(contest.id, teamId));
  const manage = contest.me.canManage;
  return (
    <Card title={t('contests.setup.teams')} extra={manage && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('contests.setup.team.add')}</Button>}>
      {teams.isError && <Alert type="error" showIcon title={teams.error.message} style={{ marginBottom: 12 }} />}
      <Table<Team>
        rowKey="id" size="small" loading={teams.isFetching} dataSource={teams.data?.items} pagination={false} scroll={{ x: 560 }}
        locale={{ emptyText: t(manage ? 'contests.setup.teams.empty' : 'contests.setup.teams.empty_viewer') }}
        columns={[
          { title: t('contests.setup.team.name'), dataIndex: 'name', width: 140 },
          { title: t('contests.setup.team.union'), key: 'union', width: 160, render: (_, x) => x.union.name },
          { title: t('contests.setup.team.leader'), dataIndex: 'leader', width: 100, render: (v: string) => v || '—' },
          { title: t('contests.setup.team.size'), key: 'size', width: 110, render: (_, x) => t('contests.setup.team.size_value', { n: x.contestants, f: x.finalists }) },
          ...(manage ? [{
            title: '', key: 'actions', width: 130, render: (_: unknown, x: Team) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(x)}>{t('common.edit')}</Button>
                <Popconfirm title={t('contests.setup.team.delete_confirm', { name: x.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(x.id).catch((e: Error) => message.error(e.message))}>
                  <Button size="small" type="link" danger disabled={x.contestants > 0}>{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]}
      />
      <TeamModal contest={contest} team={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </Card>
  );
}
