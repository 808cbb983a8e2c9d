import { useMemo } from 'react';
import { useT } from '../../../i18n/index.js';
import { animate, Chart } from '../../screen/Chart.js';
import { LIGHT_COLORS, LIGHTS, type Dashboard } from './yearlyApi.js';

// The dashboard's two charts (echarts/core through the screen's Chart, loaded lazily with this
// chunk): the status lights as a ring, and each area's mean progress as bars coloured by how far along.

/** The status lights as a ring with the total in the middle (drawn by the page: the title component is not loaded). */
export function LightsChart({ data }: { data: Dashboard }) {
  const t = useT();
  const option = useMemo(() => ({
    animation: animate,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [{
      type: 'pie', radius: ['55%', '80%'], avoidLabelOverlap: true, label: { show: false },
      data: LIGHTS.map((l) => ({ name: t(`coop.yearly.status.${l}`), value: data.counts[l], itemStyle: { color: LIGHT_COLORS[l] } })),
    }],
  }), [data, t]);
  return (
    <div className="coop-dash-ring-wrap">
      <Chart option={option} label={t('coop.yearly.lights')} className="coop-dash-chart coop-dash-ring" />
      <div className="coop-dash-ring-total" aria-hidden><strong>{data.counts.total}</strong><span>{t('coop.yearly.total')}</span></div>
    </div>
  );
}

const barColor = (percent: number) => (percent >= 100 ? LIGHT_COLORS.done : percent >= 60 ? LIGHT_COLORS.on_track : percent >= 30 ? LIGHT_COLORS.at_risk : LIGHT_COLORS.late);

/** Each area's mean progress, one horizontal bar per area. */
export function AreasChart({ data }: { data: Dashboard }) {
  const t = useT();
  const option = useMemo(() => {
    const areas = [...data.areas].reverse();
    return {
      animation: animate,
      grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true }, // room for a 100.0% label past the bar's end
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', max: 100, interval: 50, name: t('coop.yearly.percent_axis'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: areas.map((a) => a.name), axisLabel: { width: 130, overflow: 'break', lineHeight: 14 } },
      series: [{
        type: 'bar', barWidth: 16, data: areas.map((a) => ({ value: a.percent, itemStyle: { color: barColor(a.percent), borderRadius: [0, 8, 8, 0] } })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      }],
    };
  }, [data, t]);
  return <Chart option={option} label={t('coop.yearly.areas')} className="coop-dash-chart coop-dash-bars" />;
}

