import { EditOutlined, EyeOutlined, NumberOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Grid, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n, useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { isStaff, type Me } from '../../../services/auth.js';
import { formatDateRange } from '../../../services/seasons.js';
import { ContestNav } from './ContestNav.js';
import { ContestStatusTag } from './ContestsPage.js';
import { contestApi, useChiefJudges, useContest, useContestWrite, type Contest } from './SetupApi.js';
import { SetupContestants } from './SetupContestants.js';
import { SetupContestDrawer } from './SetupContestDrawer.js';
import { SetupRounds } from './SetupRounds.js';
import { SetupTeams } from './SetupTeams.js';
import './SetupPage.css';

const when = (lang: string, iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The chief judge picker: users holding the chief judge role; fixed once the names are revealed. */
function ChiefJudgePicker({ contest }: { contest: Contest }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const candidates = useChiefJudges(contest.id, open);
  const save = useContestWrite(contest.id, (chiefJudgeId: string | null) => contestApi.update(contest.id, { chiefJudgeId, version: contest.version }));
  if (!contest.me.canManage || contest.revealedAt) return <>{contest.chiefJudge?.name ?? t('contests.setup.no_chief')}</>;
  const options = [...(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}${c.username ? ` (${c.username})` : ''}` }))];
  if (contest.chiefJudge && !options.some((o) => o.value === contest.chiefJudge!.id)) options.unshift({ value: contest.chiefJudge.id, label: contest.chiefJudge.name });
  return (
    <Select
      aria-label={t('contests.setup.chief_judge')} style={{ width: '100%', maxWidth: 280 }} allowClear showSearch optionFilterProp="label" placeholder={t('contests.setup.no_chief')}
      value={contest.chiefJudge?.id ?? null} loading={candidates.isFetching || save.isPending} onOpenChange={(o) => o && setOpen(true)} options={options}
      notFoundContent={t('contests.setup.no_chief_candidates')}
      onChange={async (id: string | null | undefined) => {
        try {
          await save.mutateAsync(id ?? null);
          message.success(t('contests.setup.saved'));
        } catch (error) {
          message.error((error as Error).message);
        }
      }}
    />
  );
}

/** Draw lots (confirmed; a redraw says so) and the chief judge's reveal. */
function StageButtons({ contest }: { contest: Contest }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const draw = useContestWrite(contest.id, () => contestApi.drawLots(contest.id));
  const reveal = useContestWrite(contest.id, () => contestApi.reveal(contest.id));
  const confirmDraw = () => modal.confirm({
    title: t(contest.lotsDrawnAt ? 'contests.setup.lots.redraw_title' : 'contests.setup.lots.title'),
    content: t(contest.lotsDrawnAt ? 'contests.setup.lots.redraw_body' : 'contests.setup.lots.body', { count: contest.counts.finalists || contest.counts.contestants }),
    okText: t('contests.setup.lots.ok'), cancelText: t('common.cancel'),
    async onOk() {
      try {
        const r = await draw.mutateAsync(undefined);
        modal.success({ title: t('contests.setup.lots.done', { count: r.count }), content: <>{t('contests.setup.lots.seed')}<Typography.Text code copyable className="setup-seed">{r.seed}</Typography.Text></> });
      } catch (error) {
        message.error((error as Error).message);
      }
    },
  });
  const confirmReveal = () => modal.confirm({
    title: t('contests.setup.reveal.title'), content: t('contests.setup.reveal.body'), okText: t('contests.setup.reveal.ok'), cancelText: t('common.cancel'),
    async onOk() {
      try {
        await reveal.mutateAsync(undefined);
        message.success(t('contests.setup.reveal.done'));
      } catch (error) {
        message.error((error as Error).message);
      }
    },
  });
  return (
    <>
      {contest.me.canManage && !contest.revealedAt && (
        <Button icon={<NumberOutlined />} onClick={confirmDraw} loading={draw.isPending}>{t(contest.lotsDrawnAt ? 'contests.setup.lots.redraw' : 'contests.setup.lots.draw')}</Button>
      )}
      {contest.me.isChiefJudge && !contest.revealedAt && (
        <Button type="primary" icon={<EyeOutlined />} onClick={confirmReveal} loading={reveal.isPending} disabled={!contest.lotsDrawnAt}>{t('contests.setup.reveal.button')}</Button>
      )}
    </>
  );
}

/** One contest's setup: facts and rules, rounds and qualification, teams, contestants, lots and reveal. */
export default function ContestSetupPage({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const contest = useContest(id);
  const [editing, setEditing] = useState(false);
  // On a phone the facts read label above value; side by side the labels would wrap a character a line.
  const wide = Grid.useBreakpoint().md ?? true;
  if (contest.isPending) return <Card><Skeleton active /></Card>;
  if (contest.isError) {
    return <Result status="404" title={contest.error.message} extra={<Link to="/admin/contests">{t('contests.setup.back')}</Link>} />;
  }
  const c = contest.data;
  const rules = c.rules;
  return (
    <>
      <div className="admin-page-head">
        <h1>{c.name} <ContestStatusTag status={c.status} /></h1>
        <div className="setup-head-actions">
          {c.me.canManage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('contests.setup.edit')}</Button>}
          <StageButtons contest={c} />
        </div>
      </div>
      <ContestNav contestId={id} />
      <div className="setup-cards">
        {c.revealedAt && <Alert type="success" showIcon title={t('contests.setup.revealed_at', { at: when(lang, c.revealedAt) })} />}
        {!c.revealedAt && !c.me.canSeeNames && <Alert type="info" showIcon title={t('contests.setup.anonymous_note')} />}
        <Card title={t('contests.setup.facts')}>
          <Descriptions size="small" column={wide ? 2 : 1} bordered={wide} layout={wide ? 'horizontal' : 'vertical'} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('contests.setup.field.theme')}>{c.theme || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.field.organisers')}>{c.organisers.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.field.owner')}>{c.ownerUnion.name}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.field.venue')}>{c.venue || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.field.dates')}>{formatDateRange(lang, c.startsOn, c.endsOn)}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.chief_judge')}><ChiefJudgePicker contest={c} /></Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.rules')} span="filled">
              {t('contests.setup.rules_summary', {
                weight: Math.round(rules.writtenWeight * 100), method: t(`contests.setup.method.${rules.team.method}` as UiKey), n: rules.team.n ?? '—',
                awards: rules.itemAwards, drop: rules.judgementDropHighLowFrom, ties: rules.tieBreak.map((k) => t(`contests.setup.tie.${k}` as UiKey)).join(' › ') || '—',
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.counts')}>{t('contests.setup.counts_value', c.counts)}</Descriptions.Item>
            <Descriptions.Item label={t('contests.setup.lots.label')}>
              {c.lotsDrawnAt ? (
                <>{when(lang, c.lotsDrawnAt)}{c.lotsSeed && <div>{t('contests.setup.lots.seed')}<Typography.Text code copyable className="setup-seed">{c.lotsSeed}</Typography.Text></div>}</>
              ) : t('contests.setup.lots.not_drawn')}
            </Descriptions.Item>
          </Descriptions>
          {c.description && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>}
        </Card>
        <SetupRounds contest={c} />
        {(c.me.canSeeNames || isStaff(me)) && <SetupTeams contest={c} />}
        <SetupContestants contest={c} staff={isStaff(me)} />
      </div>
      <SetupContestDrawer
        open={editing} contest={c} askOwner={false} onClose={() => setEditing(false)}
        onSaved={() => { setEditing(false); message.success(t('contests.setup.saved')); }}
      />
    </>
  );
}
