import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// ECharts through echarts/core with only what the big screen draws (DESIGN.md: never the whole
// library), so the chart code stays in this route's chunk.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Under automation (screenshots) charts are drawn at once, without animation. */
export const animate = typeof navigator === 'undefined' || !navigator.webdriver;

export function Chart({ option, label, className }: { option: echarts.EChartsCoreOption; label: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.current?.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption({ animation: animate, ...option }, { notMerge: false }); }, [option]);
  return <div ref={ref} className={className ?? 'screen-chart'} role="img" aria-label={label} />;
}
