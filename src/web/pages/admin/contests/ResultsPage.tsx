import { FileExcelOutlined, FilePdfOutlined, FundProjectionScreenOutlined, LockOutlined, MobileOutlined, SafetyCertificateOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Popconfirm, Result, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { api, ApiError } from '../../../services/client.js';
import {
  resultFiles, useAwards, useCertificates, useResults, useResultsActions, useResultsStream, type Certificate, type Results,
} from '../../../services/contestResults.js';
import { downloadFile } from '../../../services/seasons.js';
import { ContestNav } from './ContestNav.js';
import { AwardsTable, IndividualsTable, ItemsView, TeamsTable } from './ResultsTables.js';

// Results and certificates of one contest (issue 6 §5) for its organisers and chief judge: the live
// board (refreshed as sub-items are locked), what is still provisional, the public board's freeze,
// award lists, certificates and the downloads.

interface ContestMe { id: number; name: string; revealedAt: string | null; me: { canManage: boolean; isChiefJudge: boolean; canSeeLiveResults: boolean } }
const dateTime = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

function StatusAlerts({ results }: { results: Results }) {
  const t = useT();
  const open = results.items.filter((i) => !i.locked).map((i) => `${i.code} ${i.name}`);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {results.complete
        ? <Alert type="success" showIcon title={t('contests.results.complete', { total: results.totalItems })} />
        : (
          <Alert
            type="warning" showIcon title={t('contests.results.provisional', { locked: results.lockedItems, total: results.totalItems })}
            description={[results.basis === 'written-only' ? t('contests.results.written_only') : null, open.length ? t('contests.results.not_locked_items', { items: open.join('、') }) : null].filter(Boolean).join('；')}
          />
        )}
      {results.frozen && results.frozenAt && <Alert type="info" showIcon icon={<LockOutlined />} title={t('contests.results.frozen_public', { at: dateTime(results.frozenAt) })} />}
      {!results.contest.revealed && <Alert type="info" showIcon title={t('contests.results.not_revealed')} />}
    </Space>
  );
}

function CertificatesTable({ contestId, list, loading }: { contestId: number; list: Certificate[]; loading: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const save = (url: string) => downloadFile(url).then((name) => message.success(t('contests.results.downloaded', { name })), (e: unknown) => message.error(e instanceof ApiError ? e.message : t('common.network_error')));
  return (
    <Table<Certificate>
      rowKey="id" size="small" dataSource={list} loading={loading} pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('contests.results.no_certificates')} /> }}
      columns={[
        { title: t('contests.results.award'), dataIndex: 'award' },
        { title: t('contests.results.contestant'), key: 'who', render: (_v, r) => (r.kind === 'team' ? r.team : `${r.name ?? ''}（${r.team ?? ''}）`) },
        { title: t('contests.results.certificate_code'), dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
        {
          title: '', key: 'act', width: 150, render: (_v, r) => (
            <Space>
              <Button size="small" icon={<FilePdfOutlined />} onClick={() => void save(resultFiles.certificate(contestId, r.id))}>{t('contests.results.download_one')}</Button>
              <Typography.Link href={`/m/certificates/${r.code}`} target="_blank">{t('contests.results.check_page')}</Typography.Link>
            </Space>
          ),
        },
      ]}
    />
  );
}

export default function ResultsPage() {
  const t = useT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const contest = useQuery({ queryKey: ['contest-results-head', id], queryFn: () => api<ContestMe>(`/api/contests/${id}`) });
  const results = useResults(id);
  useResultsStream(id, false);
  const me = contest.data?.me;
  const staff = !!me?.canSeeLiveResults;
  const awards = useAwards(id);
  const certificates = useCertificates(id, staff);
  const actions = useResultsActions(id);
  const [busy, setBusy] = useState<string | null>(null);
  const fail = (e: unknown) => message.error({ content: e instanceof ApiError ? e.message : t('common.network_error'), duration: 8 });
  const save = async (key: string, url: string) => {
    setBusy(key);
    try { message.success(t('contests.results.downloaded', { name: await downloadFile(url) })); } catch (e) { fail(e); } finally { setBusy(null); }
  };

  if (contest.isError) {
    const missing = contest.error instanceof ApiError && contest.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? t('contests.results.m.not_found') : (contest.error as Error).message} />;
  }
  const r = results.data;
  const canIssue = !!r?.complete && !!r.contest.revealed;
  const issueHint = !r?.complete ? t('contests.results.issue_hint_incomplete') : !r.contest.revealed ? t('contests.results.issue_hint_reveal') : '';
  const head = (
    <Space wrap>
      {staff && (r?.frozen ? (
        <>
          <Button icon={<LockOutlined />} loading={actions.freeze.isPending} onClick={() => actions.freeze.mutateAsync().then(() => message.success(t('contests.results.frozen_done')), fail)}>{t('contests.results.refreeze')}</Button>
          <Button icon={<UnlockOutlined />} loading={actions.unfreeze.isPending} onClick={() => actions.unfreeze.mutateAsync().then(() => message.success(t('contests.results.unfrozen_done')), fail)}>{t('contests.results.unfreeze')}</Button>
        </>
      ) : (
        <Popconfirm title={t('contests.results.freeze_confirm')} onConfirm={() => actions.freeze.mutateAsync().then(() => message.success(t('contests.results.frozen_done')), fail)}>
          <Button icon={<LockOutlined />} loading={actions.freeze.isPending} disabled={!r}>{t('contests.results.freeze')}</Button>
        </Popconfirm>
      ))}
      {me?.canManage && (
        <Tooltip title={issueHint}>
          <Button
            type="primary" icon={<SafetyCertificateOutlined />} disabled={!canIssue} loading={actions.issue.isPending}
            onClick={() => actions.issue.mutateAsync().then((l) => message.success(t('contests.results.issued', { total: l.total, created: l.created, revoked: l.revoked })), fail)}
          >{t('contests.results.issue')}</Button>
        </Tooltip>
      )}
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={!r} onClick={() => void save('xlsx', resultFiles.xlsx(id))}>{t('contests.results.download_xlsx')}</Button>
      {staff && !!certificates.data?.total && (
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void save('pdf', resultFiles.certificates(id))}>{t('contests.results.download_certificates')}</Button>
      )}
      <Button icon={<MobileOutlined />} href={`/m/contests/${id}`} target="_blank">{t('contests.results.public_board')}</Button>
      <Button icon={<FundProjectionScreenOutlined />} href={`/screen/contests/${id}`} target="_blank">{t('contests.results.big_screen')}</Button>
    </Space>
  );

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{contest.data?.name ?? t('contests.results.title')}</Typography.Title>
      <ContestNav contestId={id} />
      <Card title={<Space>{t('contests.results.title')}{r && (r.frozen ? <Tag color="blue">{t('contests.results.frozen_badge')}</Tag> : <Tag color="green">{t('contests.results.live_badge')}</Tag>)}</Space>} extra={head} styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}>
        {results.isPending && <Spin />}
        {results.isError && <Alert type="error" showIcon title={t('contests.results.error')} description={(results.error as Error).message} />}
        {r && (
          <>
            <StatusAlerts results={r} />
            <Typography.Paragraph type="secondary">
              {t('contests.results.prizes_rule', r.prizes)} · {t('contests.results.computed_at', { at: dateTime(r.computedAt) })}
            </Typography.Paragraph>
            <Tabs
              items={[
                { key: 'individuals', label: t('contests.results.individuals'), children: <IndividualsTable results={r} /> },
                { key: 'teams', label: t('contests.results.teams'), children: <TeamsTable results={r} /> },
                { key: 'items', label: t('contests.results.items'), children: <ItemsView results={r} /> },
                { key: 'awards', label: t('contests.results.awards'), children: <AwardsTable lines={awards.data?.items ?? []} loading={awards.isPending} /> },
                ...(staff ? [{ key: 'certificates', label: `${t('contests.results.certificates')}${certificates.data?.total ? ` (${certificates.data.total})` : ''}`, children: <CertificatesTable contestId={id} list={certificates.data?.items ?? []} loading={certificates.isPending} /> }] : []),
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
