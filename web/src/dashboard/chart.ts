import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The trend chart. This module (and uPlot with it, ~50 KB) is loaded with import() only once the
 * tiles and tables are on screen; if it never arrives, the page keeps its table of the same
 * figures. Periods are categories on the x axis (0, 1, 2, … labelled with the period's name).
 */
export interface TrendLine {
  label: string;
  /** Per cent (0–100), null where there was nothing to measure (drawn as a gap). */
  values: (number | null)[];
  colour: string;
  dash?: number[];
}

export interface TrendChart {
  destroy(): void;
}

const HEIGHT = 320;

/** About how wide an axis label is at 15 px (a CJK character a full em, others about half), with a gap. */
const labelWidth = (label: string) =>
  [...label].reduce((width, c) => width + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 15 : 8.5), 16);

export function drawTrend(
  container: HTMLElement,
  axis: { name: string; labels: readonly string[] },
  lines: readonly TrendLine[],
): TrendChart {
  const { labels } = axis;
  const xs = labels.map((_, i) => i);
  const last = labels.length - 1;
  const width = () => Math.max(280, container.clientWidth);
  const options: uPlot.Options = {
    width: width(),
    height: HEIGHT,
    scales: { x: { time: false, range: [-0.3, Math.max(labels.length - 0.7, 0.3)] }, y: { range: [0, 100] } },
    axes: [
      {
        splits: () => xs,
        // On a phone six "2026年4月" do not fit side by side: every k-th label, the latest always.
        values: (self, splits) => {
          const room = self.bbox.width / uPlot.pxRatio / Math.max(labels.length, 1);
          const widest = Math.max(...labels.map(labelWidth));
          const k = Math.max(1, Math.ceil(widest / room));
          return splits.map((i) => ((last - i) % k === 0 ? (labels[i] ?? '') : ''));
        },
        font: '15px system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
        grid: { show: false },
      },
      {
        values: (_self, splits) => splits.map((v) => `${v}%`),
        font: '15px system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
        size: 56,
      },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    series: [
      // Not hovered (idx null), the legend reads the latest period, not "—" (uPlot's default).
      { label: axis.name, value: (_self, _v, _s, i) => labels[i ?? last] ?? '' },
      ...lines.map((line) => ({
        label: line.label,
        stroke: line.colour,
        width: 3,
        ...(line.dash ? { dash: line.dash } : {}),
        points: { size: 9, fill: line.colour },
        value: (_self: uPlot, v: number | null, _s: number, i: number | null) => {
          const shown = i === null ? (line.values[last] ?? null) : v;
          return shown === null ? '—' : `${shown.toFixed(1)}%`;
        },
      })),
    ],
  };
  const chart = new uPlot(options, [xs, ...lines.map((l) => l.values)], container);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
  resize.observe(container);
  return {
    destroy() {
      resize.disconnect();
      chart.destroy();
    },
  };
}
