import { Alert, App, Button, Card, Grid, Input, Modal, Radio, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { ApiError } from '../../services/client.js';
import {
  useFollowUpReport, useFollowUps, usePublicSeasons, useRecordFollowUp, type FollowUp, type FollowUpQuery, type FollowUpReportRow, type FollowUpState,
} from '../../services/fair.js';
import './fair.css';

// Follow-ups of confirmed hiring intents for the unions in the caller's scope (issue 5 §5): the
// 30- and 90-day calls that are due or overdue, what they found (contract signed? started work?)
// and the season's outcome report per federation.

const STATES: FollowUpState[] = ['due', 'overdue', 'upcoming', 'done'];
const DAY_MS = 86_400_000;
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function OutcomeModal({ item, onClose }: { item: FollowUp; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const record = useRecordFollowUp();
  const [signed, setSigned] = useState<boolean | null>(item.outcome?.contractSigned ?? null);
  const [started, setStarted] = useState<boolean | null>(item.outcome?.startedWork ?? null);
  const [note, setNote] = useState(item.outcome?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (signed === null || started === null) { setError(t('followup.answer_both')); return; }
    try {
      await record.mutateAsync({ id: item.id, body: { contractSigned: signed, startedWork: started, note: note.trim() } });
      message.success(t('followup.saved'));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
    }
  };
  const yesNo = (value: boolean | null, set: (v: boolean) => void, label: string) => (
    <Radio.Group value={value} onChange={(e) => { set(e.target.value as boolean); setError(null); }} aria-label={label}>
      <Radio value={true}>{t('followup.yes')}</Radio>
      <Radio value={false}>{t('followup.no')}</Radio>
    </Radio.Group>
  );
  return (
    <Modal open title={t('followup.record_title', { day: item.day })} onCancel={onClose} onOk={submit} okText={t('common.save')} okButtonProps={{ loading: record.isPending }} destroyOnHidden>
      <Typography.Paragraph>
        <strong>{item.visitor.name}</strong> {item.visitor.phoneMasked} · {item.enterprise} · {item.posting}
      </Typography.Paragraph>
      <div className="followup-question">
        <span>{t('followup.contract_signed')}</span>
        {yesNo(signed, setSigned, t('followup.contract_signed'))}
      </div>
      <div className="followup-question">
        <span>{t('followup.started_work')}</span>
        {yesNo(started, setStarted, t('followup.started_work'))}
      </div>
      <label htmlFor="followup-note" className="console-label">{t('followup.note')}</label>
      <Input.TextArea id="followup-note" rows={3} maxLength={1000} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('followup.note_hint')} style={{ marginBottom: 20 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function ReportCard({ seasonId }: { seasonId: number }) {
  const t = useT();
  const { lang } = useI18n();
  const report = useFollowUpReport(seasonId);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const rate = (n: number, of: number) => (of ? percent.format(n / of) : '—');
  return (
    <Card title={t('followup.report')} size="small" style={{ marginBottom: 16 }} className="console-card">
      {report.isError && <Alert type="error" showIcon title={report.error.message} />}
      <Table<FollowUpReportRow>
        rowKey={(r) => `${r.day}-${r.federation}`} size="small" loading={report.isPending} dataSource={report.data} pagination={false} scroll={{ x: 640 }}
        locale={{ emptyText: t('followup.report_empty') }}
        columns={[
          { title: t('followup.col.day'), dataIndex: 'day', width: 80, render: (d: number) => t('followup.day', { day: d }) },
          { title: t('followup.col.federation'), dataIndex: 'federation', width: 90, render: (f: string) => t(`console.province.${f}` as UiKey) },
          { title: t('followup.col.total'), dataIndex: 'total', width: 80 },
          { title: t('followup.col.done'), key: 'done', width: 110, render: (_, r) => `${r.done}（${rate(r.done, r.total)}）` },
          { title: t('followup.col.signed'), key: 'signed', width: 120, render: (_, r) => `${r.contractSigned}（${rate(r.contractSigned, r.done)}）` },
          { title: t('followup.col.started'), key: 'started', width: 120, render: (_, r) => `${r.startedWork}（${rate(r.startedWork, r.done)}）` },
        ]}
      />
      <Typography.Text type="secondary" className="console-sub">{t('followup.report_hint')}</Typography.Text>
    </Card>
  );
}

function Outcome({ f }: { f: FollowUp }) {
  const t = useT();
  if (!f.outcome) return <Typography.Text type="secondary">{t('followup.not_done')}</Typography.Text>;
  return (
    <>
      <Tag color={f.outcome.contractSigned ? 'green' : 'default'}>{t(f.outcome.contractSigned ? 'followup.signed' : 'followup.not_signed')}</Tag>
      <Tag color={f.outcome.startedWork ? 'green' : 'default'}>{t(f.outcome.startedWork ? 'followup.started' : 'followup.not_started')}</Tag>
      {f.outcome.note && <div className="console-sub console-reason">{f.outcome.note}</div>}
    </>
  );
}

/** /admin/follow-ups */
export default function FollowUpsPage() {
  const t = useT();
  const { lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const seasons = usePublicSeasons();
  const seasonParam = Number(params.get('season')) || undefined;
  const seasonId = seasonParam ?? seasons.data?.items[0]?.id;
  const [query, setQuery] = useState<Omit<FollowUpQuery, 'seasonId'>>({ page: 1, pageSize: 20, state: 'due' });
  const list = useFollowUps({ ...query, seasonId });
  const [editing, setEditing] = useState<FollowUp | null>(null);
  const wide = !!Grid.useBreakpoint().md;
  const today = Date.parse(chinaToday());
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateOf = (iso: string) => day.format(new Date(`${iso}T12:00:00Z`));

  return (
    <>
      <div className="admin-page-head"><h1>{t('followup.title')}</h1></div>
      <div className="admin-filters">
        <Select
          aria-label={t('followup.season')} value={seasonId} loading={seasons.isPending} style={{ width: 260 }}
          options={(seasons.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v: number) => { setParams({ season: String(v) }); setQuery({ ...query, page: 1 }); }}
        />
      </div>
      {seasonId !== undefined && <ReportCard seasonId={seasonId} />}
      <Card className="console-card">
        <div className="console-filter followup-filters">
          <Segmented
            value={query.state ?? 'all'}
            onChange={(v) => setQuery({ ...query, page: 1, state: v === 'all' ? undefined : (v as FollowUpState) })}
            options={[...STATES.map((s) => ({ value: s, label: t(`followup.state.${s}` as UiKey) })), { value: 'all', label: t('common.all') }]}
          />
          <Segmented
            value={query.day ?? 0}
            onChange={(v) => setQuery({ ...query, page: 1, day: v ? (v as 30 | 90) : undefined })}
            options={[{ value: 0, label: t('followup.day_all') }, { value: 30, label: t('followup.day', { day: 30 }) }, { value: 90, label: t('followup.day', { day: 90 }) }]}
          />
        </div>
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<FollowUp>
          rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 950 }}
          rowClassName={(f) => (f.overdue ? 'followup-overdue' : '')}
          locale={{ emptyText: t(query.state === 'due' || query.state === 'overdue' ? 'followup.empty_due' : 'followup.empty') }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
            showTotal: (n) => t('followup.total', { n }), onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          columns={[
            {
              title: t('followup.col.due'), key: 'due', width: 150,
              render: (_, f) => (
                <>
                  <div className="followup-due">{dateOf(f.dueOn)}<Tag color={f.day === 30 ? 'blue' : 'purple'}>{t('followup.day', { day: f.day })}</Tag></div>
                  {f.overdue && <Typography.Text type="danger" className="console-sub">{t('followup.overdue_by', { n: Math.round((today - Date.parse(f.dueOn)) / DAY_MS) })}</Typography.Text>}
                </>
              ),
            },
            { title: t('followup.col.visitor'), key: 'visitor', width: 100, render: (_, f) => <>{f.visitor.name}<div className="console-sub">{f.visitor.phoneMasked}</div></> },
            { title: t('followup.col.job'), key: 'job', width: 210, render: (_, f) => <><div className="console-enterprise">{f.enterprise}</div><div className="console-sub">{f.posting}</div></> },
            { title: t('followup.col.salary'), key: 'salary', width: 120, render: (_, f) => <>{t('followup.salary', { n: f.salary })}<div className="console-sub">{t('followup.start', { date: dateOf(f.startDate) })}</div></> },
            { title: t('followup.col.union'), dataIndex: 'union', width: 120 },
            { title: t('followup.col.outcome'), key: 'outcome', width: 150, render: (_, f) => <Outcome f={f} /> },
            {
              title: t('console.signup.col.actions'), key: 'actions', width: 100, fixed: wide ? 'right' : undefined,
              render: (_, f) => <Button size="small" type={f.outcome ? 'default' : 'primary'} onClick={() => setEditing(f)}>{t(f.outcome ? 'followup.change' : 'followup.record')}</Button>,
            },
          ]}
        />
      </Card>
      {editing && <OutcomeModal item={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
