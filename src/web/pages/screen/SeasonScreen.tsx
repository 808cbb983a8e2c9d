import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { StatusPage } from '../../components/StatusPage.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { api, ApiError } from '../../services/client.js';
import { animate, Chart } from './Chart.js';
import './screen.css';

// The season's big screen (issue 5 §7) for the venue's LED wall: 1920×1080, dark, live. Totals and
// each federation's share come from the stats stream (SSE) the moment a check-in or an intent is
// written; the charts refresh at most every few seconds.

interface Figures { enterprises: number; jobTypes: number; positions: number; openings: number; checkins: number; consultations: number; interviews: number; intents: number }
interface Stats extends Figures { byFederation: { '50': Figures; '51': Figures }; events: { fair: number; online: number; livestream: number; forum: number; held: number }; at: string }
interface Screen {
  season: { id: number; name: string; theme: string; startsOn: string; endsOn: string };
  stats: Stats;
  hourly: { hour: string; count: number }[];
  jobTypes: { code: string; name: string; postings: number; positions: number }[];
  industries: { section: string; name: string; enterprises: number }[];
}

const TILES: { key: keyof Figures; label: UiKey }[] = [
  { key: 'enterprises', label: 'screen.enterprises' }, { key: 'positions', label: 'screen.positions' }, { key: 'jobTypes', label: 'screen.job_types' },
  { key: 'checkins', label: 'screen.checkins' }, { key: 'consultations', label: 'screen.consultations' }, { key: 'interviews', label: 'screen.interviews' },
  { key: 'intents', label: 'screen.intents' },
];
const CHINA = 'Asia/Shanghai';
const CQ = '#e8443a';
/** A share's label, left out when there is nothing to label. */
const shareLabel = (p: { value: number }) => (p.value ? `${p.value}%` : '');
const SC = '#f2b138';
const AXIS = { axisLine: { lineStyle: { color: '#3a4d6b' } }, axisLabel: { color: '#a9bad6', fontSize: 16 }, splitLine: { lineStyle: { color: '#1c2a44' } } };

/** A number that counts up to its new value (at once under automation). */
function useCountUp(value: number): number {
  const [shown, setShown] = useState(value);
  const from = useRef(value);
  useEffect(() => {
    if (!animate) { setShown(value); return; }
    const start = performance.now();
    const begin = from.current;
    let frame = 0;
    const step = (now: number) => {
      const p = Math.min(1, (now - start) / 800);
      const v = Math.round(begin + (value - begin) * (1 - (1 - p) ** 3));
      setShown(v);
      from.current = v;
      if (p < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value]);
  return shown;
}

function Tile({ label, value, accent }: { label: string; value: number; accent?: boolean }) {
  const shown = useCountUp(value);
  return (
    <div className={`screen-tile${accent ? ' accent' : ''}`}>
      <div className="screen-tile-value">{shown.toLocaleString('zh-CN')}</div>
      <div className="screen-tile-label">{label}</div>
    </div>
  );
}

/** Scale the fixed 1920×1080 canvas to the window, keeping its proportions. */
function useFit() {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / 1920, window.innerHeight / 1080));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return scale;
}

export default function SeasonScreen() {
  const t = useT();
  const { id } = useParams();
  const client = useQueryClient();
  const scale = useFit();
  const screen = useQuery({ queryKey: ['screen', id], queryFn: () => api<Screen>(`/api/seasons/${id}/screen`), refetchInterval: 60_000 });
  const goals = useQuery({ queryKey: ['screen-goals', id], queryFn: () => api<{ goals: { goal: string; target: number; value: number; ratio: number }[] }>(`/api/seasons/${id}`), refetchInterval: 60_000 });
  const [live, setLive] = useState<{ stats: Stats | null; connected: boolean }>({ stats: null, connected: false });
  const [clock, setClock] = useState(() => new Date());
  useEffect(() => { const timer = setInterval(() => setClock(new Date()), 1_000); return () => clearInterval(timer); }, []);
  useEffect(() => {
    // The browser reconnects by itself after a drop (retry: 3000 from the server).
    const source = new EventSource(`/api/seasons/${id}/stats/stream`);
    let refetch: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('update', (e) => {
      setLive({ stats: JSON.parse((e as MessageEvent<string>).data) as Stats, connected: true });
      refetch ??= setTimeout(() => { refetch = null; void client.invalidateQueries({ queryKey: ['screen', id] }); }, 5_000);
    });
    source.onerror = () => setLive((l) => ({ ...l, connected: false }));
    return () => { source.close(); if (refetch) clearTimeout(refetch); };
  }, [id, client]);

  const data = screen.data;
  const stats = live.stats ?? data?.stats;
  const options = useMemo(() => {
    if (!data || !stats) return null;
    // The venue's own time, whatever the screen's computer is set to.
    const hours = data.hourly.map((h) => new Date(h.hour).toLocaleString('zh-CN', { timeZone: CHINA, month: 'numeric', day: 'numeric', hour: '2-digit', hour12: false }));
    const tooltip = { trigger: 'axis', backgroundColor: '#0d1a30', borderColor: '#3a4d6b', textStyle: { color: '#e6eefb', fontSize: 16 } };
    const share = (key: keyof Figures) => [stats.byFederation['50'][key], stats.byFederation['51'][key]];
    return {
      hourly: {
        grid: { left: 70, right: 30, top: 30, bottom: 50 }, tooltip,
        xAxis: { type: 'category', data: hours, ...AXIS }, yAxis: { type: 'value', ...AXIS },
        series: [{ type: 'line', smooth: true, data: data.hourly.map((h) => h.count), symbolSize: 8, lineStyle: { width: 4, color: '#4fc3f7' }, itemStyle: { color: '#4fc3f7' }, areaStyle: { color: 'rgba(79,195,247,0.18)' } }],
      },
      federations: {
        grid: { left: 110, right: 30, top: 50, bottom: 30 }, tooltip, legend: { data: [t('screen.cq'), t('screen.sc')], textStyle: { color: '#e6eefb', fontSize: 16 }, top: 0 },
        yAxis: { type: 'category', data: [t('screen.enterprises'), t('screen.positions'), t('screen.checkins'), t('screen.intents')], ...AXIS },
        xAxis: { type: 'value', max: 100, ...AXIS, axisLabel: { ...AXIS.axisLabel, formatter: '{value}%' } },
        series: [
          { name: t('screen.cq'), type: 'bar', stack: 'share', itemStyle: { color: CQ }, label: { show: true, color: '#fff', fontSize: 15, formatter: shareLabel }, data: (['enterprises', 'positions', 'checkins', 'intents'] as const).map((k) => pct(share(k)[0]!, share(k)[1]!)) },
          { name: t('screen.sc'), type: 'bar', stack: 'share', itemStyle: { color: SC }, label: { show: true, color: '#1b1b1b', fontSize: 15, formatter: shareLabel }, data: (['enterprises', 'positions', 'checkins', 'intents'] as const).map((k) => pct(share(k)[1]!, share(k)[0]!)) },
        ],
      },
      jobTypes: {
        grid: { left: 150, right: 60, top: 10, bottom: 20 }, tooltip,
        yAxis: { type: 'category', inverse: true, data: data.jobTypes.map((j) => j.name), ...AXIS }, xAxis: { type: 'value', ...AXIS, axisLabel: { show: false } },
        series: [{ type: 'bar', data: data.jobTypes.map((j) => j.postings), barWidth: 18, itemStyle: { color: '#7c4dff', borderRadius: [0, 9, 9, 0] }, label: { show: true, position: 'right', color: '#e6eefb', fontSize: 15 } }],
      },
      industries: {
        tooltip: { ...tooltip, trigger: 'item' },
        series: [{
          type: 'pie', radius: ['38%', '68%'], center: ['50%', '52%'], label: { color: '#e6eefb', fontSize: 15, formatter: '{b}\n{c}' },
          data: data.industries.map((i) => ({ name: i.name, value: i.enterprises })),
        }],
      },
    };
  }, [data, stats, t]);

  if (screen.isError) {
    const missing = screen.error instanceof ApiError && screen.error.status === 404;
    return <StatusPage code={missing ? '404' : '!'} title={missing ? t('screen.not_found') : t('screen.error')} body={missing ? t('screen.not_found_hint') : (screen.error as Error).message} />;
  }
  return (
    <div className="screen-viewport">
      <div className="screen" style={{ transform: `scale(${scale})` }}>
        <header className="screen-head">
          <div>
            <h1>{data?.season.name ?? t('common.loading')}</h1>
            <p>{data?.season.theme}</p>
          </div>
          <div className="screen-clock">
            <span className={`screen-live${live.connected ? ' on' : ''}`}>{live.connected ? t('screen.live') : t('screen.connecting')}</span>
            <time>{clock.toLocaleString('zh-CN', { timeZone: CHINA, hour12: false })}</time>
          </div>
        </header>
        <section className="screen-tiles">
          {TILES.map((tile) => <Tile key={tile.key} label={t(tile.label)} value={stats?.[tile.key] ?? 0} accent={tile.key === 'intents'} />)}
        </section>
        {options && data && stats ? (
          <section className="screen-grid">
            <div className="screen-panel wide"><h2>{t('screen.hourly')}</h2>{data.hourly.length ? <Chart option={options.hourly} label={t('screen.hourly')} /> : <p className="screen-empty">{t('screen.no_checkins')}</p>}</div>
            <div className="screen-panel"><h2>{t('screen.federations')}</h2><Chart option={options.federations} label={t('screen.federations')} /></div>
            <div className="screen-panel"><h2>{t('screen.top_job_types')}</h2>{data.jobTypes.length ? <Chart option={options.jobTypes} label={t('screen.top_job_types')} /> : <p className="screen-empty">{t('screen.no_postings')}</p>}</div>
            <div className="screen-panel"><h2>{t('screen.industries')}</h2>{data.industries.length ? <Chart option={options.industries} label={t('screen.industries')} /> : <p className="screen-empty">{t('screen.no_postings')}</p>}</div>
            <div className="screen-panel goals">
              <h2>{t('screen.goals')}</h2>
              {goals.data?.goals.length ? (
                <ul>
                  {goals.data.goals.map((g) => (
                    <li key={g.goal}>
                      <span>{t(`screen.goal.${g.goal}` as UiKey)}</span>
                      <div className="screen-bar"><i style={{ width: `${Math.round(g.ratio * 100)}%` }} /></div>
                      <strong>{g.value.toLocaleString('zh-CN')} / {g.target.toLocaleString('zh-CN')}</strong>
                    </li>
                  ))}
                </ul>
              ) : <p className="screen-empty">{t('screen.no_goals')}</p>}
            </div>
            <div className="screen-panel events">
              <h2>{t('screen.events')}</h2>
              <ul>
                {(['fair', 'online', 'livestream', 'forum'] as const).map((k) => <li key={k}><span>{t(`screen.kind.${k}` as UiKey)}</span><strong>{stats.events[k]}</strong></li>)}
              </ul>
            </div>
          </section>
        ) : <div className="screen-empty">{t('common.loading')}</div>}
      </div>
    </div>
  );
}

/** a as a whole percentage of a + b (0 when both are 0). */
function pct(a: number, b: number): number {
  return a + b ? Math.round((a / (a + b)) * 1000) / 10 : 0;
}
