import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber, pick, useLanguage } from "../../i18n";
import type { MetricInfo, MetricPoint, ScenarioInfo } from "../../protocol";

// One small chart per shared metric (each has its own unit and range), drawn by uPlot on a canvas:
// the value at the start and at the end of every phase, over the log's versions; the start and the
// round ends are the x axis' ticks and the chosen moment is a vertical line.

const ink = "#17241f";
const line = "#0b5d45";
const grid = "#cfd8d2";
const now = "#1d4ed8";

function Curve({ info, series, last, version, width }: { info: MetricInfo; series: MetricPoint[]; last: number; version: number | null; width: number }) {
  const { lang, t } = useLanguage();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const chosen = useRef<number | null>(version);
  chosen.current = version;

  const xs = series.map((p) => p.version);
  const ys = series.map((p) => p.values[info.id] ?? null);
  const ends = series.filter((p) => p.endOfRound && p.round > 0);
  const key = `${xs.join(",")}|${ys.join(",")}|${last}|${lang}|${width}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the data, the language and the width the chart is made of
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const options: uPlot.Options = {
      width,
      height: 170,
      legend: { show: false },
      cursor: { show: false },
      // The whole log on the x axis, as on the scrubber, so the moment's line is where the scrubber is.
      scales: { x: { time: false, range: [0, Math.max(1, last)] }, y: { range: [info.min, info.max] } },
      axes: [
        {
          stroke: ink,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          splits: () => [0, ...ends.map((p) => p.version)],
          values: () => [t.observe.start, ...ends.map((p) => t.debrief.roundShort(p.round))],
        },
        { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 56, values: (_u, splits) => splits.map((v) => formatNumber(v, lang)) },
      ],
      series: [{}, { label: pick(info.label, lang), stroke: line, width: 2, points: { show: true, size: 5, fill: line } }],
      hooks: {
        draw: [
          (u) => {
            const at = chosen.current;
            if (at === null) return;
            const left = u.valToPos(at, "x", true);
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = now;
            ctx.lineWidth = 2 * uPlot.pxRatio;
            ctx.beginPath();
            ctx.moveTo(left, u.bbox.top);
            ctx.lineTo(left, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    chart.current = new uPlot(options, [xs, ys], element);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [key]);

  // The draw hook reads the version from `chosen`; a new version only needs a redraw.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    chart.current?.redraw(false, false);
  }, [version]);

  const first = ys.find((v) => v !== null);
  const lastValue = [...ys].reverse().find((v) => v !== null);
  const unit = pick(info.unit, lang);
  const summary = t.debrief.curveSummary(
    pick(info.label, lang),
    first === undefined || first === null ? "–" : `${formatNumber(first, lang)}${unit ? ` ${unit}` : ""}`,
    lastValue === undefined || lastValue === null ? "–" : `${formatNumber(lastValue, lang)}${unit ? ` ${unit}` : ""}`,
  );
  return (
    <figure class="curve">
      <figcaption class="curve__title">
        {pick(info.label, lang)}
        {unit && <span class="curve__unit"> ({unit})</span>}
        <span class="curve__direction"> · {info.good === "up" ? t.play.higherIsBetter : t.play.lowerIsBetter}</span>
      </figcaption>
      <div class="curve__chart" ref={host} role="img" aria-label={summary} />
    </figure>
  );
}

/** The shared metrics' curves for one table, the chosen version marked on each; two to a row where there is room. */
export function MetricCurves({ scenario, series, last, version }: { scenario: ScenarioInfo; series: MetricPoint[]; last: number; version: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState({ width: 0, columns: 1 });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const room = element.clientWidth;
      const columns = room >= 560 ? 2 : 1;
      setLayout({ width: Math.max(200, Math.floor((room - (columns - 1) * 16) / columns) - 2), columns });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div class={`curves curves--${layout.columns}`} ref={box}>
      {layout.width > 0 && scenario.metrics.map((m) => <Curve key={m.id} info={m} series={series} last={last} version={version} width={layout.width} />)}
    </div>
  );
}
