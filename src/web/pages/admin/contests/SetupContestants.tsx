import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { RevealButton } from '../RevealButton.js';
import { contestApi, uploadSheet, useContestants, useContestWrite, useTeams, type Contest, type Contestant, type RowError, type Stage } from './SetupApi.js';
import { SetupContestantModal } from './SetupContestantModal.js';

const STAGES: Stage[] = ['entered', 'finalist', 'eliminated', 'withdrawn'];
const STAGE_COLOR: Record<Stage, string> = { entered: 'blue', finalist: 'green', eliminated: 'default', withdrawn: 'red' };

/** A written score typed in place: saved on Enter or when the field loses focus. */
function WrittenCell({ contest, p }: { contest: Contest; p: Contestant }) {
  const t = useT();
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(p.written === null ? null : Number(p.written));
  const save = useContestWrite(contest.id, (v: number | null) => contestApi.setWritten(contest.id, p.id, v));
  const commit = async () => {
    if (value === (p.written === null ? null : Number(p.written))) return;
    try { await save.mutateAsync(value); } catch (error) { message.error((error as Error).message); }
  };
  return <InputNumber size="small" aria-label={`${t('contests.setup.col.written')} ${p.name ?? ''}`} min={0} max={100} precision={2} value={value}
    onChange={setValue} onBlur={commit} onPressEnter={commit} disabled={save.isPending} style={{ width: 90 }} />;
}

/** The outcome of a sheet upload: counts, or every bad cell in a table. */
function ImportOutcome({ outcome, onClose }: { outcome: { ok: boolean; message: string; errors: RowError[] } | null; onClose(): void }) {
  const t = useT();
  return (
    <Modal open={outcome !== null} title={t('contests.setup.import.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.confirm')}</Button>} width={680} destroyOnHidden>
      {outcome && <Alert type={outcome.ok ? 'success' : 'error'} showIcon title={outcome.message} style={{ marginBottom: 12 }} />}
      {outcome && outcome.errors.length > 0 && (
        <Table<RowError & { key: number }> size="small" scroll={{ x: 520 }} pagination={{ pageSize: 10 }} dataSource={outcome.errors.map((e, key) => ({ ...e, key }))}
          columns={[
            { title: t('contests.setup.import.row'), dataIndex: 'row', width: 70 },
            { title: t('contests.setup.import.column'), dataIndex: 'column', width: 110 },
            { title: t('contests.setup.import.message'), dataIndex: 'message' },
          ]} />
      )}
    </Modal>
  );
}

/**
 * Contestants: the organisers see names, 身份证号 masked (full value through an audited reveal),
 * written scores typed in place; a sending union sees its teams; judges see work numbers only.
 */
export function SetupContestants({ contest, staff }: { contest: Contest; staff: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [query, setQuery] = useState<{ page: number; pageSize: number; teamId?: number | undefined; stage?: Stage | undefined; q?: string | undefined }>({ page: 1, pageSize: 20 });
  const list = useContestants(contest.id, query);
  const teams = useTeams(contest.id);
  const [editing, setEditing] = useState<Contestant | null | 'new'>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; errors: RowError[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = useContestWrite(contest.id, async () => undefined);
  const remove = useContestWrite(contest.id, (id: number) => contestApi.deleteContestant(contest.id, id));
  const manage = contest.me.canManage;
  const canRegister = (teams.data?.items ?? []).some((x) => x.canRegister) && !contest.lotsDrawnAt;
  const anonymous = (list.data?.items ?? []).some((p) => p.anonymous);
  const upload = (url: string, kind: string) => async (file: File) => {
    setBusy(kind);
    try {
      const r = await uploadSheet(url, file);
      setOutcome(r.ok ? { ok: true, message: t('contests.setup.import.done', { created: r.created, updated: r.updated }), errors: [] } : r);
      if (r.ok) await refresh.mutateAsync(undefined);
    } catch {
      setOutcome({ ok: false, message: t('common.network_error'), errors: [] });
    } finally {
      setBusy(null);
    }
    return false;
  };
  return (
    <Card title={t('contests.setup.contestants')}>
      <div className="setup-toolbar">
        {!anonymous && (
          <>
            <Select aria-label={t('contests.setup.col.team')} allowClear placeholder={t('contests.setup.filter.team')} style={{ minWidth: 140 }} value={query.teamId}
              options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} onChange={(teamId) => setQuery({ ...query, page: 1, teamId })} />
            <Select aria-label={t('contests.setup.col.stage')} allowClear placeholder={t('contests.setup.filter.stage')} style={{ minWidth: 120 }} value={query.stage}
              options={STAGES.map((s) => ({ value: s, label: t(`contests.setup.stage.${s}` as UiKey) }))} onChange={(stage) => setQuery({ ...query, page: 1, stage })} />
            <Input.Search allowClear placeholder={t('contests.setup.filter.search')} style={{ width: 200 }} onSearch={(q) => setQuery({ ...query, page: 1, q: q || undefined })} />
          </>
        )}
        <span className="grow" />
        {canRegister && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('contests.setup.contestant.add')}</Button>}
        {canRegister && (
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={upload(`/api/contests/${contest.id}/contestants/import`, 'people')}>
            <Button icon={<UploadOutlined />} loading={busy === 'people'}>{t('contests.setup.import.contestants')}</Button>
          </Upload>
        )}
        {canRegister && <Button type="link" icon={<DownloadOutlined />} href={contestApi.templateUrl(contest.id)}>{t('contests.setup.import.template')}</Button>}
        {manage && (
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={upload(`/api/contests/${contest.id}/written/import`, 'written')}>
            <Button icon={<UploadOutlined />} loading={busy === 'written'}>{t('contests.setup.import.written')}</Button>
          </Upload>
        )}
        {manage && <Button type="link" icon={<DownloadOutlined />} href={contestApi.writtenTemplateUrl(contest.id)}>{t('contests.setup.import.written_sheet')}</Button>}
      </div>
      {anonymous && <Alert type="info" showIcon title={t('contests.setup.anonymous_list')} style={{ marginBottom: 12 }} />}
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<Contestant>
        rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: anonymous ? 300 : 1100 }}
        locale={{ emptyText: t(canRegister ? 'contests.setup.contestants.empty_register' : 'contests.setup.contestants.empty') }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
          showTotal: (total) => t('contests.setup.total_people', { total }), onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={anonymous ? [
          { title: t('contests.setup.col.work_number'), dataIndex: 'workNumber', width: 120 },
          { title: t('contests.setup.col.stage'), dataIndex: 'stage', render: (s: Stage) => <Tag color={STAGE_COLOR[s]}>{t(`contests.setup.stage.${s}` as UiKey)}</Tag> },
        ] : [
          { title: t('contests.setup.col.work_number'), dataIndex: 'workNumber', width: 80, fixed: 'left', render: (v: string | null) => v ?? '—' },
          { title: t('contests.setup.col.name'), dataIndex: 'name', width: 90, fixed: 'left' },
          { title: t('contests.setup.col.team'), key: 'team', width: 110, render: (_, p) => p.team?.name ?? '—' },
          { title: t('contests.setup.col.gender'), dataIndex: 'gender', width: 60, render: (g: 'm' | 'f' | null) => (g ? t(`contests.setup.gender.${g}`) : '—') },
          { title: t('contests.setup.col.employer'), dataIndex: 'employer', width: 170, ellipsis: true, render: (v: string) => v || '—' },
          {
            title: t('contests.setup.col.id_number'), key: 'id', width: 220,
            render: (_, p) => <Space size={0}>{p.idNumberMasked}{manage && <RevealButton url={`/api/contests/${contest.id}/contestants/${p.id}/reveal`} field="idNumber" />}</Space>,
          },
          {
            title: t('contests.setup.col.phone'), key: 'phone', width: 170,
            render: (_, p) => (p.phoneMasked ? <Space size={0}>{p.phoneMasked}{manage && <RevealButton url={`/api/contests/${contest.id}/contestants/${p.id}/reveal`} field="phone" />}</Space> : '—'),
          },
          { title: t('contests.setup.col.member'), key: 'member', width: 110, render: (_, p) => (p.isUnionMember ? (p.memberNo || t('contests.setup.member_yes')) : t('contests.setup.member_no')) },
          { title: t('contests.setup.col.stage'), dataIndex: 'stage', width: 90, render: (s: Stage) => <Tag color={STAGE_COLOR[s]}>{t(`contests.setup.stage.${s}` as UiKey)}</Tag> },
          { title: t('contests.setup.col.written'), key: 'written', width: 110, render: (_, p) => (manage ? <WrittenCell key={`${p.id}-${p.version}`} contest={contest} p={p} /> : (p.written ?? '—')) },
          ...(staff ? [{
            title: '', key: 'actions', width: 130, fixed: 'right' as const, render: (_: unknown, p: Contestant) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(p)}>{t('common.edit')}</Button>
                {!contest.lotsDrawnAt && (
                  <Popconfirm title={t('contests.setup.contestant.delete_confirm', { name: p.name ?? '' })} okText={t('common.delete')} cancelText={t('common.cancel')}
                    onConfirm={() => remove.mutateAsync(p.id).catch((e: Error) => message.error(e.message))}>
                    <Button size="small" type="link" danger>{t('common.delete')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          }] : []),
        ]}
      />
      <SetupContestantModal contest={contest} teams={(teams.data?.items ?? []).filter((x) => x.canRegister)} contestant={editing === 'new' ? null : editing}
        open={editing !== null} onClose={() => setEditing(null)} />
      <ImportOutcome outcome={outcome} onClose={() => setOutcome(null)} />
    </Card>
  );
}
