import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n, useT, type Translate } from '../../../i18n/index.js';
import { formatDateRange } from '../../../services/seasons.js';
import { applyServerIssues } from '../formIssues.js';
import { contestApi, useContestants, useContestWrite, useRoundScores, type Contest, type Qualification, type Round } from './SetupApi.js';

type Method = 'none' | Qualification['method'];
interface Values { name: string; dates?: [Dayjs, Dayjs] | null; method: Method; value?: number | null }

export function describeRule(t: Translate, q: Qualification | null): string {
  if (!q) return t('contests.setup.rule.none');
  if (q.method === 'top-n') return t('contests.setup.rule.top_n', { n: q.n });
  if (q.method === 'top-per-team') return t('contests.setup.rule.top_per_team', { k: q.k });
  return t('contests.setup.rule.threshold', { score: q.score });
}

function toRule(v: Values): Qualification | null {
  if (v.method === 'none' || v.value == null) return null;
  if (v.method === 'top-n') return { method: 'top-n', n: v.value };
  if (v.method === 'top-per-team') return { method: 'top-per-team', k: v.value };
  return { method: 'threshold', score: v.value };
}

/** Add a preliminary or change a round: name, dates and (preliminaries) the qualification rule. */
function RoundModal({ contest, round, open, onClose }: { contest: Contest; round: Round | null; open: boolean; onClose(): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const method = Form.useWatch('method', form);
  const save = useContestWrite(contest.id, (v: Values) => {
    const body = { name: v.name, startsOn: v.dates?.[0]?.format('YYYY-MM-DD') ?? null, endsOn: v.dates?.[1]?.format('YYYY-MM-DD') ?? null };
    if (!round) return contestApi.addPreliminary(contest.id, { ...body, qualification: toRule(v) });
    return contestApi.updateRound(contest.id, round.id, round.kind === 'final' ? body : { ...body, qualification: toRule(v) });
  });
  useEffect(() => {
    if (!open) return;
    setAlert(null);
    form.resetFields();
    const q = round?.qualification ?? null;
    form.setFieldsValue({
      name: round?.name ?? t('contests.setup.round.preliminary_name'),
      dates: round?.startsOn && round.endsOn ? [dayjs(round.startsOn), dayjs(round.endsOn)] : null,
      method: q?.method ?? (round ? 'none' : 'top-n'), value: q ? (q.method === 'top-n' ? q.n : q.method === 'top-per-team' ? q.k : q.score) : null,
    });
  }, [open]);
  const isFinal = round?.kind === 'final';
  return (
    <Modal open={open} title={round ? t('contests.setup.round.edit') : t('contests.setup.round.add')} onCancel={onClose} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={async (v) => {
        try { await save.mutateAsync(v); onClose(); } catch (error) { setAlert(applyServerIssues(form as never, error, [], { startsOn: 'dates', endsOn: 'dates', qualification: 'method' })); }
      }}>
        <Form.Item name="name" label={t('contests.setup.round.name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="dates" label={t('contests.setup.field.dates')}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        {!isFinal && (
          <div className="setup-form-row">
            <Form.Item name="method" label={t('contests.setup.round.rule')}>
              <Select options={(['none', 'top-n', 'top-per-team', 'threshold'] as const).map((m) => ({ value: m, label: t(`contests.setup.rule.method.${m}`) }))} />
            </Form.Item>
            {method && method !== 'none' && (
              <Form.Item name="value" label={t(method === 'threshold' ? 'contests.setup.rule.score' : 'contests.setup.rule.places')} rules={[{ required: true }]}>
                <InputNumber min={method === 'threshold' ? 0 : 1} max={method === 'threshold' ? 1000 : 10000} precision={method === 'threshold' ? 2 : 0} style={{ width: '100%' }} />
              </Form.Item>
            )}
          </div>
        )}
      </Form>
    </Modal>
  );
}

/** A preliminary's scores for every contestant still in the running, entered in one table. */
function ScoresModal({ contest, round, onClose }: { contest: Contest; round: Round | null; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const people = useContestants(contest.id, { page: 1, pageSize: 100 });
  const scores = useRoundScores(contest.id, round?.id ?? null);
  const [draft, setDraft] = useState<Record<number, number | null>>({});
  useEffect(() => { setDraft(Object.fromEntries((scores.data?.items ?? []).map((s) => [s.contestantId, Number(s.score)]))); }, [scores.data, round?.id]);
  const save = useContestWrite(contest.id, () => contestApi.setRoundScores(contest.id, round!.id, Object.entries(draft).map(([id, score]) => ({ contestantId: Number(id), score: score ?? null }))));
  const rows = (people.data?.items ?? []).filter((p) => p.stage !== 'withdrawn');
  return (
    <Modal open={round !== null} title={t('contests.setup.round.scores_title', { name: round?.name ?? '' })} onCancel={onClose} destroyOnHidden width={640}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} okButtonProps={{ disabled: !Object.keys(draft).length }}
      onOk={async () => {
        try { await save.mutateAsync(undefined); message.success(t('contests.setup.saved')); onClose(); } catch (error) { message.error((error as Error).message); }
      }}>
      <Table size="small" rowKey="id" loading={people.isFetching || scores.isFetching} dataSource={rows} pagination={false} scroll={{ y: 400, x: 420 }}
        locale={{ emptyText: t('contests.setup.contestants.empty') }}
        columns={[
          { title: t('contests.setup.col.team'), key: 'team', render: (_, p) => p.team?.name ?? '—' },
          { title: t('contests.setup.col.name'), dataIndex: 'name' },
          {
            title: t('contests.setup.round.score'), key: 'score', width: 140,
            render: (_, p) => <InputNumber aria-label={`${t('contests.setup.round.score')} ${p.name ?? ''}`} min={0} max={9999.99} precision={2} value={draft[p.id] ?? null}
              onChange={(v) => setDraft((d) => ({ ...d, [p.id]: v }))} style={{ width: 120 }} />,
          },
        ]} />
    </Modal>
  );
}

/** Rounds in order with their qualification rules; managers add preliminaries, enter scores and apply the rule. */
export function SetupRounds({ contest }: { contest: Contest }) {
  const t = useT();
  const { lang } = useI18n();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<Round | null | 'new'>(null);
  const [scoring, setScoring] = useState<Round | null>(null);
  const qualify = useContestWrite(contest.id, (roundId: number) => contestApi.qualify(contest.id, roundId));
  const remove = useContestWrite(contest.id, (roundId: number) => contestApi.deleteRound(contest.id, roundId));
  const manage = contest.me.canManage && !contest.lotsDrawnAt;
  const applyRule = (r: Round) => modal.confirm({
    title: t('contests.setup.round.qualify_title'), content: t('contests.setup.round.qualify_body', { rule: describeRule(t, r.qualification) }),
    okText: t('contests.setup.round.qualify'), cancelText: t('common.cancel'),
    async onOk() {
      try {
        const res = await qualify.mutateAsync(r.id);
        message.success(t('contests.setup.round.qualified', res));
      } catch (error) {
        message.error((error as Error).message);
      }
    },
  });
  return (
    <Card title={t('contests.setup.rounds')} extra={manage && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('contests.setup.round.add')}</Button>}>
      {contest.rounds.map((r) => (
        <div key={r.id} className="setup-round">
          <div className="facts">
            <Space wrap>
              <strong>{r.name}</strong>
              <Tag color={r.kind === 'final' ? 'gold' : 'blue'}>{t(`contests.setup.round.kind.${r.kind}`)}</Tag>
              {r.startsOn && r.endsOn && <span>{formatDateRange(lang, r.startsOn, r.endsOn)}</span>}
            </Space>
            <div>{r.kind === 'final' ? t('contests.setup.round.final_note') : describeRule(t, r.qualification)}{r.qualifiedAt && ` · ${t('contests.setup.round.applied')}`}</div>
          </div>
          {contest.me.canManage && (
            <Space wrap>
              {manage && <Button size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>}
              {manage && r.kind === 'preliminary' && <Button size="small" onClick={() => setScoring(r)}>{t('contests.setup.round.scores')}</Button>}
              {manage && r.kind === 'preliminary' && r.qualification && <Button size="small" type="primary" onClick={() => applyRule(r)}>{t('contests.setup.round.qualify')}</Button>}
              {manage && r.kind === 'preliminary' && (
                <Popconfirm title={t('contests.setup.round.delete_confirm', { name: r.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(r.id).catch((e: Error) => message.error(e.message))}>
                  <Button size="small" danger>{t('common.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
          )}
        </div>
      ))}
      <RoundModal contest={contest} round={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <ScoresModal contest={contest} round={scoring} onClose={() => setScoring(null)} />
    </Card>
  );
}
