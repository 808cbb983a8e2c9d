import { useMemo } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { animate, Chart } from '../../screen/Chart.js';
import { FIGURE_COLORS, TOP_UNIONS, type Figures } from './figuresApi.js';

// The figures page's charts (echarts/core through the screen's Chart, loaded lazily with this
// chunk; no animation under automation): answers by union, requests by category, the months.

/** Phones get shorter union names beside the bars (the table has them whole). */
const narrow = () => typeof window !== 'undefined' && window.innerWidth < 480;

/** Each union's requests as stacked bars: answered on time, answered late, not answered. */
export function UnionsChart({ data }: { data: Figures }) {
  const t = useT();
  const unions = data.byUnion.slice(0, TOP_UNIONS).reverse();
  const option = useMemo(() => ({
    animation: animate,
    legend: { top: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: unions.map((u) => u.union.name), axisLabel: { width: narrow() ? 84 : 160, overflow: 'truncate' } },
    series: ([
      ['services.figures.series.on_time', FIGURE_COLORS.onTime, (r: Figures['requests']) => r.answeredOnTime],
      ['services.figures.series.late', FIGURE_COLORS.late, (r: Figures['requests']) => r.answered - r.answeredOnTime],
      ['services.figures.series.unanswered', FIGURE_COLORS.unanswered, (r: Figures['requests']) => r.requests - r.answered],
    ] as const).map(([name, color, value]) => ({
      name: t(name), type: 'bar', stack: 'requests', barMaxWidth: 18, itemStyle: { color }, data: unions.map((u) => value(u.requests)),
    })),
  }), [unions, t]);
  return <Chart option={option} label={t('services.figures.chart.by_union')} className="svc-fig-chart" />;
}

/** Requests per category, the answered-on-time part darker. */
export function CategoriesChart({ data }: { data: Figures }) {
  const t = useT();
  const option = useMemo(() => {
    const names = data.byCategory.map((c) => t(`services.category.${c.category}` as UiKey));
    return {
      animation: animate,
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('services.figures.series.requests'), type: 'bar', barMaxWidth: 22, itemStyle: { color: FIGURE_COLORS.requests }, data: data.byCategory.map((c) => c.requests) },
        { name: t('services.figures.series.on_time'), type: 'bar', barMaxWidth: 22, itemStyle: { color: FIGURE_COLORS.onTime }, data: data.byCategory.map((c) => c.answeredOnTime) },
      ],
    };
  }, [data, t]);
  return <Chart option={option} label={t('services.figures.chart.by_category')} className="svc-fig-chart" />;
}

/** Requests, answered on time and membership applications per month. */
export function MonthsChart({ data }: { data: Figures }) {
  const t = useT();
  const option = useMemo(() => ({
    animation: animate,
    legend: { top: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: data.byMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('services.figures.series.requests'), type: 'line', itemStyle: { color: FIGURE_COLORS.requests }, data: data.byMonth.map((m) => m.requests) },
      { name: t('services.figures.series.on_time'), type: 'line', itemStyle: { color: FIGURE_COLORS.onTime }, data: data.byMonth.map((m) => m.answeredOnTime) },
      { name: t('services.figures.series.applications'), type: 'line', itemStyle: { color: FIGURE_COLORS.applications }, data: data.byMonth.map((m) => m.applications) },
    ],
  }), [data, t]);
  return <Chart option={option} label={t('services.figures.chart.by_month')} className="svc-fig-chart" />;
}
