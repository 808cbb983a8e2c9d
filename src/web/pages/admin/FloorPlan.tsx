import { ClusterOutlined, PrinterOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import { links, shortName, useAutoAssign, useFloorPlan, useMoveBooth, useUnplaced, type FloorBooth } from '../../services/fair.js';
import type { SeasonEvent } from '../../services/seasons.js';
import { acceptsDrag, FloorPlanGrid, industryColor, readDrag, startDrag, type Moving } from './FloorPlanGrid.js';
import { useIndustryNames } from './SignupsTable.js';
import './fair.css';

// The floor plan tab (issue 5 §3): auto-assignment grouped by industry, then moves by drag and drop
// or — on touch screens and from the keyboard — by selecting an employer and then a free booth.
// The last move can be undone; a booth someone else has taken is refused by the server (409).

interface LastMove { signupId: number; name: string; from: { id: number | null; number: string | null }; to: { id: number | null; number: string | null } }

function Legend({ sections, industries }: { sections: string[]; industries: Map<string, string> }) {
  const t = useT();
  return (
    <div className="fp-legend" aria-label={t('console.floor.legend')}>
      {sections.map((s) => (
        <span key={s}><i style={{ background: industryColor(s) }} />{industries.get(s) ?? s}</span>
      ))}
      <span><i className="free" />{t('console.floor.free')}</span>
    </div>
  );
}

/** Approved employers without a booth: drag or select them; dropping a booth's employer here frees the booth. */
function Waiting({ eventId, selected, busy, onSelect, onUnplace }: { eventId: number; selected: Moving | null; busy: boolean; onSelect(m: Moving | null): void; onUnplace(m: Moving): void }) {
  const t = useT();
  const unplaced = useUnplaced(eventId);
  const [over, setOver] = useState(false);
  const items = unplaced.data ?? [];
  return (
    <div
      className={`fp-waiting${over ? ' over' : ''}`}
      onDragOver={(e) => { if (acceptsDrag(e)) { e.preventDefault(); setOver(true); } }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => { e.preventDefault(); setOver(false); const m = readDrag(e); if (m && m.fromBoothId !== null) onUnplace(m); }}
    >
      <strong>{t('console.floor.waiting', { n: items.length })}</strong>
      {items.length === 0 && <Typography.Text type="secondary"> {t('console.floor.waiting_none')}</Typography.Text>}
      <div className="fp-chips">
        {items.map((s) => {
          const moving: Moving = { signupId: s.id, name: s.enterprise.name, fromBoothId: null };
          const isSelected = selected?.signupId === s.id;
          return (
            <button
              key={s.id} type="button" draggable disabled={busy} className={`fp-chip${isSelected ? ' selected' : ''}`} aria-pressed={isSelected}
              style={{ background: industryColor(s.enterprise.industrySection) }} title={s.enterprise.name}
              onDragStart={(e) => { startDrag(e, moving); onSelect(null); }} onClick={() => onSelect(isSelected ? null : moving)}
            >
              {shortName(s.enterprise.name, 10)}
            </button>
          );
        })}
      </div>
    </div>
  );
}

export function FloorPlan({ event }: { event: SeasonEvent }) {
  const t = useT();
  const { message } = App.useApp();
  const plan = useFloorPlan(event.id);
  const move = useMoveBooth(event.id);
  const auto = useAutoAssign(event.id);
  const industries = useIndustryNames();
  const [selected, setSelected] = useState<Moving | null>(null);
  const [last, setLast] = useState<LastMove | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setSelected(null); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const numberOf = (id: number | null) => (id === null ? null : plan.data?.booths.find((b) => b.id === id)?.number ?? null);

  /** Move and remember it for undo; the server's refusal (a taken booth: 409) is shown as it says it. */
  const place = async (m: Moving, to: { id: number | null; number: string | null }, remember = true) => {
    setError(null);
    setSelected(null);
    try {
      await move.mutateAsync({ signupId: m.signupId, boothId: to.id });
      if (remember) setLast({ signupId: m.signupId, name: m.name, from: { id: m.fromBoothId, number: numberOf(m.fromBoothId) }, to });
      message.success(to.number ? t('console.floor.moved', { name: shortName(m.name, 12), booth: to.number }) : t('console.floor.unplaced', { name: shortName(m.name, 12) }));
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
      return false;
    }
  };
  const undo = async () => {
    if (!last) return;
    const ok = await place({ signupId: last.signupId, name: last.name, fromBoothId: last.to.id }, last.from, false);
    if (ok) setLast(null);
  };
  const runAuto = async () => {
    setError(null);
    try {
      const r = await auto.mutateAsync();
      setLast(null);
      if (r.unplaced) message.warning(t('console.floor.auto_short', { assigned: r.assigned, unplaced: r.unplaced }));
      else message.success(t(r.assigned ? 'console.floor.auto_done' : 'console.floor.auto_nothing', { assigned: r.assigned }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
    }
  };

  if (plan.isError) return <Alert type="error" showIcon title={plan.error.message} />;
  if (!plan.data) return <Spin />;
  const p = plan.data;
  if (p.booths.length === 0 && p.zones.length === 0) return <Empty description={t('console.floor.no_zones')} />;
  const sections = [...new Set(p.booths.flatMap((b) => (b.enterprise ? [b.enterprise.industrySection] : [])))].sort();
  const busy = move.isPending || auto.isPending;
  const assign = p.permissions.assign;

  return (
    <div>
      {assign && (
        <div className="fp-toolbar">
          <Space wrap>
            <Popconfirm title={t('console.floor.auto_confirm')} onConfirm={runAuto} okText={t('console.floor.auto')} cancelText={t('common.cancel')}>
              <Button type="primary" icon={<ClusterOutlined />} loading={auto.isPending}>{t('console.floor.auto')}</Button>
            </Popconfirm>
            <Button icon={<UndoOutlined />} disabled={!last || busy} onClick={undo}>
              {last ? t('console.floor.undo_move', { name: shortName(last.name), booth: last.to.number ?? t('console.floor.waiting_short') }) : t('console.floor.undo')}
            </Button>
            <Button icon={<PrinterOutlined />} href={links.boothCards(event.id)} target="_blank">{t('console.floor.cards')}</Button>
          </Space>
          <Typography.Text type="secondary" className="fp-hint">{t('console.floor.hint')}</Typography.Text>
        </div>
      )}
      {error && <Alert type="error" showIcon closable title={error} onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {selected && (
        <div className="fp-selected" role="status">
          <span>{t(selected.fromBoothId ? 'console.floor.selected' : 'console.floor.selected_waiting', { name: selected.name, booth: numberOf(selected.fromBoothId) ?? '' })}</span>
          <Space wrap size={4}>
            {selected.fromBoothId !== null && (
              <>
                <Button size="small" href={links.boothCard(selected.signupId)} target="_blank" icon={<PrinterOutlined />}>{t('console.floor.card')}</Button>
                <Button size="small" disabled={busy} onClick={() => place(selected, { id: null, number: null })}>{t('console.floor.unassign')}</Button>
              </>
            )}
            <Button size="small" type="text" onClick={() => setSelected(null)}>{t('common.cancel')}</Button>
          </Space>
        </div>
      )}
      {assign && <Waiting eventId={event.id} selected={selected} busy={busy} onSelect={setSelected} onUnplace={(m) => place(m, { id: null, number: null })} />}
      <Legend sections={sections} industries={industries} />
      <Spin spinning={busy}>
        <FloorPlanGrid
          plan={p} selected={selected} busy={busy} industries={industries} onSelect={setSelected}
          onPlace={(m, booth: FloorBooth) => place(m, { id: booth.id, number: booth.number })}
        />
      </Spin>
    </div>
  );
}
