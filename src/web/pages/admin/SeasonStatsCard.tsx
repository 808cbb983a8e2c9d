import { Alert, Card, Progress, Statistic, Typography } from 'antd';
import type { Figures, GoalProgress, Season } from '../../services/seasons.js';
import { CHINA_TZ, useSeasonStats } from '../../services/seasons.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

const FIGURES: (keyof Figures)[] = ['enterprises', 'positions', 'jobTypes', 'checkins', 'consultations', 'interviews', 'intents'];

/** Each goal as a bar: "直播带岗 12 / 40". */
export function GoalsCard({ goals }: { goals: GoalProgress[] }) {
  const t = useT();
  const { lang } = useI18n();
  const n = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Card title={t('season.goals')} style={{ height: '100%' }}>
      {goals.length === 0 && <Typography.Text type="secondary">{t('season.goals_none')}</Typography.Text>}
      {goals.map((g) => (
        <div key={g.goal} className="season-goal">
          <div className="season-goal-head">
            <span>{t(`season.figure.${g.goal}` as UiKey)}</span>
            <span className="season-goal-figure">
              {n.format(g.value)} / {n.format(g.target)}
              <Typography.Text type="secondary"> · {percent.format(g.ratio)}</Typography.Text>
            </span>
          </div>
          <Progress percent={g.ratio * 100} showInfo={false} size="small" status={g.ratio >= 1 ? 'success' : 'normal'} />
        </div>
      ))}
    </Card>
  );
}

/** The season's live figures (counters on the server), each split 重庆 / 四川; refreshed every 30 s. */
export function SeasonStatsCard({ season }: { season: Season }) {
  const t = useT();
  const { lang } = useI18n();
  const counted = season.status !== 'draft';
  const stats = useSeasonStats(season.id, counted);
  const s = stats.data;
  const n = new Intl.NumberFormat(lang);
  const time = new Intl.DateTimeFormat(lang, { timeZone: CHINA_TZ, timeStyle: 'medium', hourCycle: 'h23' });
  return (
    <Card
      title={t('season.stats')} style={{ marginBottom: 16 }}
      extra={s && <Typography.Text type="secondary">{t('season.stats_at', { time: time.format(new Date(s.at)) })}</Typography.Text>}
    >
      {!counted && <Alert type="info" showIcon title={t('season.stats_draft')} />}
      {stats.isError && <Alert type="error" showIcon title={stats.error.message} />}
      {counted && !stats.isError && (
        <>
          <div className="season-stats">
            {FIGURES.map((f) => (
              <div key={f} className="season-stat">
                <Statistic title={t(`season.figure.${f}` as UiKey)} value={s ? s[f] : '—'} loading={stats.isPending} />
                {s && (
                  <Typography.Text type="secondary" className="season-stat-split">
                    {t('federation.50')} {n.format(s.byFederation['50'][f])} · {t('federation.51')} {n.format(s.byFederation['51'][f])}
                  </Typography.Text>
                )}
              </div>
            ))}
          </div>
          {s && <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>{t('season.events_summary', s.events)}</Typography.Paragraph>}
        </>
      )}
    </Card>
  );
}
