import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoading, StatusPage } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { useMe } from '../../../services/auth.js';
import { ApiError } from '../../../services/client.js';
import { usePublicContests, useResults, useResultsStream, who, type Prize, type Results } from '../../../services/contestResults.js';
import { TopBar } from '../TopBar.js';
import './contests.css';

// The public leaderboard on phones (issue 6 §5): individuals, teams and sub-items, updated over
// SSE as the chief judge locks; says honestly when the board is frozen or still provisional.

/** Published contests, newest first, each opening its leaderboard. */
export function ContestListPage() {
  const t = useT();
  const list = usePublicContests();
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('contests.results.m.list_title')}</h2>
        {list.isPending && <div className="m-empty">{t('common.loading')}</div>}
        {list.isError && <div className="m-alert" role="alert">{(list.error as Error).message}</div>}
        {list.data && !list.data.items.length && <div className="m-empty">{t('contests.results.m.list_empty')}</div>}
        <ul className="cr-cards">
          {list.data?.items.map((c) => (
            <li key={c.id}>
              <Link className="cr-card" to={`/m/contests/${c.id}`}>
                <strong>{c.name}</strong>
                <span>{t('contests.results.m.dates', { from: c.startsOn, to: c.endsOn })}{c.venue ? ` · ${c.venue}` : ''}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function RankBadge({ rank }: { rank: number }) {
  return <span className={`cr-rank${rank <= 3 ? ` cr-rank-${rank}` : ''}`}>{rank}</span>;
}

export function StatusChips({ results, connected }: { results: Results; connected: boolean }) {
  const t = useT();
  return (
    <div className="cr-chips">
      {results.frozen
        ? <span className="cr-chip cr-chip-frozen">{t('contests.results.frozen_badge')}</span>
        : <span className={`cr-chip ${connected ? 'cr-chip-live' : ''}`}>{connected ? t('contests.results.m.connected') : t('contests.results.m.reconnecting')}</span>}
      {results.complete
        ? <span className="cr-chip cr-chip-final">{t('contests.results.final_short')}</span>
        : results.totalItems > 0 && <span className="cr-chip cr-chip-provisional">{t('contests.results.provisional_short', { locked: results.lockedItems, total: results.totalItems })}</span>}
    </div>
  );
}

const PrizeMark = ({ prize }: { prize: Prize | null }) => {
  const t = useT();
  return prize ? <span className={`cr-prize cr-prize-${prize}`}>{t(`contests.results.prize.${prize}`)}</span> : null;
};

function Individuals({ results }: { results: Results }) {
  const t = useT();
  return (
    <ol className="cr-rows">
      {results.individuals.map((r) => (
        <li key={r.contestantId}>
          <RankBadge rank={r.rank} />
          <div className="cr-who"><strong>{who(r)}</strong><span>{r.team}{r.name && r.workNumber ? ` · #${r.workNumber}` : ''}</span></div>
          <div className="cr-score">
            <strong>{r.total.toFixed(2)}</strong>
            <span>{t('contests.results.written')} {r.written} · {t('contests.results.practical_short')} {r.practical}</span>
            <PrizeMark prize={r.prize} />
          </div>
        </li>
      ))}
    </ol>
  );
}

function Teams({ results }: { results: Results }) {
  const t = useT();
  return (
    <ol className="cr-rows">
      {results.teams.map((r) => (
        <li key={r.teamId}>
          <RankBadge rank={r.rank} />
          <div className="cr-who"><strong>{r.team}</strong><span>{t('contests.results.members')} {r.members}</span></div>
          <div className="cr-score"><strong>{r.score.toFixed(2)}</strong>{r.awarded && <span className="cr-prize cr-prize-first">{t('contests.results.team_award')}</span>}</div>
        </li>
      ))}
    </ol>
  );
}

function Items({ results }: { results: Results }) {
  const t = useT();
  const [selected, setSelected] = useState<number | null>(null);
  const item = results.items.find((i) => i.itemId === selected) ?? results.items[0];
  if (!item) return <div className="m-empty">{t('contests.results.m.empty')}</div>;
  const awarded = new Set(item.awarded);
  return (
    <>
      <div className="cr-item-chips" role="radiogroup" aria-label={t('contests.results.m.choose_item')}>
        {results.items.map((i) => (
          <button key={i.itemId} type="button" role="radio" aria-checked={i.itemId === item.itemId} className={`cr-item-chip${i.locked ? '' : ' cr-item-open'}`} onClick={() => setSelected(i.itemId)}>
            {i.name}
          </button>
        ))}
      </div>
      {!item.locked ? <div className="m-empty">{t('contests.results.item_not_locked')}</div> : (
        <ol className="cr-rows">
          {item.ranking.map((r) => (
            <li key={r.contestantId}>
              <RankBadge rank={r.rank} />
              <div className="cr-who"><strong>{who(r)}</strong><span>{r.team}</span></div>
              <div className="cr-score"><strong>{r.score.toFixed(2)}</strong>{awarded.has(r.contestantId) && <span className="cr-prize cr-prize-second">{t('contests.results.item_award')}</span>}</div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

type Tab = 'individuals' | 'teams' | 'items';
const TABS: { key: Tab; label: UiKey }[] = [
  { key: 'individuals', label: 'contests.results.individuals' }, { key: 'teams', label: 'contests.results.teams' }, { key: 'items', label: 'contests.results.items' },
];

/** One contest's public leaderboard. */
export function ContestBoardPage() {
  const t = useT();
  const id = Number(useParams().id);
  const results = useResults(id);
  const me = useMe();
  // The pushed board is the public one: anonymous phones take it as it is; a logged-in user (an
  // organiser sees the live board, names before the reveal) refetches his own on each push.
  const connected = useResultsStream(id, !me.isPending && !me.data);
  const [tab, setTab] = useState<Tab>('individuals');
  if (results.isPending) return <PageLoading />;
  if (results.isError && results.error instanceof ApiError && results.error.status === 404) {
    return <StatusPage code="404" title={t('contests.results.m.not_found')} body="" actions={<Link className="btn btn-primary" to="/m/contests">{t('contests.results.m.list_title')}</Link>} />;
  }
  const r = results.data;
  return (
    <div className="m">
      <TopBar back="/m/contests" />
      <section className="cr-hero">
        <h1>{r?.contest.name ?? t('contests.results.m.board')}</h1>
        {r && <StatusChips results={r} connected={connected} />}
        {r?.frozen && r.frozenAt && <p className="cr-note">{t('contests.results.frozen_at', { at: new Date(r.frozenAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) })}</p>}
        {r && r.basis === 'written-only' && r.individuals.length > 0 && <p className="cr-note">{t('contests.results.written_only')}</p>}
        {r && !r.contest.revealed && <p className="cr-note">{t('contests.results.names_hidden')}</p>}
      </section>
      {results.isError && <section className="m-section"><div className="m-alert" role="alert">{(results.error as Error).message}</div></section>}
      {r && (
        <section className="m-section cr-board">
          <div className="cr-tabs" role="tablist">
            {TABS.map((x) => (
              <button key={x.key} type="button" role="tab" aria-selected={tab === x.key} className="cr-tab" onClick={() => setTab(x.key)}>{t(x.label)}</button>
            ))}
          </div>
          {!r.individuals.length ? (
            <div className="m-empty"><strong>{t('contests.results.m.empty')}</strong>{t('contests.results.m.empty_hint')}</div>
          ) : tab === 'individuals' ? <Individuals results={r} /> : tab === 'teams' ? <Teams results={r} /> : <Items results={r} />}
        </section>
      )}
    </div>
  );
}
