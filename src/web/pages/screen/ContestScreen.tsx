import { useEffect, useLayoutEffect, useState } from 'react';
import { useParams } from 'react-router';
import { StatusPage } from '../../components/StatusPage.js';
import { useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import { useResults, useResultsStream, who, type Results } from '../../services/contestResults.js';
import './screen.css';
import './contest-screen.css';

// A contest's big screen (issue 6 §5) for the venue's LED wall: 1920×1080, dark, following the
// public board over SSE (the frozen copy while frozen, work numbers until the reveal): individual
// ranking page by page, teams as bars, each sub-item's top three. No chart library: plain bars.

const CHINA = 'Asia/Shanghai';
const PAGE = 15;
/** Under automation (screenshots) the pages do not turn. */
const turning = typeof navigator === 'undefined' || !navigator.webdriver;

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

function Individuals({ results }: { results: Results }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(results.individuals.length / PAGE));
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (!turning || pages < 2) return undefined;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), 12_000);
    return () => clearInterval(timer);
  }, [pages]);
  const rows = results.individuals.slice((page % pages) * PAGE, (page % pages + 1) * PAGE);
  return (
    <div className="screen-panel cs-individuals">
      <h2>{t('contests.results.screen.top')}{pages > 1 && <span className="cs-page">{(page % pages) + 1} / {pages}</span>}</h2>
      <table className="cs-table">
        <thead>
          <tr>
            <th>{t('contests.results.rank')}</th><th>{t('contests.results.contestant')}</th><th>{t('contests.results.team')}</th>
            <th className="num">{t('contests.results.written')}</th><th className="num">{t('contests.results.practical_short')}</th><th className="num">{t('contests.results.total')}</th><th>{t('contests.results.prize')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.contestantId} className={r.rank <= 3 ? `cs-top cs-top-${r.rank}` : undefined}>
              <td><span className="cs-rank">{r.rank}</span></td><td className="cs-name">{who(r)}</td><td>{r.team}</td>
              <td className="num">{r.written.toFixed(2)}</td><td className="num">{r.practical.toFixed(2)}</td><td className="num cs-total">{r.total.toFixed(2)}</td>
              <td>{r.prize && <span className={`cs-prize cs-prize-${r.prize}`}>{t(`contests.results.prize.${r.prize}`)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Teams({ results }: { results: Results }) {
  const t = useT();
  const top = results.teams[0]?.score || 1;
  return (
    <div className="screen-panel cs-teams">
      <h2>{t('contests.results.screen.teams')}</h2>
      <ol>
        {results.teams.map((team) => (
          <li key={team.teamId}>
            <span className="cs-rank">{team.rank}</span>
            <span className="cs-team-name">{team.team}</span>
            <div className="screen-bar cs-bar"><i style={{ width: `${Math.max(2, (team.score / top) * 100)}%` }} /></div>
            <strong>{team.score.toFixed(2)}</strong>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Items({ results }: { results: Results }) {
  const t = useT();
  return (
    <div className="screen-panel cs-items">
      <h2>{t('contests.results.screen.items')}</h2>
      <div className="cs-item-grid">
        {results.items.map((item) => (
          <section key={item.itemId} className="cs-item">
            <h3>{item.name}</h3>
            {item.locked ? (
              <ol>
                {item.ranking.slice(0, 3).map((r) => (
                  <li key={r.contestantId}><span className="cs-rank">{r.rank}</span><span className="cs-name">{who(r)}</span><strong>{r.score.toFixed(2)}</strong></li>
                ))}
              </ol>
            ) : <p className="cs-wait">{t('contests.results.not_locked_short')}</p>}
          </section>
        ))}
      </div>
    </div>
  );
}

export default function ContestScreen() {
  const t = useT();
  const id = Number(useParams().id);
  const scale = useFit();
  const results = useResults(id);
  // The screen shows the public board: each push replaces what it shows (the first within a moment of connecting).
  const connected = useResultsStream(id, true);
  const [clock, setClock] = useState(() => new Date());
  useEffect(() => { const timer = setInterval(() => setClock(new Date()), 1_000); return () => clearInterval(timer); }, []);

  if (results.isError && !results.data) {
    const missing = results.error instanceof ApiError && results.error.status === 404;
    return <StatusPage code={missing ? '404' : '!'} title={missing ? t('contests.results.screen.not_found') : t('contests.results.screen.error')} body={missing ? '' : (results.error as Error).message} />;
  }
  const r = results.data;
  return (
    <div className="screen-viewport">
      <div className="screen" style={{ transform: `scale(${scale})` }}>
        <header className="screen-head">
          <div>
            <h1>{r?.contest.name ?? t('common.loading')}</h1>
            {r && r.totalItems > 0 && (
              <p>
                {r.complete ? t('contests.results.complete', { total: r.totalItems }) : t('contests.results.provisional', { locked: r.lockedItems, total: r.totalItems })}
                {r.basis === 'written-only' && r.individuals.length > 0 ? ` · ${t('contests.results.written_only')}` : ''}
              </p>
            )}
          </div>
          <div className="screen-clock">
            {r?.frozen
              ? <span className="screen-live cs-frozen">{t('contests.results.frozen_badge')}</span>
              : <span className={`screen-live${connected ? ' on' : ''}`}>{connected ? t('contests.results.live_badge') : t('contests.results.m.reconnecting')}</span>}
            <time>{clock.toLocaleString('zh-CN', { timeZone: CHINA, hour12: false })}</time>
          </div>
        </header>
        {!r ? <div className="screen-empty">{t('common.loading')}</div> : !r.individuals.length ? (
          <div className="screen-empty cs-empty"><strong>{t('contests.results.m.empty')}</strong><span>{t('contests.results.m.empty_hint')}</span></div>
        ) : (
          <section className="cs-grid">
            <Individuals results={r} />
            <Teams results={r} />
            <Items results={r} />
          </section>
        )}
      </div>
    </div>
  );
}
