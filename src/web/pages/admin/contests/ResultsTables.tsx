import { Empty, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { who, type AwardLine, type Prize, type Results } from '../../../services/contestResults.js';

// The tables of the results page: individuals, teams, each sub-item's ranking, the award lists.

const PRIZE_COLOUR: Record<Prize, string> = { first: 'red', second: 'volcano', third: 'gold' };

export function PrizeTag({ prize }: { prize: Prize | null }) {
  const t = useT();
  return prize ? <Tag color={PRIZE_COLOUR[prize]}>{t(`contests.results.prize.${prize}`)}</Tag> : null;
}

/** Seconds as minutes and seconds; a dash when none. */
export function useDuration() {
  const t = useT();
  return (s: number | null) => (s === null ? '—' : t('contests.results.minutes', { m: Math.floor(s / 60), s: s % 60 }));
}

type Individual = Results['individuals'][number];
/** Scores as printed: two decimals (exact hundredths from the server). */
const two = (v: number) => v.toFixed(2);

export function IndividualsTable({ results }: { results: Results }) {
  const t = useT();
  const duration = useDuration();
  return (
    <Table<Individual>
      rowKey="contestantId" size="small" dataSource={results.individuals} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 820 }}
      locale={{ emptyText: <Empty description={t('contests.results.no_finalists')} /> }}
      columns={[
        { title: t('contests.results.rank'), dataIndex: 'rank', width: 70, fixed: 'left' },
        { title: t('contests.results.work_number'), dataIndex: 'workNumber', width: 90, render: (v: string | null) => v ?? '—' },
        { title: t('contests.results.name'), key: 'name', width: 110, render: (_v, r) => r.name ?? <Typography.Text type="secondary">{t('contests.results.names_hidden')}</Typography.Text> },
        { title: t('contests.results.team'), dataIndex: 'team', width: 130 },
        { title: t('contests.results.written'), dataIndex: 'written', width: 80, align: 'right', render: two },
        { title: t('contests.results.practical'), dataIndex: 'practical', width: 120, align: 'right', render: two },
        { title: t('contests.results.total'), dataIndex: 'total', width: 90, align: 'right', render: (v: number) => <Typography.Text strong>{two(v)}</Typography.Text> },
        // Times only when the sub-items were timed (the sum of every sub-item's time, used to break ties).
        ...(results.individuals.some((r) => r.timeSeconds !== null) ? [{ title: t('contests.results.time'), dataIndex: 'timeSeconds', width: 120, render: duration }] : []),
        { title: t('contests.results.prize'), dataIndex: 'prize', width: 90, render: (p: Prize | null) => <PrizeTag prize={p} /> },
      ]}
    />
  );
}

export function TeamsTable({ results }: { results: Results }) {
  const t = useT();
  return (
    <Table<Results['teams'][number]>
      rowKey="teamId" size="small" dataSource={results.teams} pagination={false}
      locale={{ emptyText: <Empty description={t('contests.results.no_finalists')} /> }}
      columns={[
        { title: t('contests.results.rank'), dataIndex: 'rank', width: 70 },
        { title: t('contests.results.team'), dataIndex: 'team' },
        { title: t('contests.results.team_score'), dataIndex: 'score', width: 120, align: 'right', render: (v: number) => <Typography.Text strong>{two(v)}</Typography.Text> },
        { title: t('contests.results.members'), dataIndex: 'members', width: 80, align: 'right' },
        { title: t('contests.results.award'), dataIndex: 'awarded', width: 110, render: (a: boolean) => (a ? <Tag color="red">{t('contests.results.team_award')}</Tag> : null) },
      ]}
    />
  );
}

export function ItemsView({ results }: { results: Results }) {
  const t = useT();
  const duration = useDuration();
  const [selected, setSelected] = useState<number | null>(null);
  if (!results.items.length) return <Empty description={t('contests.results.no_finalists')} />;
  const item = results.items.find((i) => i.itemId === selected) ?? results.items[0]!;
  const awarded = new Set(item.awarded);
  return (
    <>
      <Segmented
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={item.itemId}
        onChange={(v) => setSelected(Number(v))}
        options={results.items.map((i) => ({ value: i.itemId, label: <span>{i.code} {i.name}{!i.locked && <Typography.Text type="secondary"> · {t('contests.results.not_locked_short')}</Typography.Text>}</span> }))}
      />
      {item.locked ? (
        <Table<Results['items'][number]['ranking'][number]>
          rowKey="contestantId" size="small" dataSource={item.ranking} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('contests.results.rank'), dataIndex: 'rank', width: 70 },
            { title: t('contests.results.contestant'), key: 'who', render: (_v, r) => who(r) },
            { title: t('contests.results.team'), dataIndex: 'team' },
            { title: `${t('contests.results.score')} / ${item.max}`, dataIndex: 'score', width: 110, align: 'right', render: two },
            ...(item.ranking.some((r) => r.timeSeconds !== null) ? [{ title: t('contests.results.time'), dataIndex: 'timeSeconds', width: 120, render: duration }] : []),
            { title: t('contests.results.item_award'), key: 'award', width: 90, render: (_v, r) => (awarded.has(r.contestantId) ? <Tag color="gold">{t('contests.results.awarded_mark')}</Tag> : null) },
          ]}
        />
      ) : <Empty description={t('contests.results.item_not_locked')} />}
    </>
  );
}

export function AwardsTable({ lines, loading }: { lines: AwardLine[]; loading: boolean }) {
  const t = useT();
  return (
    <Table<AwardLine>
      rowKey={(r) => `${r.kind}:${r.contestantId ?? ''}:${r.team ?? ''}:${r.itemId ?? ''}`} size="small" dataSource={lines} loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: <Empty description={t('contests.results.no_awards')} /> }}
      columns={[
        { title: t('contests.results.kind'), dataIndex: 'kind', width: 80, render: (k: AwardLine['kind']) => t(`contests.results.kind.${k}` as UiKey) },
        { title: t('contests.results.award'), dataIndex: 'award' },
        { title: t('contests.results.contestant'), key: 'who', render: (_v, r) => (r.kind === 'team' ? '—' : r.name ?? (r.workNumber ? `#${r.workNumber}` : '—')) },
        { title: t('contests.results.team'), dataIndex: 'team' },
        { title: t('contests.results.certificate_code'), dataIndex: 'code', render: (c: string | null) => (c ? <Typography.Text code copyable>{c}</Typography.Text> : '—') },
      ]}
    />
  );
}
