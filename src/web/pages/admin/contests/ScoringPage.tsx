import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Modal, Popconfirm, Progress, Result, Segmented, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { api, ApiError } from '../../../services/client.js';
import { formatSeconds, useHistory, useScoring, useSheet, type HistoryEntry, type Scoring, type Sheet, type SheetContestant } from '../../m/judge/judgeApi.js';
import { ContestNav } from './ContestNav.js';

// The chief judge's desk (issue 6 §3): per sub-item completeness and open flags, the matrix of work
// numbers × aspects with every entry, settling a flag with a note, lock / re-lock with a
// confirmation, and the scoring trail. Managers read it; only the chief judge acts.

type Item = Scoring['items'][number];
const LOCK_COLOUR = { open: 'blue', locked: 'green', reopened: 'orange' } as const;
const dateTime = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

function ItemsTable({ scoring, selected, onSelect }: { scoring: Scoring; selected: number | null; onSelect(id: number): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const lock = useMutation({
    mutationFn: (item: Item) => api<unknown>(`/api/contests/${scoring.contest.id}/items/${item.id}/lock`, { method: 'POST', body: {} }),
    onSuccess: (_r, item) => { void message.success(t('contests.scores.desk.locked_ok', { item: item.code })); void client.invalidateQueries({ queryKey: ['contest-scoring'] }); void client.invalidateQueries({ queryKey: ['contest-sheet'] }); void client.invalidateQueries({ queryKey: ['contest-history'] }); },
    onError: (e, item) => {
      if (e instanceof ApiError && e.issues.length) {
        // Not complete: what is missing, contestant by contestant (the server names the first 20).
        modal.warning({
          title: t('contests.scores.desk.lock_refused', { item: item.code }), width: 560,
          content: (
            <>
              <ul style={{ paddingLeft: 18, margin: '8px 0' }}>{e.issues.map((i) => <li key={i.path}>{i.message}</li>)}</ul>
              {e.issues.length >= 20 && <Typography.Text type="secondary">{t('contests.scores.desk.first_20')}</Typography.Text>}
            </>
          ),
        });
      } else void message.error(e instanceof ApiError ? e.message : t('common.network_error'));
    },
  });
  return (
    <Table<Item>
      rowKey="id" size="middle" pagination={false} dataSource={scoring.items} scroll={{ x: 980 }}
      rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onSelect(r.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('contests.scores.desk.item'), key: 'name', width: 240, render: (_v, r) => <span><Typography.Text strong>{r.code}</Typography.Text> {r.name}{r.parentName && <Typography.Text type="secondary"> · {r.parentName}</Typography.Text>}</span> },
        { title: t('contests.scores.desk.complete'), key: 'complete', width: 170, render: (_v, r) => (
          <Tooltip title={`${r.completeContestants}/${scoring.finalists}`}><Progress size="small" percent={scoring.finalists ? Math.round((100 * r.completeContestants) / scoring.finalists) : 0} format={() => `${r.completeContestants}/${scoring.finalists}`} /></Tooltip>
        ) },
        { title: t('contests.scores.desk.slots'), key: 'slots', width: 110, render: (_v, r) => `${r.completeSlots}/${r.slots}` },
        { title: t('contests.scores.desk.flags'), dataIndex: 'openFlags', width: 100, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
        { title: t('contests.scores.desk.times'), dataIndex: 'timesMissing', width: 90 },
        { title: t('contests.scores.desk.state'), key: 'state', width: 170, render: (_v, r) => <Tag color={LOCK_COLOUR[r.lockState]}>{t(`contests.scores.lock.${r.lockState}`)}{r.lockCount > 1 ? ` ×${r.lockCount}` : ''}</Tag> },
        ...(scoring.me.canLock ? [{
          title: '', key: 'act', width: 100, render: (_v: unknown, r: Item) => (r.lockState === 'locked' ? null : (
            <Popconfirm
              title={t(r.lockState === 'reopened' ? 'contests.scores.desk.relock_confirm' : 'contests.scores.desk.lock_confirm', { item: r.code })}
              onConfirm={() => lock.mutateAsync(r).catch(() => undefined)}
            >
              <Button type="primary" size="small" loading={lock.isPending && lock.variables?.id === r.id}>
                {t(r.lockState === 'reopened' ? 'contests.scores.desk.relock' : 'contests.scores.desk.lock')}
              </Button>
            </Popconfirm>
          )),
        }] : []),
      ]}
    />
  );
}

function Matrix({ sheet, onResolve }: { sheet: Sheet; onResolve(c: SheetContestant, aspectId: number): void }) {
  const t = useT();
  if (sheet.contestants.length === 0 || sheet.aspects.length === 0) return <Empty description={t('contests.scores.desk.empty')} />;
  return (
    <Table<SheetContestant>
      rowKey="id" size="small" dataSource={sheet.contestants} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 200 + sheet.aspects.length * 150 }}
      columns={[
        { title: t('contests.scores.desk.work_number'), dataIndex: 'workNumber', fixed: 'left', width: 90, render: (wn: string, r) => <Typography.Text strong type={r.complete ? 'success' : undefined}>{wn}</Typography.Text> },
        ...(sheet.me.canSeeNames ? [{ title: t('contests.scores.desk.contestant'), key: 'who', width: 160, render: (_v: unknown, r: SheetContestant) => <span>{r.name}<br /><Typography.Text type="secondary">{r.team}</Typography.Text></span> }] : []),
        ...sheet.aspects.map((a) => ({
          title: <Tooltip title={t(`contests.scores.type.${a.type}`)}><span>{a.code} <Typography.Text type="secondary">/{a.max}</Typography.Text></span></Tooltip>,
          key: `a${a.id}`, width: 150,
          render: (_v: unknown, r: SheetContestant) => {
            const slot = r.aspects.find((x) => x.aspectId === a.id)!;
            const colour = slot.flagOpen ? 'red' : slot.complete ? 'green' : 'default';
            return (
              <Space size={4} wrap>
                <Tooltip title={slot.marks.map((m) => `${m.judge.name}: ${m.value}`).join('\n') || undefined}>
                  <Tag color={colour} data-testid={`cell-${r.workNumber}-${a.code}`}>{slot.marks.map((m) => m.value).join(' / ') || '—'} <small>({slot.entries}/{slot.needed})</small></Tag>
                </Tooltip>
                {slot.flagOpen && <Tooltip title={t(`contests.scores.flag.${slot.flag!}`)}><Tag color="red">!</Tag></Tooltip>}
                {slot.flagOpen && slot.flag === 'spread' && sheet.me.canLock && <Button size="small" onClick={() => onResolve(r, a.id)}>{t('contests.scores.desk.resolve')}</Button>}
                {!slot.flagOpen && slot.resolution && <Tooltip title={t('contests.scores.desk.resolved', { note: slot.resolution.note })}><Tag>✓</Tag></Tooltip>}
              </Space>
            );
          },
        })),
        ...(sheet.item.isTimed ? [{ title: t('contests.scores.desk.time'), key: 'time', width: 90, render: (_v: unknown, r: SheetContestant) => (r.timeSeconds === null ? <Typography.Text type="secondary">—</Typography.Text> : formatSeconds(r.timeSeconds)) }] : []),
      ]}
    />
  );
}

function HistoryTimeline({ items }: { items: HistoryEntry[] }) {
  const t = useT();
  if (items.length === 0) return <Empty description={t('contests.scores.desk.history_empty')} />;
  const colour = (a: HistoryEntry['action']) => (a === 'lock' || a === 'relock' ? 'green' : a === 'reopen' || a === 'change' ? 'orange' : a === 'resolve' ? 'red' : 'blue');
  return (
    <Timeline items={items.map((h) => ({
      key: h.id, color: colour(h.action),
      content: (
        <div>
          <Typography.Text type="secondary">{dateTime(h.at)}</Typography.Text>{' '}
          {t(`contests.scores.action.${h.action}`, { actor: h.actor ?? '', wn: h.workNumber ?? '', aspect: h.aspectCode ?? '', item: h.itemCode ?? '', old: h.oldValue ?? '—', new: h.newValue ?? '' })}
          {h.reason && <div><Typography.Text type="secondary">{t('contests.scores.reason', { reason: h.reason })}</Typography.Text></div>}
        </div>
      ),
    }))} />
  );
}

/** /admin/contests/:id/scoring — the chief judge's verification and locks; managers read it. */
export default function ScoringPage() {
  const t = useT();
  const { id } = useParams();
  const contestId = Number(id);
  const { message } = App.useApp();
  const client = useQueryClient();
  const scoring = useScoring(contestId);
  const [picked, setPicked] = useState<number | null>(null);
  const selected = picked ?? scoring.data?.items[0]?.id ?? null;
  const sheet = useSheet(contestId, selected ?? 0, selected !== null);
  const history = useHistory(contestId, selected);
  const [resolving, setResolving] = useState<{ c: SheetContestant; aspectId: number } | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const resolve = useMutation({
    mutationFn: (v: { contestantId: number; aspectId: number; note: string }) => api<unknown>(`/api/contests/${contestId}/items/${selected}/flags/resolve`, { method: 'POST', body: v }),
    onSuccess: () => { setResolving(null); setNote(''); for (const k of ['contest-scoring', 'contest-sheet', 'contest-history']) void client.invalidateQueries({ queryKey: [k] }); },
    onError: (e) => { void message.error(e instanceof ApiError ? e.message : t('common.network_error')); },
  });

  if (scoring.isError) {
    return <><ContestNav contestId={contestId} /><Result status={scoring.error instanceof ApiError && scoring.error.status === 404 ? '404' : '403'} subTitle={scoring.error.message} /></>;
  }
  const s = scoring.data;
  const aspect = resolving && sheet.data?.aspects.find((a) => a.id === resolving.aspectId);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{s?.contest.name ?? t('contests.scores.desk.title')}</Typography.Title>
      <ContestNav contestId={contestId} />
      {s && !s.me.canLock && <Alert type="info" showIcon title={t('contests.scores.desk.readonly')} style={{ marginBottom: 12 }} />}
      {s && !s.contest.lotsDrawn && <Alert type="warning" showIcon title={t('contests.scores.desk.no_lots')} style={{ marginBottom: 12 }} />}
      <Card title={t('contests.scores.desk.title')} extra={s && <Typography.Text type="secondary">{t('contests.scores.desk.finalists', { n: s.finalists })}</Typography.Text>} loading={scoring.isPending} style={{ marginBottom: 16 }}>
        {s && <ItemsTable scoring={s} selected={selected} onSelect={setPicked} />}
      </Card>
      {s && selected !== null && (
        <Card
          title={t('contests.scores.desk.matrix')} loading={sheet.isPending} style={{ marginBottom: 16 }}
          extra={<Segmented value={selected} onChange={(v) => setPicked(Number(v))} options={s.items.map((i) => ({ value: i.id, label: i.code }))} aria-label={t('contests.scores.desk.pick_item')} />}
        >
          <Typography.Paragraph type="secondary">{t('contests.scores.desk.legend')}</Typography.Paragraph>
          {sheet.isError ? <Alert type="error" title={sheet.error.message} /> : sheet.data && <Matrix sheet={sheet.data} onResolve={(c, aspectId) => { setResolving({ c, aspectId }); setNote(''); setNoteError(null); }} />}
        </Card>
      )}
      {s && selected !== null && (
        <Card title={t('contests.scores.desk.history')} loading={history.isPending}>
          {history.isError ? <Alert type="error" title={history.error.message} /> : history.data && <HistoryTimeline items={history.data.items} />}
        </Card>
      )}
      <Modal
        open={!!resolving} destroyOnHidden title={resolving && aspect ? t('contests.scores.desk.resolve_title', { wn: resolving.c.workNumber, aspect: aspect.code }) : ''}
        onCancel={() => setResolving(null)} confirmLoading={resolve.isPending}
        onOk={() => {
          if (!note.trim()) { setNoteError(t('contests.scores.desk.note_required')); return; }
          resolve.mutate({ contestantId: resolving!.c.id, aspectId: resolving!.aspectId, note: note.trim() });
        }}
      >
        {resolving && (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Typography.Text>{resolving.c.aspects.find((a) => a.aspectId === resolving.aspectId)?.marks.map((m) => `${m.judge.name}: ${m.value}`).join('；')}</Typography.Text>
            <label htmlFor="resolve-note">{t('contests.scores.desk.note')}</label>
            <Input.TextArea id="resolve-note" rows={3} maxLength={500} value={note} status={noteError ? 'error' : undefined} onChange={(e) => { setNote(e.target.value); setNoteError(null); }} />
            {noteError && <Typography.Text type="danger">{noteError}</Typography.Text>}
          </div>
        )}
      </Modal>
    </div>
  );
}
