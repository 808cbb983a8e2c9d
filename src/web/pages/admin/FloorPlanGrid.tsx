import { Typography } from 'antd';
import { useState, type DragEvent } from 'react';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { shortName, type FloorBooth, type FloorPlan, type FloorZone } from '../../services/fair.js';

// The zones of a fair drawn as grids of numbered booths (occupied ones coloured by the employer's
// industry) and the service areas as labelled blocks. Booths are buttons: a click selects or
// places, a drag moves; both end in the same onPlace call.

/** A colour per GB/T 4754 section (A–T), light enough for dark text. */
const INDUSTRY_COLORS: Record<string, string> = {
  A: '#d9f7be', B: '#e6d5c3', C: '#bae0ff', D: '#fff1b8', E: '#ffd8bf', F: '#efdbff', G: '#ffd6e7', H: '#ffe7ba', I: '#b5f5ec', J: '#d6e4ff',
  K: '#f4ffb8', L: '#ffccc7', M: '#c6f0ff', N: '#d9f2d9', O: '#f0e6ff', P: '#fff0f6', Q: '#e0f7e9', R: '#fce4cc', S: '#e8e8e8', T: '#dde3ea',
};
export const industryColor = (section: string): string => INDUSTRY_COLORS[section] ?? '#f0f0f0';

/** What is being moved: a sign-up, from a booth or from the waiting list. */
export interface Moving { signupId: number; name: string; fromBoothId: number | null }

interface Props {
  plan: FloorPlan;
  selected: Moving | null;
  busy: boolean;
  industries: Map<string, string>;
  onSelect(moving: Moving | null): void;
  onPlace(moving: Moving, booth: FloorBooth): void;
}

const DRAG_TYPE = 'application/x-chuanyu-signup';

export function readDrag(e: DragEvent): Moving | null {
  try { return JSON.parse(e.dataTransfer.getData(DRAG_TYPE)) as Moving; } catch { return null; }
}
export function startDrag(e: DragEvent, moving: Moving): void {
  e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(moving));
  e.dataTransfer.effectAllowed = 'move';
}
export const acceptsDrag = (e: DragEvent): boolean => e.dataTransfer.types.includes(DRAG_TYPE);

function Booth({ booth, props, over, setOver }: { booth: FloorBooth; props: Props; over: boolean; setOver(id: number | null): void }) {
  const t = useT();
  const e = booth.enterprise;
  const movable = !!e?.signupId && props.plan.permissions.assign;
  const isSelected = !!e?.signupId && props.selected?.signupId === e.signupId;
  const moving: Moving | null = e?.signupId ? { signupId: e.signupId, name: e.name, fromBoothId: booth.id } : null;
  const industry = e ? props.industries.get(e.industrySection) ?? e.industrySection : '';
  const click = () => {
    if (!props.plan.permissions.assign || props.busy) return;
    // A free booth takes the selected employer; an occupied one becomes the selection (a drag onto it asks the server, which refuses).
    if (props.selected && !e) props.onPlace(props.selected, booth);
    else if (moving) props.onSelect(isSelected ? null : moving);
  };
  const className = ['fp-booth', e ? 'taken' : 'free', isSelected ? 'selected' : '', over ? 'over' : '', props.selected && !e ? 'target' : ''].join(' ');
  return (
    <button
      type="button" className={className} style={e ? { background: industryColor(e.industrySection) } : undefined}
      title={e ? `${booth.number} ${e.name} · ${industry}` : `${booth.number} ${t('console.floor.free')}`}
      aria-label={e ? `${booth.number} ${e.name}` : `${booth.number} ${t('console.floor.free')}`}
      aria-pressed={movable ? isSelected : undefined}
      draggable={movable}
      onDragStart={(ev) => { if (moving) { startDrag(ev, moving); props.onSelect(null); } }}
      onDragOver={(ev) => { if (props.plan.permissions.assign && acceptsDrag(ev)) { ev.preventDefault(); ev.dataTransfer.dropEffect = 'move'; setOver(booth.id); } }}
      onDragLeave={() => setOver(null)}
      onDrop={(ev) => {
        ev.preventDefault();
        setOver(null);
        const dropped = readDrag(ev);
        if (dropped && dropped.fromBoothId !== booth.id) props.onPlace(dropped, booth);
      }}
      onClick={click}
    >
      <span className="fp-number">{booth.number}</span>
      {e && <span className="fp-name">{shortName(e.name, 10)}</span>}
    </button>
  );
}

function BoothZone({ zone, booths, props }: { zone: FloorZone; booths: FloorBooth[]; props: Props }) {
  const t = useT();
  const [over, setOver] = useState<number | null>(null);
  const used = booths.filter((b) => b.enterprise).length;
  return (
    <section className="fp-zone" aria-label={zone.name}>
      <div className="fp-zone-head">
        <strong>{zone.name}</strong>
        <Typography.Text type="secondary">
          {booths.length ? t('console.floor.zone_use', { first: booths[0]!.number, last: booths[booths.length - 1]!.number, used, n: booths.length }) : ''}
        </Typography.Text>
      </div>
      <div className="fp-scroll">
        <div className="fp-grid" style={{ gridTemplateColumns: `repeat(${zone.cols}, var(--fp-booth))` }}>
          {booths.map((b) => (
            <div key={b.id} style={{ gridRow: b.row + 1, gridColumn: b.col + 1 }}>
              <Booth booth={b} props={props} over={over === b.id} setOver={setOver} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

const AREA_ICONS: Record<string, string> = { demonstration: '✂', rights: '⚖', membership: '♥', other: '◇' };

/** Every zone in order: booth grids and the service areas beside them. */
export function FloorPlanGrid(props: Props) {
  const t = useT();
  const byZone = new Map<number, FloorBooth[]>();
  for (const b of props.plan.booths) byZone.set(b.zoneId, [...(byZone.get(b.zoneId) ?? []), b]);
  const areas = props.plan.zones.filter((z) => z.kind !== 'booths');
  return (
    <div className="fp">
      {props.plan.zones.filter((z) => z.kind === 'booths').map((z) => (
        <BoothZone key={z.id} zone={z} props={props} booths={(byZone.get(z.id) ?? []).sort((a, b) => a.row - b.row || a.col - b.col)} />
      ))}
      {areas.length > 0 && (
        <div className="fp-areas">
          {areas.map((z) => (
            <section key={z.id} className={`fp-area ${z.kind}`} aria-label={z.name}>
              <span className="fp-area-icon" aria-hidden="true">{AREA_ICONS[z.kind] ?? '◇'}</span>
              <span>
                <strong>{z.name}</strong>
                <Typography.Text type="secondary" className="fp-area-kind">{t(`event.zone.${z.kind}` as UiKey)}</Typography.Text>
              </span>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
