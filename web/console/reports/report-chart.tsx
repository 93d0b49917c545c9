// A small uPlot chart of series over the report's intervals (x: the interval's first day).
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

export function ReportChart({
  title,
  days,
  series,
  yRange,
}: {
  title: string;
  days: string[];
  series: ChartSeries[];
  /** A fixed y range (e.g. 1–5 for ratings); otherwise it follows the data. */
  yRange?: [number, number];
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 200,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            spanGaps: true,
            // A lone figure has no line to draw: show every point.
            points: { show: true, size: 6, fill: s.color },
          })),
        ],
        axes: [{}, { size: 50 }],
        scales: { x: { time: true }, ...(yRange && { y: { range: yRange } }) },
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [days, series, yRange]);
  return (
    <figure class="report-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title} chart; the same figures are in the table below`} />
    </figure>
  );
}
